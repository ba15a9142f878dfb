import type { ErrorText } from '../lib/error-text.js';
import type { Exchange } from '../lib/recording-fetch.js';
import type { TargetKind } from '../lib/targets.js';

export type Operation =
  | 'upload'
  | 'get'
  | 'wait'
  | 'delete'
  | 'video-create'
  | 'video-get'
  | 'video-wait';

export const OPERATION_LABELS: Record<Operation, string> = {
  upload: 'Upload',
  get: 'Get detail',
  wait: 'Wait until Active',
  delete: 'Delete',
  'video-create': 'Create video task',
  'video-get': 'Get video task',
  'video-wait': 'Wait until done',
};

/** One client call as the log shows it, with every HTTP exchange it made. */
export interface CallRecord {
  id: number;
  operation: Operation;
  /** The asset the call is about (for upload: once created). */
  assetId?: string;
  ref?: `asset://${string}`;
  /** The video task the call is about (for create: once the answer named one). */
  taskId?: string;
  target: TargetKind;
  scenario: string | null;
  state: 'running' | 'ok' | 'error';
  durationMs?: number;
  exchanges: Exchange[];
  /** Shown in the card: the value the client returned. */
  result?: unknown;
  /** Statuses seen while waiting, in order (repeats collapsed). */
  statuses: string[];
  error?: ErrorText;
  curlNote?: string;
}

export type CallAction =
  | { type: 'start'; call: CallRecord }
  | { type: 'exchange'; id: number; exchange: Exchange }
  | { type: 'status'; id: number; status: string }
  | { type: 'finish'; id: number; patch: Partial<CallRecord> }
  | { type: 'clear' };

/** Newest call first; the log keeps this many so a long wait cannot grow the page forever. */
export const MAX_CALLS = 50;

function update(calls: CallRecord[], id: number, change: (call: CallRecord) => CallRecord) {
  return calls.map((call) => (call.id === id ? change(call) : call));
}

export function callsReducer(calls: CallRecord[], action: CallAction): CallRecord[] {
  switch (action.type) {
    case 'start':
      return [action.call, ...calls].slice(0, MAX_CALLS);
    case 'exchange':
      return update(calls, action.id, (call) => ({
        ...call,
        exchanges: [...call.exchanges, action.exchange],
      }));
    case 'status':
      return update(calls, action.id, (call) =>
        call.statuses.at(-1) === action.status
          ? call
          : { ...call, statuses: [...call.statuses, action.status] },
      );
    case 'finish':
      return update(calls, action.id, (call) => ({ ...call, ...action.patch }));
    case 'clear':
      return calls.filter((call) => call.state === 'running');
  }
}
