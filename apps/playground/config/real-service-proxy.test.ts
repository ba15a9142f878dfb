import { createServer as createHttpServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createServer, type ViteDevServer } from 'vite';
import { afterEach, describe, expect, it } from 'vitest';
import { REAL_SERVICE_PROXY_PATH } from '../src/lib/proxy-path.js';
import { PROXY_NOT_SENT_HEADER } from '../src/lib/proxy-unreached.js';
import { realServiceProxy } from './real-service-proxy.js';

// The real proxy, inside a real vite dev server, in front of "services" that fail in each way.
const UPLOAD = '/kyyVideo2/asset/upload';
const closers: (() => Promise<unknown>)[] = [];

afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
});

function port(server: Server): number {
  return (server.address() as AddressInfo).port;
}

async function service(handler: Parameters<typeof createHttpServer>[1]): Promise<string> {
  const server = createHttpServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closers.push(() => new Promise((resolve) => server.close(resolve)));
  return `http://127.0.0.1:${port(server)}/kyyReactApiServer`;
}

async function refusedUrl(): Promise<string> {
  const server = createHttpServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const free = port(server);
  await new Promise((resolve) => server.close(resolve));
  return `http://127.0.0.1:${free}/kyyReactApiServer`;
}

/** POSTs an upload through a dev server whose proxy forwards to `realBaseUrl`. */
async function uploadThroughProxy(realBaseUrl: string): Promise<Response> {
  const vite: ViteDevServer = await createServer({
    configFile: false,
    root: import.meta.dirname,
    logLevel: 'silent',
    optimizeDeps: { noDiscovery: true, include: [] },
    server: { host: '127.0.0.1', port: 0, proxy: realServiceProxy(realBaseUrl), ws: false },
  });
  await vite.listen();
  closers.push(() => vite.close());
  const address = vite.httpServer?.address() as AddressInfo;
  return fetch(`http://127.0.0.1:${address.port}${REAL_SERVICE_PROXY_PATH}${UPLOAD}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: '{"assetType":"Image","url":"https://example.com/cat.jpg"}',
  });
}

/** Each test starts a vite dev server: seconds on a quiet machine, far more with both cores busy. */
const SERVER_TEST_TIMEOUT_MS = 120_000;

describe('the real-service proxy', { timeout: SERVER_TEST_TIMEOUT_MS }, () => {
  it('marks its 502 when the connection was refused: nothing reached the service', async () => {
    const res = await uploadThroughProxy(await refusedUrl());
    expect(res.status).toBe(502);
    expect(res.headers.get(PROXY_NOT_SENT_HEADER)).toBe('ECONNREFUSED');
    expect(await res.text()).toMatch(/could not reach .*ECONNREFUSED.*nothing was sent/);
  });

  it('marks its 502 when the name does not resolve', async () => {
    const res = await uploadThroughProxy('http://kyy-playground-test.invalid/kyyReactApiServer');
    expect(res.status).toBe(502);
    expect(['ENOTFOUND', 'EAI_AGAIN']).toContain(res.headers.get(PROXY_NOT_SENT_HEADER));
  });

  it('passes on a 502 that the service itself sends, unmarked', async () => {
    const seen: string[] = [];
    const url = await service((req, res) => {
      seen.push(req.url ?? '');
      res.writeHead(502, { 'Content-Type': 'text/html' }).end('<h1>Bad Gateway</h1>');
    });
    const res = await uploadThroughProxy(url);
    expect(seen).toEqual([`/kyyReactApiServer${UPLOAD}`]);
    expect(res.status).toBe(502);
    expect(res.headers.get(PROXY_NOT_SENT_HEADER)).toBeNull();
    expect(await res.text()).toBe('<h1>Bad Gateway</h1>');
  });

  it('leaves its 502 unmarked when the connection breaks after the request arrived', async () => {
    let arrived = false;
    const url = await service((req) => {
      arrived = true;
      req.socket.destroy();
    });
    const res = await uploadThroughProxy(url);
    expect(arrived).toBe(true);
    expect(res.status).toBe(502);
    expect(res.headers.get(PROXY_NOT_SENT_HEADER)).toBeNull();
  });
});
