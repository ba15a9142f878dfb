import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { CallRecord } from '../state/calls.js';
import { CallCard } from './CallCard.js';

const ID = 'asset-20260330142158-q75m8';

function call(patch: Partial<CallRecord>): CallRecord {
  return {
    id: 7,
    operation: 'upload',
    target: 'real',
    scenario: null,
    state: 'ok',
    exchanges: [],
    statuses: [],
    ...patch,
  };
}

describe('CallCard', () => {
  it('shows status, time, envelope, curl and the reference of a call', () => {
    const html = renderToStaticMarkup(
      <CallCard
        call={call({
          assetId: ID,
          ref: `asset://${ID}`,
          durationMs: 1_234,
          exchanges: [
            {
              attempt: 1,
              method: 'POST',
              url: 'http://127.0.0.1:5173/proxy/real-service/kyyVideo2/asset/upload',
              curl: 'curl -X POST … -H "Authorization: Bearer $KYY_API_KEY"',
              durationMs: 87,
              status: 200,
              statusText: 'OK',
              body: { kind: 'json', value: { code: 0, msg: null, data: { assetId: ID } } },
            },
          ],
        })}
      />,
    );
    expect(html).toContain('succeeded');
    expect(html).toContain(' in 1.23 s');
    expect(html).toContain('HTTP 200 OK');
    expect(html).toContain('87 ms');
    expect(html).toContain('/proxy/real-service/kyyVideo2/asset/upload');
    expect(html).toContain(`&quot;assetId&quot;: &quot;${ID}&quot;`);
    expect(html).toContain('Bearer $KYY_API_KEY');
    expect(html).toContain(`asset://${ID}`);
    expect(html).toContain('Copy ref');
    expect(html).toContain('Copy curl');
  });

  it('shows an error in plain words and a dropped connection without an HTTP status', () => {
    const html = renderToStaticMarkup(
      <CallCard
        call={call({
          state: 'error',
          error: {
            kind: 'KyyConnectionError',
            title: 'No answer: the connection failed.',
            next: 'Start `pnpm mock`.',
            detail: 'refused',
          },
          exchanges: [
            {
              attempt: 1,
              method: 'GET',
              url: 'http://h/x',
              curl: 'curl',
              durationMs: 3,
              networkError: 'TypeError: Failed to fetch',
            },
          ],
        })}
      />,
    );
    expect(html).toContain('No answer: the connection failed.');
    expect(html).toContain('<span>Start </span><code>pnpm mock</code><span>.</span>');
    expect(html).toContain('no HTTP answer');
    expect(html).toContain('TypeError: Failed to fetch');
  });

  it('says so when the client refused before sending anything', () => {
    const html = renderToStaticMarkup(<CallCard call={call({ state: 'error' })} />);
    expect(html).toContain('No HTTP request was sent.');
  });
});
