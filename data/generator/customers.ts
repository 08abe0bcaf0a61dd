/**
 * Who is writing: new customers, known customers coming back at any time, and repeat contacts
 * scheduled after a conversation (more often after bad outcomes). Memory is bounded: a fixed ring
 * of known customers and a capped min-heap of pending repeats.
 */
import type { Tier, Topic } from '../../server/domain.js';
import {
  ANONYMOUS_RATE,
  LOCAL_LANGUAGE_SHARE,
  MARKET_WEIGHTS,
  MAX_PENDING_REPEATS,
  REPEAT_DELAY_DAYS,
  REPEAT_RATE,
  RETURNING_CUSTOMER_RATE,
  RETURNING_POOL_SIZE,
  VIP_CUSTOMER_RATE,
  type Language,
  type Market,
  type Outcome,
} from './config.js';
import { DAY_MS } from './calendar.js';
import { WeightedPicker, type Rng } from './random.js';
import { pickFirstName } from './slots.js';

export interface Customer {
  /** null for guests and social handles the source could not link to an account. */
  id: string | null;
  tier: Tier;
  market: Market;
  language: Language;
  firstName: string;
}

export interface Arrival {
  customer: Customer;
  /** Set when this is a repeat contact: the topic of the conversation it follows. */
  previousTopic: Topic | null;
}

const marketPicker = WeightedPicker.fromRecord(MARKET_WEIGHTS);

class RepeatHeap {
  private readonly due: number[] = [];
  private readonly items: Array<{ customer: Customer; topic: Topic }> = [];

  get size(): number {
    return this.due.length;
  }

  peekDue(): number {
    return this.due.length > 0 ? this.due[0] : Infinity;
  }

  push(due: number, item: { customer: Customer; topic: Topic }): void {
    this.due.push(due);
    this.items.push(item);
    let i = this.due.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (this.due[parent] <= this.due[i]) break;
      this.swap(i, parent);
      i = parent;
    }
  }

  pop(): { customer: Customer; topic: Topic } {
    const top = this.items[0];
    const lastDue = this.due.pop() as number;
    const lastItem = this.items.pop() as { customer: Customer; topic: Topic };
    if (this.due.length > 0) {
      this.due[0] = lastDue;
      this.items[0] = lastItem;
      this.siftDown();
    }
    return top;
  }

  private siftDown(): void {
    const n = this.due.length;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let smallest = i;
      if (left < n && this.due[left] < this.due[smallest]) smallest = left;
      if (right < n && this.due[right] < this.due[smallest]) smallest = right;
      if (smallest === i) return;
      this.swap(i, smallest);
      i = smallest;
    }
  }

  private swap(a: number, b: number): void {
    [this.due[a], this.due[b]] = [this.due[b], this.due[a]];
    [this.items[a], this.items[b]] = [this.items[b], this.items[a]];
  }
}

export class CustomerPool {
  private nextId = 100_001;
  private readonly known: Customer[] = [];
  private knownCursor = 0;
  private readonly repeats = new RepeatHeap();

  constructor(private readonly rng: Rng) {}

  /** The customer starting a conversation at `at`: a due repeat first, else returning or new. */
  arrive(at: number): Arrival {
    if (this.repeats.peekDue() <= at) {
      const { customer, topic } = this.repeats.pop();
      return { customer, previousTopic: topic };
    }
    if (this.known.length >= 100 && this.rng.chance(RETURNING_CUSTOMER_RATE)) {
      return { customer: this.rng.pick(this.known), previousTopic: null };
    }
    return {
      customer: this.create(this.rng.chance(VIP_CUSTOMER_RATE) ? 'vip' : 'standard'),
      previousTopic: null,
    };
  }

  create(tier: Tier): Customer {
    const market = marketPicker.pick(this.rng);
    const local = LOCAL_LANGUAGE_SHARE[market];
    const language: Language = local && this.rng.chance(local.share) ? local.language : 'en';
    // VIPs are known accounts by definition; only standard customers can be anonymous.
    const anonymous = tier === 'standard' && this.rng.chance(ANONYMOUS_RATE);
    const customer: Customer = {
      id: anonymous ? null : `u-${this.nextId++}`,
      tier,
      market,
      language,
      firstName: pickFirstName(this.rng, market),
    };
    if (!anonymous) this.remember(customer);
    return customer;
  }

  /** After a conversation ends: maybe the customer comes back, sooner after a bad outcome. */
  afterConversation(customer: Customer, topic: Topic, outcome: Outcome, endedAt: number): void {
    if (customer.id === null || this.repeats.size >= MAX_PENDING_REPEATS) return;
    if (!this.rng.chance(REPEAT_RATE[outcome])) return;
    const d = REPEAT_DELAY_DAYS;
    const days = this.rng.chance(d.lateShare)
      ? this.rng.between(d.lateMin, d.lateMax)
      : Math.min(d.maxWithin, 0.02 - d.meanWithin * Math.log(1 - this.rng.next()));
    this.repeats.push(endedAt + days * DAY_MS, { customer, topic });
  }

  private remember(customer: Customer): void {
    if (this.known.length < RETURNING_POOL_SIZE) {
      this.known.push(customer);
    } else {
      this.known[this.knownCursor] = customer;
      this.knownCursor = (this.knownCursor + 1) % RETURNING_POOL_SIZE;
    }
  }
}
