import type { paths } from '@kyyvideo/contract';
import { MOCK_BASE_URL } from '@kyyvideo/contract';
import { summarize } from '../stats/percentile.js';

// Calls per measurement: enough for a stable rate, few enough to stay below the mock's request
// log limit (the mock is reset before each row) and to keep the suite short.
const CALLS = 3_000;
const WARMUP_CALLS = 500;
const TOKEN = 'bench-token';
const INPUT = {
  assetType: 'Image',
  url: 'https://example.com/cat.jpg',
  name: 'Cat Image',
} as const;
const UPLOAD_ANSWER = { code: 0, msg: null, data: { assetId: 'asset-20260330142158-q75m8' } };

export interface InProcessRate {
  label: string;
  /** Sequential calls per second. */
  perSecond: number;
  meanMs: number;
  p99Ms: number;
}

async function rate(label: string, call: () => Promise<unknown>): Promise<InProcessRate> {
  for (let i = 0; i < WARMUP_CALLS; i++) await call();
  const samples: number[] = [];
  const started = performance.now();
  for (let i = 0; i < CALLS; i++) {
    const t = performance.now();
    await call();
    samples.push(performance.now() - t);
  }
  const elapsed = performance.now() - started;
  const s = summarize(samples);
  return { label, perSecond: (CALLS * 1000) / elapsed, meanMs: s.mean, p99Ms: s.p99 };
}

/**
 * Uploads in this process through msw's fetch interception (`setupServer`), no network:
 * `@kyyvideo/client` against `@kyyvideo/mock/node`, next to openapi-fetch against a one-line msw
 * handler; and, to split the time, the same two handler sets called through `getResponse`
 * (no fetch interception, no client).
 */
export async function measureMockInProcess(): Promise<InProcessRate[]> {
  const { setupMockServer } = await import('@kyyvideo/mock/node');
  const { createKyyClient } = await import('@kyyvideo/client');
  const { default: createOpenApiClient } = await import('openapi-fetch');
  const { getResponse, http, HttpResponse } = await import('msw');
  const { setupServer } = await import('msw/node');
  const uploadRequest = () =>
    new Request(`${MOCK_BASE_URL}/kyyVideo2/asset/upload`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify(INPUT),
    });
  const results: InProcessRate[] = [];

  const { server: mockServer, mock } = setupMockServer();
  mockServer.listen({ onUnhandledRequest: 'error' });
  try {
    const client = createKyyClient({ apiKey: TOKEN, baseUrl: MOCK_BASE_URL, validate: 'strict' });
    mock.reset();
    results.push(
      await rate('@kyyvideo/client upload → @kyyvideo/mock/node', () =>
        client.assets.upload(INPUT),
      ),
    );
  } finally {
    mockServer.close();
  }

  const oneLine = [http.post('*/kyyVideo2/asset/upload', () => HttpResponse.json(UPLOAD_ANSWER))];
  const peerServer = setupServer(...oneLine);
  peerServer.listen({ onUnhandledRequest: 'error' });
  try {
    const openapi = createOpenApiClient<paths>({
      baseUrl: MOCK_BASE_URL,
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    results.push(
      await rate('openapi-fetch upload → one-line msw handler', () =>
        openapi.POST('/kyyVideo2/asset/upload', { body: INPUT }),
      ),
    );
  } finally {
    peerServer.close();
  }

  mock.reset();
  results.push(
    await rate("getResponse(mock.handlers): the mock's handler alone", async () =>
      (await getResponse(mock.handlers, uploadRequest()))?.text(),
    ),
  );
  results.push(
    await rate('getResponse(one-line handler): msw dispatch alone', async () =>
      (await getResponse(oneLine, uploadRequest()))?.text(),
    ),
  );
  return results;
}
