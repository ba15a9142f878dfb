import { registerContractSuite } from '../src/suite.js';
import { inProcessPlan } from '../src/targets/in-process.js';

registerContractSuite(inProcessPlan);
