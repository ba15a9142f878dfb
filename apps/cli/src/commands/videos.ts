import { KyyVideoFailedError } from '@kyyvideo/client/errors';
import type { CommandContext } from '../context.js';
import { CommandFailure } from '../failure.js';
import { kyyCommand } from '../next-command.js';
import { checkedTask, type TaskFlags, taskInput, warningLine } from '../video-flags.js';
import { DEFAULT_VIDEO_TIMEOUT_S } from '../video-help.js';
import {
  checkOutFlag,
  checkWaitFlags,
  resumeCommand,
  saveVideoFile,
  statusLineFor,
  taskLines,
  type WaitFlags,
  waitOptions,
  withTask,
} from './video-shared.js';

/** `kyy videos create`: starts a task and prints its id; nothing is waited for. */
export async function create(options: TaskFlags, ctx: CommandContext) {
  const body = checkedTask(taskInput(options));
  const api = await ctx.videos();
  const task = await api.videos.create(body, {
    signal: ctx.signal,
    onWarning: (problem) => ctx.out.info(warningLine(problem)),
  });
  const next = kyyCommand(ctx.globals, `videos wait ${task.id} --out video.mp4`);
  return {
    data: task,
    human: ctx.out.quiet
      ? task.id
      : `${taskLines(task, ctx)}\n${ctx.out.color.dim(`Wait and save it with: ${next}`)}`,
  };
}

export interface TaskIdOptions {
  taskId: string;
}

/** `kyy videos get`: one read of a task. */
export async function get(options: TaskIdOptions, ctx: CommandContext) {
  const api = await ctx.videos();
  const task = await api.videos.get(options.taskId, { signal: ctx.signal });
  return { data: task, human: ctx.out.quiet ? task.status : taskLines(task, ctx) };
}

/** `kyy videos wait`: polls until the task ends; with --out saves the MP4. */
export async function wait(options: TaskIdOptions & WaitFlags, ctx: CommandContext) {
  await checkWaitFlags(options);
  const api = await ctx.videos();
  const line = statusLineFor(ctx);
  let task: Awaited<ReturnType<typeof api.videos.waitUntilDone>>;
  try {
    task = await api.videos.waitUntilDone(options.taskId, {
      ...waitOptions(ctx, options),
      onStatus: (read) => line.update(read),
    });
  } catch (error) {
    throw withTask(error, ctx, options.taskId, options);
  } finally {
    line.stop();
  }
  if (options.out === undefined) {
    return {
      data: task,
      human: ctx.out.quiet ? task.video_url : taskLines(task, ctx),
    };
  }
  const saved = await saveVideoFile(api, task, options.out, ctx, options);
  return {
    data: { ...task, file: saved.file },
    human: ctx.out.quiet ? saved.file.path : `${taskLines(task, ctx)}\n${saved.row}`,
  };
}

export interface DownloadCommandOptions {
  /** A task id, or a `video_url` as the task gave it. */
  task: string;
  out: string;
  /** Replace an existing file at `out`. */
  force?: boolean;
}

const isUrl = (value: string) => /^https?:\/\//i.test(value);

/** `kyy videos download`: the MP4 of a completed task (or a video_url) to a file, atomically. */
export async function download(options: DownloadCommandOptions, ctx: CommandContext) {
  await checkOutFlag(options);
  const api = await ctx.videos();
  let target: Parameters<typeof api.saveVideo>[0] = options.task;
  if (!isUrl(options.task)) {
    const task = await api.videos.get(options.task, { signal: ctx.signal });
    if (task.status === 'failed') {
      throw new KyyVideoFailedError(
        `Video task ${task.id} failed${task.error ? `: ${task.error}` : ''}; it has no video.`,
        { operation: 'video-download', taskId: task.id, task },
      );
    }
    if (task.status !== 'completed') {
      throw new CommandFailure(
        new Error(`Video task ${task.id} is ${task.status}, not completed yet; nothing was saved.`),
        { taskId: task.id, next: resumeCommand(ctx, task.id, flagsFor(options)) },
      );
    }
    target = task;
  }
  const saved = await saveVideoFile(api, target, options.out, ctx, flagsFor(options));
  return {
    data: {
      ...(typeof target === 'string' ? {} : { taskId: target.id }),
      url: saved.url,
      ...saved.file,
    },
    // The file is the whole result here, so it is printed alone (no task lines to align with).
    human: saved.file.path,
  };
}

/** A download resumes as a wait that saves to the same file (it returns at once when done). */
function flagsFor(options: DownloadCommandOptions): WaitFlags {
  return {
    out: options.out,
    timeout: DEFAULT_VIDEO_TIMEOUT_S,
    ...(options.force ? { force: true } : {}),
  };
}
