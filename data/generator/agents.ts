/** The human support team: stable ids and names, grouped by the language they answer in. */
import type { Language } from './config.js';
import type { Rng } from './random.js';

export interface Agent {
  id: string;
  name: string;
}

const NAMES: Record<Language, readonly string[]> = {
  en: [
    'Sara',
    'Tom',
    'Priya',
    'Liam',
    'Grace',
    'Omar',
    'Hannah',
    'Ben',
    'Aisha',
    'Leo',
    'Mia',
    'Noah',
    'Zoe',
    'Sam',
    'Nina',
    'Alex',
    'Ella',
    'Jack',
  ],
  sv: ['Karin', 'Anders', 'Lisa', 'Mikael', 'Emma', 'Fredrik', 'Linnea', 'Nils'],
  de: ['Miriam', 'Stefan', 'Laura', 'Tobias', 'Anja', 'Markus', 'Nadine', 'Florian'],
};

/** Ids a-10, a-11, ... in a fixed order, so an agent keeps the same id in every run. */
const AGENTS: Record<Language, Agent[]> = (() => {
  let next = 10;
  const team = (names: readonly string[]) => names.map((name) => ({ id: `a-${next++}`, name }));
  return { en: team(NAMES.en), sv: team(NAMES.sv), de: team(NAMES.de) };
})();

export function pickAgent(rng: Rng, language: Language): Agent {
  return rng.pick(AGENTS[language]);
}
