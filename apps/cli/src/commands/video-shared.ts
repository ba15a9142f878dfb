import { KyyError } from '@kyyvideo/client/errors';
import { MOCK_TASK_POLL_INTERVAL_MS } from '@kyyvideo/mock/cli';
import { effectiveKind } from '../client-messages.js';
import type { CreatedVideoTask, VideosApi, VideoTask } from '../client-types.js';
import type { CommandContext } from '../context.js';
import { UsageError } from '../errors.js';
import { unwrapFailure, withContext } from '../failure.js';
import { kyyCommand, shellWord } from '../next-command.js';
import { createDownloadBar, megabytes } from '../video/download-bar.js';
import { createStatusLine } from '../video/status-line.js';
import { DEFAULT_VIDEO_TIMEOUT_S } from '../video-help.js';

/** What `videos wait` and `generate` share: where to save, and how to poll. */
export interface WaitFlags {
  /** Seconds. */
  timeout: number;
  /** Seconds between polls; absent = the documentation's advice (the client's default). */
  interval?: number;
  out?: string;
  /** Replace an existing file at `out`. */
  force?: boolean;
}

/**
 * The local checks of the wait and save flags, run before anything is sent (a task costs money:
 * a flag that can only fail after the create must fail before it, exit 2). Seconds become whole
 * milliseconds for the client, so a value that rounds to 0 ms is refused here.
 */
export async function checkWaitFlags(flags: WaitFlags): Promise<void> {
  for (const [flag, seconds] of [
    ['--timeout', flags.timeout],
    ['--interval', flags.interval],
  ] as const) {
    if (seconds !== undefined && Math.round(seconds * 1000) < 1) {
      throw new UsageError(
        `${flag} ${seconds} is less than a millisecond; give a number of seconds, like 30. Nothing was sent.`,
      );
    }
  }
  await checkOutFlag(flags);
}

/** `--out` names a file kyy can write, and not one that exists unless `--force` is given. */
export async function checkOutFlag(flags: { out?: string; force?: boolean }): Promise<void> {
  if (flags.out === undefined) return;
  const { checkSaveTarget } = await import('@kyyvideo/client/node');
  let exists: boolean;
  try {
    ({ exists } = await checkSaveTarget(flags.out));
  } catch (error) {
    if (!(error instanceof KyyError)) throw error;
    throw new UsageError(
      `--out: ${error.message.replace(/ Nothing was downloaded\.$/, '')} Nothing was sent.`,
    );
  }
  if (exists && !flags.force) {
    throw new UsageError(
      `--out ${flags.out} already exists; add --force to replace it, or choose another file. Nothing was sent.`,
    );
  }
}

/**
 * The command that resumes a wait for `taskId`, aimed at the same service (the CLI's one
 * "repeat the target flags" helper) and saving to the same file.
 */
export function resumeCommand(ctx: CommandContext, taskId: string, flags: WaitFlags): string {
  const parts = [`videos wait ${taskId}`];
  if (flags.out !== undefined) parts.push(`--out ${shellWord(flags.out)}`);
  if (flags.timeout !== DEFAULT_VIDEO_TIMEOUT_S) parts.push(`--timeout ${flags.timeout}`);
  if (flags.interval !== undefined) parts.push(`--interval ${flags.interval}`);
  if (flags.force) parts.push('--force');
  return kyyCommand(ctx.globals, parts.join(' '));
}

/**
 * Gives an error after a task exists what the report needs: the task id and the exact command
 * that resumes (waits again and saves to the same file), for every failure but a task that
 * ended failed (final: there is nothing to resume). The error boundary never reports an error
 * with a resume command as a usage error (exit 2 means nothing was sent).
 */
export function withTask(error: unknown, ctx: CommandContext, taskId: string, flags: WaitFlags) {
  const thrown = unwrapFailure(error).error;
  const kind = thrown instanceof KyyError ? effectiveKind(thrown) : undefined;
  return withContext(error, {
    taskId,
    ...(kind !== 'video-failed' && { next: resumeCommand(ctx, taskId, flags) }),
  });
}

/** The status line for a wait, cleared if a second Ctrl-C ends the process at once. */
export function statusLineFor(ctx: CommandContext) {
  const line = createStatusLine(ctx.out);
  ctx.onSecondInterrupt?.(() => line.stop());
  return line;
}

/**
 * The pause between polls: --interval, else with --mock the mock's own task timing (the docs'
 * advice would keep a mock task of seconds waiting many times its length), else the client's
 * documented default.
 */
export function intervalMs(ctx: CommandContext, flags: WaitFlags): number | undefined {
  if (flags.interval !== undefined) return Math.round(flags.interval * 1000);
  return ctx.globals.mock ? MOCK_TASK_POLL_INTERVAL_MS : undefined;
}

export function waitOptions(ctx: CommandContext, flags: WaitFlags) {
  const interval = intervalMs(ctx, flags);
  return {
    signal: ctx.signal,
    timeoutMs: Math.round(flags.timeout * 1000),
    ...(interval === undefined ? {} : { intervalMs: interval }),
  };
}

/** What the saving commands report about the file they wrote. */
export interface SavedFile {
  /** The video URL that was downloaded. */
  url: string;
  /** The `file` of generate's and videos wait's JSON; videos download spreads it flat. */
  file: { path: string; bytes: number };
  /** The human row under a task's lines. */
  row: string;
}

/**
 * Saves the video of `target` (a task, or a video URL) to `path` atomically, with a progress bar
 * on a terminal. A failure for a task carries the task and the command that saves it later,
 * so generate, videos wait and videos download report a save, and its failure, the same way.
 */
export async function saveVideoFile(
  api: VideosApi,
  target: VideoTask | string,
  path: string,
  ctx: CommandContext,
  flags: WaitFlags,
): Promise<SavedFile> {
  const bar = await createDownloadBar(ctx.out);
  ctx.onSecondInterrupt?.(() => bar.stop());
  let saved: Awaited<ReturnType<VideosApi['saveVideo']>>;
  try {
    saved = await api.saveVideo(target, path, {
      signal: ctx.signal,
      onProgress: (progress) => bar.onProgress(progress),
    });
  } catch (error) {
    throw typeof target === 'string' ? error : withTask(error, ctx, target.id, flags);
  } finally {
    bar.stop();
  }
  ctx.out.info(`Saved ${saved.path} (${megabytes(saved.bytes)})`);
  return {
    url: saved.url,
    file: { path: saved.path, bytes: saved.bytes },
    row: labelled(ctx, 'file', saved.path),
  };
}

/** One human row: a dim label, padded so that the values line up. */
export function labelled(ctx: CommandContext, label: string, value: string): string {
  return `${ctx.out.color.dim(label.padEnd(8))}${value}`;
}

/** The human lines for a finished task. */
export function taskLines(task: VideoTask | CreatedVideoTask, ctx: CommandContext): string {
  const c = ctx.out.color;
  const rows: [string, string][] = [
    ['id', c.bold(task.id)],
    ['status', task.status],
    ['model', task.model],
  ];
  if ('video_url' in task && task.video_url) rows.push(['video', task.video_url]);
  if ('error' in task && task.error) rows.push(['error', c.red(task.error)]);
  return rows.map(([label, value]) => labelled(ctx, label, value)).join('\n');
}
