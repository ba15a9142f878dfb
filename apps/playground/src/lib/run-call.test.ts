import { BASE_PATH } from '@kyyvideo/contract';
import { createMock, type Mock } from '@kyyvideo/mock';
import { getResponse } from 'msw';
import { beforeEach, describe, expect, it } from 'vitest';
import { REAL_SERVICE_PROXY_PATH } from './proxy-path.js';
import type { Exchange } from './recording-fetch.js';
import { runCall } from './run-call.js';
import { DEFAULT_TARGET_SETTINGS, type ResolvedTarget, resolveTarget } from './targets.js';

const ORIGIN = 'http://127.0.0.1:5173';
const SECRET = 'sk-live-1234567890abcdef';

let mock: Mock;
/**
 * Sends each request to the in-process mock: the same handlers the in-browser mock uses. The
 * proxy path is rewritten as the playground's server would.
 */
const viaMock: typeof fetch = async (input, init) => {
  const sent = new Request(input, init);
  const request = new Request(sent.url.replace(REAL_SERVICE_PROXY_PATH, BASE_PATH), sent);
  return (await getResponse(mock.handlers, request)) ?? new Response('unhandled', { status: 599 });
};

function target(kind: 'browser-mock' | 'real'): ResolvedTarget {
  const resolved = resolveTarget({ ...DEFAULT_TARGET_SETTINGS, kind, realKey: SECRET }, ORIGIN);
  if (!resolved.ok) throw new Error(resolved.problem);
  return resolved.target;
}

beforeEach(() => {
  mock = createMock({ reviewDelayMs: 0, taskQueuedMs: 30, taskProcessingMs: 60 });
});

describe('runCall', () => {
  it('uploads through the real client and records the exchange with a runnable curl', async () => {
    const exchanges: Exchange[] = [];
    const outcome = await runCall({
      target: target('browser-mock'),
      scenario: null,
      fetch: viaMock,
      onExchange: (e) => exchanges.push(e),
      exec: (client) =>
        client.assets.upload({ assetType: 'Image', url: 'https://example.com/cat.jpg' }),
    });
    expect(outcome.ok).toBe(true);
    const assetId = outcome.ok ? outcome.value.assetId : '';
    expect(mock.store.get(assetId)).toBeDefined();
    expect(exchanges).toHaveLength(1);
    expect(exchanges[0]).toMatchObject({
      method: 'POST',
      url: `${ORIGIN}/kyyReactApiServer/kyyVideo2/asset/upload`,
      status: 200,
      body: { kind: 'json', value: { code: 0, msg: null, data: { assetId } } },
    });
    expect(exchanges[0]?.curl).toContain(
      "curl -X POST 'http://127.0.0.1:4010/kyyReactApiServer/kyyVideo2/asset/upload'",
    );
  });

  it('sends the chosen scenario on every attempt and explains the resulting error', async () => {
    const exchanges: Exchange[] = [];
    const outcome = await runCall({
      target: target('browser-mock'),
      scenario: 'server-error',
      fetch: viaMock,
      onExchange: (e) => exchanges.push(e),
      exec: (client) =>
        client.assets.upload({ assetType: 'Image', url: 'https://example.com/cat.jpg' }),
    });
    expect(outcome.ok).toBe(false);
    expect(!outcome.ok && outcome.error.title).toBe(
      'The upload may or may not have created an asset (the service answered HTTP 500).',
    );
    expect(exchanges.map((e) => e.status)).toEqual([500]);
    expect(exchanges[0]?.curl).toContain("-H 'X-Mock-Scenario: server-error'");
    expect(mock.store.list()).toHaveLength(0);
  });

  it('keeps the real key out of every record and every error', async () => {
    const exchanges: Exchange[] = [];
    mock = createMock({ apiKey: 'another-key' });
    const outcome = await runCall({
      target: target('real'),
      scenario: null,
      fetch: viaMock,
      onExchange: (e) => exchanges.push(e),
      exec: (client) => client.assets.get('asset-20260330142158-q75m8'),
    });
    expect(!outcome.ok && outcome.error.title).toBe('The API key was refused.');
    expect(exchanges[0]?.curl).toContain('-H "Authorization: Bearer $KYY_API_KEY"');
    expect(JSON.stringify({ exchanges, error: !outcome.ok && outcome.error })).not.toContain(
      SECRET,
    );
  });

  it('reports input the client refuses without sending anything', async () => {
    const exchanges: Exchange[] = [];
    const outcome = await runCall({
      target: target('browser-mock'),
      scenario: null,
      fetch: viaMock,
      onExchange: (e) => exchanges.push(e),
      exec: (client) =>
        client.assets.upload({ assetType: 'image' as 'Image', url: 'https://example.com/cat.jpg' }),
    });
    expect(!outcome.ok && outcome.error.kind).toBe('KyyInputError');
    expect(exchanges).toEqual([]);
  });

  it('creates a video task from an Active asset and waits for it, recording every poll', async () => {
    const upload = await runCall({
      target: target('browser-mock'),
      scenario: null,
      fetch: viaMock,
      onExchange: () => {},
      exec: (client) =>
        client.assets.upload({
          assetType: 'Image',
          url: `${ORIGIN}/kyyReactApiServer/mock-media/sample-image.png`,
        }),
    });
    if (!upload.ok) throw new Error(upload.error.title);
    const exchanges: Exchange[] = [];
    const statuses: string[] = [];
    const outcome = await runCall({
      target: target('browser-mock'),
      scenario: null,
      fetch: viaMock,
      onExchange: (e) => exchanges.push(e),
      exec: async (client) => {
        await client.assets.waitUntilActive(upload.value.assetId);
        const task = await client.videos.create({
          model: 'kyyvideo2_fast',
          prompt: 'a cat in the rain',
          first_image: upload.value.ref,
        });
        return client.videos.waitUntilDone(task.id, {
          intervalMs: 20,
          onStatus: (read) => statuses.push(read.status),
        });
      },
    });
    expect(outcome.ok && outcome.value.status).toBe('completed');
    expect(outcome.ok && outcome.value.video_url).toBe(
      `${ORIGIN}/kyyReactApiServer/mock-media/sample-video.mp4`,
    );
    expect(statuses.at(-1)).toBe('completed');
    const create = exchanges.find((e) => e.method === 'POST');
    // Bare task JSON, no envelope; the curl repeats the body against the local mock server.
    expect(create).toMatchObject({
      status: 200,
      body: { kind: 'json', value: { status: 'queued' } },
    });
    expect(create?.curl).toContain(
      "curl -X POST 'http://127.0.0.1:4010/kyyReactApiServer/v1/kyyvideo2/videos'",
    );
    expect(create?.curl).toContain(`"first_image":"${upload.value.ref}"`);
    expect(exchanges.filter((e) => e.url.includes('/v1/result/')).length).toBe(statuses.length);
  });
});
