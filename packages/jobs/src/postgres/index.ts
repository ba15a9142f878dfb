export {
  CREATE_QUEUE,
  DEFAULT_LEASE_SECONDS,
  displayUrl,
  FOLLOW_QUEUE,
  hasPassword,
  MIN_LEASE_SECONDS,
  openQueue,
  type QueueConnection,
  type QueueOptions,
} from './connection.js';
export {
  EnqueueInputError,
  type EnqueueRequest,
  type EnqueueResult,
  enqueueBatch,
} from './enqueue.js';
export { LANE_FAILURES_TO_STOP } from './lane-health.js';
export { BATCH_NAME_RULE, batchFile, isBatchName } from './row-key.js';
export { type BatchStatus, batchStatus, hasOpenRows, type RowCounts } from './status.js';
export {
  PostgresBatchStore,
  type PostgresStoreOptions,
  type RowJob,
  RowTakenOverError,
} from './store.js';
export {
  INSTALL_POSTGRES_HINT,
  startTestPostgres,
  type TestPostgres,
  type TestPostgresResult,
} from './throwaway-cluster.js';
export {
  runWorker,
  type WorkerOptions,
  type WorkerResult,
  WorkerStoppedError,
} from './worker.js';
