import { authChecks } from './auth.js';
import type { Check } from './check.js';
import { documentedFailureChecks } from './documented-failures.js';
import { faultScenarioChecks } from './fault-scenarios.js';
import { lifecycleCheck } from './lifecycle.js';
import { negativeInputChecks } from './negative-input.js';
import { videoTaskChecks } from './video-tasks.js';

export type { Check } from './check.js';

/** Every check of the contract suite, in the order they run. */
export const CONTRACT_CHECKS: readonly Check[] = [
  lifecycleCheck,
  ...documentedFailureChecks,
  ...authChecks,
  ...negativeInputChecks,
  ...faultScenarioChecks,
  ...videoTaskChecks,
];
