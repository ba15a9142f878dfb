export { createVirtualClock, type MockClock, type VirtualClock } from './clock.js';
export { DELETE_SUCCESS_MSG, MOCK_CODES } from './codes.js';
export { createMock, type Mock } from './create-mock.js';
export { MEDIA_PATH, mediaUrl, SAMPLE_MEDIA } from './media.js';
export { MSW_INSTALL, MswMissingError } from './msw-peer.js';
export {
  DEFAULT_FACE_MARKERS,
  DEFAULT_FACE_REVIEW_DELAY_MS,
  DEFAULT_FAIL_MARKERS,
  DEFAULT_REFERENCE_VIDEO_RULE,
  DEFAULT_REVIEW_DELAY_MS,
  DEFAULT_STORE_LIMIT,
  DEFAULT_TASK_PROCESSING_MS,
  DEFAULT_TASK_QUEUED_MS,
  MOCK_TASK_POLL_INTERVAL_MS,
  type MockOptions,
} from './options.js';
export type { LoggedRequest } from './request-log.js';
export {
  type AnyScenarioName,
  RATE_LIMIT_RETRY_AFTER_SECONDS,
  SCENARIO_HEADER,
  SCENARIO_LATENCY_MS,
  SCENARIOS,
  type ScenarioName,
  VIDEO_SCENARIOS,
  type VideoScenarioName,
} from './scenarios.js';
export type { MockStore, StoredAsset, StoreSnapshot } from './store.js';
export { VIDEO_FAIL_MARKER } from './tasks.js';
