import { formatDuration, formatJson } from '../lib/format.js';
import { TARGET_LABELS } from '../lib/targets.js';
import { type CallRecord, OPERATION_LABELS } from '../state/calls.js';
import { CopyButton } from './CopyButton.js';
import { ErrorNotice } from './ErrorNotice.js';
import { ExchangeView } from './ExchangeView.js';

/** Polls of a long wait stay reachable but folded, so the latest one is what you see. */
const OPEN_EXCHANGES = 1;

const STATE_TEXT: Record<CallRecord['state'], string> = {
  running: 'running…',
  ok: 'succeeded',
  error: 'failed',
};

export function CallCard({ call }: { call: CallRecord }) {
  const last = call.exchanges.at(-1);
  const earlier = call.exchanges.slice(0, -OPEN_EXCHANGES);
  return (
    <article
      className={`call call-${call.state}`}
      aria-label={`${OPERATION_LABELS[call.operation]} call ${call.id}`}
      data-operation={call.operation}
      data-state={call.state}
    >
      <header className="call-head">
        <h3>
          #{call.id} {OPERATION_LABELS[call.operation]}
          {call.assetId ? <span className="muted"> · {call.assetId}</span> : null}
          {call.taskId ? (
            <span className="muted" data-testid="task-id">
              {' '}
              · {call.taskId}
            </span>
          ) : null}
        </h3>
        <p className="call-meta">
          <span className={`state state-${call.state}`}>{STATE_TEXT[call.state]}</span>
          {call.durationMs !== undefined ? (
            <span> in {formatDuration(call.durationMs)}</span>
          ) : null}
          <span className="muted">
            {' '}
            · {TARGET_LABELS[call.target]}
            {call.scenario ? ` · scenario ${call.scenario}` : ''} · {call.exchanges.length} HTTP
            request{call.exchanges.length === 1 ? '' : 's'}
          </span>
        </p>
      </header>

      {call.ref ? (
        <p className="ref-line">
          <span>Reference: </span>
          <code data-testid="asset-ref">{call.ref}</code>{' '}
          <CopyButton text={call.ref} label="Copy ref" />
        </p>
      ) : null}

      {call.statuses.length > 0 ? (
        <p className="statuses" aria-live="polite">
          Statuses seen: {call.statuses.join(' → ')}
        </p>
      ) : null}

      {call.error ? <ErrorNotice error={call.error} /> : null}

      {call.result !== undefined ? (
        <details className="result">
          <summary>Value returned by the client</summary>
          <pre className="code">{formatJson(call.result)}</pre>
        </details>
      ) : null}

      {earlier.length > 0 ? (
        <details className="earlier">
          <summary>
            {earlier.length} earlier request{earlier.length === 1 ? '' : 's'} of this call
          </summary>
          {earlier.map((exchange) => (
            <ExchangeView key={exchange.attempt} exchange={exchange} curlNote={undefined} />
          ))}
        </details>
      ) : null}
      {last ? <ExchangeView exchange={last} curlNote={call.curlNote} /> : null}
      {!last && call.state !== 'running' ? (
        <p className="muted">No HTTP request was sent.</p>
      ) : null}
    </article>
  );
}
