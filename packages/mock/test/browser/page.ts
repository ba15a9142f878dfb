// Runs inside Chromium: starts the worker through the package's public browser entry and drives
// a full upload → detail → delete round trip, on the page's own origin and on the real service's.
import { setupMockWorker } from '@kyyvideo/mock/browser';

declare global {
  interface Window {
    __results?: Promise<unknown>;
  }
}

async function call(url: string, init?: RequestInit) {
  const res = await fetch(url, init);
  return { status: res.status, body: (await res.json()) as unknown };
}

async function roundTrip(base: string) {
  const headers = { Authorization: 'Bearer browser-key', 'Content-Type': 'application/json' };
  const upload = await call(`${base}/kyyVideo2/asset/upload`, {
    method: 'POST',
    headers,
    body: JSON.stringify({
      assetType: 'Image',
      url: 'https://example.com/cat.jpg',
      name: 'Cat Image',
    }),
  });
  const assetId = (upload.body as { data?: { assetId?: string } }).data?.assetId ?? 'missing';
  const detail = await call(`${base}/kyyVideo2/asset/${assetId}`, { headers });
  const remove = await call(`${base}/kyyVideo2/asset/${assetId}`, { method: 'DELETE', headers });
  return { upload, detail, remove };
}

window.__results = (async () => {
  const { worker, mock } = setupMockWorker({ seed: 1 });
  await worker.start({
    quiet: true,
    onUnhandledRequest: 'bypass',
    serviceWorker: { url: '/mockServiceWorker.js' },
  });
  const sameOrigin = await roundTrip(`${location.origin}/kyyReactApiServer`);
  const realService = await roundTrip('https://zcbservice.aizfw.cn/kyyReactApiServer');
  let dropped = false;
  try {
    await fetch('/kyyReactApiServer/kyyVideo2/asset/x', {
      headers: { 'x-mock-scenario': 'drop-connection' },
    });
  } catch {
    dropped = true;
  }
  return { sameOrigin, realService, dropped, logged: mock.requests().length };
})();
