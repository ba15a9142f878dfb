import { describe, expect, it } from 'vitest';
import { REAL_SERVICE_PROXY_PATH } from './proxy-path.js';
import { PROXY_NOT_SENT_HEADER } from './proxy-unreached.js';
import type { Exchange } from './recording-fetch.js';
import { runCall } from './run-call.js';
import { DEFAULT_TARGET_SETTINGS, type ResolvedTarget, resolveTarget } from './targets.js';

const ORIGIN = 'http://127.0.0.1:5173';

function realTarget(): ResolvedTarget {
  const resolved = resolveTarget(
    { ...DEFAULT_TARGET_SETTINGS, kind: 'real', realKey: 'sk-live-1234567890abcdef' },
    ORIGIN,
  );
  if (!resolved.ok) throw new Error(resolved.problem);
  return resolved.target;
}

/** A fetch standing in for the playground's proxy: every request gets the same 502. */
function proxyAnswering(headers: Record<string, string>) {
  const urls: string[] = [];
  const fetch: typeof globalThis.fetch = async (input, init) => {
    urls.push(new Request(input, init).url);
    return new Response('Bad Gateway', { status: 502, headers });
  };
  return { fetch, urls };
}

async function uploadThrough(fetch: typeof globalThis.fetch) {
  const exchanges: Exchange[] = [];
  const outcome = await runCall({
    target: realTarget(),
    scenario: null,
    fetch,
    onExchange: (e) => exchanges.push(e),
    exec: (client) =>
      client.assets.upload({ assetType: 'Image', url: 'https://example.com/cat.jpg' }),
  });
  if (outcome.ok) throw new Error('expected the upload to fail');
  return { error: outcome.error, exchanges };
}

describe('a 502 from the playground proxy vs. from the service', () => {
  it('says nothing was created when the proxy marks that it never reached the service', async () => {
    const proxy = proxyAnswering({ [PROXY_NOT_SENT_HEADER]: 'ECONNREFUSED' });
    const { error, exchanges } = await uploadThrough(proxy.fetch);
    expect(error.kind).toBe('KyyConnectionError');
    expect(error.title).toBe(
      'The request never reached the service, so nothing was created or changed.',
    );
    expect(error.next).toMatch(/it is safe, nothing was sent/);
    expect(error.detail).toContain('ECONNREFUSED');
    expect(proxy.urls[0]).toBe(`${ORIGIN}${REAL_SERVICE_PROXY_PATH}/kyyVideo2/asset/upload`);
    // Provably unsent, so the client may resend the upload; each attempt is on the page.
    expect(exchanges.length).toBe(proxy.urls.length);
    expect(exchanges[0]?.networkError).toMatch(/could not reach the service \(ECONNREFUSED\)/);
  });

  it('keeps "outcome unknown" for an unmarked 502, and never resends the upload', async () => {
    const proxy = proxyAnswering({});
    const { error, exchanges } = await uploadThrough(proxy.fetch);
    expect(error.kind).toBe('KyyUploadOutcomeUnknownError');
    expect(error.title).toBe(
      'The upload may or may not have created an asset (the service answered HTTP 502).',
    );
    expect(error.next).toMatch(/^Do not simply resend/);
    expect(proxy.urls).toHaveLength(1);
    expect(exchanges.map((e) => e.status)).toEqual([502]);
  });
});
