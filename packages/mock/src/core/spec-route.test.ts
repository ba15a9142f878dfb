import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import type { MockClock } from '../clock.js';
import type { ResolvedOptions } from '../options.js';
import type { InternalStore } from '../store.js';
import { assetRoutes } from './asset-routes.js';
import type { SpecRoute } from './route-table.js';
import { taskRoutes } from './task-routes.js';

const spec = JSON.parse(
  readFileSync(createRequire(import.meta.url).resolve('@kyyvideo/contract/openapi.json'), 'utf8'),
) as { paths: Record<string, Record<string, unknown>> };

// Building the lists touches none of these; only handling a request would.
const routes: SpecRoute[] = [
  ...assetRoutes({} as InternalStore, {} as ResolvedOptions),
  ...taskRoutes({} as InternalStore, {} as ResolvedOptions, {} as MockClock),
];

describe('the asset and task routes', () => {
  it('are exactly the operations of the spec', () => {
    const served = routes.map((r) => `${r.method} ${r.path}`).sort();
    const specified = Object.entries(spec.paths)
      .flatMap(([path, item]) =>
        ['get', 'post', 'delete']
          .filter((verb) => item[verb] !== undefined)
          .map((verb) => `${verb.toUpperCase()} ${path}`),
      )
      .sort();
    expect(served).toEqual(specified);
  });

  it('are typed by the spec: a path or a method it does not define does not compile', () => {
    const handle = () => ({ status: 200, headers: {}, body: '' });
    const ok: SpecRoute = { method: 'DELETE', path: '/kyyVideo2/asset/{assetId}', handle };
    // @ts-expect-error the spec has no such path
    const typo: SpecRoute = { method: 'GET', path: '/kyyVideo2/assets/{assetId}', handle };
    // @ts-expect-error the spec defines no DELETE on a video task
    const wrongMethod: SpecRoute = { method: 'DELETE', path: '/v1/result/{id}', handle };
    expect([ok, typo, wrongMethod]).toHaveLength(3);
  });
});
