import type { ReactNode } from 'react';
import { Card } from '@tremor/react';

/** A titled card for one chart or table: title, one line on how to read it, and an optional aside. */
export function Panel({
  title,
  description,
  aside,
  children,
  className = '',
  testId,
}: {
  title: string;
  description?: ReactNode;
  aside?: ReactNode;
  children: ReactNode;
  className?: string;
  testId?: string;
}) {
  const id = `panel-${title.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
  return (
    <Card className={className} aria-labelledby={id} data-testid={testId}>
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0">
          <h2 id={id} className="text-tremor-title font-semibold text-tremor-content-strong">
            {title}
          </h2>
          {description && <p className="mt-0.5 text-tremor-default text-tremor-content">{description}</p>}
        </div>
        {aside}
      </div>
      <div className="mt-4">{children}</div>
    </Card>
  );
}
