import type { IncomingMessage, Server } from 'node:http';
import type { Socket } from 'node:net';
import { MOCK_CODES } from '../codes.js';
import { rawEnvelope } from './http-io.js';

function clientErrorReply(code: string | undefined): string {
  if (code === 'ERR_HTTP_REQUEST_TIMEOUT') {
    return rawEnvelope(
      408,
      'Request Timeout',
      MOCK_CODES.invalidParameter,
      'The request took too long to arrive; the connection is closed.',
    );
  }
  if (code === 'HPE_HEADER_OVERFLOW') {
    return rawEnvelope(
      431,
      'Request Header Fields Too Large',
      MOCK_CODES.invalidParameter,
      'The request headers are too large.',
    );
  }
  return rawEnvelope(
    400,
    'Bad Request',
    MOCK_CODES.invalidParameter,
    'Malformed HTTP request: check the method, request target and headers.',
  );
}

/**
 * Requests node:http cannot parse, or that time out, still get an envelope (never a 500), and
 * CONNECT is answered instead of silently closed.
 */
export function answerProtocolErrors(server: Server): void {
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Socket) => {
    if (!socket.writable || error.code === 'ECONNRESET') {
      socket.destroy();
      return;
    }
    socket.end(clientErrorReply(error.code));
  });
  server.on('connect', (_req: IncomingMessage, socket: Socket) => {
    socket.end(
      rawEnvelope(
        405,
        'Method Not Allowed',
        MOCK_CODES.methodNotAllowed,
        'CONNECT is not supported: this is the KyyVideo2 API mock, not a proxy.',
      ),
    );
  });
}
