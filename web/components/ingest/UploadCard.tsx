import { type FormEvent, useRef, useState } from 'react';
import { Button, Card } from '@tremor/react';
import { useAuth } from '../../lib/auth.js';
import { formatNumber } from '../../lib/format.js';
import { ACCEPTED_EXTENSIONS, type BatchResult, uploadBatch } from '../../lib/ingest-api.js';
import { ErrorState } from '../States.js';
import { RejectList } from './RejectList.js';

/** How many of the result's rejects to show inline; the batch's rejects panel pages through all. */
const INLINE_REJECTS = 5;

type UploadState =
  | { status: 'idle' }
  | { status: 'uploading'; fileName: string }
  | { status: 'done'; fileName: string; result: BatchResult }
  | { status: 'error'; error: unknown };

function Count({ label, value, tone = '' }: { label: string; value: number; tone?: string }) {
  return (
    <div className="rounded-tremor-small bg-tremor-background-muted px-3 py-2">
      <p className="text-tremor-label text-tremor-content">{label}</p>
      <p
        className={`text-lg font-semibold tabular-nums text-tremor-content-strong ${tone}`}
        data-testid={`upload-${label.toLowerCase()}`}
      >
        {formatNumber(value)}
      </p>
    </div>
  );
}

interface UploadCardProps {
  /** Called after a batch is stored, so the page can refresh its batch list. */
  onUploaded: (result: BatchResult) => void;
  onShowRejects: (batchId: string) => void;
}

export function UploadCard({ onUploaded, onShowRejects }: UploadCardProps) {
  const fileInput = useRef<HTMLInputElement>(null);
  const [state, setState] = useState<UploadState>({ status: 'idle' });
  const { me, can } = useAuth();
  // Hidden only once the role is known; the server refuses non-admins (403) either way.
  const notAdmin = me !== null && !can('admin');

  async function submit(event: FormEvent) {
    event.preventDefault();
    const file = fileInput.current?.files?.[0];
    if (!file) return;
    setState({ status: 'uploading', fileName: file.name });
    try {
      const result = await uploadBatch(file);
      setState({ status: 'done', fileName: file.name, result });
      onUploaded(result);
    } catch (error) {
      setState({ status: 'error', error });
    }
  }

  return (
    <Card aria-labelledby="upload-title">
      <h2 id="upload-title" className="text-tremor-title font-semibold text-tremor-content-strong">
        Upload transcripts
      </h2>
      <p className="mt-0.5 text-tremor-default text-tremor-content">
        JSON Lines, a JSON array or CSV (transcript format v1), optionally gzipped. Bad records are rejected
        one by one; the rest of the file is stored.
      </p>
      <form className="mt-4 flex flex-wrap items-center gap-3" onSubmit={submit}>
        <label htmlFor="upload-file" className="sr-only">
          Transcript file
        </label>
        <input
          id="upload-file"
          ref={fileInput}
          type="file"
          name="file"
          accept={ACCEPTED_EXTENSIONS.join(',')}
          className="text-tremor-default text-tremor-content file:mr-3 file:rounded-tremor-small file:border file:border-tremor-border file:bg-tremor-background file:px-3 file:py-1.5 file:text-tremor-default file:font-medium file:text-tremor-content-emphasis hover:file:bg-tremor-background-muted"
        />
        <Button type="submit" loading={state.status === 'uploading'} loadingText="Uploading…" disabled={notAdmin}>
          Upload
        </Button>
        {notAdmin && (
          <p className="text-tremor-default text-tremor-content">Uploading needs the admin role; you are a {me.role}.</p>
        )}
      </form>
      <div className="mt-4" aria-live="polite">
        {state.status === 'error' && <ErrorState error={state.error} title="Upload failed" />}
        {state.status === 'done' && (
          <div data-testid="upload-result">
            <p className="text-tremor-default text-tremor-content">
              <span className="font-medium text-tremor-content-strong">{state.fileName}</span> was stored as
              batch <span className="font-mono">{state.result.batchId}</span>.
            </p>
            <div className="mt-3 grid grid-cols-2 gap-3 sm:grid-cols-4">
              <Count label="Received" value={state.result.received} />
              <Count label="Accepted" value={state.result.accepted} tone="text-emerald-700" />
              <Count
                label="Rejected"
                value={state.result.rejected}
                tone={state.result.rejected > 0 ? 'text-red-600' : ''}
              />
              <Count label="Unchanged" value={state.result.unchanged} />
            </div>
            {state.result.rejects.length > 0 && (
              <div className="mt-4">
                <RejectList rejects={state.result.rejects.slice(0, INLINE_REJECTS)} />
                <Button size="xs" variant="light" onClick={() => onShowRejects(state.result.batchId)}>
                  See all {formatNumber(state.result.rejected)} rejects with their raw text
                </Button>
              </div>
            )}
          </div>
        )}
      </div>
    </Card>
  );
}
