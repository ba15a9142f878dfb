import type { IncomingMessage, ServerResponse } from 'node:http';

/** Turns a node:http request (whose body was already read) into a Fetch API Request for msw. */
export function toFetchRequest(req: IncomingMessage, body: Buffer, fallbackHost: string): Request {
  const host = req.headers.host ?? fallbackHost;
  const url = new URL(req.url ?? '/', `http://${host}`);
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
