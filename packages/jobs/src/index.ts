export type { BatchClient } from './actions.js';
export {
  type BatchEvent,
  type BatchOptions,
  type BatchResult,
  DEFAULT_BATCH_CONCURRENCY,
  type RowResult,
  runBatch,
} from './engine.js';
export {
  type JsonlRecord,
  JsonlStore,
  type LatestState,
  ResultsFileError,
  readLatest,
  readStates,
} from './jsonl-store.js';
export {
  FINAL_PHASES,
  InvalidTransitionError,
  type RowAction,
  type RowError,
  type RowEvent,
  type RowPhase,
  type RowPolicy,
  type RowState,
  resumeUnknownError,
  type Step,
  type StopReason,
  start,
  transition,
} from './machine.js';
export { mediaOf, referenceKey, referenceRows } from './references.js';
export {
  type DescribeError,
  isExpiredUrl,
  type Redact,
  sendMayHaveCreated,
  toRowError,
} from './row-error.js';
export type {
  AddRowsRequest,
  AssetRowInput,
  BatchStore,
  ClaimRequest,
  ReleaseRequest,
  Reservation,
  ReserveSendRequest,
  RowKind,
  RowSpec,
  SaveRequest,
  StoredRow,
  VideoRowInput,
} from './store.js';
export { runVideoBatch, type VideoRow } from './video-batch.js';
