import type { ReactNode } from 'react';
import { Card } from '@tremor/react';
import { HANDLED_BY } from '../../../server/domain.js';
import { HANDLED_BY_LABEL } from '../../lib/colors.js';
import { formatNumber, formatPercent, NO_DATA } from '../../lib/format.js';
import type { ReviewQuality } from '../../lib/review-api.js';
import { useApi } from '../../lib/use-api.js';
import { ErrorState } from '../States.js';

/** Kappa from fewer pairs than this swings with every new review (a rule of thumb, not a test). */
const STABLE_PAIRS = 20;

/** Landis & Koch's customary reading of Cohen's kappa. */
function kappaWords(k: number): string {
  if (k < 0.2) return 'poor';
  if (k < 0.4) return 'fair';
  if (k < 0.6) return 'moderate';
  if (k < 0.8) return 'substantial';
  return 'almost perfect';
}

function Stat({
  label,
  children,
  note,
  testId,
}: {
  label: string;
  children: ReactNode;
  note: ReactNode;
  testId?: string;
}) {
  return (
    <div className="min-w-0" data-testid={testId}>
      <p className="text-tremor-default text-tremor-content">{label}</p>
      <p className="mt-1 text-tremor-metric font-semibold tabular-nums text-tremor-content-strong">
        {children}
      </p>
      <p className="mt-0.5 text-tremor-label text-tremor-content">{note}</p>
    </div>
  );
}

function KappaStat({
  label,
  value,
  pairs,
  testId,
}: {
  label: string;
  value: number | null;
  pairs: number;
  testId: string;
}) {
  if (value === null) {
    return (
      <Stat
        label={label}
        testId={testId}
        note={`Needs at least 1 conversation reviewed by two reviewers (${formatNumber(pairs)} so far)`}
      >
        <span className="text-tremor-content-subtle">{NO_DATA}</span>
      </Stat>
    );
  }
  const few = pairs < STABLE_PAIRS;
  return (
    <Stat
      label={label}
      testId={testId}
      note={
        few
          ? `${kappaWords(value)} · only ${pairs} of the ${STABLE_PAIRS} pairs it needs to settle`
          : `${kappaWords(value)} agreement`
      }
    >
      κ {value.toFixed(2)}
    </Stat>
  );
}

/** Do reviewers agree, and how often do reviews confirm a failure, per who handled the conversation. */
export function QualityCard() {
  const state = useApi<ReviewQuality>('/api/review/quality');
  if (state.status === 'error')
    return <ErrorState error={state.error} onRetry={state.reload} title="Could not load review quality" />;
  const q = state.data;
  return (
    <Card className="p-5" aria-labelledby="quality-title" data-testid="review-quality">
      <div className="flex items-baseline justify-between gap-3">
        <h2 id="quality-title" className="text-tremor-title font-semibold text-tremor-content-strong">
          Review quality
        </h2>
        <p className="text-tremor-label text-tremor-content">All reviews, not filtered</p>
      </div>
      <div className="mt-4 grid grid-cols-2 gap-6 lg:grid-cols-[1fr_1fr_1fr_1.6fr]">
        <Stat
          label="Double-reviewed"
          note="conversations with two reviewers' verdicts"
          testId="quality-double"
        >
          {q ? formatNumber(q.doubleReviewed) : '…'}
        </Stat>
        <KappaStat
          label="Agreement on flag reason"
          value={q?.kappa.flagReason ?? null}
          pairs={q?.doubleReviewed ?? 0}
          testId="quality-kappa-reason"
        />
        <KappaStat
          label="Agreement on escalation"
          value={q?.kappa.escalationVerdict ?? null}
          pairs={q?.doubleReviewed ?? 0}
          testId="quality-kappa-verdict"
        />
        <div>
          <p className="text-tremor-default text-tremor-content">Confirmed failure rate</p>
          <dl className="mt-1.5 space-y-1">
            {HANDLED_BY.map((h) => {
              const f = q?.confirmedFailureRate[h];
              return (
                <div key={h} className="flex items-baseline justify-between gap-3 text-tremor-default">
                  <dt className="text-tremor-content-emphasis">{HANDLED_BY_LABEL[h]}</dt>
                  <dd className="tabular-nums">
                    <span className="font-semibold text-tremor-content-strong">{formatPercent(f?.rate)}</span>
                    <span className="ml-2 text-tremor-label text-tremor-content">
                      {f ? `${formatNumber(f.numerator)} of ${formatNumber(f.denominator)} reviewed` : ''}
                    </span>
                  </dd>
                </div>
              );
            })}
          </dl>
        </div>
      </div>
    </Card>
  );
}
