import type { CreatedVideoTask, VideoTask } from '@kyyvideo/client';
import type { ErrorText } from '../lib/error-text.js';

/**
 * The one video task the "Generate video" panel follows: created, then polled until it ends.
 * `phase` is the page's view; `task.status` is the service's.
 */
export interface VideoRun {
  phase: 'creating' | 'waiting' | 'stopped' | 'completed' | 'failed' | 'error';
  /** Known once create answered (or an unclear create named one). */
  taskId?: string;
  task?: VideoTask | CreatedVideoTask;
  /** Every status seen, in order, repeats collapsed: queued → processing → completed. */
  statuses: string[];
  error?: ErrorText;
}

export type VideoRunAction =
  | { type: 'creating' }
  | { type: 'task'; task: VideoTask | CreatedVideoTask }
  | { type: 'waiting' }
  | { type: 'stopped' }
  | { type: 'error'; error: ErrorText; taskId?: string }
  /** Nothing was sent after all (the target was not ready). */
  | { type: 'clear' };

const phaseOf = (status: string, current: VideoRun['phase']): VideoRun['phase'] => {
  if (status === 'completed') return 'completed';
  if (status === 'failed') return 'failed';
  return current === 'creating' ? 'waiting' : current;
};

export function videoRunReducer(
  run: VideoRun | undefined,
  action: VideoRunAction,
): VideoRun | undefined {
  switch (action.type) {
    case 'clear':
      return undefined;
    case 'creating':
      return { phase: 'creating', statuses: [] };
    case 'task': {
      const statuses = run?.statuses ?? [];
      const { task } = action;
      return {
        ...run,
        phase: phaseOf(task.status, run?.phase ?? 'waiting'),
        taskId: task.id,
        task,
        statuses: statuses.at(-1) === task.status ? statuses : [...statuses, task.status],
      };
    }
    case 'waiting': {
      const { error: _, ...rest } = run ?? { statuses: [] };
      return { ...rest, phase: 'waiting' };
    }
    case 'stopped':
      return { ...(run ?? { statuses: [] }), phase: 'stopped' };
    case 'error':
      return {
        ...(run ?? { statuses: [] }),
        // A failed task is final; any other error leaves the task (if any) as last seen.
        phase: run?.task?.status === 'failed' ? 'failed' : 'error',
        error: action.error,
        ...(action.taskId && !run?.taskId ? { taskId: action.taskId } : {}),
      };
  }
}
