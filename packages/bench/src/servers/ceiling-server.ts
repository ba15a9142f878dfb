import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';

/**
 * The ceiling: a bare node:http server doing the least work the mock's upload and detail could
 * do — read the body, parse the JSON, keep it in a Map, answer the envelope — and nothing else (no
 * validation, auth, routing table, review lifecycle or logging). What the machine allows for a
 * JavaScript server; the mock is measured against it. Run as its own process; it prints its URL.
 */
const BASE = '/kyyReactApiServer';
const UPLOAD = `${BASE}/kyyVideo2/asset/upload`;
const ASSET = `${BASE}/kyyVideo2/asset/`;
const assets = new Map<string, unknown>();

const server = createServer((request, response) => {
  const chunks: Buffer[] = [];
  request.on('data', (chunk: Buffer) => chunks.push(chunk));
  request.on('end', () => {
    let body: string;
    if (request.method === 'POST' && request.url === UPLOAD) {
      const input = JSON.parse(Buffer.concat(chunks).toString('utf8')) as object;
      const assetId = `asset-20260330142158-${randomBytes(3).toString('hex').slice(0, 5)}`;
      assets.set(assetId, { ...input, assetId });
      body = JSON.stringify({ code: 0, msg: null, data: { assetId } });
    } else {
      const data = assets.get((request.url ?? '').slice(ASSET.length));
      body = JSON.stringify(
        data ? { code: 0, msg: null, data } : { code: -1, msg: 'not found', data: null },
      );
    }
    response.writeHead(200, {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(body),
    });
    response.end(body);
  });
});
server.listen(Number(process.argv[2] ?? 0), '127.0.0.1', () => {
  const address = server.address();
  if (address && typeof address === 'object') {
    console.log(`http://127.0.0.1:${address.port}${BASE}`);
  }
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
