import { type AnyScenarioName, isScenarioName, SCENARIOS, VIDEO_SCENARIOS } from './scenarios.js';

/** The in-process scenario chosen with `mock.use()`, counting down its remaining requests. */
export interface ScenarioState {
  use(scenario: AnyScenarioName | null, options?: { times?: number }): void;
  /** The scenario for the next request, consuming one of its `times`. */
  take(): AnyScenarioName | null;
  clear(): void;
}

export function createScenarioState(): ScenarioState {
  let active: { name: AnyScenarioName; remaining: number } | null = null;
  return {
    use(scenario, options = {}) {
      if (scenario === null) {
        active = null;
        return;
      }
      if (!isScenarioName(scenario)) {
        throw new TypeError(
          `mock.use: unknown scenario ${JSON.stringify(scenario)}; use one of ${[...SCENARIOS, ...VIDEO_SCENARIOS].join(', ')}, or null.`,
        );
      }
      const times = options.times ?? Number.POSITIVE_INFINITY;
      if (times !== Number.POSITIVE_INFINITY && (!Number.isInteger(times) || times < 1)) {
        throw new RangeError(`mock.use: times must be a whole number ≥ 1, got ${String(times)}.`);
      }
      active = { name: scenario, remaining: times };
    },
    take() {
      if (!active) return null;
      const { name } = active;
      active.remaining -= 1;
      if (active.remaining <= 0) active = null;
      return name;
    },
    clear() {
      active = null;
    },
  };
}
