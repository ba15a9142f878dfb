import type { BatchEvent } from '@kyyvideo/jobs';
import type { Output } from '../output.js';
import { createProgressBar } from '../progress-bar.js';

/** What the batch shows while it runs: counts, and lines that must not collide with the bar. */
export interface VideoProgress {
  onEvent(event: BatchEvent): void;
  /** Prints a line; on a terminal the bar is cleared first and drawn again below it. */
  note(line: string): void;
  /** Clears the bar, so what follows (the summary) starts on a clean line. */
  stop(): void;
}

const PLAIN_PHASES_IN_FLIGHT = new Set(['sending', 'sent', 'completed']);

/** Counts shared by the bar and the plain lines; references are not videos and not counted. */
function tally(total: number, before: number) {
  const inFlight = new Set<string>();
  const counts = { done: before, failed: 0, left: 0 };
  return {
    counts,
    inFlight,
    /** The row's line when it settled, or undefined when nothing is worth a line. */
    apply(event: BatchEvent): { where: string; word: string } | undefined {
      if (event.row.kind !== 'video') return undefined;
      if (event.type === 'step') {
        if (PLAIN_PHASES_IN_FLIGHT.has(event.to.phase)) inFlight.add(event.row.key);
        else inFlight.delete(event.row.key);
        return undefined;
      }
      if (event.type !== 'settled') return undefined;
      inFlight.delete(event.row.key);
      // Rows an earlier run finished are counted in `before`.
      if (
        event.reason === 'done' &&
        event.state.phase === 'downloaded' &&
        event.row.state.phase === 'downloaded'
      ) {
        return undefined;
      }
      if (event.reason === 'done') counts.done++;
      else if (event.reason === 'settled') counts.failed++;
      else counts.left++;
      const word = event.reason === 'paused' ? `${event.state.phase}, paused` : event.state.phase;
      return {
        where: event.row.input.out,
        word: `${word}${event.error ? `: ${event.error.message.split('\n')[0]}` : ''}`,
      };
    },
    total,
  };
}

function rateAndEta(started: number, finishedNow: number, remaining: number): string {
  const seconds = (Date.now() - started) / 1000;
  if (finishedNow === 0 || seconds <= 0) return 'rate –, ETA –';
  const perMinute = (finishedNow / seconds) * 60;
  const eta = Math.round(remaining / (finishedNow / seconds));
  return `${perMinute.toFixed(1)}/min, ETA ${eta < 60 ? `${eta}s` : `${Math.floor(eta / 60)}m${eta % 60}s`}`;
}

/**
 * One bar on a terminal (done / failed / in flight, rate, ETA), plain lines in logs, nothing
 * with --quiet or when --json output goes to a machine. `before`: rows downloaded earlier.
 */
export async function createVideoProgress(
  out: Output,
  total: number,
  before: number,
): Promise<VideoProgress> {
  const t = tally(total, before);
  if (out.quiet || (out.json && !out.stderr.isTTY)) {
    return { onEvent: (e) => void t.apply(e), note: (line) => out.info(line), stop() {} };
  }
  if (!out.stderr.isTTY) {
    const width = String(total).length;
    return {
      onEvent(event) {
        const line = t.apply(event);
        if (!line) return;
        const n = t.counts.done + t.counts.failed + t.counts.left;
        out.stderr.write(`[${String(n).padStart(width)}/${total}] ${line.where}  ${line.word}\n`);
      },
      note: (line) => out.info(line),
      stop() {},
    };
  }
  const bar = await createProgressBar(
    out,
    ' {bar} {value}/{total} | {done} done, {failed} failed, {inflight} in flight | {rate}',
    { clearOnComplete: true },
  );
  const started = Date.now();
  const values = () => ({
    done: t.counts.done,
    failed: t.counts.failed,
    inflight: t.inFlight.size,
    rate: rateAndEta(
      started,
      t.counts.done - before + t.counts.failed,
      total - t.counts.done - t.counts.failed,
    ),
  });
  bar.start(total, before, values());
  let drawn = true;
  return {
    onEvent(event) {
      t.apply(event);
      if (drawn) bar.update(t.counts.done + t.counts.failed, values());
    },
    note(line) {
      // Text written over a drawn bar mixes with it ("12 interrupted2 | 0 ok"): clear, print,
      // then draw the bar again below.
      if (drawn) bar.stop();
      out.stderr.write(`${line}\n`);
      if (drawn) bar.start(total, t.counts.done + t.counts.failed, values());
    },
    stop() {
      if (!drawn) return;
      drawn = false;
      bar.stop();
    },
  };
}
