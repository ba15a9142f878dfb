import type { paths } from '@kyyvideo/contract';
import type { AnyScenarioName } from '../scenarios.js';
import type { CoreRequest, CoreResponse } from './types.js';

/** What the core knows about a request besides the request itself. */
export interface RouteContext {
  /** The scenario chosen for this request (header or `mock.use`), if any. */
  scenario: AnyScenarioName | null;
}

/** An endpoint of the mock. Adding one is adding an entry like this to a route list. */
export interface Route {
  method: 'GET' | 'POST' | 'DELETE';
  /**
   * Path under the base path, e.g. `/kyyVideo2/asset/upload`; one `{name}` segment may stand
   * for a parameter, e.g. `/v1/result/{id}`. It matches one whole segment, percent-decoded.
   */
  path: string;
  /** `true` for what the service serves without a key (e.g. sample media). Default: Bearer required. */
  public?: boolean;
  /**
   * How this route refuses a request the core turns away before the route runs (auth). Default:
   * the failure envelope; routes without the envelope answer in their own shape.
   */
  refuse?(status: number, message: string): CoreResponse;
  handle(
    request: CoreRequest,
    params: Readonly<Record<string, string>>,
    context: RouteContext,
  ): CoreResponse;
}

type SpecPath = keyof paths;
type Verb = 'get' | 'post' | 'delete';

/** The methods the spec defines on `P` (the generated types mark the others `?: never`). */
export type SpecMethod<P extends SpecPath> = {
  [V in Verb]: [NonNullable<paths[P][V]>] extends [never] ? never : Uppercase<V>;
}[Verb];

/**
 * A route of an operation the spec defines: its path and method are checked against the
 * contract's generated `paths`, so a typo or an endpoint the spec lacks does not compile.
 */
export type SpecRoute<P extends SpecPath = SpecPath> = {
  [K in P]: Omit<Route, 'path' | 'method' | 'public'> & { path: K; method: SpecMethod<K> };
}[P];

export interface RouteMatch {
  route: Route;
  params: Readonly<Record<string, string>>;
}

interface ParamRoute {
  route: Route;
  prefix: string;
  suffix: string;
  name: string;
}

const PARAM = /^(.*)\{([A-Za-z_]\w*)\}(.*)$/;

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    // A malformed escape cannot name a real record; keep it verbatim so it simply is not found.
    return segment;
  }
}

export interface RouteTable {
  /** The one lookup per request: static paths by map, then parameter routes by prefix/suffix. */
  match(method: string, path: string): RouteMatch | null;
  /** `POST /base/x, GET /base/y/{id}`: for messages that list what exists. */
  describe(basePath: string): string;
}

const NO_PARAMS: Readonly<Record<string, string>> = Object.freeze({});

export function createRouteTable(routes: readonly Route[]): RouteTable {
  const exact = new Map<string, Route>();
  const withParam: ParamRoute[] = [];
  for (const route of routes) {
    const param = PARAM.exec(route.path);
    if (!param) {
      exact.set(`${route.method} ${route.path}`, route);
      continue;
    }
    const [, prefix = '', name = '', suffix = ''] = param;
    if (
      !prefix.endsWith('/') ||
      (suffix !== '' && !suffix.startsWith('/')) ||
      suffix.includes('{')
    ) {
      throw new Error(`route ${route.path}: a parameter must be one whole segment, at most one`);
    }
    withParam.push({ route, prefix, suffix, name });
  }
  return {
    match(method, path) {
      const route = exact.get(`${method} ${path}`);
      if (route) return { route, params: NO_PARAMS };
      for (const p of withParam) {
        if (p.route.method !== method) continue;
        if (!path.startsWith(p.prefix) || !path.endsWith(p.suffix)) continue;
        const value = path.slice(p.prefix.length, path.length - p.suffix.length);
        if (value === '' || value.includes('/')) continue;
        return { route: p.route, params: { [p.name]: safeDecode(value) } };
      }
      return null;
    },
    describe(basePath) {
      return routes.map((r) => `${r.method} ${basePath}${r.path}`).join(', ');
    },
  };
}
