import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { DEFAULT_BASE_URL, MOCK_BASE_URL } from '@kyyvideo/contract';
import { checkBaseUrl, errorsOf } from '@kyyvideo/contract/rules';
import { MockUsageError, PORT_ENV, parseMockCliOptions } from '@kyyvideo/mock/cli';
import { UsageError } from './errors.js';
import type { Io } from './io.js';
import { quote } from './quote.js';
import { problemSentence } from './validate.js';

export interface ConnectionFlags {
  /** commander refuses it together with `mock` (the option's `conflicts`). */
  baseUrl?: string;
  mock?: boolean;
  apiKeyFile?: string;
}

export interface Connection {
  baseUrl: string;
  apiKey: string;
  /** Where the key came from, for messages; never the key itself. */
  keySource: 'file' | 'env' | 'mock-default';
}

/**
 * Used with --mock when no key is configured: the standalone mock accepts any non-empty token
 * (mock-only behaviour), so trying the mock needs no setup.
 */
export const MOCK_STAND_IN_KEY = 'kyy-mock-stand-in-key';

/**
 * Where `--mock` looks: the address `kyy mock` and `pnpm mock` listen on, with the port from the
 * same rule (the mock's own parser: its environment variable, else its default port).
 */
export function mockBaseUrl(env: Io['env']): string {
  let port: number;
  try {
    ({ port } = parseMockCliOptions({}, { [PORT_ENV]: env[PORT_ENV] }));
  } catch (error) {
    if (error instanceof MockUsageError) throw new UsageError(`--mock: ${error.message}`);
    throw error;
  }
  if (port === 0) {
    throw new UsageError(
      `--mock: ${PORT_ENV} is 0, so the mock picks a free port that kyy cannot know; pass --base-url with the URL \`kyy mock\` printed instead.`,
    );
  }
  const url = new URL(MOCK_BASE_URL);
  url.port = String(port);
  return url.href;
}

export function resolveBaseUrl(flags: ConnectionFlags, env: Io['env']): string {
  const fromEnv = env.KYY_BASE_URL?.trim() ? env.KYY_BASE_URL.trim() : undefined;
  const [value, what] =
    flags.baseUrl !== undefined
      ? [flags.baseUrl, '--base-url']
      : flags.mock
        ? [mockBaseUrl(env), '--mock']
        : fromEnv !== undefined
          ? [fromEnv, 'KYY_BASE_URL']
          : [DEFAULT_BASE_URL, 'the default base URL'];
  // The contract's rule (the client applies it too), in kyy's words: the flag or variable.
  const [problem] = errorsOf(checkBaseUrl(value, what));
  if (problem) {
    throw new UsageError(
      problemSentence(problem, `${what} must be an http(s) URL such as ${DEFAULT_BASE_URL}`),
    );
  }
  return value.replace(/\/+$/, '');
}

/**
 * The key comes from a file (--api-key-file) or the environment (KYY_API_KEY), never from a
 * flag value, which would land in shell history and `ps` output.
 */
export async function resolveApiKey(
  flags: ConnectionFlags,
  io: Pick<Io, 'env' | 'cwd'>,
): Promise<Pick<Connection, 'apiKey' | 'keySource'>> {
  if (flags.apiKeyFile !== undefined) {
    const path = resolve(io.cwd, flags.apiKeyFile);
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (error) {
      const reason = (error as NodeJS.ErrnoException).code ?? 'unreadable';
      throw new UsageError(
        `--api-key-file ${quote(flags.apiKeyFile)} cannot be read (${reason}); give the path of a file that holds only the API key.`,
      );
    }
    const key = text.trim();
    if (key === '') {
      throw new UsageError(
        `--api-key-file ${quote(flags.apiKeyFile)} is empty; put the API key in it (one line).`,
      );
    }
    if (/\s/.test(key)) {
      throw new UsageError(
        `--api-key-file ${quote(flags.apiKeyFile)} must hold only the API key, on one line, without spaces.`,
      );
    }
    return { apiKey: key, keySource: 'file' };
  }
  const fromEnv = io.env.KYY_API_KEY?.trim();
  if (fromEnv) return { apiKey: fromEnv, keySource: 'env' };
  if (flags.mock) return { apiKey: MOCK_STAND_IN_KEY, keySource: 'mock-default' };
  throw new UsageError(
    'No API key: set KYY_API_KEY, or pass --api-key-file <path> (a file holding only the key). Use --mock to try the local mock without a key.',
  );
}

export async function resolveConnection(
  flags: ConnectionFlags,
  io: Pick<Io, 'env' | 'cwd'>,
): Promise<Connection> {
  const baseUrl = resolveBaseUrl(flags, io.env);
  return { baseUrl, ...(await resolveApiKey(flags, io)) };
}
