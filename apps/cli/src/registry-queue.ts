import {
  type Command,
  type CommandUnknownOpts,
  Option,
  type OptionValues,
} from '@commander-js/extra-typings';
import { UsageError } from './errors.js';
import type { KyyProgram } from './global-options.js';
import { integerInRange, positiveSeconds } from './option-values.js';
import { checkQueueUrl } from './queue/open-queue.js';
import { examples, type Runner } from './registry.js';
import { VIDEO_POLL_HELP } from './video-help.js';

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

function footer(cmd: CommandUnknownOpts, lines: readonly string[], notes: string) {
  cmd.addHelpText('after', `${examples(lines)}\n${notes}\n`);
}

/** `videos batch` flags that belong to a local run, not to queueing (kyy worker has its own). */
const LOCAL_RUN_FLAGS = [
  'outDir',
  'concurrency',
  'timeout',
  'interval',
  'dryRun',
  'retryFailed',
  'retryUnknown',
  'results',
  'uploadReferences',
  'force',
];

const flagOf = (name: string) => `--${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;

/** Flags that only mean something with --queue, or only without it, refused in the wrong place. */
function refuseMisplacedFlags(self: CommandUnknownOpts): void {
  const opts = self.opts();
  if (opts.queue === undefined) {
    for (const flag of ['batch', 'lease'] as const) {
      if (opts[flag] !== undefined)
        throw new UsageError(`${flagOf(flag)} only applies with --queue.`);
    }
    return;
  }
  const given = LOCAL_RUN_FLAGS.filter((name) => self.getOptionValueSource(name) === 'cli');
  if (given.length > 0) {
    throw new UsageError(
      `${given.map(flagOf).join(', ')} ${given.length === 1 ? 'does' : 'do'} not apply with --queue: the rows are only queued here. Give --out-dir, --concurrency and --interval to kyy worker.${given.includes('uploadReferences') ? ' --upload-references is not available with --queue yet: upload the references first (kyy assets batch --wait) and use their asset:// references.' : ''}`,
    );
  }
}

/**
 * `kyy videos batch <manifest> --queue <url>`: the same command and the same manifest check, but
 * the rows are queued for `kyy worker` instead of run here. --out-dir is then not asked for (the
 * workers have it; the action asks for it without --queue), and flags of a local run are
 * refused rather than silently ignored.
 */
export function queueFlags<A extends unknown[], O extends OptionValues, G extends OptionValues>(
  batch: Command<A, O, G>,
) {
  const queued = batch
    .addOption(
      new Option(
        '--queue <postgres-url>',
        'queue the rows in this PostgreSQL database for kyy worker',
      ).argParser(checkQueueUrl),
    )
    .option(
      '--batch <name>',
      'with --queue: the batch name (default: the manifest file name without extension)',
    )
    .addOption(leaseOption());
  queued.hook('preAction', refuseMisplacedFlags);
  queued.addHelpText(
    'after',
    `
With --queue <postgres-url> the manifest is checked the same way (every problem at once,
exit 2, nothing queued), then its rows are queued for kyy worker and the command returns.
Rows are keyed by batch and row: queueing the same manifest again adds nothing and lists only
what was new. --max-tasks is then the batch's limit across every worker. For example:
  $ kyy videos batch prompts.csv --queue postgres://kyy@db:5432/kyy --batch spring --max-tasks 500
  $ kyy worker --queue postgres://kyy@db:5432/kyy --out-dir /shared/videos
  $ kyy videos status --queue postgres://kyy@db:5432/kyy --batch spring
`,
  );
  return queued;
}

/** `kyy worker` and `kyy videos status`; `videos` is the command group status joins. */
export function registerQueueCommands<G extends OptionValues>(
  program: KyyProgram,
  videos: Command<[], Record<never, never>, G>,
  run: Runner,
): void {
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
    .action((opts, self) =>
      run(self, async () => (await import('./commands/worker.js')).worker, opts),
    );
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
  );

  const status = videos
    .command('status')
    .description('Rows of queued batches by state, creates sent and seconds of video by model')
    .addOption(queueOption())
    .option('--batch <name>', 'only this batch')
    .action((opts, self) =>
      run(self, async () => (await import('./commands/videos-status.js')).videosStatus, opts),
    );
  footer(
    status,
    [
      'kyy videos status --queue postgres://kyy@db:5432/kyy',
      'kyy videos status --queue postgres://kyy@db:5432/kyy --batch spring --json',
    ],
    'States: pending (not created yet), running (being created, generated or downloaded),\ndownloaded, failed (the task ended failed), unknown (the create may have reached the\nservice; not sent again).',
  );
}
