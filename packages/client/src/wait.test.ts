import type { Asset } from '@kyyvideo/contract';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ASSET_ID, assetBody } from '../test/helpers/fake-fetch.js';
import { rejection, settle } from '../test/helpers/settle.js';
import type { AssetsCore } from './assets.js';
import {
  KyyAbortError,
  KyyAssetFailedError,
  KyyInputError,
  KyyNotFoundError,
  KyyServerError,
  KyyWaitTimeoutError,
} from './errors.js';
import {
  pollIntervalMs,
  WAIT_INITIAL_INTERVAL_MS,
  WAIT_INTERVAL_GROWTH,
  WAIT_JITTER_RATIO,
  WAIT_MAX_INTERVAL_MS,
  waitUntilActive,
} from './wait.js';

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
});
afterEach(() => {
  vi.useRealTimers();
});

type Step = string | Error | 'hang';

/** A detail() that answers from a script (the last step repeats) and records when it was called. */
function fakeDetail(...steps: Step[]) {
  const calls: number[] = [];
  const detail: AssetsCore['detail'] = (_id, options = {}) => {
    calls.push(Date.now());
    const step = steps.length > 1 ? steps.shift() : steps[0];
    if (step === 'hang') {
      return new Promise((_, reject) => {
        options.signal?.addEventListener('abort', () =>
          reject(new KyyAbortError('aborted', { operation: 'get' })),
        );
      });
    }
    if (step instanceof Error) return Promise.reject(step);
    const asset = assetBody(step ?? 'Processing').data as Asset;
    return Promise.resolve({
      asset,
      statusKnown: ['Processing', 'Active', 'Failed'].includes(asset.status),
    });
  };
  return { core: { detail }, calls };
}

describe('poll interval', () => {
  it('starts at 1 s, grows ×1.5 and stops growing at the documented 5 s', () => {
    expect(pollIntervalMs(1)).toBe(WAIT_INITIAL_INTERVAL_MS);
    expect(pollIntervalMs(2)).toBe(WAIT_INITIAL_INTERVAL_MS * WAIT_INTERVAL_GROWTH);
    expect(pollIntervalMs(3)).toBe(WAIT_INITIAL_INTERVAL_MS * WAIT_INTERVAL_GROWTH ** 2);
    expect(pollIntervalMs(20)).toBe(WAIT_MAX_INTERVAL_MS);
    expect(WAIT_MAX_INTERVAL_MS).toBe(5_000);
  });
});

describe('waitUntilActive', () => {
  it('polls with growing, jittered pauses until Active', async () => {
    const { core, calls } = fakeDetail('Processing', 'Processing', 'Processing', 'Active');
    const seen: string[] = [];
    const random = vi.fn(() => 0.5);
    const wait = settle(
      waitUntilActive(core, ASSET_ID, { onStatus: (a) => seen.push(a.status) }, random),
    );
    await vi.advanceTimersByTimeAsync(60_000);
    const outcome = await wait.result;
    expect(outcome.ok && outcome.value.status).toBe('Active');
    const gaps = calls.slice(1).map((t, i) => t - (calls[i] ?? 0));
    const jitter = 1 - WAIT_JITTER_RATIO * 0.5;
    expect(gaps).toEqual([1, 2, 3].map((poll) => Math.round(pollIntervalMs(poll) * jitter)));
    expect(seen).toEqual(['Processing', 'Processing', 'Processing', 'Active']);
  });

  it('jitter only shortens pauses, so the 5 s cap holds', async () => {
    const { core, calls } = fakeDetail('Processing');
    const wait = settle(waitUntilActive(core, ASSET_ID, { timeoutMs: 60_000 }, () => 0));
    await vi.advanceTimersByTimeAsync(60_000);
    expect(await rejection(wait)).toBeInstanceOf(KyyWaitTimeoutError);
    const gaps = calls.slice(1).map((t, i) => t - (calls[i] ?? 0));
    expect(Math.max(...gaps)).toBe(WAIT_MAX_INTERVAL_MS);
  });

  it('throws KyyAssetFailedError with the asset when review fails', async () => {
    const { core } = fakeDetail('Processing', 'Failed');
    const wait = settle(waitUntilActive(core, ASSET_ID));
    await vi.advanceTimersByTimeAsync(5_000);
    const error = await rejection(wait);
    expect(error).toBeInstanceOf(KyyAssetFailedError);
    expect((error as KyyAssetFailedError).asset.status).toBe('Failed');
    expect(error).toMatchObject({ operation: 'wait', assetId: ASSET_ID });
  });

  it('times out at timeoutMs with the last status', async () => {
    const { core } = fakeDetail('Processing');
    const wait = settle(waitUntilActive(core, ASSET_ID, { timeoutMs: 10_000 }));
    await vi.advanceTimersByTimeAsync(9_999);
    expect(wait.done).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    const error = await rejection(wait);
    expect(error).toBeInstanceOf(KyyWaitTimeoutError);
    expect(error).toMatchObject({ lastStatus: 'Processing', assetId: ASSET_ID });
    expect((error as Error).message).toMatch(/larger timeoutMs/);
  });

  it('times out even while a detail request hangs', async () => {
    const { core } = fakeDetail('hang');
    const wait = settle(waitUntilActive(core, ASSET_ID, { timeoutMs: 3_000 }));
    await vi.advanceTimersByTimeAsync(3_000);
    const error = await rejection(wait);
    expect(error).toBeInstanceOf(KyyWaitTimeoutError);
    expect((error as KyyWaitTimeoutError).lastStatus).toBeUndefined();
  });

  it('keeps polling through an unknown status, without passing it to onStatus', async () => {
    const { core, calls } = fakeDetail('Reviewing', 'Reviewing', 'Active');
    const onStatus = vi.fn();
    const wait = settle(waitUntilActive(core, ASSET_ID, { onStatus }));
    await vi.advanceTimersByTimeAsync(10_000);
    expect((await wait.result).ok).toBe(true);
    expect(calls).toHaveLength(3);
    expect(onStatus).toHaveBeenCalledTimes(1);
  });

  it('reports an unknown last status on timeout', async () => {
    const { core } = fakeDetail('Reviewing');
    const wait = settle(waitUntilActive(core, ASSET_ID, { timeoutMs: 2_000 }));
    await vi.advanceTimersByTimeAsync(2_000);
    expect(await rejection(wait)).toMatchObject({ lastStatus: 'Reviewing' });
  });

  it('keeps polling through transient errors but not through definite ones', async () => {
    const transient = fakeDetail(new KyyServerError('503', { operation: 'get' }), 'Active');
    const ok = settle(waitUntilActive(transient.core, ASSET_ID));
    await vi.advanceTimersByTimeAsync(5_000);
    expect((await ok.result).ok).toBe(true);

    const gone = fakeDetail(new KyyNotFoundError('gone', { operation: 'get' }), 'Active');
    const failed = settle(waitUntilActive(gone.core, ASSET_ID));
    await vi.advanceTimersByTimeAsync(5_000);
    expect(await rejection(failed)).toBeInstanceOf(KyyNotFoundError);
    expect(gone.calls).toHaveLength(1);
  });

  it('attaches the last transient error to a timeout', async () => {
    const { core } = fakeDetail(new KyyServerError('503', { operation: 'get' }));
    const wait = settle(waitUntilActive(core, ASSET_ID, { timeoutMs: 2_000 }));
    await vi.advanceTimersByTimeAsync(2_000);
    expect(((await rejection(wait)) as Error).cause).toBeInstanceOf(KyyServerError);
  });

  it('stops immediately on abort, during a pause or a request', async () => {
    const controller = new AbortController();
    const { core, calls } = fakeDetail('Processing');
    const wait = settle(waitUntilActive(core, ASSET_ID, { signal: controller.signal }));
    await vi.advanceTimersByTimeAsync(100);
    controller.abort();
    await vi.advanceTimersByTimeAsync(0);
    expect(wait.done).toBe(true);
    const error = await rejection(wait);
    expect(error).toBeInstanceOf(KyyAbortError);
    expect(error).toMatchObject({ operation: 'wait', assetId: ASSET_ID });
    await vi.advanceTimersByTimeAsync(60_000);
    expect(calls).toHaveLength(1);

    const inFlight = new AbortController();
    const hanging = fakeDetail('hang');
    const wait2 = settle(waitUntilActive(hanging.core, ASSET_ID, { signal: inFlight.signal }));
    await vi.advanceTimersByTimeAsync(100);
    inFlight.abort();
    await vi.advanceTimersByTimeAsync(0);
    expect(await rejection(wait2)).toBeInstanceOf(KyyAbortError);
  });

  it('does not let a throwing onStatus break the wait', async () => {
    const { core } = fakeDetail('Processing', 'Active');
    const wait = settle(
      waitUntilActive(core, ASSET_ID, {
        onStatus: () => {
          throw new Error('ui bug');
        },
      }),
    );
    await vi.advanceTimersByTimeAsync(5_000);
    expect((await wait.result).ok).toBe(true);
  });

  it('checks its arguments before polling', async () => {
    const { core, calls } = fakeDetail('Active');
    await expect(waitUntilActive(core, ASSET_ID, { timeoutMs: -1 })).rejects.toBeInstanceOf(
      KyyInputError,
    );
    await expect(waitUntilActive(core, '')).rejects.toBeInstanceOf(KyyInputError);
    await expect(
      waitUntilActive(core, ASSET_ID, { signal: AbortSignal.abort() }),
    ).rejects.toBeInstanceOf(KyyAbortError);
    expect(calls).toHaveLength(0);
  });
});
