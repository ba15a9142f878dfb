import { MOCK_BASE_URL } from '@kyyvideo/contract';
import { summarize } from '../stats/percentile.js';

// Calls per measurement: enough for a stable mean, few enough to stay below the request log's
// limit in the "log not full" rows (the mock is reset before each of those).
const CALLS = 3_000;
// Far beyond any sensible request-log limit; filling stops as soon as the log stops growing.
const MAX_FILL_REQUESTS = 100_000;
const FILL_CHECK_EVERY = 1_000;
const ORIGIN = MOCK_BASE_URL;
const HEADERS = { authorization: 'Bearer bench-token' };
const UPLOAD_BODY = JSON.stringify({
  assetType: 'Image',
  url: 'https://example.com/cat.jpg',
  name: 'Cat Image',
});

export interface InProcessCost {
  label: string;
  meanMs: number;
  p50Ms: number;
  p99Ms: number;
}

/**
 * The mock's own per-request cost without HTTP: msw's `getResponse` over the mock's handlers,
 * as the standalone server calls it, including building the Fetch API Request and reading the
 * Response body. Separates "msw + handlers" from "node:http + bridging" in the load figures,
 * and shows what the request log costs once it is full.
 */
export async function measureMockInProcess(): Promise<InProcessCost[]> {
  const { createMock } = await import('@kyyvideo/mock');
  const { getResponse } = await import('msw');
  const mock = createMock();
  const upload = () =>
    new Request(`${ORIGIN}/kyyVideo2/asset/upload`, {
      method: 'POST',
      headers: { ...HEADERS, 'content-type': 'application/json' },
      body: UPLOAD_BODY,
    });
  const send = async (request: Request): Promise<string> => {
    const response = await getResponse(mock.handlers, request);
    if (response?.status !== 200) {
      throw new Error(`in-process mock answered ${response?.status ?? 'nothing'}`);
    }
    return response.text();
  };
  const createAsset = async (): Promise<() => Request> => {
    const { data } = JSON.parse(await send(upload())) as { data: { assetId: string } };
    const url = `${ORIGIN}/kyyVideo2/asset/${data.assetId}`;
    return () => new Request(url, { headers: HEADERS });
  };

  const time = async (label: string, make: () => Request): Promise<InProcessCost> => {
    const samples: number[] = [];
    for (let i = 0; i < CALLS; i++) {
      const start = performance.now();
      await send(make());
      samples.push(performance.now() - start);
    }
    const summary = summarize(samples);
    return { label, meanMs: summary.mean, p50Ms: summary.p50, p99Ms: summary.p99 };
  };

  // Warm up both paths, then measure each on a mock whose request log is far from full.
  await time('warm-up', upload);
  await time('warm-up', await createAsset());
  const results: InProcessCost[] = [];
  mock.reset();
  results.push(await time('upload, request log not full', upload));
  mock.reset();
  const detail = await createAsset();
  results.push(await time('detail, request log not full', detail));

  // Fill the request log until it stops growing (it is bounded), then measure again.
  let previous = -1;
  for (let sent = 0; sent < MAX_FILL_REQUESTS; sent += FILL_CHECK_EVERY) {
    for (let i = 0; i < FILL_CHECK_EVERY; i++) await send(detail());
    const size = mock.requests().length;
    if (size === previous) break;
    previous = size;
  }
  const full = `request log full (${previous.toLocaleString('en-US')} entries)`;
  results.push(await time(`detail, ${full}`, detail));
  results.push(await time(`upload, ${full}`, upload));
  return results;
}
