// `@kyyvideo/mock/cli`: the mock's command line, shared by `kyy-mock` and `kyy mock`.

export { MOCK_TASK_POLL_INTERVAL_MS } from '../options.js';
export { DEFAULT_HOST, DEFAULT_PORT, PORT_ENV } from '../server/defaults.js';
export {
  API_KEY_ENV,
  describeListenError,
  MOCK_CLI_ENVIRONMENT,
  MOCK_CLI_OPTIONS,
  type MockCliOption,
  type MockCliSettings,
  MockUsageError,
  parseMockCliOptions,
} from './options.js';
