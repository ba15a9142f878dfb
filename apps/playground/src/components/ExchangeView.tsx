import { formatDuration, formatJson } from '../lib/format.js';
import type { BodyView, Exchange } from '../lib/recording-fetch.js';
import { CopyButton } from './CopyButton.js';
import { InlineText } from './InlineText.js';

function pathOf(url: string): string {
  try {
    const { pathname, search } = new URL(url);
    return pathname + search;
  } catch {
    return url;
  }
}

function Body({ body }: { body: BodyView | undefined }) {
  if (!body) return null;
  if (body.kind === 'empty') return <p className="muted">Empty body.</p>;
  if (body.kind === 'json') {
    return (
      <>
        <h4>Envelope</h4>
        <pre className="code envelope">{formatJson(body.value)}</pre>
      </>
    );
  }
  return (
    <>
      <h4>Body (not JSON{body.truncated ? ', cut short' : ''})</h4>
      <pre className="code envelope">{body.text}</pre>
    </>
  );
}

function statusClass(status: number | undefined): string {
  if (status === undefined) return 'http http-none';
  if (status >= 200 && status < 300) return 'http http-ok';
  return 'http http-bad';
}

/** One HTTP request of a call: status, time, envelope and the curl that repeats it. */
export function ExchangeView({
  exchange,
  curlNote,
}: {
  exchange: Exchange;
  curlNote?: string | undefined;
}) {
  return (
    <div className="exchange" data-attempt={exchange.attempt}>
      <p className="exchange-line">
        <span className="method">{exchange.method}</span> <code>{pathOf(exchange.url)}</code>{' '}
        <span className={statusClass(exchange.status)} data-testid="http-status">
          {exchange.status !== undefined
            ? `HTTP ${exchange.status}${exchange.statusText ? ` ${exchange.statusText}` : ''}`
            : 'no HTTP answer'}
        </span>{' '}
        <span className="muted">{formatDuration(exchange.durationMs)}</span>
      </p>
      {exchange.networkError ? <p className="network-error">{exchange.networkError}</p> : null}
      <Body body={exchange.body} />
      <div className="curl-head">
        <h4>curl</h4>
        <CopyButton text={exchange.curl} label="Copy curl" />
      </div>
      <pre className="code curl" data-testid="curl">
        {exchange.curl}
      </pre>
      {curlNote ? (
        <p className="muted small">
          <InlineText text={curlNote} />
        </p>
      ) : null}
    </div>
  );
}
