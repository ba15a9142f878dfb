import { createServer, type Server } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createKyyClient } from '../src/client.js';
import { KyyConnectionError, KyyUploadOutcomeUnknownError } from '../src/errors.js';

/**
 * The upload retry rule depends on how Node's own fetch (undici) reports failures, so these
 * tests use the real fetch against loopback sockets instead of a fake one.
 */
const IMAGE = { assetType: 'Image' as const, url: 'https://example.com/cat.jpg' };
const servers: Server[] = [];

function listen(onConnection: (socket: import('node:net').Socket) => void): Promise<number> {
  const server = createServer(onConnection);
  servers.push(server);
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : 0);
    });
  });
}

afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});

describe('with the real Node fetch', () => {
  it('recognises a refused connection as never sent, and retries the upload', async () => {
    // Take a free port, then close it so nothing listens there.
    const port = await listen(() => {});
    await new Promise((r) => servers.pop()?.close(r));
    const kyy = createKyyClient({
      apiKey: 'k',
      baseUrl: `http://127.0.0.1:${port}/kyyReactApiServer`,
      maxRetries: 1,
    });
    const error = await kyy.assets.upload(IMAGE).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KyyConnectionError);
    expect(error).toMatchObject({ provablyNotSent: true, attempts: 2 });
    expect((error as Error).message).toMatch(/ECONNREFUSED/);
  });

  it('treats a connection reset after sending as outcome unknown and sends once', async () => {
    let connections = 0;
    const port = await listen((socket) => {
      connections++;
      // Read the request, then drop the connection without answering.
      socket.once('data', () => socket.destroy());
    });
    const kyy = createKyyClient({
      apiKey: 'k',
      baseUrl: `http://127.0.0.1:${port}/kyyReactApiServer`,
      maxRetries: 2,
    });
    const error = await kyy.assets.upload(IMAGE).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KyyUploadOutcomeUnknownError);
    expect((error as Error).cause).toBeInstanceOf(KyyConnectionError);
    expect(connections).toBe(1);
  });
});
