import { inject } from 'vitest';
import { registerContractSuite } from '../src/suite.js';
import { planRealTarget } from '../src/targets/real.js';

// Runs only under `pnpm test:contract` with KYY_API_KEY set; otherwise registered as skipped,
// with the reason and how to enable it printed under the coverage table.
registerContractSuite(planRealTarget(process.env, { contractRun: inject('contractRun') }));
