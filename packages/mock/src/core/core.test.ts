import { getResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { systemClock } from '../clock.js';
import { mswHandlers } from '../msw-adapter.js';
import { resolveOptions } from '../options.js';
import { createRandom } from '../random.js';
import { createRequestLog } from '../request-log.js';
import { createScenarioState } from '../scenario-state.js';
import { createStore } from '../store.js';
import { createCore } from './core.js';
import { createRouteTable, type Route } from './route-table.js';

// The core must serve routes that do not use the envelope (bare JSON, files): what the video-task
// endpoints and sample media will need. Built here with a route table of test routes.
const BYTES = new Uint8Array([0, 0, 0, 0x18, 0x66, 0x74, 0x79, 0x70, 0xff]);
const routes: Route[] = [
  {
    method: 'GET',
    path: '/v1/result/{id}',
    handle: (_request, { id = '' }) => ({
      status: 200,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ id, object: 'video', status: 'queued' }),
    }),
  },
  {
    method: 'GET',
    path: '/samples/{file}',
    public: true,
    handle: () => ({ status: 200, headers: { 'content-type': 'video/mp4' }, body: BYTES }),
  },
  {
    method: 'POST',
    path: '/v1/result/special',
    handle: () => ({ status: 201, headers: {}, body: 'exact path wins' }),
  },
];

function core() {
  const options = resolveOptions();
  return createCore({
    options,
    store: createStore(systemClock, () => createRandom(1), options),
    scenarios: createScenarioState(),
    log: createRequestLog(),
    routes: createRouteTable(routes),
  });
}
const BASE = 'http://any.example/kyyReactApiServer';

describe('route table', () => {
  it('matches one decoded segment, prefers exact paths, and lists every route', () => {
    const table = createRouteTable(routes);
    expect(table.match('GET', '/v1/result/video_%41b')?.params).toEqual({ id: 'video_Ab' });
    expect(table.match('GET', '/v1/result/a/b')).toBeNull();
    expect(table.match('GET', '/v1/result/')).toBeNull();
    expect(table.match('DELETE', '/v1/result/x')).toBeNull();
    expect(table.match('POST', '/v1/result/special')?.route).toBe(routes[2]);
    expect(table.describe('/b')).toBe(
      'GET /b/v1/result/{id}, GET /b/samples/{file}, POST /b/v1/result/special',
    );
    expect(() => createRouteTable([{ ...(routes[0] as Route), path: '/a{id}' }])).toThrow(
      /one whole segment/,
    );
  });
});

describe('core', () => {
  it('answers bare JSON and bytes, through the msw adapter too', async () => {
    const c = core();
    const direct = c.handle({
      method: 'GET',
      path: '/kyyReactApiServer/samples/cat.mp4',
      headers: {},
      body: '',
    });
    expect(direct).toMatchObject({ status: 200, body: BYTES });

    const handlers = mswHandlers(c);
    const json = await getResponse(
      handlers,
      new Request(`${BASE}/v1/result/video_1`, { headers: { authorization: 'Bearer k' } }),
    );
    expect(await json?.json()).toEqual({ id: 'video_1', object: 'video', status: 'queued' });
    // A public route needs no key; the bytes arrive unchanged.
    const media = await getResponse(handlers, new Request(`${BASE}/samples/cat.mp4`));
    expect(media?.headers.get('content-type')).toBe('video/mp4');
    expect(new Uint8Array(await (media as Response).arrayBuffer())).toEqual(BYTES);
    // Other routes still need the key.
    const refused = await getResponse(handlers, new Request(`${BASE}/v1/result/video_1`));
    expect(refused?.status).toBe(401);
  });

  it('leaves paths outside the base path alone and refuses methods no route could use', () => {
    const c = core();
    expect(c.handle({ method: 'GET', path: '/elsewhere', headers: {}, body: '' })).toBeNull();
    expect(
      c.handle({ method: 'GET', path: '/kyyReactApiServerX/v1', headers: {}, body: '' }),
    ).toBeNull();
    expect(
      c.handle({ method: 'TRACE', path: '/kyyReactApiServer/v1/result/x', headers: {}, body: '' }),
    ).toMatchObject({ status: 405, headers: { allow: 'GET, POST, DELETE, OPTIONS' } });
  });
});
