import type { Color } from '@tremor/react';
import { HANDLED_BY, type HandledBy } from '../../server/domain.js';

/**
 * One colour per handled_by, used by every chart, badge and legend, so "AI" is the same
 * colour on every page. Tremor colour names; their classes are safelisted in tailwind.config.ts.
 */
export const HANDLED_BY_COLOR: Record<HandledBy, Color> = {
  ai: 'violet',
  human: 'amber',
  hybrid: 'teal',
};

export const HANDLED_BY_LABEL: Record<HandledBy, string> = {
  ai: 'AI',
  human: 'Human',
  hybrid: 'Hybrid',
};

/** Colours in the fixed ai, human, hybrid order, for Tremor charts' `colors` prop. */
export const HANDLED_BY_COLORS: Color[] = HANDLED_BY.map((h) => HANDLED_BY_COLOR[h]);
