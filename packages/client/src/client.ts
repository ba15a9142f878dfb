import { type paths, redactSecret, SECRET_MASK } from '@kyyvideo/contract';
import createClient from 'openapi-fetch';
import { createAssetsCore } from './assets.js';
import { download } from './download.js';
import { generate } from './generate.js';
import { type KyyClientOptions, resolveOptions } from './options.js';
import { watchMiddleware } from './plain-request.js';
import { prepare } from './prepare.js';
import type { KyyAssets, KyyClient, WaitOptions } from './types.js';
import type { KyyVideos } from './video-types.js';
import { waitUntilDone } from './video-wait.js';
import { createVideosCore } from './videos.js';
import { waitUntilActive } from './wait.js';

/** Node's util.inspect hook, reached through the global registry so no Node import is needed. */
const INSPECT = Symbol.for('nodejs.util.inspect.custom');

/**
 * Creates a client. The API key lives only in closures (openapi-fetch's default headers and the
 * redactor): it is not a property of the client, so logging, inspecting or serialising the
 * client or any error it throws cannot reveal it.
 */
export function createKyyClient(options?: KyyClientOptions): KyyClient {
  const resolved = resolveOptions(options);
  const { apiKey, baseUrl } = resolved;
  const redact = (text: string) => redactSecret(text, apiKey);

  const { raw, hasMiddleware } = watchMiddleware(
    createClient<paths>({
      baseUrl,
      fetch: resolved.fetch,
      headers: { Authorization: `Bearer ${apiKey}` },
    }),
  );

  const settings = {
    raw,
    hasMiddleware,
    fetch: resolved.fetch,
    timeoutMs: resolved.timeoutMs,
    maxRetries: resolved.maxRetries,
    maxResponseBytes: resolved.maxResponseBytes,
    random: Math.random,
    redact,
  };
  const core = createAssetsCore({ settings, validate: resolved.validate });
  const videosCore = createVideosCore({ settings, validate: resolved.validate });

  const wait = (assetId: string, waitOptions?: WaitOptions) =>
    waitUntilActive({ detail: core.detail, redact }, assetId, waitOptions);

  const assets: KyyAssets = {
    upload: core.upload,
    get: core.get,
    delete: core.delete,
    waitUntilActive: wait,
    async uploadAndWait(input, waitOptions = {}) {
      const uploaded = await core.upload(
        input,
        waitOptions.signal ? { signal: waitOptions.signal } : {},
      );
      const asset = await wait(uploaded.assetId, waitOptions);
      return { ...uploaded, asset };
    },
    prepare: (items, prepareOptions) =>
      prepare({ core, waitUntilActive: wait }, items, prepareOptions),
  };

  const videos: KyyVideos = {
    create: videosCore.create,
    get: videosCore.get,
    waitUntilDone: (taskId, waitOptions) =>
      waitUntilDone({ detail: videosCore.detail, redact }, taskId, waitOptions),
    // Plain fetch, not raw: the video is on another host and must not receive the key.
    download: (taskOrUrl, downloadOptions) =>
      download(
        {
          fetch: resolved.fetch,
          timeoutMs: resolved.timeoutMs,
          maxDownloadBytes: resolved.maxDownloadBytes,
          maxRetries: resolved.maxRetries,
          random: Math.random,
          redact,
        },
        taskOrUrl,
        downloadOptions,
      ),
  };

  const describe = () => ({ baseUrl, apiKey: SECRET_MASK });
  const client = {
    baseUrl,
    raw,
    assets,
    videos,
    generate: (
      input: Parameters<KyyClient['generate']>[0],
      generateOptions?: Parameters<KyyClient['generate']>[1],
    ) =>
      generate(
        { prepare: assets.prepare, create: videos.create, waitUntilDone: videos.waitUntilDone },
        input,
        generateOptions,
      ),
    toJSON: describe,
    [INSPECT]: () => `KyyClient ${JSON.stringify(describe())}`,
  };
  // Hide the helpers from enumeration so the client spreads and iterates as its public shape.
  Object.defineProperty(client, 'toJSON', { enumerable: false });
  Object.defineProperty(client, INSPECT, { enumerable: false });
  return Object.freeze(client);
}
