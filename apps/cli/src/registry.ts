import type { CommandModule } from './context.js';

export interface OptionSpec {
  flags: string;
  description: string;
  /** Shown in help as the default; the command's parse() applies it. */
  defaultDescription?: string;
}

export interface CommandSpec {
  /** The words after `kyy`, e.g. ['assets', 'upload']. */
  path: readonly string[];
  /** `<assetId>` style arguments, in order. */
  args: readonly { name: string; description: string }[];
  summary: string;
  options: readonly OptionSpec[];
  /** Lines shown under "Examples:" in --help; each is a full, runnable command. */
  examples: readonly string[];
  /** Extra help text after the examples. */
  notes?: string;
  /** Imported only when this command runs, so `kyy --help` never loads the client. */
  load(): Promise<CommandModule<unknown>>;
}

/** Groups (`kyy assets`) that only hold subcommands. */
export const GROUPS: Record<string, { summary: string; examples: readonly string[] }> = {
  assets: {
    summary: 'Upload, inspect, wait for and delete assets',
    examples: [
      'kyy assets upload --type Image --url https://example.com/cat.png --wait',
      'kyy assets get asset-20260330142158-q75m8',
      'kyy assets batch uploads.csv --concurrency 4 --wait',
    ],
  },
};

// Each module's options type is its own; the registry only passes parse()'s result to run().
const lazy =
  <T>(load: () => Promise<{ command: CommandModule<T> }>) =>
  async () =>
    (await load()).command as unknown as CommandModule<unknown>;

export const COMMANDS: readonly CommandSpec[] = [
  {
    path: ['assets', 'upload'],
    args: [],
    summary: 'Upload one asset from a public URL',
    options: [
      { flags: '--type <type>', description: 'Image, Video, Audio or Document (exact case)' },
      { flags: '--url <url>', description: 'public http(s) URL the service downloads' },
      { flags: '--name <name>', description: 'a label to find the asset by' },
      { flags: '--wait', description: 'wait until the review finishes (Active)' },
      {
        flags: '--timeout <seconds>',
        description: 'with --wait: give up after this long',
        defaultDescription: '300',
      },
    ],
    examples: [
      'kyy assets upload --type Image --url https://example.com/cat.png',
      'kyy assets upload --type Video --url https://example.com/clip.mp4 --name intro --wait',
      'id=$(kyy assets upload --type Audio --url https://example.com/a.mp3 --quiet)',
    ],
    notes:
      'Uploads are never retried once they may have reached the service (it has no idempotency\nkey), so a network failure mid-upload exits 1 and says the outcome is unknown.',
    load: lazy(() => import('./commands/upload.js')),
  },
  {
    path: ['assets', 'get'],
    args: [{ name: '<assetId>', description: 'asset id (asset-…) or reference (asset://asset-…)' }],
    summary: "Show an asset's details and review status",
    options: [],
    examples: [
      'kyy assets get asset-20260330142158-q75m8',
      'kyy assets get asset://asset-20260330142158-q75m8 --json',
    ],
    load: lazy(() => import('./commands/get.js')),
  },
  {
    path: ['assets', 'wait'],
    args: [{ name: '<assetId>', description: 'asset id (asset-…) or reference (asset://asset-…)' }],
    summary: 'Wait until an asset is Active (review passed)',
    options: [
      {
        flags: '--timeout <seconds>',
        description: 'give up after this long (exit 4)',
        defaultDescription: '300',
      },
    ],
    examples: [
      'kyy assets wait asset-20260330142158-q75m8',
      'kyy assets wait asset-20260330142158-q75m8 --timeout 60 --json',
    ],
    notes: 'Exits 3 when the review ends Failed and 4 when --timeout runs out first.',
    load: lazy(() => import('./commands/wait.js')),
  },
  {
    path: ['assets', 'delete'],
    args: [{ name: '<assetId>', description: 'asset id (asset-…) or reference (asset://asset-…)' }],
    summary: 'Delete an asset permanently',
    options: [{ flags: '-y, --yes', description: 'do not ask for confirmation' }],
    examples: [
      'kyy assets delete asset-20260330142158-q75m8',
      'kyy assets delete asset-20260330142158-q75m8 --yes --json',
    ],
    notes:
      'Deletion cannot be undone. On a terminal kyy asks first; without a terminal (CI, pipes)\nit refuses unless --yes is given (exit 2). An id that does not exist (or was already\ndeleted) exits 1 with "not found".',
    load: lazy(() => import('./commands/delete.js')),
  },
  {
    path: ['assets', 'batch'],
    args: [{ name: '<manifest>', description: 'a .json or .csv file listing the uploads' }],
    summary: 'Upload many assets from a manifest, resumably',
    options: [
      {
        flags: '-c, --concurrency <n>',
        description: 'uploads in flight at once (1-16)',
        defaultDescription: '4',
      },
      { flags: '--wait', description: 'also wait until every asset is Active' },
      {
        flags: '--timeout <seconds>',
        description: 'with --wait: per-asset limit',
        defaultDescription: '300',
      },
      {
        flags: '--results <file>',
        description: 'JSON-lines results file',
        defaultDescription: '<manifest>.results.jsonl',
      },
      {
        flags: '--retry-unknown',
        description: 're-upload items whose earlier outcome is unknown (may create duplicates)',
      },
    ],
    examples: [
      'kyy assets batch uploads.csv',
      'kyy assets batch uploads.json --concurrency 8 --wait --json',
    ],
    notes: `Manifest: a JSON array of {"type","url","name"} objects (or {"items":[...]}), or a CSV
file with a header row: type,url,name (name is optional).

Every item's progress is appended to the results file as it happens. Running the same
command again resumes: items that were uploaded are not uploaded again (with --wait,
their review is waited for again); items the service rejected are retried. An item whose
upload was interrupted or whose outcome is unknown (it may or may not exist) is NOT
re-uploaded: it is reported and the run exits 1, until you check and pass --retry-unknown.

Exit code: 0 when every item succeeded; otherwise the code shared by all failed items
(3 review failed, 4 wait timed out), or 1 when they differ or any other failure occurred.`,
    load: lazy(() => import('./commands/batch.js')),
  },
  {
    path: ['mock'],
    args: [],
    summary: 'Run the local mock of the service (for trying kyy and for tests)',
    options: [
      {
        flags: '--port <port>',
        description: 'port to listen on (0 = any free port)',
        defaultDescription: '4010',
      },
      {
        flags: '--host <host>',
        description: 'interface to listen on',
        defaultDescription: '127.0.0.1',
      },
      {
        flags: '--state <file>',
        description: "keep the mock's assets in this JSON file across restarts",
      },
      {
        flags: '--review-delay <ms>',
        description: 'how long a review takes in the mock',
        defaultDescription: '2000',
      },
      {
        flags: '--latency <ms>',
        description: 'delay added to every response',
        defaultDescription: '0',
      },
    ],
    examples: [
      'kyy mock',
      'kyy mock --port 0 --json',
      'kyy mock --state .kyy-mock.json --review-delay 500',
    ],
    notes:
      'Then, in another terminal: kyy --mock assets upload --type Image --url https://example.com/a.png\nThe mock accepts any non-empty key, and kyy --mock supplies one when none is set.\nStops on Ctrl-C.',
    load: lazy(() => import('./commands/mock.js')),
  },
];
