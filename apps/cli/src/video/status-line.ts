import {
  DOCUMENTED_VIDEO_GENERATION_MS,
  VIDEO_MODEL_TIERS,
  type VideoTaskStatus,
} from '@kyyvideo/contract';
import type { Colors } from '../color.js';
import type { Output } from '../output.js';

/** How often the live line's clock is redrawn on a terminal. */
const TICK_MS = 1000;

/** "usually …–… min": the documentation's generation time for the task's model. */
export function expectedTime(model: string | undefined): string {
  const tier = (VIDEO_MODEL_TIERS as Record<string, string>)[model ?? ''];
  const fast = tier === 'fast' || tier === 'fast_pro';
  const range = fast
    ? DOCUMENTED_VIDEO_GENERATION_MS.fast
    : DOCUMENTED_VIDEO_GENERATION_MS.standard;
  return `usually ${range.min / 60_000}–${range.max / 60_000} min`;
}

export function clock(ms: number): string {
  const s = Math.floor(ms / 1000);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

function statusWord(status: string, c: Colors): string {
  if (status === 'completed') return c.green(status);
  if (status === 'failed') return c.red(status);
  return c.yellow(status);
}

export interface StatusLine {
  /** A task was read (every poll). */
  update(task: { id: string; status: VideoTaskStatus | string; model?: string }): void;
  /** Ends the live line (before anything else is printed, and on exit). */
  stop(): void;
}

const SILENT: StatusLine = { update() {}, stop() {} };

/**
 * While a task runs: on a terminal one line redrawn every second (status, time since the task
 * was first seen, time since the status was read, the documentation's expected time); otherwise one plain line per change of
 * status. Nothing with --json or --quiet (stdout stays one document; stderr stays quiet).
 */
export function createStatusLine(out: Output): StatusLine {
  if (out.json || out.quiet) return SILENT;
  const c = out.errColor;
  let last: { id: string; status: string; model?: string } | undefined;
  // From the first read of the task, not from the start of the command (uploads come first).
  let started = 0;
  let polledAt = 0;
  const text = (live: boolean) => {
    if (!last) return '';
    const now = Date.now();
    // A redrawn line outlives its read by up to a poll interval: say how old the status is.
    const age = live ? ` · checked ${clock(now - polledAt)} ago` : '';
    return `${last.id} ${statusWord(last.status, c)} · ${clock(now - started)} elapsed${age} · ${c.dim(expectedTime(last.model))}`;
  };
  const seen = (task: { id: string; status: string; model?: string }) => {
    polledAt = Date.now();
    if (last === undefined) started = polledAt;
    last = task;
  };
  if (!out.stderr.isTTY) {
    return {
      update(task) {
        const changed = last?.status !== task.status;
        seen(task);
        if (changed) out.stderr.write(`${text(false)}\n`);
      },
      stop() {},
    };
  }
  const draw = () => {
    if (last) out.stderr.write(`\r\x1b[2K${text(true)}`);
  };
  const timer = setInterval(draw, TICK_MS);
  // The line must never keep the process alive on its own.
  timer.unref?.();
  let stopped = false;
  return {
    update(task) {
      seen(task);
      draw();
    },
    stop() {
      if (stopped) return;
      stopped = true;
      clearInterval(timer);
      if (last) out.stderr.write('\n');
    },
  };
}
