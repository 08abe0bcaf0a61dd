import { Badge } from '@tremor/react';
import { HANDLED_BY, type HandledBy } from '../../server/domain.js';
import { HANDLED_BY_COLOR, HANDLED_BY_LABEL } from '../lib/colors.js';

/** The handled_by value as a coloured badge, in the product-wide colour. */
export function HandledByBadge({ value }: { value: HandledBy }) {
  return (
    <Badge color={HANDLED_BY_COLOR[value]} size="xs">
      {HANDLED_BY_LABEL[value]}
    </Badge>
  );
}

/** The three handled_by colours, as a key for charts and tables. */
export function HandledByLegend() {
  return (
    <div className="flex flex-wrap items-center gap-2" aria-label="Handled by">
      {HANDLED_BY.map((h) => (
        <HandledByBadge key={h} value={h} />
      ))}
    </div>
  );
}
