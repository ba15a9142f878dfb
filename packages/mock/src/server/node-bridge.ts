import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * Turns a node:http request (whose body was already read) into a Fetch API Request for msw. The
 * origin is the server's own address rather than the Host header: routing only looks at the
 * path, and a garbage Host header must not be able to break URL parsing.
 */
export function toFetchRequest(req: IncomingMessage, body: Buffer, origin: string): Request {
  const url = new URL(req.url ?? '/', origin);
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) headers.append(name, v);
  }
  const method = req.method ?? 'GET';
  const hasBody = method !== 'GET' && method !== 'HEAD' && body.length > 0;
  return new Request(url, { method, headers, body: hasBody ? new Uint8Array(body) : undefined });
}

/** Writes a Fetch API Response to a node:http response, adding `extraHeaders`. */
export async function sendFetchResponse(
  res: ServerResponse,
  response: Response,
  extraHeaders: Readonly<Record<string, string>>,
): Promise<void> {
  const body = Buffer.from(await response.arrayBuffer());
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    headers[name] = value;
  });
  Object.assign(headers, extraHeaders, { 'content-length': String(body.length) });
  res.writeHead(response.status, headers);
  res.end(body);
}
