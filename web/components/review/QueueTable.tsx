import { useEffect, useRef } from 'react';
import { Badge, Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from '@tremor/react';
import { Link } from 'react-router-dom';
import { formatDate, formatNumber, formatTime } from '../../lib/format.js';
import { valueLabel } from '../../lib/labels.js';
import type { QueueItem } from '../../lib/review-api.js';
import { HandledByBadge } from '../HandledByLegend.js';
import { EscalationBadge, VipReasons } from '../conversations/Badges.js';

const CELL = 'px-3 py-2.5 align-top';

/** Highest possible risk: a 100 gap score plus every fixed weight (server/queries/review.ts). */
const RISK_MAX = 155;

function RiskCell({ risk }: { risk: number }) {
  const tone = risk >= 80 ? 'bg-rose-500' : risk >= 40 ? 'bg-amber-400' : 'bg-gray-300';
  return (
    <div
      className="w-16"
      title="Review risk: escalation gap score plus VIP failure, negative end and low CSAT weights"
    >
      <span
        className="text-tremor-default font-semibold tabular-nums text-tremor-content-strong"
        data-col="risk"
      >
        {formatNumber(Math.round(risk))}
      </span>
      <span className="mt-1 block h-1.5 rounded-full bg-tremor-background-subtle" aria-hidden="true">
        <span
          className={`block h-full rounded-full ${tone}`}
          style={{ width: `${Math.min(100, (risk / RISK_MAX) * 100)}%` }}
        />
      </span>
    </div>
  );
}

interface QueueTableProps {
  rows: QueueItem[];
  active: number;
  onActivate: (index: number) => void;
  linkState: { back: string };
  /** Present for managers and up: the checkboxes for assigning rows. */
  checked?: Set<string>;
  onCheck?: (id: string, on: boolean) => void;
}

/** The review queue: one row per conversation; the active row is the one shortcuts act on. */
export function QueueTable({ rows, active, onActivate, linkState, checked, onCheck }: QueueTableProps) {
  const body = useRef<HTMLTableSectionElement>(null);
  useEffect(() => {
    body.current?.querySelector('[data-active="true"]')?.scrollIntoView({ block: 'nearest' });
  }, [active]);
  const selectable = checked !== undefined && onCheck !== undefined;
  return (
    <Table aria-label="Review queue">
      <TableHead>
        <TableRow>
          {selectable && (
            <TableHeaderCell className="w-8 pl-3 pr-0">
              <span className="sr-only">Select</span>
            </TableHeaderCell>
          )}
          <TableHeaderCell className="px-3">Risk</TableHeaderCell>
          <TableHeaderCell className="px-3">Conversation</TableHeaderCell>
          <TableHeaderCell className="px-3">Topic</TableHeaderCell>
          <TableHeaderCell className="px-3">Escalation · score</TableHeaderCell>
          <TableHeaderCell className="px-3 text-right">CSAT</TableHeaderCell>
          <TableHeaderCell className="px-3">Signals</TableHeaderCell>
          <TableHeaderCell className="px-3">Review</TableHeaderCell>
        </TableRow>
      </TableHead>
      <TableBody ref={body}>
        {rows.map((r, i) => {
          const isActive = i === active;
          return (
            <TableRow
              key={r.conversationId}
              data-conversation-id={r.conversationId}
              data-active={isActive}
              aria-selected={isActive}
              onClick={() => onActivate(i)}
              className={`cursor-pointer ${isActive ? 'bg-tremor-brand-faint shadow-[inset_3px_0_0_#6366f1]' : 'hover:bg-tremor-background-muted'}`}
            >
              {selectable && (
                <TableCell className="py-2.5 pl-3 pr-0 align-top">
                  <input
                    type="checkbox"
                    aria-label={`Select ${r.conversationId}`}
                    checked={checked.has(r.conversationId)}
                    onClick={(e) => e.stopPropagation()}
                    onChange={(e) => onCheck(r.conversationId, e.target.checked)}
                    className="mt-0.5 h-4 w-4 rounded border-tremor-border text-tremor-brand"
                  />
                </TableCell>
              )}
              <TableCell className={CELL}>
                <RiskCell risk={r.risk} />
              </TableCell>
              <TableCell className={CELL}>
                <Link
                  to={`/conversations/${encodeURIComponent(r.conversationId)}`}
                  state={linkState}
                  onClick={(e) => e.stopPropagation()}
                  className="font-mono text-tremor-default font-medium text-tremor-brand hover:text-tremor-brand-emphasis"
                >
                  {r.conversationId}
                </Link>
                <span className="ml-2 align-middle">
                  {r.handledBy ? (
                    <HandledByBadge value={r.handledBy} />
                  ) : (
                    <Badge size="xs" color="gray">
                      Unanswered
                    </Badge>
                  )}
                </span>
                <span className="block text-tremor-label text-tremor-content-subtle">
                  {formatDate(r.startedAt)} · {formatTime(r.startedAt)} · {r.market ?? 'no market'}
                </span>
              </TableCell>
              <TableCell className={CELL}>
                {valueLabel(r.topic)}
                {r.tier === 'vip' && (
                  <Badge size="xs" color="fuchsia" className="ml-1.5">
                    VIP
                  </Badge>
                )}
              </TableCell>
              <TableCell className={CELL}>
                <span className="flex items-center gap-2">
                  <EscalationBadge status={r.escalationStatus} />
                  <span className="tabular-nums text-tremor-content-emphasis">
                    {formatNumber(r.escalationScore)}
                  </span>
                </span>
              </TableCell>
              <TableCell className={`${CELL} text-right tabular-nums`}>
                {r.csat === null ? <span className="text-tremor-content-subtle">—</span> : r.csat}
              </TableCell>
              <TableCell className={CELL}>
                <span className="flex flex-wrap gap-1">
                  {r.vipFailureReasons.length > 0 && <VipReasons reasons={r.vipFailureReasons} />}
                  {r.negativeEnd && !r.vipFailureReasons.includes('negative_end') && (
                    <Badge size="xs" color="orange">
                      Ended negative
                    </Badge>
                  )}
                  {!r.negativeEnd && r.vipFailureReasons.length === 0 && (
                    <span className="text-tremor-content-subtle">—</span>
                  )}
                </span>
              </TableCell>
              <TableCell className={CELL}>
                <ReviewCell item={r} />
              </TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}

function ReviewCell({ item }: { item: QueueItem }) {
  const assigned = item.assignedTo ?? [];
  return (
    <span className="flex flex-col gap-0.5 text-tremor-label">
      <span
        data-col="flags"
        className={item.flags > 0 ? 'font-medium text-rose-700' : 'text-tremor-content-subtle'}
      >
        {item.flags === 0 ? 'No flags' : `${formatNumber(item.flags)} ${item.flags === 1 ? 'flag' : 'flags'}`}
      </span>
      {assigned.length > 0 && (
        <span className="truncate text-tremor-content" title={assigned.join(', ')}>
          → {assigned.join(', ')}
        </span>
      )}
    </span>
  );
}
