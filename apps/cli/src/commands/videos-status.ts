import type { BatchStatus } from '@kyyvideo/jobs/postgres';
import type { CommandContext } from '../context.js';
import { UsageError } from '../errors.js';
import { shellWord } from '../next-command.js';
import { plural } from '../plural.js';
import { openQueueAt } from '../queue/open-queue.js';

export interface VideosStatusOptions {
  queue: string;
  batch?: string;
}

function statusLines(
  status: BatchStatus,
  batchFile: (batch: string, out: string) => string,
): string[] {
  const { counts } = status;
  const budget =
    status.maxTasks === null
      ? ''
      : ` of --max-tasks ${status.maxTasks}${status.waitingForBudget > 0 ? ` (${plural(status.waitingForBudget, 'row')} wait${status.waitingForBudget === 1 ? 's' : ''} for budget)` : ''}`;
  const models = Object.entries(status.secondsByModel).map(
    ([model, seconds]) =>
      `    ${model}: ${status.createsByModel[model] ?? 0} creates, ${seconds} s of video`,
  );
  return [
    `Batch ${status.batch}: ${counts.rows} rows`,
    `  pending ${counts.pending}, running ${counts.running}, downloaded ${counts.downloaded}, failed ${counts.failed}, unknown ${counts.unknown}${counts.rejected > 0 ? `, rejected ${counts.rejected}` : ''}`,
    `  creates sent: ${status.creates}${budget}`,
    `  videos: written by each worker into <its --out-dir>/${batchFile(status.batch, '')}`,
    ...(models.length > 0 ? ['  ledger:', ...models] : []),
  ];
}

/** `kyy videos status --queue <url>`: every queued batch (or one) by state, and the ledger. */
export async function videosStatus(options: VideosStatusOptions, _ctx: CommandContext) {
  const { batchStatus, batchFile } = await import('@kyyvideo/jobs/postgres');
  const queue = await openQueueAt(options.queue);
  try {
    const batches = await batchStatus(queue, {
      ...(options.batch !== undefined && { batch: options.batch }),
    });
    if (options.batch !== undefined && batches.length === 0) {
      throw new UsageError(
        `No batch ${shellWord(options.batch)} in this queue; run kyy videos status --queue <url> to list them.`,
      );
    }
    const data = batches.map((b) => ({
      batch: b.batch,
      ...b.counts,
      creates: b.creates,
      maxTasks: b.maxTasks,
      waitingForBudget: b.waitingForBudget,
      secondsByModel: b.secondsByModel,
      createsByModel: b.createsByModel,
      folder: batchFile(b.batch, ''),
    }));
    const human =
      batches.length === 0
        ? 'No batch is queued yet (kyy videos batch <manifest> --queue <url>).'
        : batches.flatMap((b) => statusLines(b, batchFile)).join('\n');
    return { data: options.batch !== undefined ? data[0] : data, human };
  } finally {
    await queue.close();
  }
}
