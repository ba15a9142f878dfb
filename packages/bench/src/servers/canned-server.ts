import { createServer } from 'node:http';

/**
 * A node:http server that answers every call with a fixed, valid envelope, so that what the
 * client-overhead suite measures is the caller, not the server. Run as its own process; it
 * prints its URL. The bodies are the documented examples.
 */
const UPLOAD_BODY = JSON.stringify({
  code: 0,
  msg: null,
  data: { assetId: 'asset-20260330142158-q75m8' },
});
const DETAIL_BODY = JSON.stringify({
  code: 0,
  msg: null,
  data: {
    name: 'Cat Image',
    assetId: 'asset-20260330142158-q75m8',
    status: 'Active',
    assetType: 'Image',
    url: 'https://example.com/cat.jpg',
    createTime: '2026-03-30 14:21:58',
  },
});
const DELETE_BODY = JSON.stringify({ code: '0', msg: '删除成功', data: null });

const server = createServer((request, response) => {
  // Drain the request body before answering, as a real server must.
  request.resume();
  request.on('end', () => {
    const body =
      request.method === 'POST'
        ? UPLOAD_BODY
        : request.method === 'DELETE'
          ? DELETE_BODY
          : DETAIL_BODY;
    response.writeHead(200, {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(body),
    });
    response.end(body);
  });
});
// Keep sockets alive well past the client's idle time so no call pays for a reconnect.
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  if (address && typeof address === 'object') {
    console.log(`http://127.0.0.1:${address.port}/kyyReactApiServer`);
  }
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
