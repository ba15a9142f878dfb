import type { GenerateProgress } from '../client-types.js';
import type { CommandContext } from '../context.js';
import {
  checkedTask,
  flagOf,
  refusalInFlagTerms,
  type TaskFlags,
  taskInput,
  warningLine,
} from '../video-flags.js';
import {
  checkWaitFlags,
  labelled,
  saveVideoFile,
  statusLineFor,
  taskLines,
  type WaitFlags,
  waitOptions,
  withTask,
} from './video-shared.js';

export interface GenerateCommandOptions extends TaskFlags, WaitFlags {
  /** Upload URL media as assets first and wait for their review (the client's option). */
  uploadReferences?: boolean;
}

/**
 * `kyy generate`: the client's `generate` (optional uploads → task → wait), then with --out the
 * MP4, saved atomically. The task id is shown the moment it exists, so nothing is ever lost.
 */
export async function generate(options: GenerateCommandOptions, ctx: CommandContext) {
  const input = taskInput(options);
  // Usage before credentials: wrong flags are reported (exit 2) without a key or a connection.
  // The client checks the same rules again before any upload; its refusal is worded the same.
  checkedTask(input);
  // Every other local check too: after the create, a failure can no longer mean "nothing sent".
  await checkWaitFlags(options);
  const api = await ctx.videos();
  const line = statusLineFor(ctx);
  let taskId: string | undefined;
  const c = ctx.out.errColor;
  const onProgress = (event: GenerateProgress) => {
    if (event.step === 'upload') {
      const e = event.event;
      if (e.type === 'uploaded') ctx.out.info(`Uploaded ${e.assetId}; waiting for its review…`);
      if (e.type === 'ready') ctx.out.info(`${e.assetId} ${c.green('Active')}`);
      return;
    }
    if (event.step === 'create') {
      taskId = event.task.id;
      // --quiet: the id is the first line on stdout, for scripts that keep it.
      if (ctx.out.quiet && !ctx.out.json) ctx.io.stdout.write(`${taskId}\n`);
      ctx.out.info(`Task ${c.bold(taskId)} created (${event.task.model})`);
    }
    line.update(event.task);
  };
  let result: Awaited<ReturnType<typeof api.generate>>;
  try {
    result = await api.generate(
      { ...input, ...(options.uploadReferences ? { uploadReferences: true } : {}) },
      {
        ...waitOptions(ctx, options),
        onProgress,
        onWarning: (problem) => ctx.out.info(warningLine(problem)),
      },
    );
  } catch (error) {
    // Before a task exists the client may have refused the flags (checked before any upload).
    throw taskId === undefined ? refusalInFlagTerms(error) : withTask(error, ctx, taskId, options);
  } finally {
    line.stop();
  }
  const { task, videoUrl, assets } = result;
  const data: Record<string, unknown> = { task, videoUrl, assets };
  let human = taskLines(task, ctx);
  for (const asset of assets) {
    const where = flagOf(asset.field, asset.index);
    human += `\n${labelled(ctx, 'asset', `${asset.assetId} (${where})`)}`;
  }
  if (options.out !== undefined) {
    const saved = await saveVideoFile(api, task, options.out, ctx, options);
    data.file = saved.file;
    return { data, human: ctx.out.quiet ? saved.file.path : `${human}\n${saved.row}` };
  }
  return { data, human: ctx.out.quiet ? videoUrl : human };
}
