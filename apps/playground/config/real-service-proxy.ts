import type { ServerResponse } from 'node:http';
import { provablyNotSent } from '@kyyvideo/client';
import type { ProxyOptions } from 'vite';
import { REAL_SERVICE_PROXY_PATH } from '../src/lib/proxy-path.js';
import { PROXY_NOT_SENT_HEADER } from '../src/lib/proxy-unreached.js';

/**
 * The browser cannot call the real service directly (it sends no CORS headers), so the dev and
 * preview servers forward `REAL_SERVICE_PROXY_PATH/...` to it. The proxy path deliberately does not
 * contain `/kyyReactApiServer`, so the in-browser mock's handlers can never answer it.
 *
 * Headers that only make sense for the playground's own origin (cookies, Origin, Referer) are
 * dropped so the service sees what a curl call would send. Nothing here logs headers, so the
 * Authorization header never reaches the terminal.
 *
 * When the service cannot be reached at all (DNS failure, refused), the proxy's 502 carries
 * PROXY_NOT_SENT_HEADER, so the page can say that nothing reached the service. Any other proxy
 * failure keeps vite's plain 502: the request may have arrived, and the outcome is unknown.
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
        // Registered before vite's own error listener, which then only logs (headers are sent).
        proxy.on('error', (error, _req, res) => {
          const code = neverSentCode(error);
          if (code === undefined || !isHttpResponse(res) || res.headersSent) return;
          res
            .writeHead(502, { 'Content-Type': 'text/plain', [PROXY_NOT_SENT_HEADER]: code })
            .end(
              `The playground's proxy could not reach ${target.origin} (${code}); nothing was sent.`,
            );
        });
        proxy.on('proxyReq', (proxyReq) => {
          proxyReq.removeHeader('cookie');
          proxyReq.removeHeader('origin');
          proxyReq.removeHeader('referer');
        });
      },
    },
  };
}

function isHttpResponse(res: unknown): res is ServerResponse {
  return typeof res === 'object' && res !== null && 'writeHead' in res;
}

/** The error's code when it proves nothing left this machine (the client's rule), else undefined. */
function neverSentCode(error: unknown): string | undefined {
  if (!provablyNotSent(error)) return undefined;
  // Connecting to several addresses (happy eyeballs) fails with an AggregateError of them all.
  const record = error as { code?: unknown; errors?: { code?: unknown }[] };
  const code = record.code ?? record.errors?.[0]?.code;
  return typeof code === 'string' ? code : undefined;
}
