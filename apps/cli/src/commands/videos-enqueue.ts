import { resolve } from 'node:path';
import type { RowSpec } from '@kyyvideo/jobs';
import { readVideoManifest } from '../batch/video-manifest.js';
import type { CommandContext } from '../context.js';
import { UsageError } from '../errors.js';
import { kyyCommand, shellWord } from '../next-command.js';
import { plural } from '../plural.js';
import { openQueueAt } from '../queue/open-queue.js';

export interface VideosEnqueueOptions {
  manifest: string;
  queue: string;
  /** Default: the manifest's file name without its extension. */
  batch?: string;
  /** Creates the whole batch may send, across all workers. */
  maxTasks?: number;
  lease?: number;
  uploadReferences?: boolean;
}

/** `report.csv` → `report`: a batch name from the manifest when none is given. */
export function defaultBatchName(manifest: string): string {
  const base = manifest.replace(/^.*[/\\]/, '').replace(/\.[^.]*$/, '');
  return base.replace(/[^A-Za-z0-9._-]/g, '-').replace(/^[^A-Za-z0-9]+/, '') || 'batch';
}

/**
 * `kyy videos batch <manifest> --queue <url>`: checks the manifest as without --queue, then
 * queues its rows for `kyy worker` and returns. Nothing is sent to the service here.
 */
export async function videosEnqueue(options: VideosEnqueueOptions, ctx: CommandContext) {
  if (options.uploadReferences) {
    throw new UsageError(
      '--upload-references is not available with --queue yet; upload the references first (kyy assets batch --wait) and put their asset:// references in the manifest.',
    );
  }
  const { isBatchName, BATCH_NAME_RULE, enqueueBatch, displayUrl, hasPassword } = await import(
    '@kyyvideo/jobs/postgres'
  );
  const batch = options.batch ?? defaultBatchName(options.manifest);
  if (!isBatchName(batch)) {
    throw new UsageError(`--batch ${shellWord(batch)} is not a batch name: ${BATCH_NAME_RULE}.`);
  }
  // Every problem of every row is reported before the database is touched.
  const rows = await readVideoManifest(resolve(ctx.io.cwd, options.manifest), options.manifest, {
    uploadReferences: false,
  });
  const specs: RowSpec[] = rows.map(({ key, task, out }, i) => ({
    key,
    index: i + 1,
    kind: 'video',
    input: { task, out },
  }));
  const queue = await openQueueAt(options.queue, {
    ...(options.lease !== undefined && { leaseSeconds: options.lease }),
  });
  try {
    const result = await enqueueBatch(queue, {
      batch,
      rows: specs,
      ...(options.maxTasks !== undefined && { maxTasks: options.maxTasks }),
    });
    const where = new Map(rows.map((row) => [row.key, row.where]));
    // A password is not printed, and a masked one would not work when pasted: say where it goes.
    const queueWord = hasPassword(options.queue)
      ? '<the --queue URL>'
      : shellWord(displayUrl(options.queue));
    const status = kyyCommand(
      ctx.globals,
      `videos status --queue ${queueWord} --batch ${shellWord(batch)}`,
    );
    const work = kyyCommand(ctx.globals, `worker --queue ${queueWord} --out-dir <dir>`);
    const lines = [
      result.added.length === 0
        ? `Batch ${batch}: nothing new; all ${rows.length} rows were already queued.`
        : `Batch ${batch}: queued ${plural(result.added.length, 'new row')}${result.existing > 0 ? ` (${result.existing} already queued, left as they are)` : ''}.`,
      ...result.added.map((key) => `  + ${where.get(key) ?? key}`),
      ...(result.resumed > 0
        ? [`${result.resumed} rows waiting for budget were queued again.`]
        : []),
      `Start workers with: ${work}`,
      `Watch it with: ${status}`,
    ];
    return {
      data: {
        batch,
        rows: rows.length,
        added: result.added.map((key) => ({ key, where: where.get(key) })),
        existing: result.existing,
        resumed: result.resumed,
        maxTasks: options.maxTasks ?? null,
      },
      human: ctx.out.quiet ? String(result.added.length) : lines.join('\n'),
    };
  } finally {
    await queue.close();
  }
}
