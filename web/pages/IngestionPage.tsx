import { Card } from '@tremor/react';
import { useSearchParams } from 'react-router-dom';
import { BatchTable } from '../components/ingest/BatchTable.js';
import { RejectsCard } from '../components/ingest/RejectsCard.js';
import { UploadCard } from '../components/ingest/UploadCard.js';
import { PageHeader } from '../components/PageHeader.js';
import { Pager } from '../components/Pager.js';
import { EmptyState, ErrorState, LoadingState } from '../components/States.js';
import { batchesUrl, type Batch, type PageOf } from '../lib/ingest-api.js';
import { useApi } from '../lib/use-api.js';

const PAGE_SIZE = 15;

function offsetFrom(params: URLSearchParams): number {
  const offset = Number(params.get('offset'));
  return Number.isInteger(offset) && offset > 0 ? offset : 0;
}

/** Admin view of ingestion: upload a file, list batches, inspect a batch's rejects. */
export function IngestionPage() {
  const [params, setParams] = useSearchParams();
  const offset = offsetFrom(params);
  const selected = params.get('batch');
  const batches = useApi<PageOf<Batch>>(batchesUrl(PAGE_SIZE, offset));

  const update = (changes: Record<string, string | null>) =>
    setParams((prev) => {
      const next = new URLSearchParams(prev);
      for (const [key, value] of Object.entries(changes)) {
        if (value === null) next.delete(key);
        else next.set(key, value);
      }
      return next;
    });
  const select = (batchId: string | null) => update({ batch: batchId });

  return (
    <>
      <PageHeader
        title="Ingestion"
        description="Load transcript files and see, batch by batch, what was stored and what was rejected and why."
      />
      <UploadCard
        onUploaded={() => (offset === 0 ? batches.reload() : update({ offset: null }))}
        onShowRejects={(batchId) => select(batchId)}
      />
      <Card aria-labelledby="batches-title">
        <h2 id="batches-title" className="text-tremor-title font-semibold text-tremor-content-strong">
          Batches
        </h2>
        <p className="mt-0.5 text-tremor-default text-tremor-content">
          Newest first. Select a batch to see its rejected records.
        </p>
        <div className="mt-4">
          {batches.status === 'error' ? (
            <ErrorState error={batches.error} onRetry={batches.reload} title="Could not load the batches" />
          ) : batches.data === undefined ? (
            <LoadingState label="Loading batches…" />
          ) : batches.data.total === 0 ? (
            <EmptyState title="No batches yet">
              Upload a file above, or use the ingest CLI, to load conversations.
            </EmptyState>
          ) : (
            <>
              <BatchTable batches={batches.data.items} selectedId={selected} onSelect={select} />
              <Pager
                total={batches.data.total}
                limit={PAGE_SIZE}
                offset={offset}
                onOffsetChange={(next) => update({ offset: next > 0 ? String(next) : null })}
                noun={['batch', 'batches']}
              />
            </>
          )}
        </div>
      </Card>
      {selected && <RejectsCard key={selected} batchId={selected} onClose={() => select(null)} />}
    </>
  );
}
