import { Link } from 'react-router-dom';
import { CsatIntervals } from '../components/CsatIntervals.js';
import { DataState } from '../components/DataState.js';
import { HandledByDonut } from '../components/charts/HandledByDonut.js';
import { DeflectionTrend } from '../components/charts/DeflectionTrend.js';
import { VolumeChart } from '../components/charts/VolumeChart.js';
import { OverviewKpis } from '../components/overview/OverviewKpis.js';
import { PageHeader } from '../components/PageHeader.js';
import { Panel } from '../components/Panel.js';
import { EmptyState } from '../components/States.js';
import { drillHref } from '../lib/drill.js';
import { useFilters } from '../lib/filters.js';
import { formatDate } from '../lib/format.js';
import { useMetrics, useSeries } from '../lib/use-metrics.js';
import { useWeekPair } from '../lib/use-week-pair.js';

const LINK = 'text-tremor-default font-medium text-tremor-brand hover:text-tremor-brand-emphasis';

/** The CX manager's first look: headline numbers, who handles what, CSAT with intervals, trends. */
export function OverviewPage() {
  const metrics = useMetrics();
  const series = useSeries('week');
  const { search } = useFilters();
  const pair = useWeekPair(series.status === 'success' ? series.data : undefined);
  const points = series.data?.points ?? [];
  const last = points[points.length - 1];
  const before = points[points.length - 2];
  return (
    <>
      <PageHeader
        title="Overview"
        description="How the AI and your agents are doing for the filtered period. Every number opens the conversations behind it."
        actions={
          last &&
          before && (
            <p className="text-tremor-label text-tremor-content" data-testid="wow-weeks">
              Changes: week of {formatDate(last.period)} vs week of {formatDate(before.period)}
            </p>
          )
        }
      />
      <DataState state={metrics} label="Loading the headline numbers…">
        {(m) =>
          m.conversations === 0 ? (
            <EmptyState title="No conversations match these filters">Widen the date range or clear a filter.</EmptyState>
          ) : (
            <div className="flex flex-col gap-6">
              <OverviewKpis metrics={m} series={series.data} pair={pair} />
              <div className="grid grid-cols-1 gap-6 xl:grid-cols-5">
                <Panel
                  className="xl:col-span-3"
                  title="CSAT by who handled it"
                  description="Share of surveys scored 4 or 5, with the 95 % Wilson interval as a band."
                  aside={
                    <Link to={{ pathname: '/ai-vs-human', search }} className={LINK}>
                      Compare in depth →
                    </Link>
                  }
                >
                  <CsatIntervals metrics={m} />
                </Panel>
                <Panel className="xl:col-span-2" title="Who handled it" description="Answered conversations in the period.">
                  <HandledByDonut metrics={m} />
                </Panel>
              </div>
            </div>
          )
        }
      </DataState>
      <div className="grid grid-cols-1 gap-6 xl:grid-cols-2">
        <Panel title="Weekly volume" description="Conversations per ISO week by who handled them. Click a bar for its conversations.">
          <DataState state={series} label="Loading the weekly series…">
            {(s) => <VolumeChart series={s} />}
          </DataState>
        </Panel>
        <Panel
          title="Deflection trend"
          description="Of AI-started conversations: contained, and contained without a repeat contact."
          aside={
            metrics.data && (
              <Link to={drillHref(metrics.data.drillDown['deflection.contained']) ?? '/conversations'} className={LINK}>
                Contained →
              </Link>
            )
          }
        >
          <DataState state={series} label="Loading the weekly series…">
            {(s) => <DeflectionTrend series={s} pair={pair} />}
          </DataState>
        </Panel>
      </div>
    </>
  );
}
