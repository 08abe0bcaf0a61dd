import { useState } from 'react';
import { Button, Card } from '@tremor/react';
import { type PageOf, type Reject, rejectsUrl } from '../../lib/ingest-api.js';
import { useApi } from '../../lib/use-api.js';
import { Pager } from '../Pager.js';
import { EmptyState, ErrorState, LoadingState } from '../States.js';
import { RejectList } from './RejectList.js';

const PAGE_SIZE = 10;

/** The rejects of one batch, paged. Keyed by batch id by its parent, so paging restarts per batch. */
export function RejectsCard({ batchId, onClose }: { batchId: string; onClose: () => void }) {
  const [offset, setOffset] = useState(0);
  const rejects = useApi<PageOf<Reject>>(rejectsUrl(batchId, PAGE_SIZE, offset));

  return (
    <Card aria-labelledby="rejects-title">
      <div className="flex items-start justify-between gap-4">
        <div>
          <h2 id="rejects-title" className="text-tremor-title font-semibold text-tremor-content-strong">
            Rejected records
          </h2>
          <p className="mt-0.5 text-tremor-default text-tremor-content">
            Batch <span className="font-mono">{batchId}</span>
          </p>
        </div>
        <Button size="xs" variant="secondary" onClick={onClose}>
          Close
        </Button>
      </div>
      <div className="mt-4">
        {rejects.status === 'error' ? (
          <ErrorState error={rejects.error} onRetry={rejects.reload} title="Could not load the rejects" />
        ) : rejects.data === undefined ? (
          <LoadingState label="Loading rejects…" />
        ) : rejects.data.total === 0 ? (
          <EmptyState title="No rejected records">Every record of this batch passed validation.</EmptyState>
        ) : (
          <>
            <RejectList rejects={rejects.data.items} />
            <Pager
              total={rejects.data.total}
              limit={PAGE_SIZE}
              offset={offset}
              onOffsetChange={setOffset}
              noun={['reject', 'rejects']}
            />
          </>
        )}
      </div>
    </Card>
  );
}
