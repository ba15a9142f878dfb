import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createKyyClient } from '../src/client.js';
import { KyyAbortError, KyyConnectionError, KyyDownloadError } from '../src/errors.js';
import { downloadToFile, isVideoFile } from '../src/node.js';
import { fakeFetch, type Reply } from './helpers/fake-fetch.js';
import { VIDEO_URL, videoBytes } from './helpers/video.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'kyy-download-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

function client(...replies: Reply[]) {
  const f = fakeFetch(...replies);
  return createKyyClient({
    apiKey: 'node-download-key',
    baseUrl: 'https://h.test/kyyReactApiServer',
    fetch: f.fetch,
    maxRetries: 0,
  });
}

/** A body in chunks of `chunk` bytes; after `stallAfter` bytes it never sends more. */
function chunked(total: number, chunk: number, stallAfter = Number.POSITIVE_INFINITY) {
  const bytes = videoBytes(total);
  let sent = 0;
  return () =>
    new Response(
      new ReadableStream<Uint8Array>({
        pull(controller) {
          if (sent >= stallAfter) return new Promise<void>(() => {});
          if (sent >= total) {
            controller.close();
            return;
          }
          controller.enqueue(bytes.slice(sent, sent + chunk));
          sent += chunk;
        },
      }),
      { status: 200, headers: { 'content-type': 'video/mp4' } },
    );
}

const files = () => readdirSync(dir).sort();

describe('downloadToFile (@kyyvideo/client/node)', () => {
  it('writes the whole video and leaves no temporary file', async () => {
    const path = join(dir, 'cat.mp4');
    const saved = await downloadToFile(client(chunked(300_000, 65_536)), VIDEO_URL, path);
    expect(saved).toEqual({ path, bytes: 300_000, url: VIDEO_URL });
    expect(Buffer.from(videoBytes(300_000)).equals(readFileSync(path))).toBe(true);
    expect(files()).toEqual(['cat.mp4']);
  });

  it('abort mid-stream: no file, no temporary file, an existing file untouched', async () => {
    const path = join(dir, 'cat.mp4');
    writeFileSync(path, 'the previous video');
    const controller = new AbortController();
    let during: string[] = [];
    const error = await downloadToFile(client(chunked(300_000, 1_000, 5_000)), VIDEO_URL, path, {
      signal: controller.signal,
      // Aborts once part of the video has been written to the temporary file.
      onProgress: ({ receivedBytes }) => {
        if (receivedBytes >= 5_000) {
          during = files();
          controller.abort();
        }
      },
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KyyAbortError);
    // The temporary file sat beside the target while the video arrived, and is gone now.
    expect(during).toHaveLength(2);
    expect(during[0]).toMatch(/^\.cat\.mp4\.\d+-[0-9a-f]{12}\.part$/);
    expect(files()).toEqual(['cat.mp4']);
    expect(readFileSync(path, 'utf8')).toBe('the previous video');
  });

  it('a body shorter than its Content-Length leaves nothing behind', async () => {
    const path = join(dir, 'short.mp4');
    const short = () => {
      const response = chunked(1_000, 500)();
      return new Response(response.body, { headers: { 'content-length': '4000' } });
    };
    const error = await downloadToFile(client(short), VIDEO_URL, path).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KyyConnectionError);
    expect(files()).toEqual([]);
  });

  it("a video host that cannot be reached is named, not the service's baseUrl", async () => {
    // A port that was free a moment ago: nothing listens there now.
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    await new Promise((resolve) => server.close(resolve));
    const kyy = createKyyClient({
      apiKey: 'node-download-key',
      baseUrl: 'https://h.test/kyyReactApiServer',
      maxRetries: 0,
    });
    const error = await downloadToFile(
      kyy,
      `http://127.0.0.1:${port}/video.mp4`,
      join(dir, 'cat.mp4'),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KyyConnectionError);
    expect((error as Error).message).toContain(`Could not connect to 127.0.0.1:${port}`);
    expect((error as Error).message).not.toContain('baseUrl');
    expect(files()).toEqual([]);
  });

  it('a refused URL creates no file at all', async () => {
    const path = join(dir, 'gone.mp4');
    const error = await downloadToFile(
      client(new Response('expired', { status: 403 })),
      VIDEO_URL,
      path,
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KyyDownloadError);
    expect(files()).toEqual([]);
  });
});

describe('isVideoFile', () => {
  it('tells a saved video from a page saved under its name, by the download rule', async () => {
    const video = join(dir, 'a.mp4');
    writeFileSync(video, videoBytes(64));
    const page = join(dir, 'b.mp4');
    writeFileSync(page, '<!doctype html><title>expired</title>');
    const short = join(dir, 'c.mp4');
    writeFileSync(short, videoBytes(64).subarray(0, 6));
    expect(await isVideoFile(video)).toBe(true);
    expect(await isVideoFile(page)).toBe(false);
    expect(await isVideoFile(short)).toBe(false);
    expect(await isVideoFile(join(dir, 'missing.mp4'))).toBe(false);
  });
});
