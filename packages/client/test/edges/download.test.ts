import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SAMPLE_MEDIA } from '@kyyvideo/mock/node';
import { startMockServer } from '@kyyvideo/mock/server';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createKyyClient } from '../../src/client.js';
import { KyyConnectionError, KyyDownloadError, KyyError, KyyInputError } from '../../src/errors.js';
import { downloadToFile, MAX_DOWNLOAD_RESUMES } from '../../src/node.js';
import type { KyyClientOptions } from '../../src/options.js';
import { videoBytes } from '../helpers/video.js';
import { type Handler, startServer } from './server.js';

// Real sockets on a busy machine: generous limits, never fixed sleeps.
const LIMIT = 120_000;
const KEY = 'sk-download-edge-0123456789';
const VIDEO = Buffer.from(videoBytes(400_000));

let dir: string;
const servers: Array<() => Promise<void>> = [];
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'kyy-download-edge-'));
});
afterEach(async () => {
  await Promise.all(servers.splice(0).map((close) => close()));
  rmSync(dir, { recursive: true, force: true });
});

/** A video host on a free port; `ranges` lists the Range header of every request (or ''). */
async function host(handler: Handler, options: KyyClientOptions = {}) {
  const ranges: string[] = [];
  const server = await startServer((req, res, seen) => {
    ranges.push(req.headers.range ?? '');
    handler(req, res, seen);
  });
  servers.push(server.close);
  const kyy = createKyyClient({
    apiKey: KEY,
    baseUrl: 'http://127.0.0.1:9/kyyReactApiServer',
    ...options,
  });
  return { kyy, url: `${new URL(server.baseUrl).origin}/v/cat.mp4`, ranges, seen: server.seen };
}

async function failure(call: Promise<unknown>): Promise<KyyError> {
  const error = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(KyyError);
  return error as KyyError;
}

const files = () => readdirSync(dir).sort();

/** Sends the video, or from the Range's start with 206 when `honour` says so. */
function serveVideo(res: Parameters<Handler>[1], range: string | undefined, honour: boolean) {
  const start = Number(/^bytes=(\d+)-$/.exec(range ?? '')?.[1] ?? 0);
  if (honour && start > 0) {
    res.writeHead(206, {
      'content-type': 'video/mp4',
      'content-length': String(VIDEO.length - start),
      'content-range': `bytes ${start}-${VIDEO.length - 1}/${VIDEO.length}`,
    });
    res.end(VIDEO.subarray(start));
    return;
  }
  res.writeHead(200, { 'content-type': 'video/mp4', 'content-length': String(VIDEO.length) });
  res.end(VIDEO);
}

/** Bytes the first answer sends before waiting for the client (see cutFirst). */
const FIRST_PART = 50_000;

/**
 * The first answer sends FIRST_PART bytes and waits; once the client has read them all, it sends
 * more, and the connection breaks as soon as the client reads any of those. By then the whole
 * first part is in the file (the writer asks for the next chunk only after writing the last), so
 * the resume is asked from at least FIRST_PART, however the bytes were split into chunks.
 */
function cutFirst(then: (req: Parameters<Handler>[0], res: Parameters<Handler>[1]) => void) {
  let answered = 0;
  let first: Parameters<Handler>[1] | undefined;
  const handler: Handler = (req, res) => {
    if (answered++ > 0) return then(req, res);
    first = res;
    res.writeHead(200, { 'content-type': 'video/mp4', 'content-length': String(VIDEO.length) });
    res.write(VIDEO.subarray(0, FIRST_PART));
  };
  const onProgress = ({ receivedBytes }: { receivedBytes: number }) => {
    if (first === undefined || first.destroyed) return;
    if (receivedBytes === FIRST_PART) first.write(VIDEO.subarray(FIRST_PART, 3 * FIRST_PART));
    else if (receivedBytes > FIRST_PART) first.destroy();
  };
  return { handler, onProgress };
}

describe('downloads over real sockets: size', () => {
  it(
    'an endless body stops at maxDownloadBytes with a typed error, and no file is left',
    async () => {
      const chunk = Buffer.concat([VIDEO.subarray(0, 16), Buffer.alloc(64 * 1024 - 16)]);
      let written = 0;
      const { kyy, url } = await host(
        (_, res) => {
          res.writeHead(200, { 'content-type': 'video/mp4' });
          const pump = () => {
            while (!res.destroyed && res.write(chunk)) written += chunk.length;
            if (!res.destroyed) res.once('drain', pump);
          };
          res.on('close', () => res.removeAllListeners('drain'));
          pump();
        },
        { maxDownloadBytes: 2 * 1024 * 1024 },
      );
      const error = await failure(downloadToFile(kyy, url, join(dir, 'cat.mp4')));
      expect(error).toBeInstanceOf(KyyDownloadError);
      expect(error.message).toMatch(/more than 2 MiB \(maxDownloadBytes\)/);
      expect(files()).toEqual([]);
      // Socket buffers hold a few MiB at most; far below an unbounded read.
      expect(written).toBeLessThan(64 * 1024 * 1024);
    },
    LIMIT,
  );

  it(
    'a declared length over the limit is refused before reading; the option is per call too',
    async () => {
      const { kyy, url, seen } = await host((req, res) => serveVideo(res, req.headers.range, true));
      const error = await failure(
        downloadToFile(kyy, url, join(dir, 'cat.mp4'), { maxDownloadBytes: 1000 }),
      );
      expect(error).toBeInstanceOf(KyyDownloadError);
      expect(error.message).toContain('more than 1000 bytes (maxDownloadBytes)');
      expect(seen).toHaveLength(1);
      expect(files()).toEqual([]);
      expect((await downloadToFile(kyy, url, join(dir, 'cat.mp4'))).bytes).toBe(VIDEO.length);
    },
    LIMIT,
  );
});

describe('downloads over real sockets: a body that is not a video', () => {
  const bodies: Array<[string, string, Buffer]> = [
    ['a 200 text/html page', 'text/html; charset=utf-8', Buffer.from('<html>expired</html>')],
    ['JSON', 'application/json', Buffer.from('{"error":"expired"}')],
    ['an empty body', 'video/mp4', Buffer.alloc(0)],
    ['HTML sent as octet-stream', 'application/octet-stream', Buffer.from('<!doctype html><p>')],
    ['a body shorter than a video header', 'video/mp4', Buffer.from('abc')],
  ];
  it.each(bodies)(
    '%s is refused with a typed error, and nothing is saved',
    async (_, type, body) => {
      const { kyy, url } = await host((_req, res) => {
        res.writeHead(200, { 'content-type': type, 'content-length': String(body.length) });
        res.end(body);
      });
      const error = await failure(downloadToFile(kyy, url, join(dir, 'cat.mp4')));
      expect(error).toBeInstanceOf(KyyDownloadError);
      expect(error.kind).toBe('download-failed');
      expect(error.message).toMatch(/not a video, so nothing was saved/);
      expect(files()).toEqual([]);
    },
    LIMIT,
  );
});

describe('downloads over real sockets: a cut mid-body', () => {
  it(
    'resumes with Range: bytes=N- when the host answers 206 with a matching Content-Range',
    async () => {
      const cut = cutFirst((req, res) => serveVideo(res, req.headers.range, true));
      const { kyy, url, ranges } = await host(cut.handler);
      const saved = await downloadToFile(kyy, url, join(dir, 'cat.mp4'), {
        onProgress: cut.onProgress,
      });
      expect(saved.bytes).toBe(VIDEO.length);
      expect(readFileSync(join(dir, 'cat.mp4')).equals(VIDEO)).toBe(true);
      expect(ranges).toHaveLength(2);
      expect(ranges[0]).toBe('');
      const resumedAt = Number(/^bytes=(\d+)-$/.exec(ranges[1] ?? '')?.[1]);
      expect(resumedAt).toBeGreaterThanOrEqual(FIRST_PART);
      expect(resumedAt).toBeLessThanOrEqual(3 * FIRST_PART);
      expect(files()).toEqual(['cat.mp4']);
    },
    LIMIT,
  );

  it(
    'starts over when the host ignores the range (200) or answers another range',
    async () => {
      const wrongRange: Handler = (_req, res) => {
        res.writeHead(206, {
          'content-type': 'video/mp4',
          'content-length': String(VIDEO.length - 10),
          'content-range': `bytes 10-${VIDEO.length - 1}/${VIDEO.length}`,
        });
        res.end(VIDEO.subarray(10));
      };
      for (const [name, after] of [
        ['ignores', (req, res) => serveVideo(res, req.headers.range, false)],
        [
          'another range, then the whole',
          (req, res) => {
            if (req.headers.range) wrongRange(req, res, []);
            else serveVideo(res, undefined, false);
          },
        ],
      ] as Array<[string, Handler]>) {
        const cut = cutFirst((req, res) => after(req, res, []));
        const { kyy, url, ranges } = await host(cut.handler);
        const path = join(dir, `${name}.mp4`);
        const saved = await downloadToFile(kyy, url, path, { onProgress: cut.onProgress });
        expect(saved.bytes, name).toBe(VIDEO.length);
        expect(readFileSync(path).equals(VIDEO), name).toBe(true);
        expect(ranges[1], name).toMatch(/^bytes=\d+-$/);
      }
      expect(files().filter((f) => f.endsWith('.part'))).toEqual([]);
    },
    LIMIT,
  );

  it(
    'a host that always breaks the connection: resumed a few times, then a broken-connection error',
    async () => {
      const { kyy, url, seen } = await host((_req, res) => {
        res.writeHead(200, { 'content-type': 'video/mp4', 'content-length': String(VIDEO.length) });
        res.write(VIDEO.subarray(0, 1000), () => res.destroy());
      });
      const error = await failure(downloadToFile(kyy, url, join(dir, 'cat.mp4')));
      expect(error).toBeInstanceOf(KyyConnectionError);
      expect(error.message).toMatch(
        /^The connection to 127\.0\.0\.1:\d+ broke after \d+ of 400000 bytes/,
      );
      expect(error.message).not.toContain('before an answer arrived');
      expect(seen).toHaveLength(1 + MAX_DOWNLOAD_RESUMES);
      expect(files()).toEqual([]);
    },
    LIMIT,
  );

  it(
    'the mock serves the rest of its sample video for rangeStart, offline',
    async () => {
      const mock = await startMockServer({ port: 0 });
      servers.push(() => mock.close());
      const kyy = createKyyClient({ apiKey: KEY, baseUrl: mock.url });
      const url = `${mock.url}/mock-media/${SAMPLE_MEDIA.video}`;
      const whole = Buffer.from(
        await new Response((await kyy.videos.download(url)).body).arrayBuffer(),
      );
      const rest = await kyy.videos.download(url, { rangeStart: 1000 });
      expect(rest.offset).toBe(1000);
      expect(rest.contentLength).toBe(whole.length - 1000);
      const bytes = Buffer.from(await new Response(rest.body).arrayBuffer());
      expect(bytes.equals(whole.subarray(1000))).toBe(true);
    },
    LIMIT,
  );
});

describe('downloadToFile: the path and stale temporary files', () => {
  it(
    'a folder or a path in a missing folder is refused before anything is requested',
    async () => {
      const { kyy, url, seen } = await host((req, res) => serveVideo(res, req.headers.range, true));
      mkdirSync(join(dir, 'videos'));
      for (const [path, words] of [
        [join(dir, 'videos'), 'is a folder'],
        [join(dir, 'missing', 'cat.mp4'), 'does not exist; create it first'],
        [join(dir, 'videos', 'x', 'y.mp4'), 'does not exist'],
      ] as const) {
        const error = await failure(downloadToFile(kyy, url, path));
        expect(error).toBeInstanceOf(KyyInputError);
        expect(error.message).toContain(words);
        expect(error.message).not.toContain('.part');
      }
      expect(seen).toHaveLength(0);
    },
    LIMIT,
  );

  it(
    "removes temporary files of the same target left by a killed download, not a live one's",
    async () => {
      const { kyy, url } = await host((req, res) => serveVideo(res, req.headers.range, true));
      // The pid of a process that has certainly exited.
      const gone = spawnSync(
        process.execPath,
        ['-e', 'process.stdout.write(String(process.pid))'],
        {
          encoding: 'utf8',
        },
      ).stdout;
      const stale = [`.cat.mp4.${gone}-0123456789ab.part`, '.cat.mp4.abcdef012345.part'];
      const kept = [
        `.cat.mp4.${process.pid}-0123456789ab.part`,
        `.dog.mp4.${gone}-0123456789ab.part`,
        'notes.part',
      ];
      for (const name of [...stale, ...kept]) writeFileSync(join(dir, name), 'partial');
      await downloadToFile(kyy, url, join(dir, 'cat.mp4'));
      expect(files()).toEqual(['cat.mp4', ...kept].sort());
    },
    LIMIT,
  );
});
