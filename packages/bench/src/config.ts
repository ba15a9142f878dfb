import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const SUITES = [
  'client',
  'size',
  'mock',
  'cli',
  'batch',
  'soak',
  'videos',
  'queue',
] as const;
export type SuiteName = (typeof SUITES)[number];

export interface BenchConfig {
  quick: boolean;
  /** Seconds of load per autocannon run (suite 3). */
  durationS: number;
  /** Seconds of the soak (suite 6). */
  soakS: number;
  /** Measured calls per client variant (suite 1). */
  clientCalls: number;
  /** Runs per command for the cold-start medians (suite 4). */
  coldRuns: number;
  /** Uploads per `kyy assets batch` run (suite 5). */
  batchSize: number;
  /** Connection counts for autocannon (suite 3). */
  connections: number[];
  /** Connections held during the soak (suite 6). */
  soakConnections: number;
  suites: SuiteName[];
  cacheDir: string;
  reportPath: string;
}

const packageDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const BENCH_PACKAGE_DIR = packageDir;
export const REPO_ROOT = resolve(packageDir, '..', '..');

// Full-run defaults keep the whole bench near five minutes on a 2-core machine; quick mode is
// for trying the harness (about a minute) and its figures are not meant to be quoted.
const FULL = { durationS: 10, soakS: 60, clientCalls: 4000, coldRuns: 15, batchSize: 1000 };
const QUICK = { durationS: 2, soakS: 5, clientCalls: 500, coldRuns: 3, batchSize: 200 };
// The connection counts and soak load the issue asks for.
const CONNECTIONS = [1, 10, 50];
const SOAK_CONNECTIONS = 50;
// Upper bounds so a typo cannot start an hour-long load test.
const MAX_SECONDS = 600;
const MAX_COUNT = 1_000_000;

type Env = Record<string, string | undefined>;

function positiveNumber(env: Env, name: string, fallback: number, max: number): number {
  const text = env[name];
  if (text === undefined || text.trim() === '') return fallback;
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0 || value > max) {
    throw new Error(
      `${name}=${text} is not valid: give a number greater than 0 and at most ${max}`,
    );
  }
  return value;
}

function positiveInteger(env: Env, name: string, fallback: number, max: number): number {
  const value = positiveNumber(env, name, fallback, max);
  if (!Number.isInteger(value)) {
    throw new Error(`${name}=${env[name]} is not valid: give a whole number`);
  }
  return value;
}

function parseSuites(text: string | undefined): SuiteName[] {
  if (text === undefined || text.trim() === '') return [...SUITES];
  const names = text
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);
  for (const name of names) {
    if (!(SUITES as readonly string[]).includes(name)) {
      throw new Error(
        `BENCH_ONLY names an unknown suite "${name}"; choose from ${SUITES.join(', ')}`,
      );
    }
  }
  return SUITES.filter((suite) => names.includes(suite));
}

const FLAG_TO_ENV: Record<string, string> = {
  '--quick': 'BENCH_QUICK',
  '--only': 'BENCH_ONLY',
  '--duration': 'BENCH_DURATION_S',
  '--soak': 'BENCH_SOAK_S',
};

/**
 * Command-line flags (`pnpm bench -- --quick --only=mock`) as environment overrides, for when
 * the environment does not reach the task (turbo passes only declared variables).
 */
export function argvToEnv(argv: readonly string[]): Env {
  const env: Env = {};
  for (const arg of argv) {
    const [flag, value] = arg.split('=', 2) as [string, string | undefined];
    const name = FLAG_TO_ENV[flag];
    if (!name) {
      throw new Error(
        `unknown argument "${arg}"; use ${Object.keys(FLAG_TO_ENV).join(', ')} (e.g. --only=mock,soak) or the BENCH_* variables`,
      );
    }
    env[name] = value ?? '1';
  }
  return env;
}

export function readConfig(env: Env = process.env): BenchConfig {
  const quick = env.BENCH_QUICK === '1' || env.BENCH_QUICK === 'true';
  const defaults = quick ? QUICK : FULL;
  const suites = parseSuites(env.BENCH_ONLY);
  // A full run writes the committed report; quick or partial runs must not overwrite it.
  const partial = quick || suites.length !== SUITES.length;
  return {
    quick,
    durationS: positiveNumber(env, 'BENCH_DURATION_S', defaults.durationS, MAX_SECONDS),
    soakS: positiveNumber(env, 'BENCH_SOAK_S', defaults.soakS, MAX_SECONDS),
    clientCalls: positiveInteger(env, 'BENCH_CLIENT_CALLS', defaults.clientCalls, MAX_COUNT),
    coldRuns: positiveInteger(env, 'BENCH_COLD_RUNS', defaults.coldRuns, 1000),
    batchSize: positiveInteger(env, 'BENCH_BATCH_SIZE', defaults.batchSize, 100_000),
    connections: CONNECTIONS,
    soakConnections: SOAK_CONNECTIONS,
    suites,
    cacheDir: env.BENCH_CACHE_DIR
      ? resolve(env.BENCH_CACHE_DIR)
      : join(REPO_ROOT, 'node_modules', '.cache', 'kyy-bench'),
    reportPath: env.BENCH_REPORT
      ? resolve(env.BENCH_REPORT)
      : join(packageDir, partial ? 'REPORT.partial.md' : 'REPORT.md'),
  };
}
