import {
  type Command,
  type CommandUnknownOpts,
  Option,
  type OptionValues,
} from '@commander-js/extra-typings';
import { DOCUMENTED_POLL_TIMEOUT_MS, MAX_UPLOAD_CONCURRENCY } from '@kyyvideo/contract/rules';
import { MOCK_CLI_ENVIRONMENT, MOCK_CLI_OPTIONS } from '@kyyvideo/mock/cli';
import type { CommandFunction } from './context.js';
import { UsageError } from './errors.js';
import type { GlobalFlags, KyyProgram } from './global-options.js';
import { integerInRange, positiveSeconds } from './option-values.js';
import { queueFlags, registerQueueCommands } from './registry-queue.js';
import {
  DEFAULT_VIDEO_CONCURRENCY,
  DEFAULT_VIDEO_MODEL,
  DEFAULT_VIDEO_TIMEOUT_S,
  FAST_VIDEO_MODEL,
  VIDEO_DURATION_HELP,
  VIDEO_MODEL_HELP,
  VIDEO_POLL_HELP,
} from './video-help.js';

/**
 * Every kyy command, declared once for commander: its arguments, its options with their parsers
 * and defaults (so `--help` shows them), and its examples. A command's code is imported only in
 * its action, so `kyy --help` and usage errors never load the client.
 */

/**
 * What the registry needs from the program: how to run a command function, loaded on use, with
 * the options commander parsed. `T` comes from the function alone, so the options commander
 * inferred from a command's declaration must fit what its function takes, or typecheck fails.
 */
export type Runner = <T>(
  self: { optsWithGlobals(): GlobalFlags },
  load: () => Promise<CommandFunction<T>>,
  options: NoInfer<T>,
) => Promise<void>;

/** The documentation's own polling limit, in s. */
const DOCUMENTED_TIMEOUT_S = DOCUMENTED_POLL_TIMEOUT_MS / 1000;
/** Enough to hide latency without looking like abuse of an API with undocumented rate limits. */
const DEFAULT_CONCURRENCY = 4;
/** The most the client's assets.prepare accepts: the contract's limit. */
const MAX_CONCURRENCY = MAX_UPLOAD_CONCURRENCY;

export function examples(lines: readonly string[]): string {
  return `\nExamples:\n${lines.map((l) => `  $ ${l}`).join('\n')}\n`;
}

const ASSET_ID_ARG = 'asset id (asset-…) or reference (asset://asset-…)';

const timeoutOption = (description: string) =>
  new Option('--timeout <seconds>', description)
    .default(DOCUMENTED_TIMEOUT_S)
    .argParser(positiveSeconds('--timeout'));

/** Its default depends on the manifest, so commands.batch applies it; help only names it. */
function resultsOption(): Option {
  // commander prints a default only when it has a value, so the description names it.
  return new Option(
    '--results <file>',
    'JSON-lines results file (default: <manifest>.results.jsonl)',
  );
}

/** `--timeout` of upload and batch only means something with `--wait`. */
function timeoutNeedsWait(cmd: CommandUnknownOpts): void {
  cmd.hook('preAction', (self) => {
    if (self.getOptionValueSource('timeout') === 'cli' && self.opts().wait !== true) {
      throw new UsageError('--timeout only applies with --wait; add --wait or drop --timeout.');
    }
  });
}

/** A command's examples and notes; the exit-code table follows once, from the root's `afterAll`. */
function helpFooter(cmd: CommandUnknownOpts, lines: readonly string[], notes = '') {
  cmd.addHelpText('after', `${examples(lines)}${notes ? `\n${notes}\n` : ''}`);
}

export function registerCommands(program: KyyProgram, run: Runner): void {
  const assets = program
    .command('assets')
    .description('Upload, inspect, wait for and delete assets')
    .helpCommand(false);
  helpFooter(assets, [
    'kyy assets upload --type Image --url https://example.com/cat.png --wait',
    'kyy assets get asset-20260330142158-q75m8',
    'kyy assets batch uploads.csv --concurrency 4 --wait',
  ]);

  const upload = assets
    .command('upload')
    .description('Upload one asset from a public URL')
    .addOption(
      new Option(
        '--type <type>',
        'Image, Video, Audio or Document (exact case)',
      ).makeOptionMandatory(),
    )
    .addOption(
      new Option('--url <url>', 'public http(s) URL the service downloads').makeOptionMandatory(),
    )
    .option('--name <name>', 'a label to find the asset by')
    .option('--wait', 'wait until the review finishes (Active)')
    .addOption(timeoutOption('with --wait: give up after this many seconds'))
    .action((opts, self) =>
      run(self, async () => (await import('./commands/upload.js')).upload, opts),
    );
  timeoutNeedsWait(upload);
  helpFooter(
    upload,
    [
      'kyy assets upload --type Image --url https://example.com/cat.png',
      'kyy assets upload --type Video --url https://example.com/clip.mp4 --name intro --wait',
      'id=$(kyy assets upload --type Audio --url https://example.com/a.mp3 --quiet)',
    ],
    'Uploads are never retried once they may have reached the service (it has no idempotency\nkey), so a network failure mid-upload exits 1 and says the outcome is unknown.',
  );

  const get = assets
    .command('get')
    .description("Show an asset's details and review status")
    .argument('<assetId>', ASSET_ID_ARG)
    .action((assetId, _opts, self) =>
      run(self, async () => (await import('./commands/get.js')).get, { assetId }),
    );
  helpFooter(get, [
    'kyy assets get asset-20260330142158-q75m8',
    'kyy assets get asset://asset-20260330142158-q75m8 --json',
  ]);

  const wait = assets
    .command('wait')
    .description('Wait until an asset is Active (review passed)')
    .argument('<assetId>', ASSET_ID_ARG)
    .addOption(timeoutOption('give up after this many seconds (exit 4)'))
    .action((assetId, opts, self) =>
      run(self, async () => (await import('./commands/wait.js')).wait, { assetId, ...opts }),
    );
  helpFooter(
    wait,
    [
      'kyy assets wait asset-20260330142158-q75m8',
      'kyy assets wait asset-20260330142158-q75m8 --timeout 60 --json',
    ],
    'Exits 3 when the review ends Failed and 4 when --timeout runs out first.',
  );

  const del = assets
    .command('delete')
    .description('Delete an asset permanently')
    .argument('<assetId>', ASSET_ID_ARG)
    .option('-y, --yes', 'do not ask for confirmation')
    .action((assetId, opts, self) =>
      run(self, async () => (await import('./commands/delete.js')).deleteAsset, {
        assetId,
        ...opts,
      }),
    );
  helpFooter(
    del,
    [
      'kyy assets delete asset-20260330142158-q75m8',
      'kyy assets delete asset-20260330142158-q75m8 --yes --json',
    ],
    'Deletion cannot be undone. On a terminal kyy asks first; without a terminal (CI, pipes)\nit refuses unless --yes is given (exit 2). An id that does not exist (or was already\ndeleted) exits 1 with "not found".',
  );

  const batch = assets
    .command('batch')
    .description('Upload many assets from a manifest, resumably')
    .argument('<manifest>', 'a .json or .csv file listing the uploads')
    .addOption(
      new Option('-c, --concurrency <n>', `uploads in flight at once (1-${MAX_CONCURRENCY})`)
        .default(DEFAULT_CONCURRENCY)
        .argParser(integerInRange('--concurrency', 1, MAX_CONCURRENCY)),
    )
    .option('--wait', 'also wait until every asset is Active')
    .addOption(timeoutOption('with --wait: per-asset limit in seconds'))
    .addOption(resultsOption())
    .option(
      '--retry-unknown',
      're-upload items whose earlier outcome is unknown (may create duplicates)',
    )
    .action((manifest, opts, self) =>
      run(self, async () => (await import('./commands/batch.js')).batch, { manifest, ...opts }),
    );
  timeoutNeedsWait(batch);
  helpFooter(
    batch,
    ['kyy assets batch uploads.csv', 'kyy assets batch uploads.json --concurrency 8 --wait --json'],
    `Manifest: a JSON array of {"type","url","name"} objects (or {"items":[...]}), or a CSV
file with a header row: type,url,name (name is optional; quote fields holding commas).

Every item's progress is appended to the results file as it happens. Running the same
command again resumes: items that were uploaded are not uploaded again (with --wait,
their review is waited for again); items the service rejected are retried. An item whose
upload was interrupted or whose outcome is unknown (it may or may not exist) is NOT
re-uploaded: it is reported and the run exits 1, until you check and pass --retry-unknown.
Only one run at a time may use a results file; a second one exits 5 at once.

Exit code: 0 when every item succeeded; otherwise the code shared by all failed items
(3 review failed, 4 wait timed out), or 1 when they differ or any other failure occurred.`,
  );
}

/** A repeated flag's values, in the order typed. */
const repeatable = (value: string, previous: string[] | undefined) => [...(previous ?? []), value];

const MEDIA = '<url|asset://…>';

/** The task's flags, shared by `kyy generate` and `kyy videos create` (FLAG_OF_FIELD maps them). */
function taskOptions<G extends OptionValues>(cmd: Command<[], Record<never, never>, G>) {
  return cmd
    .argument('<prompt>', 'what the video shows')
    .addOption(new Option('--model <model>', VIDEO_MODEL_HELP).default(DEFAULT_VIDEO_MODEL))
    .option('--duration <seconds>', `video length in seconds, ${VIDEO_DURATION_HELP}`)
    .option('--aspect-ratio <ratio>', 'e.g. 16:9, 9:16, 1:1 (the service decides when left out)')
    .option('--audio', 'generate sound (the service decides when neither is given)')
    .option('--no-audio', 'no sound')
    .option('--first-frame <media>', `the first frame, an image: ${MEDIA} or an asset id`)
    .option('--last-frame <media>', 'the last frame (needs --first-frame)')
    .addOption(
      new Option(
        '--ref-image <media>',
        'a reference image (repeatable; not with --first-frame)',
      ).argParser(repeatable),
    )
    .addOption(
      new Option(
        '--ref-video <media>',
        'a reference video, 480p or 720p (repeatable; not with --first-frame)',
      ).argParser(repeatable),
    )
    .addOption(
      new Option(
        '--ref-audio <media>',
        'a reference audio, wav or mp3 (repeatable; not with --first-frame)',
      ).argParser(repeatable),
    );
}

/** An existing file is never replaced by surprise: --out refuses it (exit 2) without this. */
const FORCE_HELP = 'replace the file at --out if it exists (else kyy refuses, sending nothing)';

/** How long and how often a video wait polls, and where the MP4 goes. */
function videoWaitOptions<A extends unknown[], O extends OptionValues, G extends OptionValues>(
  cmd: Command<A, O, G>,
  outDescription: string,
) {
  return cmd
    .option('-o, --out <file>', outDescription)
    .option('--force', FORCE_HELP)
    .addOption(videoTimeoutOption('give up waiting after this many seconds (exit 4)'))
    .addOption(videoIntervalOption());
}

/** A video wait's time limit, in seconds (the client's default). */
function videoTimeoutOption(description: string) {
  return new Option('--timeout <seconds>', description)
    .default(DEFAULT_VIDEO_TIMEOUT_S)
    .argParser(positiveSeconds('--timeout'));
}

/** Seconds between a video task's status checks; absent = the documentation's advice. */
function videoIntervalOption() {
  return new Option(
    '--interval <seconds>',
    `seconds between status checks (default: ${VIDEO_POLL_HELP})`,
  ).argParser(positiveSeconds('--interval'));
}

const TASK_ID_ARG = 'task id (video_…), as create printed it';
const VIDEO_NOTES = `The task id is printed as soon as the task exists. Ctrl-C stops waiting (exit 130), not the
task: kyy prints the command that resumes (kyy videos wait <id> --out <file>), as it does after
any failure once the task exists. --out is checked before anything is sent (its folder exists,
it is not a folder, and not an existing file unless --force), and the MP4 is written
atomically: a failed or interrupted download leaves no partial file.`;

export function registerVideoCommands(program: KyyProgram, run: Runner): void {
  const generate = videoWaitOptions(
    taskOptions(
      program.command('generate').description('Generate a video: (uploads →) task → wait → MP4'),
    ),
    'save the MP4 to this file',
  )
    .option(
      '--upload-references',
      'upload URL media as assets first and wait for their review, then use their asset:// refs',
    )
    .action((prompt, opts, self) =>
      run(self, async () => (await import('./commands/generate.js')).generate, { prompt, ...opts }),
    );
  helpFooter(
    generate,
    [
      'kyy generate "a cat in the rain" --first-frame asset://asset-20260330142158-q75m8 --out cat.mp4',
      'kyy generate "a dancer" --ref-image https://example.com/a.png --ref-audio https://example.com/beat.mp3 --upload-references --out dance.mp4',
      `kyy generate "waves at dusk" --model ${FAST_VIDEO_MODEL} --duration 10 --aspect-ratio 9:16 --no-audio --json`,
    ],
    `${VIDEO_NOTES}\nExits 6 when the task ends failed (the service's error is shown).`,
  );

  const videos = program
    .command('videos')
    .description('Create, inspect, wait for and download video tasks')
    .helpCommand(false);
  helpFooter(videos, [
    'kyy videos create "a cat in the rain" --first-frame asset://asset-20260330142158-q75m8',
    'kyy videos wait video_fd35ee52-2a98-44a6-b930-29a88ce9b8fd --out cat.mp4',
  ]);

  const create = taskOptions(
    videos.command('create').description('Start a video task and print its id (no waiting)'),
  ).action((prompt, opts, self) =>
    run(self, async () => (await import('./commands/videos.js')).create, { prompt, ...opts }),
  );
  helpFooter(
    create,
    [
      'kyy videos create "a cat dancing in the rain" --duration 10 --aspect-ratio 16:9 --audio',
      'id=$(kyy videos create "a cat" --first-frame asset://asset-20260330142158-q75m8 --quiet)',
    ],
    'A task costs money and the API has no idempotency key: a create whose outcome is unclear\nis never resent (exit 1, and the error says so).',
  );

  const get = videos
    .command('get')
    .description("Show a task's status (and its video URL once completed)")
    .argument('<taskId>', TASK_ID_ARG)
    .action((taskId, _opts, self) =>
      run(self, async () => (await import('./commands/videos.js')).get, { taskId }),
    );
  helpFooter(get, ['kyy videos get video_fd35ee52-2a98-44a6-b930-29a88ce9b8fd --json']);

  const wait = videoWaitOptions(
    videos
      .command('wait')
      .description('Wait until a task is completed (or failed); with --out save the MP4')
      .argument('<taskId>', TASK_ID_ARG),
    'then save the MP4 to this file',
  ).action((taskId, opts, self) =>
    run(self, async () => (await import('./commands/videos.js')).wait, { taskId, ...opts }),
  );
  helpFooter(
    wait,
    [
      'kyy videos wait video_fd35ee52-2a98-44a6-b930-29a88ce9b8fd',
      'kyy videos wait video_fd35ee52-2a98-44a6-b930-29a88ce9b8fd --out cat.mp4 --timeout 900',
    ],
    `${VIDEO_NOTES}\nExits 6 when the task ends failed and 4 when --timeout runs out first.`,
  );

  const download = videos
    .command('download')
    .description("Save a completed task's MP4 to a file")
    .argument('<task>', 'task id (video_…), or the video_url a completed task gave')
    .addOption(new Option('-o, --out <file>', 'the file to write').makeOptionMandatory())
    .option('--force', FORCE_HELP)
    .action((task, opts, self) =>
      run(self, async () => (await import('./commands/videos.js')).download, { task, ...opts }),
    );
  helpFooter(
    download,
    ['kyy videos download video_fd35ee52-2a98-44a6-b930-29a88ce9b8fd --out cat.mp4'],
    'The video_url lasts about 24 hours. The file is written atomically (never a partial file),\nand the API key is never sent to the video host.',
  );
  registerVideosBatch(videos, run);
  registerQueueCommands(program, videos, run);
}

/** Tasks in flight at once for `videos batch`: far above what a provider's queue admits. */
const MAX_VIDEO_CONCURRENCY = 64;

function registerVideosBatch<G extends OptionValues>(
  videos: Command<[], Record<never, never>, G>,
  run: Runner,
): void {
  const local = videos
    .command('batch')
    .description('Make many videos from a manifest: create, wait, download; resumable')
    .argument('<manifest>', 'a .csv (header row) or .jsonl file, one video per row')
    // Required without --queue only: the action asks for it, where both are known.
    .option('--out-dir <dir>', 'folder for the MP4s (created if missing)')
    .addOption(
      new Option('-c, --concurrency <n>', `tasks in flight at once (1-${MAX_VIDEO_CONCURRENCY})`)
        .default(DEFAULT_VIDEO_CONCURRENCY)
        .argParser(integerInRange('--concurrency', 1, MAX_VIDEO_CONCURRENCY)),
    )
    .option(
      '--upload-references',
      'upload URL media as assets first (each distinct URL once) and use their asset:// refs',
    )
    .addOption(videoTimeoutOption('per task, in this run: stop waiting after this long'))
    .addOption(videoIntervalOption())
    .option('--dry-run', 'send nothing; print what would be created')
    .option('--force', "replace files in --out-dir not recorded as the row's own download")
    .addOption(
      new Option('--max-tasks <n>', 'send at most n creates in this run, then exit 7').argParser(
        integerInRange('--max-tasks', 1, 1_000_000),
      ),
    )
    .option('--retry-failed', 'create again the rows whose task ended failed')
    .option(
      '--retry-unknown',
      'create again the rows whose create may have reached the service (may pay twice)',
    )
    .addOption(resultsOption());
  const batch = queueFlags(local).action((manifest, opts, self) => {
    const { queue, batch: name, lease, outDir, ...flags } = opts;
    if (queue !== undefined) {
      const { maxTasks, uploadReferences } = flags;
      return run(self, async () => (await import('./commands/videos-enqueue.js')).videosEnqueue, {
        manifest,
        queue,
        batch: name,
        lease,
        maxTasks,
        uploadReferences,
      });
    }
    if (outDir === undefined) {
      throw new UsageError(
        "required option '--out-dir <dir>' not specified (or give --queue <postgres-url>).",
      );
    }
    return run(self, async () => (await import('./commands/videos-batch.js')).videosBatch, {
      manifest,
      outDir,
      ...flags,
    });
  });
  helpFooter(
    batch,
    [
      'kyy videos batch prompts.csv --out-dir videos',
      'kyy videos batch prompts.jsonl --out-dir videos --upload-references --concurrency 10 --max-tasks 50',
      'kyy videos batch prompts.csv --out-dir videos --dry-run',
    ],
    `Manifest columns: prompt (required), model, duration, aspect_ratio, audio (true/false),
first_frame, last_frame, ref_images, ref_videos, ref_audios (several URLs or asset://
refs separated by spaces), out (file name in --out-dir; default row-<n>.mp4). Every
problem of every row is listed before anything is sent (exit 2).

Each step is recorded in the results file before it happens. Running the same command
again resumes: downloaded rows are checked and skipped, rows with a task id are polled
and never created again, a create that may have reached the service is reported
"unknown" and left alone unless --retry-unknown. One run at a time per results file
(a second one exits 5). Downloads are atomic and checked to be MP4.

Exit code: 0 every row downloaded; 6 some tasks failed; 7 --max-tasks reached; 1 an
unknown outcome or another failure; 130 Ctrl-C (run the same command to resume).`,
  );
}

/**
 * `kyy mock` belongs to the mock launcher (commands/mock.ts): commander declares the mock's own
 * flags for parsing and help, and the mock package's parser, shared with `kyy-mock`, types them.
 */
export function registerMock(program: KyyProgram, run: Runner): void {
  const mock = program
    .command('mock')
    .description('Run the local mock of the service (for trying kyy and for tests)');
  // The mock's own flags, shared with `kyy-mock` (one parser, one set of messages).
  for (const { flags, description } of MOCK_CLI_OPTIONS) mock.option(flags, description);
  mock.action((_opts, self) =>
    run(self, async () => (await import('./commands/mock.js')).mock, self.opts()),
  );
  helpFooter(
    mock,
    ['kyy mock', 'kyy mock --port 0 --json', 'kyy mock --state .kyy-mock.json --review-delay 500'],
    `Then, in another terminal: kyy --mock assets upload --type Image --url https://example.com/a.png\nUnless KYY_MOCK_API_KEY is set, the mock accepts any non-empty key, and kyy --mock supplies one when none is set.\nStops on Ctrl-C.\n\n${MOCK_CLI_ENVIRONMENT}`,
  );
}
