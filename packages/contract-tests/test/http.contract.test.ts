import { registerContractSuite } from '../src/suite.js';
import { httpPlan } from '../src/targets/http.js';

registerContractSuite(httpPlan);
