import { Badge, Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from '@tremor/react';
import { formatDate, formatDateTime, formatNumber, formatTime } from '../../lib/format.js';
import { REDACTION_KINDS, type Batch } from '../../lib/ingest-api.js';

export function StatusBadge({ status }: { status: string }) {
  if (status === 'done')
    return (
      <Badge color="emerald" size="xs">
        Done
      </Badge>
    );
  if (status.startsWith('failed')) {
    return (
      <Badge color="red" size="xs" title={status}>
        Failed
      </Badge>
    );
  }
  return (
    <Badge color="gray" size="xs">
      {status}
    </Badge>
  );
}

function redactionTotal(batch: Batch): number {
  return REDACTION_KINDS.reduce((sum, kind) => sum + (batch.redactions[kind] ?? 0), 0);
}

function redactionDetail(batch: Batch): string {
  return REDACTION_KINDS.map((kind) => `${kind} ${formatNumber(batch.redactions[kind] ?? 0)}`).join(' · ');
}

/** Tremor's cells pad 1rem on every side; eleven columns need to fit a laptop screen. */
const CELL = 'px-3 py-3';
const NUMBER_CELL = `${CELL} text-right tabular-nums`;

interface BatchTableProps {
  batches: Batch[];
  selectedId: string | null;
  onSelect: (batchId: string) => void;
}

/** One row per ingest batch, newest first; a row opens that batch's rejects. */
export function BatchTable({ batches, selectedId, onSelect }: BatchTableProps) {
  return (
    <Table aria-label="Ingest batches">
      <TableHead>
        <TableRow>
          <TableHeaderCell className="px-3">Started</TableHeaderCell>
          <TableHeaderCell className="px-3">Source</TableHeaderCell>
          <TableHeaderCell className="px-3">Status</TableHeaderCell>
          <TableHeaderCell className="px-3 text-right">Received</TableHeaderCell>
          <TableHeaderCell className="px-3 text-right">Accepted</TableHeaderCell>
          <TableHeaderCell className="px-3 text-right">Rejected</TableHeaderCell>
          <TableHeaderCell className="px-3 text-right">Unchanged</TableHeaderCell>
          <TableHeaderCell className="px-3 text-right">Messages</TableHeaderCell>
          <TableHeaderCell
            className="px-3 text-right"
            title="Personal data replaced by placeholders: card numbers, IBANs, e-mails, phones, national ids"
          >
            Redacted
          </TableHeaderCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {batches.map((batch) => {
          const selected = batch.batchId === selectedId;
          return (
            <TableRow
              key={batch.batchId}
              data-batch-id={batch.batchId}
              aria-selected={selected}
              onClick={() => onSelect(batch.batchId)}
              className={`cursor-pointer ${selected ? 'bg-tremor-brand-faint' : 'hover:bg-tremor-background-muted'}`}
            >
              <TableCell className={CELL}>
                <span className="block text-tremor-content-emphasis">{formatDate(batch.createdAt)}</span>
                <span className="text-tremor-label text-tremor-content-subtle">
                  {formatTime(batch.createdAt)}
                </span>
              </TableCell>
              <TableCell className={CELL}>
                {/* The row is clickable; this button is the keyboard and screen-reader way in. */}
                <button
                  type="button"
                  title={batch.source}
                  aria-label={`Show rejects of batch ${batch.source} ${formatDateTime(batch.createdAt)}`}
                  className="block max-w-[11rem] truncate font-medium text-tremor-brand hover:text-tremor-brand-emphasis focus:outline-none focus-visible:ring-2 focus-visible:ring-tremor-brand-muted"
                  onClick={(event) => {
                    event.stopPropagation();
                    onSelect(batch.batchId);
                  }}
                >
                  {batch.source}
                </button>
                <span className="text-tremor-label uppercase text-tremor-content-subtle">{batch.format}</span>
              </TableCell>
              <TableCell className={CELL}>
                <StatusBadge status={batch.status} />
              </TableCell>
              <TableCell className={NUMBER_CELL} data-col="received">
                {formatNumber(batch.received)}
              </TableCell>
              <TableCell className={NUMBER_CELL} data-col="accepted">
                {formatNumber(batch.accepted)}
              </TableCell>
              <TableCell
                className={`${NUMBER_CELL} ${batch.rejected > 0 ? 'font-medium text-red-600' : ''}`}
                data-col="rejected"
              >
                {formatNumber(batch.rejected)}
              </TableCell>
              <TableCell className={NUMBER_CELL} data-col="unchanged">
                {formatNumber(batch.unchanged)}
              </TableCell>
              <TableCell className={NUMBER_CELL} data-col="messages">
                {formatNumber(batch.messages)}
              </TableCell>
              <TableCell className={NUMBER_CELL} title={redactionDetail(batch)}>
                {formatNumber(redactionTotal(batch))}
              </TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}
