import type { Output } from '../output.js';
import { createProgressBar } from '../progress-bar.js';
import type { ItemOutcome } from './outcome.js';
import { isOk } from './outcome.js';
import { INTERRUPTED_WORD } from './summary.js';

export interface BatchProgress {
  /** One item finished (done counts items finished so far, skipped ones included). */
  finished(outcome: ItemOutcome, done: number): void;
  /** Prints a line for a human; on a terminal the bar is cleared first and drawn again below. */
  note(line: string): void;
  /** Clears the bar, so what follows (the summary) starts on a clean line. */
  stop(): void;
}

function describe(o: ItemOutcome): string {
  const what = o.assetId ?? o.input.url;
  return o.error ? `${what}: ${o.error.message.split('\n')[0]}` : what;
}

/** Plain lines on stderr: readable in CI logs, one per item. */
function lineProgress(out: Output, total: number): BatchProgress {
  const c = out.errColor;
  const width = String(total).length;
  return {
    finished(o, done) {
      // After Ctrl-C every item not started yet ends at once; one line each would bury the
      // summary, which counts them.
      if (o.status === 'interrupted' && o.assetId === undefined) return;
      const status = isOk(o)
        ? c.green(o.status)
        : o.status === 'interrupted'
          ? c.yellow(o.status)
          : c.red(o.status);
      out.stderr.write(
        `[${String(done).padStart(width)}/${total}] ${o.where}  ${status}  ${describe(o)}\n`,
      );
    },
    note: (line) => out.info(line),
    stop() {},
  };
}

/** A live bar on a terminal. */
async function barProgress(out: Output, total: number, before: Before): Promise<BatchProgress> {
  const bar = await createProgressBar(
    out,
    ' {bar} {value}/{total} | {ok} ok, {failed} failed{interrupted} | {rate} | {last}',
    { clearOnComplete: true },
  );
  let ok = before.ok;
  let failed = before.failed;
  let interrupted = 0;
  const started = Date.now();
  let finishedNow = 0;
  // Items per second over this run only (earlier runs' items took no time now), and the time
  // the rest will take at that pace.
  const rate = (done: number) => {
    const seconds = (Date.now() - started) / 1000;
    if (finishedNow === 0 || seconds <= 0) return 'rate –, ETA –';
    const perSecond = finishedNow / seconds;
    const eta = Math.round((total - done) / perSecond);
    return `${perSecond.toFixed(1)}/s, ETA ${eta < 60 ? `${eta}s` : `${Math.floor(eta / 60)}m${eta % 60}s`}`;
  };
  const words = () => (interrupted > 0 ? `, ${interrupted} ${INTERRUPTED_WORD}` : '');
  bar.start(total, ok + failed, {
    ok,
    failed,
    interrupted: '',
    rate: rate(ok + failed),
    last: ok + failed > 0 ? 'resumed' : '',
  });
  let drawn = true;
  let value = ok + failed;
  let last = '';
  return {
    note(line) {
      // Text written over a drawn bar mixes with it ("12 interrupted2 | 0 ok"): clear the bar,
      // print, then draw it again below.
      if (drawn) bar.stop();
      out.stderr.write(`${line}\n`);
      if (drawn) {
        bar.start(total, value, { ok, failed, interrupted: words(), rate: rate(value), last });
      }
    },
    finished(o, done) {
      value = done;
      last = `${o.where} ${o.status}`;
      finishedNow++;
      if (isOk(o)) ok++;
      else if (o.status === 'interrupted') interrupted++;
      else failed++;
      if (!drawn) return;
      bar.update(done, {
        ok,
        failed,
        interrupted: words(),
        rate: rate(done),
        last: `${o.where} ${o.status}`,
      });
    },
    stop() {
      if (!drawn) return;
      drawn = false;
      bar.stop();
    },
  };
}

/** Items settled by earlier runs, shown as already counted. */
export interface Before {
  ok: number;
  failed: number;
}

/**
 * A bar on a terminal (even with --json: it goes to stderr), plain lines otherwise, nothing
 * with --quiet or when --json output is headed for a machine.
 */
export async function createProgress(
  out: Output,
  total: number,
  before: Before,
): Promise<BatchProgress> {
  const silent: BatchProgress = { finished() {}, note: (line) => out.info(line), stop() {} };
  if (out.quiet) return silent;
  if (out.stderr.isTTY) return barProgress(out, total, before);
  if (out.json) return silent;
  return lineProgress(out, total);
}
