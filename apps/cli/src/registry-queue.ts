import { type Command, Option } from 'commander';
import { integerInRange, positiveSeconds } from './option-values.js';
import { checkQueueUrl } from './queue/open-queue.js';
import { examples, type Runner } from './registry.js';
import { VIDEO_POLL_HELP } from './video-defaults.js';

/**
 * The commands of a batch shared through PostgreSQL: `videos batch --queue` (enqueue),
 * `worker`, `videos status`. Only their declarations live here; their code loads in the action,
 * and pg / pg-boss with it.
 */

/** Matches pg-boss's heartbeat floor (MIN_LEASE_SECONDS in @kyyvideo/jobs/postgres). */
const MIN_LEASE_S = 10;
/** A day: past that a dead worker's videos (their URLs live ~24 h) would be lost anyway. */
const MAX_LEASE_S = 86_400;
const MAX_WORKER_CONCURRENCY = 64;
const DEFAULT_WORKER_CONCURRENCY = 4;

const queueOption = () =>
  new Option('--queue <postgres-url>', 'the PostgreSQL database the batch is queued in')
    .argParser(checkQueueUrl)
    .makeOptionMandatory();

const leaseOption = () =>
  new Option(
    '--lease <seconds>',
    `how long the rows of a worker that died stay held before any worker takes them (${MIN_LEASE_S}-${MAX_LEASE_S}; default 30)`,
  ).argParser(integerInRange('--lease', MIN_LEASE_S, MAX_LEASE_S));

function footer(cmd: Command, lines: readonly string[], notes: string, exitCodes: string) {
  cmd.addHelpText('after', `${examples(lines)}\n${notes}\n\n${exitCodes}\n`);
}

export function registerQueueCommands(
  program: Command,
  videos: Command,
  run: Runner,
  exitCodes: string,
): void {
  const batch = videos
    .command('batch')
    .description('Queue many videos from a manifest for kyy worker (with --queue)')
    .argument('<manifest>', 'a .csv (header row) or .jsonl file, one video per row')
    .addOption(queueOption())
    .option('--batch <name>', 'the batch name (default: the manifest file name)')
    .addOption(
      new Option(
        '--max-tasks <n>',
        'creates the whole batch may send, across every worker',
      ).argParser(integerInRange('--max-tasks', 0, 1_000_000)),
    )
    .addOption(leaseOption())
    .option('--upload-references', 'not available with --queue yet (upload references first)')
    .action(run(async () => (await import('./commands/videos-enqueue.js')).videosEnqueue));
  footer(
    batch,
    [
      'kyy videos batch prompts.csv --queue postgres://kyy@db:5432/kyy --batch spring --max-tasks 500',
      'kyy worker --queue postgres://kyy@db:5432/kyy --out-dir /shared/videos',
      'kyy videos status --queue postgres://kyy@db:5432/kyy --batch spring',
    ],
    `The manifest is checked exactly as without --queue (every problem of every row at once,
exit 2, nothing queued). Rows are keyed by batch and row: queueing the same manifest again
adds nothing and lists only what was new. Nothing is sent to the service here; workers do it.`,
    exitCodes,
  );

  const work = program
    .command('worker')
    .description('Make the videos of every queued batch: create, wait, download')
    .addOption(queueOption())
    .addOption(
      new Option(
        '--out-dir <dir>',
        'folder for the MP4s (shared storage when several machines work)',
      ).makeOptionMandatory(),
    )
    .addOption(
      new Option(
        '-c, --concurrency <n>',
        `rows this worker works on at once (1-${MAX_WORKER_CONCURRENCY})`,
      )
        .default(DEFAULT_WORKER_CONCURRENCY)
        .argParser(integerInRange('--concurrency', 1, MAX_WORKER_CONCURRENCY)),
    )
    .addOption(
      new Option(
        '--interval <seconds>',
        `seconds between status checks (default: ${VIDEO_POLL_HELP})`,
      ).argParser(positiveSeconds('--interval')),
    )
    .addOption(leaseOption())
    .option('--exit-when-idle', 'exit once no row is pending or held by a live worker')
    .action(run(async () => (await import('./commands/worker.js')).worker));
  footer(
    work,
    [
      'kyy worker --queue postgres://kyy@db:5432/kyy --out-dir /shared/videos --concurrency 8',
      'kyy worker --queue postgres://kyy@db:5432/kyy --out-dir videos --exit-when-idle',
    ],
    `Run as many workers as you like, on any machine; each takes rows of any batch. A row's
"create about to be sent" is committed before the request leaves, and a create is never
retried by the queue. Ctrl-C or SIGTERM: the worker stops taking rows and leaves the ones in
progress to any worker. A worker that dies (kill -9, lost machine) holds its rows only until
its lease runs out (--lease, default 30 s); then another worker polls and downloads them, and
a row it left mid-create is reported unknown, never created twice. The API key comes from
KYY_API_KEY (or --api-key-file) on each worker and is never stored in the database.`,
    exitCodes,
  );

  const status = videos
    .command('status')
    .description('Rows of queued batches by state, creates sent and seconds of video by model')
    .addOption(queueOption())
    .option('--batch <name>', 'only this batch')
    .action(run(async () => (await import('./commands/videos-status.js')).videosStatus));
  footer(
    status,
    [
      'kyy videos status --queue postgres://kyy@db:5432/kyy',
      'kyy videos status --queue postgres://kyy@db:5432/kyy --batch spring --json',
    ],
    'States: pending (not created yet), running (being created, generated or downloaded),\ndownloaded, failed (the task ended failed), unknown (the create may have reached the\nservice; not sent again).',
    exitCodes,
  );
}
