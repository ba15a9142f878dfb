import type { ProxyOptions } from 'vite';
import { REAL_SERVICE_PROXY_PATH } from '../src/lib/proxy-path.js';

/**
 * The browser cannot call the real service directly (it sends no CORS headers), so the dev and
 * preview servers forward `REAL_SERVICE_PROXY_PATH/...` to it. The proxy path deliberately does not
 * contain `/kyyReactApiServer`, so the in-browser mock's handlers can never answer it.
 *
 * Headers that only make sense for the playground's own origin (cookies, Origin, Referer) are
 * dropped so the service sees what a curl call would send. Nothing here logs headers, so the
 * Authorization header never reaches the terminal.
 */
export function realServiceProxy(realBaseUrl: string): Record<string, ProxyOptions> {
  const target = new URL(realBaseUrl);
  const basePath = target.pathname.replace(/\/$/, '');
  return {
    [REAL_SERVICE_PROXY_PATH]: {
      target: target.origin,
      changeOrigin: true,
      secure: true,
      rewrite: (path) => basePath + path.slice(REAL_SERVICE_PROXY_PATH.length),
      configure(proxy) {
        proxy.on('proxyReq', (proxyReq) => {
          proxyReq.removeHeader('cookie');
          proxyReq.removeHeader('origin');
          proxyReq.removeHeader('referer');
        });
      },
    },
  };
}
