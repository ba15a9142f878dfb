import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetAssetResponse, UploadAssetResponse } from '@kyyvideo/contract';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DOCS_UPLOAD, envelope, JSON_HEADERS } from '../../test/support.js';
import { MAX_BODY_BYTES, type RunningMockServer, startMockServer } from './index.js';

const running: RunningMockServer[] = [];
let dir: string | undefined;

async function start(options: Parameters<typeof startMockServer>[0] = {}) {
  const server = await startMockServer({ port: 0, ...options });
  running.push(server);
  return server;
}

afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.close()));
  if (dir) await rm(dir, { recursive: true, force: true });
  dir = undefined;
});

/** A raw node:http request, to send bodies and headers fetch would not. */
function raw(
  url: string,
  init: {
    method?: string;
    headers?: Record<string, string>;
    body?: Buffer | string;
    chunks?: Buffer[];
  },
): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: init.method ?? 'GET', headers: init.headers }, (res) => {
      const parts: Buffer[] = [];
      res.on('data', (c: Buffer) => parts.push(c));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: Buffer.concat(parts).toString('utf8'),
        }),
      );
    });
    // The server may hang up once it has answered 413; that is expected, not a test failure.
    req.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE' && error.code !== 'ECONNRESET') reject(error);
    });
    if (init.chunks) for (const chunk of init.chunks) req.write(chunk);
    req.end(init.body);
  });
}

describe('startMockServer', () => {
  it('serves the docs upload and detail over HTTP on a free port', async () => {
    const server = await start();
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/kyyReactApiServer`);
    const uploaded = await fetch(`${server.url}/kyyVideo2/asset/upload`, {
      method: 'POST',
      headers: JSON_HEADERS,
      body: JSON.stringify(DOCS_UPLOAD),
    });
    expect(uploaded.headers.get('access-control-allow-origin')).toBe('*');
    const { data } = UploadAssetResponse.parse(await uploaded.json());
    const got = GetAssetResponse.parse(
      await (
        await fetch(`${server.url}/kyyVideo2/asset/${data.assetId}`, { headers: JSON_HEADERS })
      ).json(),
    );
    expect(got.data).toMatchObject({
      assetId: data.assetId,
      name: DOCS_UPLOAD.name,
      status: 'Processing',
    });
    expect(server.mock.store.size).toBe(1);
  });

  it('answers CORS preflight requests without auth', async () => {
    const server = await start({ apiKey: 'k' });
    const res = await fetch(`${server.url}/kyyVideo2/asset/upload`, {
      method: 'OPTIONS',
      headers: {
        Origin: 'http://localhost:5173',
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'authorization, content-type, x-mock-scenario',
      },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('access-control-allow-methods')).toContain('POST');
    expect(res.headers.get('access-control-allow-headers')).toContain('x-mock-scenario');
    expect(server.mock.requests()).toEqual([]);
  });

  it('exposes Retry-After to browsers on a rate-limited answer', async () => {
    const server = await start();
    const res = await fetch(`${server.url}/kyyVideo2/asset/x`, {
      headers: { ...JSON_HEADERS, 'x-mock-scenario': 'rate-limited' },
    });
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(res.headers.get('access-control-expose-headers')).toContain('Retry-After');
  });

  it('refuses a declared body over 1 MiB with 413 before reading it', async () => {
    const server = await start();
    const res = await raw(`${server.url}/kyyVideo2/asset/upload`, {
      method: 'POST',
      headers: { ...JSON_HEADERS, 'Content-Length': String(MAX_BODY_BYTES + 1) },
      body: Buffer.alloc(MAX_BODY_BYTES + 1, 0x20),
    });
    expect(res.status).toBe(413);
    expect(JSON.parse(res.body)).toMatchObject({ code: 413, data: null });
    expect(server.mock.requests()).toEqual([]);
  });

  it('refuses a chunked body once it passes 1 MiB', async () => {
    const server = await start();
    const chunk = Buffer.alloc(256 * 1024, 0x20);
    const res = await raw(`${server.url}/kyyVideo2/asset/upload`, {
      method: 'POST',
      headers: JSON_HEADERS,
      chunks: [chunk, chunk, chunk, chunk, chunk],
    });
    expect(res.status).toBe(413);
    expect(server.mock.store.size).toBe(0);
  });

  it('accepts a body of exactly 1 MiB and validates it as usual', async () => {
    const server = await start();
    const body = JSON.stringify(DOCS_UPLOAD);
    const padded = body.padEnd(MAX_BODY_BYTES, ' ');
    const res = await raw(`${server.url}/kyyVideo2/asset/upload`, {
      method: 'POST',
      headers: JSON_HEADERS,
      body: padded,
    });
    expect(res.status).toBe(200);
    expect(UploadAssetResponse.parse(JSON.parse(res.body)).code).toBe(0);
  });

  it('hangs up for drop-connection, so fetch fails with a network error', async () => {
    const server = await start();
    server.mock.use('drop-connection', { times: 1 });
    await expect(
      fetch(`${server.url}/kyyVideo2/asset/x`, { headers: JSON_HEADERS }),
    ).rejects.toThrow(TypeError);
    const after = await envelope(
      'detail',
      await fetch(`${server.url}/kyyVideo2/asset/x`, { headers: JSON_HEADERS }),
    );
    expect(after.body.code).toBe(-1);
  });

  it('answers paths outside the base path with a 404 envelope that points to it', async () => {
    const server = await start();
    const res = await fetch(`http://127.0.0.1:${server.port}/`);
    expect(res.status).toBe(404);
    const body = (await res.json()) as { msg: string };
    expect(body.msg).toContain('/kyyReactApiServer');
  });

  it('writes every log line without the API key', async () => {
    const secret = 'sk-live-abcdef123456';
    const lines: string[] = [];
    const server = await start({ apiKey: secret, log: (line) => lines.push(line) });
    await fetch(`${server.url}/kyyVideo2/asset/upload`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${secret}` },
      body: JSON.stringify(DOCS_UPLOAD),
    });
    const wrong = await fetch(`${server.url}/kyyVideo2/asset/upload`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: 'Bearer nope' },
      body: JSON.stringify(DOCS_UPLOAD),
    });
    expect(wrong.status).toBe(401);
    expect(await wrong.text()).not.toContain(secret);
    await server.close();
    expect(lines.length).toBeGreaterThanOrEqual(2);
    expect(lines.join('\n')).not.toContain(secret);
  });

  it('routes by path whatever the Host header says', async () => {
    const server = await start();
    const res = await raw(`${server.url}/kyyVideo2/asset/x`, {
      headers: { ...JSON_HEADERS, Host: 'not a host[' },
    });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toMatchObject({ code: -1, data: null });
  });

  it('says once, even when log is off, that the store limit makes it forget assets', async () => {
    const errors: string[] = [];
    const server = await start({ storeLimit: 1, onError: (line) => errors.push(line) });
    for (let i = 0; i < 3; i++) {
      const res = await fetch(`${server.url}/kyyVideo2/asset/upload`, {
        method: 'POST',
        headers: JSON_HEADERS,
        body: JSON.stringify(DOCS_UPLOAD),
      });
      expect((await envelope('upload', res)).ok).toBe(true);
    }
    expect(server.mock.store.size).toBe(1);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/limit of 1 assets.*forget the least recently used.*--store-limit/);
  });

  it('refuses stateFsync without a state file', async () => {
    await expect(start({ stateFsync: true })).rejects.toThrow(/stateFsync needs a stateFile/);
  });

  it('rejects an invalid port', async () => {
    await expect(startMockServer({ port: 70_000 })).rejects.toThrow(/port/);
  });
});

describe('state file', () => {
  it('keeps assets across restarts and leaves no temp files', async () => {
    dir = await mkdtemp(join(tmpdir(), 'kyy-mock-'));
    const stateFile = join(dir, 'nested', 'state.json');
    const first = await start({ stateFile });
    const uploaded = UploadAssetResponse.parse(
      await (
        await fetch(`${first.url}/kyyVideo2/asset/upload`, {
          method: 'POST',
          headers: JSON_HEADERS,
          body: JSON.stringify(DOCS_UPLOAD),
        })
      ).json(),
    );
    const doomed = first.mock.store.create({
      assetType: 'Video',
      url: 'https://example.com/v.mp4',
    });
    first.mock.store.delete(doomed.assetId);
    await first.close();

    const second = await start({ stateFile });
    expect(second.mock.store.list().map((a) => a.assetId)).toEqual([uploaded.data.assetId]);
    expect(second.mock.store.get(uploaded.data.assetId)).toMatchObject({ name: DOCS_UPLOAD.name });
    // While running: the snapshot and the journal of changes since; no temp files.
    expect((await readdir(join(dir, 'nested'))).sort()).toEqual([
      'state.json',
      'state.json.journal',
    ]);
    await second.close();
    expect(await readdir(join(dir, 'nested'))).toEqual(['state.json']);
  });

  it('refuses a corrupt state file with a message saying what to do', async () => {
    dir = await mkdtemp(join(tmpdir(), 'kyy-mock-'));
    const stateFile = join(dir, 'state.json');
    await writeFile(stateFile, '{"version":1,"assets":[{"assetId":"x"}]}');
    await expect(startMockServer({ port: 0, stateFile })).rejects.toThrow(
      /not a kyy-mock state file.*delete it/,
    );
    await writeFile(stateFile, '{not json');
    await expect(startMockServer({ port: 0, stateFile })).rejects.toThrow(/state file/);
    expect(await readFile(stateFile, 'utf8')).toBe('{not json');
  });
});

/** Opens a raw TCP connection, writes `text`, and resolves with all it receives once it closes. */
function rawConnection(url: string, text: string) {
  const { hostname, port } = new URL(url);
  const socket = connect(Number(port), hostname);
  let received = '';
  socket.on('data', (chunk: Buffer) => {
    received += chunk.toString('utf8');
  });
  socket.on('error', () => {});
  const closed = new Promise<string>((resolve) => socket.on('close', () => resolve(received)));
  if (text) socket.write(text);
  return { socket, closed };
}

describe('connections and odd requests', () => {
  // Small limits set by the test, so closing happens quickly; the waits are on the close event.
  const limits = { headersTimeoutMs: 300, requestTimeoutMs: 600, keepAliveTimeoutMs: 300 };

  it('closes a connection that never sends anything', async () => {
    const server = await start(limits);
    const started = Date.now();
    expect(await rawConnection(server.url, '').closed).not.toContain('200 OK');
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
  });

  it('closes a connection whose headers trickle in, answering 408 with an envelope', async () => {
    const server = await start(limits);
    const received = await rawConnection(
      server.url,
      'GET /kyyReactApiServer/kyyVideo2/asset/x HTTP/1.1\r\nHost: a\r\nX-Slow: ',
    ).closed;
    expect(received).toMatch(/^HTTP\/1\.1 408 /);
    expect(JSON.parse(received.slice(received.indexOf('\r\n\r\n') + 4))).toMatchObject({
      data: null,
    });
  });

  it('closes a connection whose body stalls, and gives its bytes back to the budget', async () => {
    const server = await start({ ...limits, bodyBudgetBytes: 1000 });
    const stalled = rawConnection(
      server.url,
      `POST /kyyReactApiServer/kyyVideo2/asset/upload HTTP/1.1\r\nHost: a\r\nAuthorization: Bearer k\r\nContent-Type: application/json\r\nContent-Length: 900\r\n\r\n${'x'.repeat(800)}`,
    );
    // While 800 bytes are held, another 500-byte body does not fit the 1000-byte budget.
    const refused = await raw(`${server.url}/kyyVideo2/asset/upload`, {
      method: 'POST',
      headers: JSON_HEADERS,
      body: JSON.stringify({ ...DOCS_UPLOAD, name: 'n'.repeat(400) }),
    });
    expect(refused.status).toBe(503);
    expect(JSON.parse(refused.body)).toMatchObject({ code: 503, data: null });
    await stalled.closed;
    // The stalled request was cut off by the request timeout and its bytes released.
    const accepted = await raw(`${server.url}/kyyVideo2/asset/upload`, {
      method: 'POST',
      headers: JSON_HEADERS,
      body: JSON.stringify({ ...DOCS_UPLOAD, name: 'n'.repeat(400) }),
    });
    expect(accepted.status).toBe(200);
  });

  it('closes an idle keep-alive connection after the keep-alive timeout', async () => {
    const server = await start(limits);
    const conn = rawConnection(
      server.url,
      'GET /kyyReactApiServer/kyyVideo2/asset/x HTTP/1.1\r\nHost: a\r\nAuthorization: Bearer k\r\n\r\n',
    );
    const received = await conn.closed;
    expect(received).toMatch(/^HTTP\/1\.1 200 /);
    expect(received).toContain('"code":-1');
  });

  it('answers TRACE and unknown methods 405, malformed targets and requests 400, never 500', async () => {
    const errors: string[] = [];
    const server = await start({ onError: (line) => errors.push(line) });
    for (const path of ['/kyyReactApiServer/kyyVideo2/asset/x', '/']) {
      for (const method of ['TRACE', 'PROPFIND']) {
        const res = await raw(`${server.url.replace('/kyyReactApiServer', '')}${path}`, {
          method,
          headers: { authorization: 'Bearer k' },
        });
        expect(res.status, `${method} ${path}`).toBe(405);
        expect(JSON.parse(res.body)).toMatchObject({ code: 405, data: null });
      }
    }
    for (const target of ['*', 'http://elsewhere.example/kyyReactApiServer/kyyVideo2/asset/x']) {
      const received = await rawConnection(
        server.url,
        `GET ${target} HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n`,
      ).closed;
      expect(received, target).toMatch(/^HTTP\/1\.1 400 /);
      expect(received).toContain('"code":400');
    }
    const garbage = await rawConnection(server.url, 'NOT HTTP AT ALL\r\n\r\n').closed;
    expect(garbage).toMatch(/^HTTP\/1\.1 400 /);
    expect(garbage).toContain('"data":null');
    expect(errors).toEqual([]);
  });

  it('answers a real bug with 500 and reports it through onError even when log is off', async () => {
    const errors: string[] = [];
    const server = await start({ onError: (line) => errors.push(line) });
    // Stands in for a bug inside a route: the store throws.
    vi.spyOn(server.mock.store, 'get').mockImplementation(() => {
      throw new Error('simulated bug');
    });
    const res = await raw(`${server.url}/kyyVideo2/asset/x`, { headers: JSON_HEADERS });
    expect(res.status).toBe(500);
    expect(JSON.parse(res.body)).toMatchObject({ code: 500, data: null });
    expect(errors).toEqual(['internal error: simulated bug']);
    // The server keeps running.
    vi.restoreAllMocks();
    expect((await raw(`${server.url}/kyyVideo2/asset/x`, { headers: JSON_HEADERS })).status).toBe(
      200,
    );
  });
});
