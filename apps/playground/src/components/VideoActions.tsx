import { FAST_VIDEO_WAIT_INTERVAL_MS, VIDEO_WAIT_INTERVAL_MS } from '@kyyvideo/client';
import type { TargetKind } from '../lib/targets.js';
import type { VideoRun } from '../state/video-run.js';

/** The client's polling range, as the page states it. */
const seconds = ({ min, max }: { min: number; max: number }) => `${min / 1000}–${max / 1000} s`;

export interface VideoActionsProps {
  target: TargetKind;
  run: VideoRun | undefined;
  onStopWait: () => void;
  onWaitAgain: (taskId: string) => void;
}

/** Generate, and for the followed task "Stop waiting" or "Wait again". */
export function VideoActions({ target, run, onStopWait, onWaitAgain }: VideoActionsProps) {
  const busy = run?.phase === 'creating' || run?.phase === 'waiting';
  const resumable =
    run?.taskId !== undefined &&
    (run.phase === 'stopped' || run.phase === 'error') &&
    run.task?.status !== 'failed';
  return (
    <>
      <div className="actions">
        <button type="submit" disabled={busy}>
          {run?.phase === 'creating' ? 'Creating…' : 'Generate video'}
        </button>
        {run?.phase === 'waiting' ? (
          <button type="button" className="secondary" onClick={onStopWait}>
            Stop waiting
          </button>
        ) : null}
        {resumable ? (
          <button
            type="button"
            className="secondary"
            onClick={() => run?.taskId && onWaitAgain(run.taskId)}
          >
            Wait again
          </button>
        ) : null}
      </div>
      {target === 'real' ? (
        <p className="muted small">
          Each task costs money. Waiting polls every {seconds(VIDEO_WAIT_INTERVAL_MS)}, as the
          documentation advises ({seconds(FAST_VIDEO_WAIT_INTERVAL_MS)} for fast models); generation
          takes minutes.
        </p>
      ) : null}
    </>
  );
}
