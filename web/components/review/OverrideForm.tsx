import { useState, type FormEvent } from 'react';
import { Badge, Button } from '@tremor/react';
import { OVERRIDE_FIELDS, type OverrideField } from '../../../server/domain.js';
import { errorMessage } from '../../lib/api.js';
import type { ConversationDetail } from '../../lib/api-types.js';
import { ESCALATION_LABEL } from '../../lib/labels.js';
import { addOverride, type Override } from '../../lib/review-api.js';
import { SENTIMENT_LABEL } from '../../lib/review-labels.js';
import { FIELD, LABEL } from './fields.js';

const FIELD_LABEL: Record<OverrideField, string> = {
  escalation_status: 'Escalation status',
  sentiment: 'Ending sentiment',
};

function valueText(field: OverrideField, value: string): string {
  return field === 'escalation_status'
    ? (ESCALATION_LABEL[value as keyof typeof ESCALATION_LABEL] ?? value)
    : (SENTIMENT_LABEL[value] ?? value);
}

/** What scoring decided, as the override would replace it in reviewed metrics. */
function automatic(field: OverrideField, c: ConversationDetail): string {
  if (field === 'escalation_status') return valueText(field, c.escalation.status);
  if (c.negativeEnd === null) return 'not scored';
  return c.negativeEnd ? 'Negative' : 'Not negative';
}

/** Each overridable value: the automatic one, the reviewer's override beside it, and a form to override. */
export function OverrideForm({
  c,
  overrides,
  canEdit,
  onSaved,
}: {
  c: ConversationDetail;
  overrides: Override[];
  canEdit: boolean;
  onSaved: () => void;
}) {
  const fields = Object.keys(OVERRIDE_FIELDS) as OverrideField[];
  const [field, setField] = useState<OverrideField>('escalation_status');
  const [value, setValue] = useState('');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await addOverride(c.conversationId, field, value, reason.trim());
      setValue('');
      setReason('');
      onSaved();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="flex flex-col gap-3">
      <dl className="flex flex-col gap-2" data-testid="overrides">
        {fields.map((f) => {
          const latest = overrides.find((o) => o.field === f);
          return (
            <div key={f} className="rounded-tremor-small bg-tremor-background-muted px-3 py-2">
              <dt className={LABEL}>{FIELD_LABEL[f]}</dt>
              <dd className="mt-0.5 flex flex-wrap items-center gap-2 text-tremor-default">
                <span
                  className={
                    latest ? 'text-tremor-content line-through' : 'font-medium text-tremor-content-strong'
                  }
                >
                  {automatic(f, c)}
                </span>
                <span className="text-tremor-label text-tremor-content-subtle">automatic</span>
                {latest && (
                  <>
                    <span aria-hidden="true" className="text-tremor-content-subtle">
                      →
                    </span>
                    <Badge size="xs" color="indigo" data-testid={`override-${f}`}>
                      {valueText(f, latest.value)}
                    </Badge>
                    <span className="text-tremor-label text-tremor-content" title={latest.reason}>
                      by {latest.createdBy}: “{latest.reason}”
                    </span>
                  </>
                )}
              </dd>
            </div>
          );
        })}
      </dl>
      {canEdit && (
        <form onSubmit={submit} className="flex flex-wrap items-end gap-2" aria-label="Override a value">
          <label className="flex flex-col gap-1">
            <span className={LABEL}>Override</span>
            <select
              className={FIELD}
              value={field}
              onChange={(e) => {
                setField(e.target.value as OverrideField);
                setValue('');
              }}
            >
              {fields.map((f) => (
                <option key={f} value={f}>
                  {FIELD_LABEL[f]}
                </option>
              ))}
            </select>
          </label>
          <label className="flex flex-col gap-1">
            <span className={LABEL}>with</span>
            <select
              className={FIELD}
              value={value}
              onChange={(e) => setValue(e.target.value)}
              aria-label="Override value"
            >
              <option value="" disabled>
                Choose…
              </option>
              {OVERRIDE_FIELDS[field].map((v) => (
                <option key={v} value={v}>
                  {valueText(field, v)}
                </option>
              ))}
            </select>
          </label>
          <label className="flex min-w-[10rem] flex-1 flex-col gap-1">
            <span className={LABEL}>because</span>
            <input
              className={FIELD}
              value={reason}
              maxLength={2000}
              onChange={(e) => setReason(e.target.value)}
              placeholder="Why the score is wrong"
            />
          </label>
          <Button
            type="submit"
            size="xs"
            variant="secondary"
            loading={busy}
            disabled={!value || !reason.trim()}
          >
            Override
          </Button>
          {error && (
            <p role="alert" className="w-full text-tremor-default text-red-700">
              {error}
            </p>
          )}
        </form>
      )}
    </div>
  );
}
