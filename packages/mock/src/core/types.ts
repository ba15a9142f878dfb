/**
 * The mock's transport-neutral request and response. msw adapters (tests, browsers) and the
 * standalone node:http server translate to and from these, and nothing else: the core never sees
 * a Fetch object or a socket, so every transport gets exactly the same behaviour.
 */
export interface CoreRequest {
  /** Upper-case method, e.g. `POST`. */
  method: string;
  /** The path without origin or query, e.g. `/kyyReactApiServer/kyyVideo2/asset/upload`. */
  path: string;
  /** Header values by lower-case name (node:http's `req.headers` fits as it is). */
  headers: Readonly<Record<string, string | string[] | undefined>>;
  /** The body decoded as UTF-8 (empty when there is none). */
  body: string;
  /**
   * Where the client reached the mock, e.g. `http://127.0.0.1:4700`, for absolute URLs in
   * answers (a completed task's `video_url`). Transports set it; absent, the mock's default.
   */
  origin?: string;
}

export interface CoreResponse {
  status: number;
  headers: Readonly<Record<string, string>>;
  /** Text (JSON, HTML) or bytes (sample media). */
  body: string | Uint8Array;
  /** Hang up without answering, as a failed network would (the `drop-connection` scenario). */
  drop?: true;
}

/** The first value of a header, or `null` when it was not sent. */
export function headerOf(request: CoreRequest, name: string): string | null {
  const value = request.headers[name];
  if (value === undefined) return null;
  return typeof value === 'string' ? value : (value[0] ?? null);
}
