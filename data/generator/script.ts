/**
 * A conversation being written turn by turn. Scenarios say what is said; this fills templates,
 * roughens customer text and keeps the one PII / look-alike sentence for the first customer line.
 */
import type { Role } from '../../server/domain.js';
import { roughen, shout } from './noise.js';
import type { Rng } from './random.js';
import { fillTemplate, type CompiledPack, type Slots, type Template } from './texts/index.js';

/** A message in format v1 field order; record.ts adds `ts` once the timing is known. */
export interface V1Message {
  role: Role;
  agent_id?: string;
  /** Absent only for system events. */
  text?: string;
  event?: 'handoff';
  ts?: string;
}

export class Script {
  readonly messages: V1Message[] = [];

  constructor(
    readonly rng: Rng,
    readonly pack: CompiledPack,
    private readonly slots: Slots,
    private readonly agentId: string,
    /** Appended to the first customer message only (PII or look-alike), or ''. */
    private extra: string,
  ) {}

  fill(templates: readonly Template[]): string {
    return fillTemplate(this.rng.pick(templates), this.slots);
  }

  /** A customer line from templates, typed the way people type. */
  customer(templates: readonly Template[]): string {
    const text = roughen(this.rng, this.fill(templates));
    this.customerText(text);
    return text;
  }

  customerAngry(templates: readonly Template[]): void {
    this.customerText(shout(this.rng, this.fill(templates)));
  }

  customerText(text: string): void {
    let out = text;
    if (this.extra !== '') {
      out = `${text}. ${this.extra}`;
      this.extra = '';
    }
    this.messages.push({ role: 'customer', text: out });
  }

  ai(templates: readonly Template[]): void {
    this.messages.push({ role: 'ai', text: this.fill(templates) });
  }

  agent(templates: readonly Template[]): void {
    this.messages.push({ role: 'agent', agent_id: this.agentId, text: this.fill(templates) });
  }

  handoff(): void {
    this.messages.push({ role: 'system', event: 'handoff' });
  }
}
