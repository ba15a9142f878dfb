import type { RequestHandler } from 'msw';
import { systemClock } from './clock.js';
import { createHandlers } from './handlers.js';
import { type MockOptions, resolveOptions } from './options.js';
import { createRandom } from './random.js';
import { createRequestLog, type LoggedRequest } from './request-log.js';
import { createScenarioState } from './scenario-state.js';
import type { ScenarioName } from './scenarios.js';
import { createStore, type MockStore } from './store.js';

export interface Mock {
  /** msw handlers for upload, detail and delete under `/kyyReactApiServer`, on any origin. */
  handlers: RequestHandler[];
  /** The in-memory assets, for seeding and inspecting state in tests. */
  store: MockStore;
  /**
   * Makes the next `times` requests (default: every request until `use(null)`) answer with a
   * scenario. A `x-mock-scenario` header on a request takes precedence and does not count.
   */
  use(scenario: ScenarioName | null, options?: { times?: number }): void;
  /** Clears the store, the active scenario and the request log, and restarts the id sequence. */
  reset(): void;
  /** Every request the handlers answered, oldest first. */
  requests(): ReadonlyArray<LoggedRequest>;
}

/** A self-contained mock of the asset API: state, scenarios and the msw handlers serving them. */
export function createMock(options?: MockOptions): Mock {
  const resolved = resolveOptions(options);
  const store = createStore(
    resolved.clock ?? systemClock,
    () => createRandom(resolved.seed),
    resolved,
  );
  const scenarios = createScenarioState();
  const log = createRequestLog();
  return {
    handlers: createHandlers({ options: resolved, store, scenarios, log }),
    store,
    use: (scenario, useOptions) => scenarios.use(scenario, useOptions),
    reset() {
      store.clear();
      scenarios.clear();
      log.clear();
    },
    requests: () => log.entries(),
  };
}
