import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { DeleteAssetResponse, GetAssetResponse, UploadAssetResponse } from '@kyyvideo/contract';
import { build } from 'esbuild';
import { type BrowserContext, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockServer } from '../src/server/index.js';

// The browser entry in a real browser: the page is bundled the way an app bundler would (browser
// conditions, so `@kyyvideo/mock/browser` resolves), the shipped worker script is served from the
// site root, and Chromium runs the round trip through the service worker.

const CHROMIUM = process.env.CHROME_PATH ?? '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
const MISSING_CHROMIUM = `no Chromium at ${CHROMIUM}. Install it with \`apt-get install -y chromium\` (Debian/Ubuntu, as root), or set CHROME_PATH to a Chrome or Chromium binary.`;
// Locally a missing browser skips this test with one line saying why; in CI it must fail, so a
// machine without Chromium can never pass the browser entry untested.
const inCi = process.env.CI === 'true';
if (!hasChromium && !inCi) console.log(`browser test skipped: ${MISSING_CHROMIUM}`);
// Generous because a cold Chromium start on a busy CI machine is slow; asserts nothing about speed.
const BROWSER_TIMEOUT_MS = 60_000;

let server: Server;
let context: BrowserContext;
let origin: string;

beforeAll(async () => {
  if (!hasChromium) return;
  const bundle = await build({
    entryPoints: [fileURLToPath(new URL('./browser/page.ts', import.meta.url))],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    logLevel: 'silent',
  });
  const script = bundle.outputFiles[0]?.text ?? '';
  const worker = await readFile(new URL('../worker/mockServiceWorker.js', import.meta.url), 'utf8');
  const files: Record<string, [string, string]> = {
    '/': [
      'text/html',
      '<!doctype html><meta charset="utf-8"><script type="module" src="/page.js"></script>',
    ],
    '/page.js': ['text/javascript', script],
    '/mockServiceWorker.js': ['text/javascript', worker],
  };
  server = createServer((req, res) => {
    const file = files[req.url ?? ''];
    if (!file) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': file[0] }).end(file[1]);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  context = await chromium.launchPersistentContext('', {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}, BROWSER_TIMEOUT_MS);

afterAll(async () => {
  await context?.close();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
});

if (!hasChromium && inCi) {
  describe('browser test prerequisites', () => {
    it('finds Chromium (required when CI=true)', () => {
      throw new Error(`browser test cannot run: ${MISSING_CHROMIUM}`);
    });
  });
}

describe.skipIf(!hasChromium)('setupMockWorker in Chromium', () => {
  it(
    'serves upload, detail and delete through the shipped service worker, on any origin',
    async () => {
      const page = await context.newPage();
      await page.goto(origin);
      type Call = { status: number; body: unknown };
      type RoundTrip = { upload: Call; detail: Call; remove: Call };
      const results = (await page.evaluate(() => window.__results)) as {
        sameOrigin: RoundTrip;
        realService: RoundTrip;
        dropped: boolean;
        logged: number;
      };
      for (const { upload, detail, remove } of [results.sameOrigin, results.realService]) {
        expect(upload.status).toBe(200);
        const uploaded = UploadAssetResponse.parse(upload.body);
        expect(GetAssetResponse.parse(detail.body).data).toMatchObject({
          assetId: uploaded.data.assetId,
          status: 'Processing',
        });
        expect(DeleteAssetResponse.parse(remove.body).code).toBe('0');
      }
      expect(results.dropped).toBe(true);
      expect(results.logged).toBe(7);
    },
    BROWSER_TIMEOUT_MS,
  );
});

describe.skipIf(!hasChromium)('sample media in Chromium', () => {
  it(
    "a completed task's video_url plays in a <video> element",
    async () => {
      const mock = await startMockServer({ port: 0, taskQueuedMs: 0, taskProcessingMs: 0 });
      try {
        const headers = { authorization: 'Bearer k', 'content-type': 'application/json' };
        const created = await fetch(`${mock.url}/v1/kyyvideo2/videos`, {
          method: 'POST',
          headers,
          body: JSON.stringify({ model: 'kyyvideo2', prompt: 'a cat' }),
        });
        const { id } = (await created.json()) as { id: string };
        const task = (await (await fetch(`${mock.url}/v1/result/${id}`, { headers })).json()) as {
          video_url: string;
        };
        const page = await context.newPage();
        await page.goto(origin);
        const played = await page.evaluate(
          (src) =>
            new Promise<{ readyState: number; width: number; error: number | null }>((resolve) => {
              const video = document.createElement('video');
              video.muted = true;
              video.addEventListener('canplay', () =>
                resolve({ readyState: video.readyState, width: video.videoWidth, error: null }),
              );
              video.addEventListener('error', () =>
                resolve({ readyState: video.readyState, width: 0, error: video.error?.code ?? -1 }),
              );
              video.src = src;
              document.body.append(video);
            }),
          task.video_url,
        );
        expect(played.error).toBeNull();
        // HAVE_FUTURE_DATA or better: Chromium decoded enough of the MP4 to start playing.
        expect(played.readyState).toBeGreaterThanOrEqual(3);
        expect(played.width).toBe(320);
      } finally {
        await mock.close();
      }
    },
    BROWSER_TIMEOUT_MS,
  );
});
