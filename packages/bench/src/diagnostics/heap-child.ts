/**
 * Run as `node --expose-gc heap-child.js`: measures, in a fresh process, how much heap the mock
 * retains per stored asset, and whether requests that store nothing (detail) retain anything
 * beyond the mock's bounded request log. Prints one JSON line. Used by the soak suite to tell
 * expected growth (stored assets) from a leak.
 */
const ORIGIN = 'http://127.0.0.1:4010/kyyReactApiServer';
const HEADERS = { authorization: 'Bearer bench-token' };
// Enough uploads that per-asset cost dwarfs allocator noise.
const UPLOADS = 10_000;
// More detail requests than the mock's request-log limit (10,000), so the log is full before
// measuring and stays full while measuring.
const DETAILS = 15_000;

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) {
  console.error('heap-child must run with node --expose-gc');
  process.exit(2);
}

// Between collections the event loop must turn: undici frees each Request's abort-signal
// bookkeeping from FinalizationRegistry callbacks, which only run in a later task.
const FINALIZE_PAUSE_MS = 10;
const GC_PASSES = 6;

async function settledHeap(): Promise<number> {
  for (let i = 0; i < GC_PASSES; i++) {
    gc?.();
    await new Promise((resolvePause) => setTimeout(resolvePause, FINALIZE_PAUSE_MS));
  }
  return process.memoryUsage().heapUsed;
}

const { createMock } = await import('@kyyvideo/mock');
const { getResponse } = await import('msw');
// Room for every upload plus the first: the store limit must not forget any while measuring.
const mock = createMock({ storeLimit: UPLOADS + 1 });
const send = async (request: Request): Promise<string> => {
  const response = await getResponse(mock.handlers, request);
  if (response?.status !== 200) throw new Error(`mock answered ${response?.status ?? 'nothing'}`);
  return response.text();
};
const upload = (i: number) =>
  new Request(`${ORIGIN}/kyyVideo2/asset/upload`, {
    method: 'POST',
    headers: { ...HEADERS, 'content-type': 'application/json' },
    body: JSON.stringify({
      assetType: 'Image',
      url: `https://example.com/heap/${i}.jpg`,
      name: `heap ${i}`,
    }),
  });

// Warm-up: fill the request log to its bound and let every code path allocate its caches.
const first = JSON.parse(await send(upload(-1))) as { data: { assetId: string } };
const detail = () =>
  new Request(`${ORIGIN}/kyyVideo2/asset/${first.data.assetId}`, { headers: HEADERS });
for (let i = 0; i < DETAILS; i++) await send(detail());

const beforeUploads = await settledHeap();
for (let i = 0; i < UPLOADS; i++) await send(upload(i));
const afterUploads = await settledHeap();
for (let i = 0; i < DETAILS; i++) await send(detail());
const afterDetails = await settledHeap();

console.log(
  JSON.stringify({
    uploads: UPLOADS,
    details: DETAILS,
    bytesPerStoredAsset: (afterUploads - beforeUploads) / UPLOADS,
    detailGrowthBytes: afterDetails - afterUploads,
  }),
);
