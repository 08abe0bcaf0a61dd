import type { ReactNode } from 'react';

/** The title block every page starts with. */
export function PageHeader({
  title,
  description,
  actions,
}: {
  title: string;
  description?: ReactNode;
  actions?: ReactNode;
}) {
  return (
    <div className="flex flex-wrap items-end justify-between gap-4">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight text-tremor-content-strong">{title}</h1>
        {description && (
          <p className="mt-1 max-w-3xl text-tremor-default text-tremor-content">{description}</p>
        )}
      </div>
      {actions}
    </div>
  );
}
