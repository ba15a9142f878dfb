import { inspect } from 'node:util';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { EXAMPLE_VIDEO_TASK_REQUEST } from '@kyyvideo/contract';
import { afterEach, describe, expect, it } from 'vitest';
import { createKyyClient } from '../../src/client.js';
import {
  KyyConnectionError,
  KyyError,
  KyyInvalidResponseError,
  KyyRedirectError,
} from '../../src/errors.js';
import type { KyyClientOptions } from '../../src/options.js';
import { type Handler, sendJson, startServer } from './server.js';

// Real sockets on a busy machine: generous limits, never fixed sleeps.
const LIMIT = 60_000;

const KEY = 'sk-echo-0123456789abcdefXYZ';
const ID = 'asset-20260330142158-q75m8';
const IMAGE = { assetType: 'Image' as const, url: 'https://example.com/cat.jpg' };

const servers: Array<() => Promise<void>> = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((close) => close()));
});

async function serve(handler: Handler, options: KyyClientOptions = {}) {
  const server = await startServer(handler);
  servers.push(server.close);
  const kyy = createKyyClient({
    apiKey: KEY,
    baseUrl: server.baseUrl,
    timeoutMs: 30_000,
    maxRetries: 2,
    ...options,
  });
  return { kyy, seen: server.seen };
}

async function failure(call: Promise<unknown>): Promise<KyyError> {
  try {
    await call;
  } catch (error) {
    expect(error).toBeInstanceOf(KyyError);
    return error as KyyError;
  }
  throw new Error('expected the call to fail');
}

/** Everything a person or a logger could see of an error, down its cause chain. */
function everythingShown(error: KyyError): string {
  const parts: string[] = [
    inspect(error, { showHidden: true, depth: Number.POSITIVE_INFINITY, getters: true }),
    JSON.stringify(error),
    String(error),
  ];
  let link: unknown = error;
  for (let depth = 0; link instanceof Error && depth < 10; depth++) {
    const record = link as unknown as Record<string, unknown>;
    parts.push(link.message, link.stack ?? '', String(record.code ?? ''), String(record.msg ?? ''));
    link = link.cause;
  }
  return parts.join('\n');
}

describe('a server that echoes the key never gets it into an error', () => {
  const bearer = (req: { headers: { authorization?: string } }) =>
    (req.headers.authorization ?? '').replace(/^Bearer /, '');

  const echoes: Array<[string, Handler]> = [
    [
      'envelope code and msg',
      (req, res) => sendJson(res, 200, { code: bearer(req), msg: bearer(req), data: null }),
    ],
    [
      'status text and body',
      (req, res) => sendJson(res, 500, `down ${bearer(req)}`, `Oops ${bearer(req)}`),
    ],
    [
      '4xx envelope',
      (req, res) => sendJson(res, 400, { code: 7, msg: `bad ${bearer(req)}`, data: null }),
    ],
    ['401 envelope', (req, res) => sendJson(res, 401, { code: 401, msg: bearer(req), data: null })],
    ['a body that is not JSON', (req, res) => sendJson(res, 200, `<html>${bearer(req)}</html>`)],
    [
      'data fields',
      (req, res) =>
        sendJson(res, 200, {
          code: 0,
          msg: null,
          data: { assetId: bearer(req), status: bearer(req), name: bearer(req) },
        }),
    ],
    [
      'a redirect Location',
      (req, res) => {
        res.writeHead(302, { location: `https://elsewhere.test/?key=${bearer(req)}` });
        res.end(bearer(req));
      },
    ],
    [
      'a 429 with an echoed Retry-After',
      (req, res) => {
        res.writeHead(429, `Slow ${bearer(req)}`, { 'retry-after': bearer(req) });
        res.end(JSON.stringify({ code: bearer(req), msg: bearer(req), data: null }));
      },
    ],
  ];

  it.each(echoes)(
    'echoed in %s',
    async (_, handler) => {
      const { kyy, seen } = await serve(handler, { maxRetries: 0 });
      const calls = [
        () => kyy.assets.upload(IMAGE),
        () => kyy.assets.get(ID),
        () => kyy.assets.delete(ID),
        // Transient refusals keep a wait polling until its own deadline.
        () => kyy.assets.waitUntilActive(ID, { timeoutMs: 2_000 }),
      ];
      for (const call of calls) {
        const error = await failure(call());
        expect(everythingShown(error)).not.toContain(KEY);
      }
      // The key was really sent, so the server really echoed it.
      expect(seen[0]?.authorization).toBe(`Bearer ${KEY}`);
    },
    LIMIT,
  );

  it(
    'a Failed asset that names the key does not carry it either',
    async () => {
      const { kyy } = await serve((req, res) =>
        sendJson(res, 200, {
          code: 0,
          msg: null,
          data: {
            name: bearer(req),
            assetId: ID,
            status: 'Failed',
            assetType: 'Image',
            url: `https://example.com/${bearer(req)}.png`,
            createTime: '2026-03-30 14:21:58',
          },
        }),
      );
      const error = await failure(kyy.assets.waitUntilActive(ID));
      expect(error.kind).toBe('asset-failed');
      expect(everythingShown(error)).not.toContain(KEY);
    },
    LIMIT,
  );
});

describe('a server that echoes the key percent-encoded never gets it into an error', () => {
  const SLASHED = 'sk/echo+0123456789abcdef=';
  const upper = encodeURIComponent(SLASHED);
  const lower = upper.replace(/%[0-9A-F]{2}/g, (hex) => hex.toLowerCase());

  it(
    'in msg, the status text and a Location, with upper- and lower-case hex',
    async () => {
      const handlers: Handler[] = [
        (_, res) => sendJson(res, 200, { code: 7, msg: `bad key=${upper}&k=${lower}`, data: null }),
        (_, res) => sendJson(res, 500, `down ${lower}`, `Oops%20${upper}`),
        (_, res) => {
          res.writeHead(302, { location: `https://elsewhere.test/?key=${lower}` });
          res.end();
        },
      ];
      for (const handler of handlers) {
        const { kyy } = await serve(handler, { apiKey: SLASHED, maxRetries: 0 });
        const shown = everythingShown(await failure(kyy.assets.get(ID)));
        for (const form of [SLASHED, upper, lower]) expect(shown).not.toContain(form);
        expect(shown).toContain('[redacted]');
      }
    },
    LIMIT,
  );
});

describe('redirects are never followed', () => {
  it(
    'a 308 loop: one upload is one POST, and the error names the Location',
    async () => {
      const { kyy, seen } = await serve((req, res) => {
        res.writeHead(308, { location: req.url ?? '/' });
        res.end();
      });
      const error = await failure(kyy.assets.upload(IMAGE));
      expect(error).toBeInstanceOf(KyyRedirectError);
      expect(error).toMatchObject({ kind: 'redirect', httpStatus: 308 });
      expect((error as KyyRedirectError).location).toBe(
        '/kyyReactApiServer/kyyVideo2/asset/upload',
      );
      expect(error.message).toContain('/kyyReactApiServer/kyyVideo2/asset/upload');
      expect(seen.map((s) => s.method)).toEqual(['POST']);
    },
    LIMIT,
  );

  it(
    'a 303 does not turn the upload into a GET taken as success',
    async () => {
      const { kyy, seen } = await serve((req, res) => {
        if (req.method === 'GET') {
          sendJson(res, 200, { code: 0, msg: null, data: { assetId: ID } });
          return;
        }
        res.writeHead(303, { location: '/kyyReactApiServer/elsewhere' });
        res.end();
      });
      const error = await failure(kyy.assets.upload(IMAGE));
      expect(error.kind).toBe('redirect');
      expect(seen.map((s) => s.method)).toEqual(['POST']);
    },
    LIMIT,
  );

  it(
    'a redirected read is not retried or followed',
    async () => {
      const { kyy, seen } = await serve((_, res) => {
        res.writeHead(301, { location: 'https://example.com/' });
        res.end();
      });
      const error = await failure(kyy.assets.get(ID));
      expect(error).toMatchObject({
        kind: 'redirect',
        location: 'https://example.com/',
        attempts: 1,
      });
      expect(seen).toHaveLength(1);
    },
    LIMIT,
  );
});

describe('huge answers are capped', () => {
  const CHUNK = Buffer.alloc(64 * 1024, 'a');

  it(
    'an endless body is cut at 1 MiB once, with an error that says so, and not retried',
    async () => {
      let written = 0;
      const { kyy, seen } = await serve((_, res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        const pump = () => {
          while (!res.destroyed && res.write(CHUNK)) written += CHUNK.length;
          if (!res.destroyed) res.once('drain', pump);
        };
        res.on('close', () => res.removeAllListeners('drain'));
        pump();
      });
      const error = await failure(kyy.assets.get(ID));
      expect(error).toBeInstanceOf(KyyInvalidResponseError);
      expect(error.message).toMatch(/larger than 1 MiB \(maxResponseBytes\)/);
      expect(error.attempts).toBe(1);
      expect(seen).toHaveLength(1);
      // Socket buffers hold a few MiB at most; far below an unbounded read.
      expect(written).toBeLessThan(64 * 1024 * 1024);
    },
    LIMIT,
  );

  it(
    'a declared length over the cap is refused before reading',
    async () => {
      const { kyy, seen } = await serve((_, res) => {
        res.writeHead(500, { 'content-length': String(200 * 1024 * 1024) });
        res.write(CHUNK);
      });
      const error = await failure(kyy.assets.delete(ID));
      expect(error.kind).toBe('invalid-response');
      expect(seen).toHaveLength(1);
    },
    LIMIT,
  );

  it(
    'the cap is an option, and an upload over it is reported as an unknown outcome',
    async () => {
      const body = { code: 0, msg: null, data: { assetId: ID } };
      const { kyy, seen } = await serve((_, res) => sendJson(res, 200, body), {
        maxResponseBytes: 20,
      });
      const error = await failure(kyy.assets.upload(IMAGE));
      expect(error.kind).toBe('upload-outcome-unknown');
      expect((error.cause as KyyError).message).toMatch(/larger than 20 bytes/);
      expect(seen).toHaveLength(1);
      const roomy = createKyyClient({ apiKey: KEY, baseUrl: kyy.baseUrl, maxResponseBytes: 4096 });
      expect((await roomy.assets.upload(IMAGE)).assetId).toBe(ID);
    },
    LIMIT,
  );
});

describe('compressed answers are capped by their decoded size', () => {
  // 64 MiB of zeros compresses to about 64 KB (gzip) or 50 bytes (brotli): far below the cap as
  // sent, 64 times over it once decoded.
  const PLAIN = Buffer.alloc(64 * 1024 * 1024, 0);
  const BOMBS = {
    gzip: gzipSync(PLAIN),
    br: brotliCompressSync(PLAIN),
  };

  function bomb(coding: keyof typeof BOMBS, status: number): Handler {
    return (_, res) => {
      res.writeHead(status, {
        'content-type': 'application/json',
        'content-encoding': coding,
        'content-length': String(BOMBS[coding].length),
      });
      res.end(BOMBS[coding]);
    };
  }

  for (const coding of ['gzip', 'br'] as const) {
    it(
      `a ${coding} bomb as a 200 or a 500 is cut at the cap, once, never retried`,
      async () => {
        expect(BOMBS[coding].length).toBeLessThan(1024 * 1024);
        for (const status of [200, 500]) {
          const { kyy, seen } = await serve(bomb(coding, status));
          const error = await failure(kyy.assets.get(ID));
          expect(error).toBeInstanceOf(KyyInvalidResponseError);
          expect(error.message).toMatch(/larger than 1 MiB \(maxResponseBytes\)/);
          expect(error.attempts).toBe(1);
          expect(seen).toHaveLength(1);
        }
      },
      LIMIT,
    );

    it(
      `a ${coding} bomb answering the paid create is one request, outcome unknown`,
      async () => {
        const { kyy, seen } = await serve(bomb(coding, 200));
        const error = await failure(kyy.videos.create(EXAMPLE_VIDEO_TASK_REQUEST));
        expect(error.kind).toBe('create-outcome-unknown');
        expect((error.cause as KyyError).message).toMatch(/larger than 1 MiB/);
        expect(seen).toHaveLength(1);
      },
      LIMIT,
    );
  }

  it(
    'a small compressed answer still reads normally',
    async () => {
      const body = Buffer.from(JSON.stringify({ code: 0, msg: null, data: { assetId: ID } }));
      const { kyy } = await serve((_, res) => {
        const packed = gzipSync(body);
        res.writeHead(200, {
          'content-type': 'application/json',
          'content-encoding': 'gzip',
          'content-length': String(packed.length),
        });
        res.end(packed);
      });
      expect((await kyy.assets.upload(IMAGE)).assetId).toBe(ID);
    },
    LIMIT,
  );
});

describe('a port fetch refuses', () => {
  it(
    'is reported as never sent, so even an upload is safely retried',
    async () => {
      // 6000 is on the Fetch standard's list of blocked ports: nothing is ever opened.
      const kyy = createKyyClient({
        apiKey: KEY,
        baseUrl: 'http://127.0.0.1:6000/x',
        maxRetries: 1,
      });
      const error = await failure(kyy.assets.upload(IMAGE));
      expect(error).toBeInstanceOf(KyyConnectionError);
      expect(error).toMatchObject({ kind: 'connection', provablyNotSent: true, attempts: 2 });
      expect(error.message).toMatch(/nothing left this machine/);
      expect(error.message).not.toMatch(/may or may not/);
    },
    LIMIT,
  );
});
