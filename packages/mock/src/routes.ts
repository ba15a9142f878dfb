import { BASE_PATH } from '@kyyvideo/contract';

export type RouteName = 'upload' | 'detail' | 'delete' | 'unknown';

export interface RouteMatch {
  route: RouteName;
  /** The decoded `{assetId}` path segment for detail and delete. */
  assetId?: string;
}

const ASSET_PATH = /^\/kyyVideo2\/asset\/([^/]+)$/;

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    // A malformed escape cannot name a real asset; keep it verbatim so it simply is not found.
    return segment;
  }
}

/**
 * Where a request goes, or `null` when it is not under `/kyyReactApiServer` at all. Matched by
 * hand rather than with msw path patterns, whose parameter decoding throws on malformed escapes
 * such as `%ZZ` instead of letting the route answer.
 */
export function matchRoute(method: string, url: string): RouteMatch | null {
  const { pathname } = new URL(url);
  const at = pathname.indexOf(BASE_PATH);
  if (at === -1) return null;
  const rest = pathname.slice(at + BASE_PATH.length);
  if (rest !== '' && !rest.startsWith('/')) return null;
  const upper = method.toUpperCase();
  if (rest === '/kyyVideo2/asset/upload' && upper === 'POST') return { route: 'upload' };
  const asset = ASSET_PATH.exec(rest);
  if (asset?.[1] !== undefined && (upper === 'GET' || upper === 'DELETE')) {
    return { route: upper === 'GET' ? 'detail' : 'delete', assetId: safeDecode(asset[1]) };
  }
  return { route: 'unknown' };
}
