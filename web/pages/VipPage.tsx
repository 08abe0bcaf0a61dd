import { BarList, Card } from '@tremor/react';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { ConversationTable } from '../components/conversations/ConversationTable.js';
import { DataState } from '../components/DataState.js';
import { KpiCard } from '../components/KpiCard.js';
import { PageHeader } from '../components/PageHeader.js';
import { Pager } from '../components/Pager.js';
import { Panel } from '../components/Panel.js';
import { EmptyState } from '../components/States.js';
import { apiUrl } from '../lib/api.js';
import type { ConversationRow, Metrics, Page, VipReason } from '../lib/api-types.js';
import { drillHref } from '../lib/drill.js';
import { useFilters } from '../lib/filters.js';
import { formatNumber, formatPercent, share } from '../lib/format.js';
import { VIP_REASON_LABEL } from '../lib/labels.js';
import { useApi } from '../lib/use-api.js';
import { filterQuery, useMetrics } from '../lib/use-metrics.js';

const PAGE_SIZE = 15;
const REASONS = Object.keys(VIP_REASON_LABEL) as VipReason[];

function Reasons({ m }: { m: Metrics }) {
  const navigate = useNavigate();
  const data = REASONS.map((r) => ({ name: VIP_REASON_LABEL[r], value: m.vipFailuresByReason[r], key: r }));
  return (
    <BarList
      data-testid="vip-reasons"
      data={data}
      color="rose"
      valueFormatter={(v: number) => formatNumber(v)}
      onValueChange={(item) => {
        const href = drillHref(m.drillDown[`vipFailuresByReason.${item.key}`]);
        if (href) navigate(href);
      }}
    />
  );
}

/** VIP conversations that went wrong, worst first, each with the reasons that make it a failure. */
export function VipPage() {
  const metrics = useMetrics();
  const { filters } = useFilters();
  const [params, setParams] = useSearchParams();
  const offset = Math.max(0, Number(params.get('offset')) || 0);
  const list = useApi<Page<ConversationRow>>(
    apiUrl('/conversations', { ...filterQuery(filters), vipFailure: true, sort: 'score', limit: PAGE_SIZE, offset }),
  );
  const setOffset = (next: number) =>
    setParams((prev) => {
      const out = new URLSearchParams(prev);
      if (next > 0) out.set('offset', String(next));
      else out.delete('offset');
      return out;
    });
  return (
    <>
      <PageHeader
        title="VIP failures"
        description="VIP conversations with CSAT 2 or lower, a negative end, a missed escalation or a repeat contact — ranked by escalation-gap score."
      />
      <DataState state={metrics} label="Loading VIP failures…">
        {(m) => (
          <div className="grid grid-cols-1 gap-6 xl:grid-cols-[20rem_minmax(0,1fr)]">
            <KpiCard
              testId="kpi-vip-failures"
              title="VIP failures"
              value={formatNumber(m.vipFailures)}
              detail={`${formatPercent(share(m.vipFailures, m.vipConversations))} of ${formatNumber(m.vipConversations)} VIP conversations`}
              href={drillHref(m.drillDown.vipFailures)}
              color="rose"
            />
            <Panel title="Why they failed" description="A conversation can have several reasons. Click one for its conversations.">
              <Reasons m={m} />
            </Panel>
          </div>
        )}
      </DataState>
      <Card>
        <h2 className="text-tremor-title font-semibold text-tremor-content-strong">Ranked list</h2>
        <div className="mt-4">
          <DataState state={list} label="Loading the list…">
            {(page) =>
              page.total === 0 ? (
                <EmptyState title="No VIP failures">No VIP conversation in these filters failed.</EmptyState>
              ) : (
                <>
                  <ConversationTable rows={page.items} />
                  <Pager total={page.total} limit={PAGE_SIZE} offset={offset} onOffsetChange={setOffset} noun={['failure', 'failures']} />
                </>
              )
            }
          </DataState>
        </div>
      </Card>
    </>
  );
}
