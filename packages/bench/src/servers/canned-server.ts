import { createServer } from 'node:http';
import { DELETE_BODY, DETAIL_BODY, UPLOAD_BODY } from './canned-bodies.js';

/**
 * A node:http server that answers every call with a fixed, valid envelope, so that what the
 * client-overhead suite measures is the caller, not the server. Run as its own process; it
 * prints its URL.
 */
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
