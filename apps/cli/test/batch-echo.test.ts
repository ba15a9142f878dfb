import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kyy } from './kyy-process.js';

const KEY = 'sk-kyy-echo-test-Qz81Lm2Rt7';
const ID = 'asset-20260330142158-q75m8';

/** Each upload gets the next way of echoing the key back; every detail names it in a Failed asset. */
const uploadEchoes: Array<(res: ServerResponse, key: string) => void> = [
  (res, key) => json(res, 200, { code: key, msg: key, data: null }),
  (res, key) => json(res, 500, `down ${key}`, `Oops ${key}`),
  (res, key) => json(res, 400, { code: 7, msg: `bad key ${key}`, data: null }),
  (res, key) => json(res, 200, `<html>${key}</html>`),
  (res, key) => json(res, 200, { code: 0, msg: null, data: { assetId: key } }),
  (res, key) => {
    res.writeHead(302, { location: `https://elsewhere.test/?k=${key}` });
    res.end(key);
  },
  (res, key) => {
    res.writeHead(429, `Slow ${key}`, { 'retry-after': key });
    res.end(JSON.stringify({ code: key, msg: key, data: null }));
  },
  (res) => json(res, 200, { code: 0, msg: null, data: { assetId: ID } }),
];

function json(res: ServerResponse, status: number, body: unknown, statusText = '') {
  res.writeHead(status, statusText, { 'content-type': 'application/json' });
  res.end(typeof body === 'string' ? body : JSON.stringify(body));
}

let url = '';
let uploads = 0;
const server = createServer((req: IncomingMessage, res: ServerResponse) => {
  const key = (req.headers.authorization ?? '').replace(/^Bearer /, '');
  req.resume();
  req.on('end', () => {
    if (req.method === 'POST') {
      const echo = uploadEchoes[uploads++ % uploadEchoes.length];
      echo?.(res, key);
      return;
    }
    json(res, 200, {
      code: 0,
      msg: key,
      data: {
        name: key,
        assetId: ID,
        status: 'Failed',
        assetType: 'Image',
        url: `https://example.com/${key}.png`,
        createTime: '2026-03-30 14:21:58',
      },
    });
  });
});

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/kyyReactApiServer`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe('a server that echoes the key', () => {
  it('never gets it into the batch results file, stdout or stderr', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'kyy-echo-'));
    const rows = uploadEchoes.map((_, i) => `Image,https://example.com/${i}.png,item ${i}`);
    writeFileSync(join(cwd, 'm.csv'), `type,url,name\n${rows.join('\n')}\n`);
    const r = await kyy(['assets', 'batch', 'm.csv', '--wait', '--json', '--concurrency', '1'], {
      env: { KYY_BASE_URL: url, KYY_API_KEY: KEY },
      cwd,
    });
    // Every item failed one way or another, and the run said so.
    expect(r.code, r.stderr).not.toBe(0);
    expect(uploads).toBe(uploadEchoes.length);
    const written = readdirSync(cwd).map((name) => readFileSync(join(cwd, name), 'utf8'));
    expect(written.length).toBeGreaterThan(1);
    for (const text of [...written, r.stdout, r.stderr]) expect(text).not.toContain(KEY);
    // The results file recorded the failures (so the check above looked at real content).
    expect(written.join('\n')).toMatch(/"event":"send-(unknown|rejected)"/);
  }, 60_000);
});
