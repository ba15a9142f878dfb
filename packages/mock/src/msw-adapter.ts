import type { RequestHandler } from 'msw';
import { basePathAt, type MockCore } from './core/core.js';
import type { CoreResponse } from './core/types.js';
import { importMswIfInstalled, MswMissingError } from './msw-peer.js';

// The main entry loads without msw (its constants and createMock's store need none); only the
// handlers do, and reading them without msw says what to install.
const msw = await importMswIfInstalled(() => import('msw'));

function toHttpResponse(response: CoreResponse, { HttpResponse }: typeof import('msw')): Response {
  if (response.drop) return HttpResponse.error();
  return new HttpResponse(response.body, { status: response.status, headers: response.headers });
}

/**
 * The core as one msw handler, for `setupServer` (Node) and `setupWorker` (browsers). It claims
 * every request under the base path on any origin, and lets the core route it (one match).
 */
export function mswHandlers(core: MockCore): RequestHandler[] {
  if (!msw) throw new MswMissingError("The mock's msw handlers (createMock().handlers)");
  return [
    msw.http.all(
      ({ request }) => basePathAt(new URL(request.url).pathname) !== -1,
      async ({ request }) => {
        const headers: Record<string, string> = {};
        request.headers.forEach((value, name) => {
          headers[name] = value;
        });
        const hasBody = request.method !== 'GET' && request.method !== 'HEAD';
        const url = new URL(request.url);
        const response = await core.handle({
          method: request.method.toUpperCase(),
          path: url.pathname,
          headers,
          body: hasBody ? await request.text() : '',
          // The origin the client used is one msw intercepts, so URLs built on it work here too.
          origin: url.origin,
        });
        // The predicate already checked the base path, so the core always answers here.
        return response ? toHttpResponse(response, msw) : undefined;
      },
    ),
  ];
}
