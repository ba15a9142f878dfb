import type { VideoRun } from '../state/video-run.js';
import { ErrorNotice } from './ErrorNotice.js';
import { VideoResult } from './VideoResult.js';

/** The followed task: its id, status, the statuses seen, and its video or its error. */
export function VideoRunView({ run }: { run: VideoRun }) {
  return (
    <div className="video-run" data-testid="video-run" data-phase={run.phase}>
      <p className="detail-head" aria-live="polite">
        {run.taskId ? <code>{run.taskId}</code> : <span className="muted">Creating the task…</span>}{' '}
        {run.task ? <TaskStatusBadge status={run.task.status} /> : null}
        {run.phase === 'waiting' ? <span className="muted small"> polling…</span> : null}
      </p>
      {run.statuses.length > 0 ? (
        <p className="statuses" data-testid="video-statuses">
          Statuses seen: {run.statuses.join(' → ')}
        </p>
      ) : null}
      {run.phase === 'stopped' ? (
        <p className="muted">
          Stopped waiting. The task keeps running on the service; “Wait again” picks it up.
        </p>
      ) : null}
      {run.error ? <ErrorNotice error={run.error} /> : null}
      {run.task?.status === 'completed' && 'video_url' in run.task && run.task.video_url ? (
        <VideoResult taskId={run.task.id} url={run.task.video_url} />
      ) : null}
    </div>
  );
}

const TASK_BADGE: Record<string, string> = {
  queued: 'badge badge-processing',
  processing: 'badge badge-processing',
  completed: 'badge badge-active',
  failed: 'badge badge-failed',
};

function TaskStatusBadge({ status }: { status: string }) {
  return (
    <span className={TASK_BADGE[status] ?? 'badge badge-gone'} data-status={status}>
      {status}
    </span>
  );
}
