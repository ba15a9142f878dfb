import { requirePeer } from '../peers/install-peers.js';

/** The part of autocannon's options this bench uses (autocannon ships no types). */
interface AutocannonRequest {
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  body?: string;
  onResponse?: (status: number, body: string) => void;
}
interface AutocannonOptions {
  url: string;
  connections: number;
  duration: number;
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  requests?: AutocannonRequest[];
  timeout?: number;
}
interface Histogram {
  mean: number;
  p50: number;
  p99: number;
  max: number;
  total: number;
}
interface AutocannonResult {
  duration: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  latency: Histogram;
  requests: Histogram & { average: number };
}
type Autocannon = (options: AutocannonOptions) => Promise<AutocannonResult>;

export interface LoadRequest {
  method: 'GET' | 'POST';
  path: string;
  headers: Record<string, string>;
  body?: string;
}

export interface LoadOptions {
  /** Origin, e.g. http://127.0.0.1:4010; request paths are absolute. */
  origin: string;
  connections: number;
  durationS: number;
  /** Sent in turn on each connection. */
  requests: LoadRequest[];
  /** When given, every response body is checked with it (costs some load-generator CPU). */
  checkBody?: (status: number, body: string) => boolean;
}

export interface LoadResult {
  connections: number;
  requestsPerSec: number;
  totalRequests: number;
  /** autocannon records whole milliseconds, so p50/p99 have 1 ms resolution. */
  latencyP50Ms: number;
  latencyP99Ms: number;
  latencyMaxMs: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  badBodies: number;
}

// A request taking longer than this on loopback counts as a timeout error.
const REQUEST_TIMEOUT_S = 10;

export async function runLoad(cacheDir: string, options: LoadOptions): Promise<LoadResult> {
  const autocannon = requirePeer<Autocannon>(cacheDir, 'autocannon');
  let badBodies = 0;
  const check = options.checkBody;
  const result = await autocannon({
    url: options.origin,
    connections: options.connections,
    duration: options.durationS,
    timeout: REQUEST_TIMEOUT_S,
    requests: options.requests.map((request) => ({
      method: request.method,
      path: request.path,
      headers: request.headers,
      ...(request.body === undefined ? {} : { body: request.body }),
      ...(check
        ? {
            onResponse: (status: number, body: string) => {
              if (!check(status, body)) badBodies += 1;
            },
          }
        : {}),
    })),
  });
  return {
    connections: options.connections,
    requestsPerSec: result.requests.average,
    totalRequests: result.requests.total,
    latencyP50Ms: result.latency.p50,
    latencyP99Ms: result.latency.p99,
    latencyMaxMs: result.latency.max,
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
    badBodies,
  };
}
