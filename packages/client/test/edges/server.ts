import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Seen {
  method: string;
  path: string;
  authorization: string;
}

export type Handler = (req: IncomingMessage, res: ServerResponse, seen: Seen[]) => void;

/** A real HTTP server on a free port, so redirects, sizes and status texts go through undici. */
export async function startServer(handler: Handler) {
  const seen: Seen[] = [];
  const server = createServer((req, res) => {
    seen.push({
      method: req.method ?? '',
      path: req.url ?? '',
      authorization: req.headers.authorization ?? '',
    });
    // Read the body before answering, as a real service would.
    req.resume();
    req.on('end', () => handler(req, res, seen));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/kyyReactApiServer`,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export function sendJson(res: ServerResponse, status: number, body: unknown, statusText?: string) {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, statusText ?? '', { 'content-type': 'application/json' });
  res.end(text);
}
