import type { RequestHandler } from 'msw';
import { systemClock } from './clock.js';
import { assetRoutes } from './core/asset-routes.js';
import { createCore, type MockCore } from './core/core.js';
import { createRouteTable } from './core/route-table.js';
import { taskRoutes } from './core/task-routes.js';
import { mediaRoutes } from './media.js';
import { type MockOptions, resolveOptions } from './options.js';
import { createRandom } from './random.js';
import { createRequestLog, type LoggedRequest } from './request-log.js';
import { createScenarioState } from './scenario-state.js';
import type { AnyScenarioName } from './scenarios.js';
import {
  createStore,
  type InternalStore,
  type MockStore,
  type StoreLimitListener,
} from './store.js';

export interface Mock {
  /** msw handlers for the API under `/kyyReactApiServer`, on any origin. */
  handlers: RequestHandler[];
  /** The in-memory assets, for seeding and inspecting state in tests. */
  store: MockStore;
  /**
   * Makes the next `times` requests (default: every request until `use(null)`) answer with a
   * scenario. A `x-mock-scenario` header on a request takes precedence and does not count.
   */
  use(scenario: AnyScenarioName | null, options?: { times?: number }): void;
  /** Clears the store, the active scenario and the request log, and restarts the id sequence. */
  reset(): void;
  /** Every request the handlers answered, oldest first. */
  requests(): ReadonlyArray<LoggedRequest>;
}

/** A mock and what the standalone server drives directly: the core and the full store. */
export interface MockParts {
  mock: Mock;
  core: MockCore;
  store: InternalStore;
}

/**
 * The mock's state, core and public face. `makeHandlers` turns the core into msw handlers; it is
 * passed in (rather than imported here) so that the standalone server never loads msw at all.
 */
export function buildMock(
  options: MockOptions | undefined,
  makeHandlers: (core: MockCore) => RequestHandler[],
  onStoreLimit?: StoreLimitListener,
): MockParts {
  const resolved = resolveOptions(options);
  const clock = resolved.clock ?? systemClock;
  const store = createStore(clock, () => createRandom(resolved.seed), resolved, onStoreLimit);
  const scenarios = createScenarioState();
  const log = createRequestLog();
  const routes = createRouteTable([
    ...assetRoutes(store, resolved),
    ...taskRoutes(store, resolved, clock),
    ...mediaRoutes(),
  ]);
  const core = createCore({ options: resolved, store, scenarios, log, routes });
  let handlers: RequestHandler[] | undefined;
  const mock: Mock = {
    // Built on first use: the standalone server never needs msw's handler objects.
    get handlers() {
      handlers ??= makeHandlers(core);
      return handlers;
    },
    store,
    use: (scenario, useOptions) => scenarios.use(scenario, useOptions),
    reset() {
      store.clear();
      scenarios.clear();
      log.clear();
    },
    requests: () => log.entries(),
  };
  return { mock, core, store };
}
