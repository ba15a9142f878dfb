import { DEFAULT_FACE_REVIEW_DELAY_MS, DEFAULT_REVIEW_DELAY_MS } from '@kyyvideo/mock/node';
import { getResponse, HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import {
  KyyAbortError,
  KyyAssetFailedError,
  KyyInvalidResponseError,
  KyyUrlUnreachableError,
  KyyWaitTimeoutError,
} from '../../src/errors.js';
import type { PrepareProgress } from '../../src/types.js';
import { WAIT_MAX_INTERVAL_MS } from '../../src/wait.js';
import { rejection, settle } from '../helpers/settle.js';
import { runTimers, useMock } from './support.js';

const { server, mock, client, uploadsSent } = useMock();
const image = (n: number, extra = '') => ({
  assetType: 'Image' as const,
  url: `https://example.com/${n}${extra}.png`,
});

describe('waitUntilActive against the mock', () => {
  it('resolves once review passes, reporting each status', async () => {
    const kyy = client();
    const { assetId } = await kyy.assets.upload(image(1));
    const seen: string[] = [];
    const started = Date.now();
    const wait = settle(
      kyy.assets.waitUntilActive(assetId, { onStatus: (a) => seen.push(a.status) }),
    );
    await runTimers(DEFAULT_REVIEW_DELAY_MS + WAIT_MAX_INTERVAL_MS);
    const outcome = await wait.result;
    expect(outcome.ok && outcome.value.status).toBe('Active');
    expect(seen[0]).toBe('Processing');
    expect(seen.at(-1)).toBe('Active');
    // Growing interval: a 2 s review is seen within one capped interval of finishing.
    expect(Date.now() - started).toBeLessThanOrEqual(
      DEFAULT_REVIEW_DELAY_MS + WAIT_MAX_INTERVAL_MS,
    );
  });

  it('waits through the longer face review', async () => {
    const kyy = client();
    const { assetId } = await kyy.assets.upload({ ...image(2), name: 'my avatar' });
    const wait = settle(kyy.assets.waitUntilActive(assetId));
    await runTimers(DEFAULT_FACE_REVIEW_DELAY_MS - WAIT_MAX_INTERVAL_MS);
    expect(wait.done).toBe(false);
    await runTimers(2 * WAIT_MAX_INTERVAL_MS);
    expect((await wait.result).ok).toBe(true);
  });

  it('throws KyyAssetFailedError when review rejects the asset', async () => {
    const call = settle(client().assets.uploadAndWait(image(3, '-reject')));
    await runTimers(DEFAULT_REVIEW_DELAY_MS + WAIT_MAX_INTERVAL_MS);
    const error = await rejection(call);
    expect(error).toBeInstanceOf(KyyAssetFailedError);
    expect((error as KyyAssetFailedError).asset.status).toBe('Failed');
    expect((error as KyyAssetFailedError).assetId).toMatch(/^asset-/);
  });

  it('times out with the last status, and stops on abort', async () => {
    const kyy = client();
    const { assetId } = await kyy.assets.upload({ ...image(4), name: 'face' });
    const wait = settle(kyy.assets.waitUntilActive(assetId, { timeoutMs: 3_000 }));
    await runTimers(3_000);
    const error = await rejection(wait);
    expect(error).toBeInstanceOf(KyyWaitTimeoutError);
    expect(error).toMatchObject({ lastStatus: 'Processing', assetId });

    const controller = new AbortController();
    const aborted = settle(kyy.assets.waitUntilActive(assetId, { signal: controller.signal }));
    await runTimers(500);
    const before = mock.requests().length;
    controller.abort();
    expect(await rejection(aborted)).toBeInstanceOf(KyyAbortError);
    await runTimers(20_000);
    expect(mock.requests()).toHaveLength(before);
  });

  it('keeps polling through a status the contract does not know', async () => {
    const kyy = client();
    const { assetId } = await kyy.assets.upload(image(7));
    let reviewing = 2;
    server.use(
      http.get(/\/kyyVideo2\/asset\/[^/]+$/, async ({ request }) => {
        const real = await getResponse(mock.handlers, request);
        if (!real || reviewing-- <= 0) return real;
        const body = await real.json();
        return HttpResponse.json({ ...body, data: { ...body.data, status: 'Reviewing' } });
      }),
    );
    await expect(kyy.assets.get(assetId)).rejects.toBeInstanceOf(KyyInvalidResponseError);
    const seen: string[] = [];
    const wait = settle(
      kyy.assets.waitUntilActive(assetId, { onStatus: (a) => seen.push(a.status) }),
    );
    await runTimers(DEFAULT_REVIEW_DELAY_MS + 2 * WAIT_MAX_INTERVAL_MS);
    const outcome = await wait.result;
    expect(outcome.ok && outcome.value.status).toBe('Active');
    expect(seen).not.toContain('Reviewing');
  });

  it('keeps polling through a transient fault while waiting', async () => {
    const kyy = client();
    const { assetId } = await kyy.assets.upload(image(5));
    mock.use('server-error', { times: 3 });
    const wait = settle(kyy.assets.waitUntilActive(assetId));
    await runTimers(30_000);
    expect((await wait.result).ok).toBe(true);
  });
});

describe('uploadAndWait and prepare against the mock', () => {
  it('uploadAndWait returns the id, the ref and the Active asset', async () => {
    const call = settle(client().assets.uploadAndWait(image(6)));
    await runTimers(DEFAULT_REVIEW_DELAY_MS + WAIT_MAX_INTERVAL_MS);
    const outcome = await call.result;
    expect(outcome.ok).toBe(true);
    if (outcome.ok) {
      expect(outcome.value.ref).toBe(`asset://${outcome.value.assetId}`);
      expect(outcome.value.asset.status).toBe('Active');
    }
  });

  it('prepare makes every asset ready and reports progress', async () => {
    const events: PrepareProgress[] = [];
    const call = settle(
      client().assets.prepare(
        [1, 2, 3, 4].map((n) => image(n)),
        {
          concurrency: 2,
          onProgress: (e) => events.push(e),
        },
      ),
    );
    await runTimers(30_000);
    const outcome = await call.result;
    expect(outcome.ok && outcome.value.ok).toBe(true);
    if (!outcome.ok) return;
    expect(outcome.value.items.map((r) => r.ok && r.asset?.status)).toEqual(
      Array(4).fill('Active'),
    );
    expect(mock.store.size).toBe(4);
    expect(events.filter((e) => e.type === 'ready')).toHaveLength(4);
  });

  it('prepare with deleteCreatedOnFailure leaves nothing behind when one item fails', async () => {
    const items = [
      image(1),
      { assetType: 'Image' as const, url: 'https://x.example.invalid/2.png' },
      image(3),
    ];
    const call = settle(
      client().assets.prepare(items, { concurrency: 1, deleteCreatedOnFailure: true }),
    );
    await runTimers(30_000);
    const outcome = await call.result;
    if (!outcome.ok) throw outcome.error;
    const { ok, items: results, deleted } = outcome.value;
    expect(ok).toBe(false);
    expect(results).toHaveLength(3);
    expect(results[0]?.ok).toBe(true);
    expect(results[1]?.ok === false && results[1].error).toBeInstanceOf(KyyUrlUnreachableError);
    expect(results[2]?.ok === false && results[2].error).toBeInstanceOf(KyyAbortError);
    expect(deleted).toEqual([results[0]?.assetId]);
    expect(mock.store.size).toBe(0);
    expect(uploadsSent()).toBe(2);
  });
});
