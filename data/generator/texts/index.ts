import type { Language } from '../config.js';
import { DE } from './de.js';
import { EN_CUSTOMER } from './en-customer.js';
import { EN_AGENT, EN_AI } from './en-staff.js';
import type { LanguagePack } from './pack.js';
import { SV } from './sv.js';
import { compileAll, type Compiled } from './template.js';

export type CompiledPack = Compiled<LanguagePack>;

export const PACKS: Record<Language, CompiledPack> = {
  en: compileAll<LanguagePack>({ customer: EN_CUSTOMER, ai: EN_AI, agent: EN_AGENT }),
  sv: compileAll(SV),
  de: compileAll(DE),
};

export { fillTemplate, type Slots, type Template } from './template.js';
