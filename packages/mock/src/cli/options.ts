import type { ReferenceVideoRuleName } from '@kyyvideo/contract';
// The rules entry alone: `kyy --help` loads this parser and must not load the schema library.
import { checkBaseUrl } from '@kyyvideo/contract/rules';
import {
  DEFAULT_REFERENCE_VIDEO_RULE,
  DEFAULT_REVIEW_DELAY_MS,
  DEFAULT_STORE_LIMIT,
  DEFAULT_TASK_PROCESSING_MS,
  DEFAULT_TASK_QUEUED_MS,
  REFERENCE_VIDEO_RULE_NAMES,
} from '../options.js';
import {
  DEFAULT_HEADERS_TIMEOUT_MS,
  DEFAULT_HOST,
  DEFAULT_KEEP_ALIVE_TIMEOUT_MS,
  DEFAULT_PORT,
  DEFAULT_REQUEST_TIMEOUT_MS,
  PORT_ENV,
} from '../server/defaults.js';

/** Environment variable holding the only key the mock accepts (there is no flag for it). */
export const API_KEY_ENV = 'KYY_MOCK_API_KEY';

/** One flag of the mock's command line, in commander's notation. */
export interface MockCliOption {
  flags: string;
  description: string;
  /** Shown in help as the default. */
  default?: string;
}

/**
 * The flags of `kyy mock` and `kyy-mock`, in one place. Both add these to their commander
 * command and read the result with {@link parseMockCliOptions}, so they accept the same flags
 * with the same meaning and messages. (`--quiet`, `--help` and `--version` are each program's own.)
 */
const FLAGS: readonly MockCliOption[] = [
  {
    flags: '--port <port>',
    description: 'port to listen on (0 = any free port)',
    default: `$${PORT_ENV}, else ${DEFAULT_PORT}`,
  },
  {
    flags: '--host <host>',
    description: 'interface to listen on',
    default: DEFAULT_HOST,
  },
  {
    flags: '--state <file>',
    description:
      'keep assets and video tasks in this JSON file across restarts; a change is answered only once it is in the file, so killing the mock loses nothing it answered',
  },
  {
    flags: '--state-fsync',
    description:
      'with --state: answer a change only once the disk has it, so a power cut loses nothing either (slower: each answer waits for the disk)',
  },
  {
    flags: '--store-limit <n>',
    description:
      'the most assets, and the most video tasks, the mock keeps; past it each new one makes it forget the least recently used',
    default: String(DEFAULT_STORE_LIMIT),
  },
  {
    flags: '--review-delay <ms>',
    description: 'how long a review takes',
    default: String(DEFAULT_REVIEW_DELAY_MS),
  },
  {
    flags: '--task-queued <ms>',
    description: 'how long a new video task stays queued',
    default: String(DEFAULT_TASK_QUEUED_MS),
  },
  {
    flags: '--task-processing <ms>',
    description: 'how long a video task then stays processing before it completes (or fails)',
    default: String(DEFAULT_TASK_PROCESSING_MS),
  },
  {
    flags: '--task-concurrency <n>',
    description:
      'at most this many video tasks process at once; the others stay queued until a slot frees (default: no limit)',
  },
  {
    flags: '--reference-video-rule <rule>',
    description: `which documented version of "which models take reference videos" to enforce: ${REFERENCE_VIDEO_RULE_NAMES.join(' or ')} (mock-only choice; the docs state it both ways)`,
    default: DEFAULT_REFERENCE_VIDEO_RULE,
  },
  {
    flags: '--latency <ms>',
    description: 'delay added to every response',
    default: '0',
  },
  {
    flags: '--proxy <url>',
    description:
      "forward every API request to this base URL (the real service), the caller's Authorization included, and check each answer against the spec: a mismatch is one line on stderr",
  },
  {
    flags: '--strict',
    description:
      'with --proxy: answer 502, naming the mismatch, instead of an answer that does not match the spec',
  },
  {
    flags: '--record <file.har>',
    description:
      'write every exchange to this HAR 1.2 file, the key masked in headers, bodies and URLs (the file is replaced, and valid at every instant)',
  },
  {
    flags: '--replay <file.har>',
    description:
      'answer requests recorded in this HAR file with the recorded answers, in order for repeated ones; the mock answers the rest',
  },
  {
    flags: '--replay-strict',
    description: 'with --replay: answer 404 for a request that is not recorded instead',
  },
  {
    flags: '--headers-timeout <ms>',
    description: 'close a connection whose request headers have not all arrived by then',
    default: String(DEFAULT_HEADERS_TIMEOUT_MS),
  },
  {
    flags: '--request-timeout <ms>',
    description: 'close a connection whose whole request has not arrived by then',
    default: String(DEFAULT_REQUEST_TIMEOUT_MS),
  },
  {
    flags: '--keep-alive-timeout <ms>',
    description: 'close an idle keep-alive connection after this long',
    default: String(DEFAULT_KEEP_ALIVE_TIMEOUT_MS),
  },
];

// The default goes into the description itself: commander prints a default only for options
// that also set a value, and these leave unset what the environment or the server decides.
export const MOCK_CLI_OPTIONS: readonly MockCliOption[] = Object.freeze(
  FLAGS.map(({ flags, description, default: fallback }) => ({
    flags,
    description: fallback === undefined ? description : `${description} (default: ${fallback})`,
  })),
);

/** Help text shared by both commands: what the environment changes. */
export const MOCK_CLI_ENVIRONMENT = `Environment:
  ${PORT_ENV}     default for --port
  ${API_KEY_ENV}  accept only "Authorization: Bearer <this key>" (without it, any non-empty
                    Bearer token is accepted). There is no flag for the key, so it never lands
                    in shell history or process listings.`;

/** A command-line mistake; both commands print the message and exit 2. */
export class MockUsageError extends Error {
  override readonly name = 'MockUsageError';
}

/** What the command line asks for, ready for `startMockServer`. */
export interface MockCliSettings {
  port: number;
  host: string;
  stateFile?: string;
  stateFsync?: boolean;
  storeLimit?: number;
  apiKey?: string;
  reviewDelayMs?: number;
  taskQueuedMs?: number;
  taskProcessingMs?: number;
  taskConcurrency?: number;
  referenceVideoRule?: ReferenceVideoRuleName;
  latencyMs?: number;
  headersTimeoutMs?: number;
  requestTimeoutMs?: number;
  keepAliveTimeoutMs?: number;
  proxy?: string;
  proxyStrict?: boolean;
  recordFile?: string;
  replayFile?: string;
  replayStrict?: boolean;
}

const MAX_MS = 3_600_000;
// Far above what fits in memory; the check is there to catch typos such as an extra zero or two.
const MAX_STORE_LIMIT = 100_000_000;

function wholeNumber(value: string, flag: string, min: number, max: number): number {
  const text = value.trim();
  const n = /^[0-9]+$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isSafeInteger(n) || n < min || n > max) {
    throw new MockUsageError(
      `${flag} must be a whole number from ${min} to ${max}; got ${JSON.stringify(value)}.`,
    );
  }
  return n;
}

const text = (value: unknown) => (typeof value === 'string' ? value : undefined);

function filePath(value: unknown, flag: string): string | undefined {
  const path = text(value);
  if (path !== undefined && path.trim() === '') {
    throw new MockUsageError(`${flag} needs a file path, e.g. ${flag} recording.har.`);
  }
  return path;
}

/** `--proxy`, `--strict`, `--record`, `--replay`, `--replay-strict`, and what they exclude. */
function parseProxyModes(
  opts: Readonly<Record<string, unknown>>,
  hasState: boolean,
): Pick<MockCliSettings, 'proxy' | 'proxyStrict' | 'recordFile' | 'replayFile' | 'replayStrict'> {
  const proxy = text(opts.proxy);
  const recordFile = filePath(opts.record, '--record');
  const replayFile = filePath(opts.replay, '--replay');
  if (proxy !== undefined) {
    const problem = checkBaseUrl(proxy, '--proxy')[0];
    if (problem) throw new MockUsageError(`--proxy: ${problem.hint}`);
    if (replayFile !== undefined) {
      throw new MockUsageError(
        '--proxy and --replay exclude each other: record with --proxy <url> --record <file>, then replay with --replay <file> alone.',
      );
    }
    if (hasState) {
      throw new MockUsageError(
        "--state keeps the mock's own assets; with --proxy the service keeps them: pass one or the other.",
      );
    }
  }
  if (opts.strict === true && proxy === undefined) {
    throw new MockUsageError('--strict works with --proxy <url>: pass both, or neither.');
  }
  if (opts.replayStrict === true && replayFile === undefined) {
    throw new MockUsageError('--replay-strict works with --replay <file>: pass both, or neither.');
  }
  if (recordFile !== undefined && recordFile === replayFile) {
    throw new MockUsageError(
      '--record would overwrite the file --replay reads: pick another file.',
    );
  }
  return {
    ...(proxy !== undefined && { proxy }),
    ...(opts.strict === true && { proxyStrict: true }),
    ...(recordFile !== undefined && { recordFile }),
    ...(replayFile !== undefined && { replayFile }),
    ...(opts.replayStrict === true && { replayStrict: true }),
  };
}

/**
 * Turns commander's option values (and the environment) into settings, or throws a
 * {@link MockUsageError} saying what to fix.
 */
export function parseMockCliOptions(
  opts: Readonly<Record<string, unknown>>,
  env: Readonly<Record<string, string | undefined>>,
): MockCliSettings {
  if (opts.apiKey !== undefined) {
    throw new MockUsageError(
      `There is no --api-key flag, so the key never lands in shell history: set ${API_KEY_ENV}.`,
    );
  }
  const portText = text(opts.port) ?? (env[PORT_ENV] || undefined);
  const port =
    portText === undefined
      ? DEFAULT_PORT
      : wholeNumber(portText, text(opts.port) === undefined ? PORT_ENV : '--port', 0, 65_535);
  const host = text(opts.host) ?? DEFAULT_HOST;
  if (host.trim() === '') throw new MockUsageError('--host must not be empty, e.g. 127.0.0.1.');
  const settings: MockCliSettings = { port, host };
  const state = text(opts.state);
  if (state !== undefined) {
    if (state.trim() === '') throw new MockUsageError('--state needs a file path.');
    settings.stateFile = state;
  }
  if (opts.stateFsync === true) {
    if (state === undefined) {
      throw new MockUsageError('--state-fsync works with --state <file>: pass both, or neither.');
    }
    settings.stateFsync = true;
  }
  Object.assign(settings, parseProxyModes(opts, state !== undefined));
  const limit = text(opts.storeLimit);
  if (limit !== undefined)
    settings.storeLimit = wholeNumber(limit, '--store-limit', 1, MAX_STORE_LIMIT);
  const apiKey = env[API_KEY_ENV];
  if (apiKey !== undefined && apiKey !== '') {
    if (apiKey.trim() === '') throw new MockUsageError(`${API_KEY_ENV} must not be blank.`);
    settings.apiKey = apiKey;
  }
  const slots = text(opts.taskConcurrency);
  if (slots !== undefined) {
    settings.taskConcurrency = wholeNumber(slots, '--task-concurrency', 1, MAX_STORE_LIMIT);
  }
  const rule = text(opts.referenceVideoRule);
  if (rule !== undefined) {
    if (!(REFERENCE_VIDEO_RULE_NAMES as readonly string[]).includes(rule)) {
      throw new MockUsageError(
        `--reference-video-rule must be ${REFERENCE_VIDEO_RULE_NAMES.join(' or ')}; got ${JSON.stringify(rule)}.`,
      );
    }
    settings.referenceVideoRule = rule as ReferenceVideoRuleName;
  }
  const ms = (key: string, flag: string, min = 0) => {
    const value = text(opts[key]);
    return value === undefined ? undefined : wholeNumber(value, flag, min, MAX_MS);
  };
  const optional = {
    reviewDelayMs: ms('reviewDelay', '--review-delay'),
    taskQueuedMs: ms('taskQueued', '--task-queued'),
    taskProcessingMs: ms('taskProcessing', '--task-processing'),
    latencyMs: ms('latency', '--latency'),
    headersTimeoutMs: ms('headersTimeout', '--headers-timeout', 1),
    requestTimeoutMs: ms('requestTimeout', '--request-timeout', 1),
    keepAliveTimeoutMs: ms('keepAliveTimeout', '--keep-alive-timeout', 1),
  };
  for (const [key, value] of Object.entries(optional)) {
    if (value !== undefined) (settings as unknown as Record<string, number>)[key] = value;
  }
  return settings;
}

/**
 * One line for a failure to listen that the user can fix, or `undefined` for anything else
 * (which is a bug to report as is).
 */
export function describeListenError(
  error: unknown,
  where: { port: number; host: string },
): string | undefined {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'EADDRINUSE') {
    return `Port ${where.port} on ${where.host} is already in use (is \`pnpm start\`, \`pnpm mock\` or another mock already running?). Stop it, or pass --port <n> or set ${PORT_ENV} (--port 0 picks any free port).`;
  }
  if (code === 'EACCES') {
    return `No permission to listen on port ${where.port}: pass --port <n> or set ${PORT_ENV} to a port above 1023 (--port 0 picks any free port).`;
  }
  if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') {
    return `Cannot listen on host ${JSON.stringify(where.host)}: pass --host with an address of this machine, e.g. 127.0.0.1.`;
  }
  return undefined;
}
