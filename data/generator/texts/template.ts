/**
 * Message templates with `{slot}` placeholders, split once at load time so filling one is a few
 * string concatenations (the generator fills millions of them).
 */

export const SLOT_NAMES = ['amount', 'merchant', 'date', 'order', 'days', 'last4', 'name', 'agent'] as const;
export type SlotName = (typeof SLOT_NAMES)[number];
export type Slots = Record<SlotName, string>;

/** Literal parts at even indices, slot names at odd ones. */
export type Template = readonly string[];

const SLOT_PATTERN = /\{(\w+)\}/;

export function compileTemplate(text: string): Template {
  const parts = text.split(SLOT_PATTERN);
  for (let i = 1; i < parts.length; i += 2) {
    if (!(SLOT_NAMES as readonly string[]).includes(parts[i])) {
      throw new Error(`unknown slot {${parts[i]}} in template "${text}"`);
    }
  }
  return parts;
}

export function fillTemplate(template: Template, slots: Slots): string {
  let out = template[0];
  for (let i = 1; i < template.length; i += 2) {
    out += slots[template[i] as SlotName] + template[i + 1];
  }
  return out;
}

/** Compiles every string in a nested object of string arrays, keeping its shape. */
export type Compiled<T> = T extends readonly string[] ? Template[] : { [K in keyof T]: Compiled<T[K]> };

export function compileAll<T extends object>(source: T): Compiled<T> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(source)) {
    out[key] = Array.isArray(value) ? value.map((text: string) => compileTemplate(text)) : compileAll(value);
  }
  return out as Compiled<T>;
}
