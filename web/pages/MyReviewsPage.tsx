import {
  Badge,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeaderCell,
  TableRow,
} from '@tremor/react';
import { Link, useSearchParams } from 'react-router-dom';
import { DataState } from '../components/DataState.js';
import { PageHeader } from '../components/PageHeader.js';
import { Panel } from '../components/Panel.js';
import { EmptyState } from '../components/States.js';
import { apiUrl } from '../lib/api.js';
import { useAuth } from '../lib/auth.js';
import { formatDate, formatTime } from '../lib/format.js';
import { ESCALATION_LABEL } from '../lib/labels.js';
import type { MyReviewItem } from '../lib/review-api.js';
import { FLAG_STATUS_COLOR, FLAG_STATUS_LABEL, reasonLabel } from '../lib/review-labels.js';
import { useApi } from '../lib/use-api.js';
import { Pager } from '../components/Pager.js';

const PAGE_SIZE = 50;
const CELL = 'px-3 py-2.5';

/** A review's detail is "<verdict> / <flag reason>"; a flag's is its reason. */
function detailText(item: MyReviewItem): string {
  if (item.kind === 'flag') return reasonLabel(item.detail);
  const [verdict = '', reason = ''] = item.detail.split(' / ');
  const escalation = ESCALATION_LABEL[verdict as keyof typeof ESCALATION_LABEL] ?? verdict;
  return `Escalation: ${escalation} · ${reasonLabel(reason)}`;
}

/** The reviewer's own history: every flag raised and verdict given, newest first. */
export function MyReviewsPage() {
  const { me } = useAuth();
  const [params, setParams] = useSearchParams();
  const offset = Math.max(0, Number(params.get('offset')) || 0);
  const mine = useApi<{ total: number; items: MyReviewItem[] }>(apiUrl('/review/mine', { limit: PAGE_SIZE, offset }));
  const goTo = (o: number) => setParams(o ? { offset: String(o) } : {});
  return (
    <>
      <PageHeader
        title="My reviews"
        description={`Flags ${me ? `${me.name} has` : 'you have'} raised and verdicts given, newest first. A flag's status changes when a reviewer confirms or dismisses it.`}
        actions={
          <Link
            to="/review"
            className="text-tremor-default font-medium text-tremor-brand hover:text-tremor-brand-emphasis"
          >
            Go to the review queue →
          </Link>
        }
      />
      <Panel title="History" testId="my-reviews">
        <DataState state={mine} label="Loading your reviews…">
          {({ items, total }) =>
            items.length === 0 && offset === 0 ? (
              <EmptyState
                title="No reviews yet"
                action={
                  <Link to="/review" className="font-medium text-tremor-brand">
                    Open the review queue
                  </Link>
                }
              >
                Flags you raise and verdicts you give will be listed here.
              </EmptyState>
            ) : (
              <>
                <Table aria-label="My reviews">
                  <TableHead>
                    <TableRow>
                      <TableHeaderCell className="px-3">When</TableHeaderCell>
                      <TableHeaderCell className="px-3">What</TableHeaderCell>
                      <TableHeaderCell className="px-3">Conversation</TableHeaderCell>
                      <TableHeaderCell className="px-3">Detail</TableHeaderCell>
                      <TableHeaderCell className="px-3">Flag status</TableHeaderCell>
                    </TableRow>
                  </TableHead>
                  <TableBody>
                    {items.map((item, i) => (
                      <TableRow
                        key={`${item.kind}-${item.conversationId}-${item.occurredAt}-${i}`}
                        data-kind={item.kind}
                      >
                        <TableCell className={CELL}>
                          <span className="text-tremor-content-emphasis">{formatDate(item.occurredAt)}</span>
                          <span className="ml-2 text-tremor-label text-tremor-content-subtle">
                            {formatTime(item.occurredAt)}
                          </span>
                        </TableCell>
                        <TableCell className={CELL}>
                          <Badge size="xs" color={item.kind === 'flag' ? 'rose' : 'indigo'}>
                            {item.kind === 'flag' ? 'Flag' : 'Verdict'}
                          </Badge>
                        </TableCell>
                        <TableCell className={CELL}>
                          <Link
                            to={`/conversations/${encodeURIComponent(item.conversationId)}`}
                            state={{ back: '/reviews/mine' }}
                            className="font-mono font-medium text-tremor-brand hover:text-tremor-brand-emphasis"
                          >
                            {item.conversationId}
                          </Link>
                        </TableCell>
                        <TableCell className={`${CELL} text-tremor-content-emphasis`}>
                          {detailText(item)}
                        </TableCell>
                        <TableCell className={CELL}>
                          {item.status ? (
                            <Badge size="xs" color={FLAG_STATUS_COLOR[item.status]}>
                              {FLAG_STATUS_LABEL[item.status]}
                            </Badge>
                          ) : (
                            <span className="text-tremor-content-subtle">—</span>
                          )}
                        </TableCell>
                      </TableRow>
                    ))}
                  </TableBody>
                </Table>
                <Pager total={total} limit={PAGE_SIZE} offset={offset} onOffsetChange={goTo} noun={['entry', 'entries']} />
              </>
            )
          }
        </DataState>
      </Panel>
    </>
  );
}
