import { Badge, Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from '@tremor/react';
import { Link, useLocation, useNavigate } from 'react-router-dom';
import type { ConversationRow } from '../../lib/api-types.js';
import { formatDate, formatDuration, formatNumber, formatTime } from '../../lib/format.js';
import { valueLabel } from '../../lib/labels.js';
import { HandledByBadge } from '../HandledByLegend.js';
import { EscalationBadge, VipReasons } from './Badges.js';

const CELL = 'px-3 py-2.5';
const NUM = `${CELL} text-right tabular-nums`;

/** Where a conversation link goes; it remembers the list it came from for the "back" link. */
export function useOpenConversation() {
  const navigate = useNavigate();
  const location = useLocation();
  const back = `${location.pathname}${location.search}`;
  return {
    state: { back },
    open: (id: string) => navigate(`/conversations/${encodeURIComponent(id)}`, { state: { back } }),
  };
}

/** Conversations with their derived facts; a row opens the transcript. */
export function ConversationTable({ rows, showVipReasons = true }: { rows: ConversationRow[]; showVipReasons?: boolean }) {
  const { open, state } = useOpenConversation();
  return (
    <Table aria-label="Conversations">
      <TableHead>
        <TableRow>
          <TableHeaderCell className="px-3">Started</TableHeaderCell>
          <TableHeaderCell className="px-3">Conversation</TableHeaderCell>
          <TableHeaderCell className="px-3">Handled by</TableHeaderCell>
          <TableHeaderCell className="px-3">Topic</TableHeaderCell>
          <TableHeaderCell className="px-3" title="Escalation status and gap score, 0–100: higher is worse">
            Escalation · score
          </TableHeaderCell>
          <TableHeaderCell className="px-3 text-right">CSAT</TableHeaderCell>
          <TableHeaderCell className="px-3 text-right">Duration</TableHeaderCell>
          {showVipReasons && <TableHeaderCell className="px-3">VIP failure</TableHeaderCell>}
        </TableRow>
      </TableHead>
      <TableBody>
        {rows.map((r) => (
          <TableRow
            key={r.conversationId}
            data-conversation-id={r.conversationId}
            className="cursor-pointer hover:bg-tremor-background-muted"
            onClick={() => open(r.conversationId)}
          >
            <TableCell className={CELL}>
              <span className="block text-tremor-content-emphasis">{formatDate(r.startedAt)}</span>
              <span className="text-tremor-label text-tremor-content-subtle">{formatTime(r.startedAt)}</span>
            </TableCell>
            <TableCell className={CELL}>
              <Link
                to={`/conversations/${encodeURIComponent(r.conversationId)}`}
                state={state}
                onClick={(e) => e.stopPropagation()}
                className="font-mono text-tremor-default font-medium text-tremor-brand hover:text-tremor-brand-emphasis"
              >
                {r.conversationId}
              </Link>
              <span className="block text-tremor-label text-tremor-content-subtle">
                {r.market ?? 'no market'} · {valueLabel(r.channel)}
                {r.tier === 'vip' && (
                  <Badge size="xs" color="fuchsia" className="ml-1.5">
                    VIP
                  </Badge>
                )}
              </span>
            </TableCell>
            <TableCell className={CELL}>{r.handledBy ? <HandledByBadge value={r.handledBy} /> : 'unanswered'}</TableCell>
            <TableCell className={CELL}>{valueLabel(r.topic)}</TableCell>
            <TableCell className={CELL}>
              <span className="flex items-center gap-2">
                <EscalationBadge status={r.escalationStatus} />
                <span className="tabular-nums text-tremor-content-emphasis" data-col="score">
                  {formatNumber(r.escalationScore)}
                </span>
              </span>
              {r.gapTurns !== null && r.gapTurns > 0 && (
                <span className="block text-tremor-label text-tremor-content-subtle">
                  {formatNumber(r.gapTurns)} AI {r.gapTurns === 1 ? 'reply' : 'replies'} late
                </span>
              )}
            </TableCell>
            <TableCell className={NUM}>{r.csat === null ? <span className="text-tremor-content-subtle">no survey</span> : r.csat}</TableCell>
            <TableCell className={NUM}>{formatDuration(r.durationSeconds)}</TableCell>
            {showVipReasons && (
              <TableCell className={CELL}>
                <VipReasons reasons={r.vipFailureReasons} />
              </TableCell>
            )}
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
