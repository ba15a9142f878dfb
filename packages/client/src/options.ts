import { DEFAULT_BASE_URL } from '@kyyvideo/contract';
import { checkBaseUrl, errorsOf } from '@kyyvideo/contract/rules';
import { KyyConfigError } from './errors.js';

export interface KyyClientOptions {
  /** The API key. In Node, falls back to `process.env.KYY_API_KEY`. Required. */
  apiKey?: string;
  /** Defaults to the real service. In Node, falls back to `process.env.KYY_BASE_URL`. */
  baseUrl?: string;
  /** The fetch to use (default: the global `fetch`, looked up at call time). */
  fetch?: typeof fetch;
  /** Time limit of each attempt, in ms (default 30 000). */
  timeoutMs?: number;
  /** Extra attempts for detail and delete (default 2). Uploads retry only when provably never sent. */
  maxRetries?: number;
  /** `'strict'` (default) checks every success body with the contract's zod schemas. */
  validate?: 'strict' | 'off';
  /** Largest answer read, in bytes (default 1 MiB); a larger one is an invalid response. */
  maxResponseBytes?: number;
  /** Largest video `videos.download` accepts, in bytes (default 1 GiB). */
  maxDownloadBytes?: number;
}

/**
 * 30 s per attempt: an upload makes the service download the file from `url` while we wait, so
 * the answer can legitimately take several seconds; 30 s leaves room for that without hanging.
 */
export const DEFAULT_TIMEOUT_MS = 30_000;

/** Two extra attempts ride out a short blip without stretching a failing call past a minute. */
export const DEFAULT_MAX_RETRIES = 2;

/**
 * 1 MiB: the documented answers are a few hundred bytes, so anything near this is not the API
 * (a proxy's error page, a misrouted download), and reading it whole would only cost memory.
 */
export const DEFAULT_MAX_RESPONSE_BYTES = 1024 * 1024;

/**
 * 1 GiB: a generated video (at most 15 s, 720p) is tens of MB, so this is generous, yet a host
 * that sends an endless body stops here instead of filling the disk.
 */
export const DEFAULT_MAX_DOWNLOAD_BYTES = 1024 * 1024 * 1024;

/** More than this many retries only hammers a service that is clearly unhealthy. */
const MAX_ALLOWED_RETRIES = 10;

export interface ResolvedOptions {
  apiKey: string;
  baseUrl: string;
  fetch: typeof fetch;
  timeoutMs: number;
  maxRetries: number;
  validate: 'strict' | 'off';
  maxResponseBytes: number;
  maxDownloadBytes: number;
}

/** Read an environment variable when the runtime has `process.env` (Node), else undefined. */
function env(name: string): string | undefined {
  const proc = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process;
  const value = proc?.env?.[name];
  return value === undefined || value === '' ? undefined : value;
}

function configError(message: string): KyyConfigError {
  return new KyyConfigError(message, { operation: 'config' });
}

// A header value must be visible ASCII; anything else would make fetch throw a TypeError that
// quotes the header, key included. Checked here so the key can never reach such a message.
const API_KEY_PATTERN = /^[\x21-\x7e]+$/;

function resolveApiKey(option: unknown): string {
  const raw = option ?? env('KYY_API_KEY');
  if (raw === undefined) {
    throw configError(
      'No API key: pass createKyyClient({ apiKey }) or set the KYY_API_KEY environment variable.',
    );
  }
  if (typeof raw !== 'string') {
    throw configError(`The API key must be a string, got ${typeof raw}.`);
  }
  // Keys copied from a file or a terminal often carry a trailing newline; it is never part of a key.
  const key = raw.trim();
  if (key === '') {
    throw configError(
      'The API key is empty: pass createKyyClient({ apiKey }) or set KYY_API_KEY to your key.',
    );
  }
  if (!API_KEY_PATTERN.test(key)) {
    throw configError(
      'The API key contains spaces, control or non-ASCII characters; copy the key again exactly as issued.',
    );
  }
  return key;
}

function resolveBaseUrl(option: unknown): string {
  const raw = option ?? env('KYY_BASE_URL') ?? DEFAULT_BASE_URL;
  // The contract's rule, in the client's words: the option is `baseUrl`.
  const [problem] = errorsOf(checkBaseUrl(raw));
  if (problem) {
    const got = problem.value === undefined ? '' : ` (got ${JSON.stringify(problem.value)})`;
    throw configError(`baseUrl is not usable: ${problem.hint}${got}`);
  }
  return (raw as string).replace(/\/+$/, '');
}

export function resolveOptions(options: KyyClientOptions = {}): ResolvedOptions {
  if (typeof options !== 'object' || options === null) {
    throw configError('createKyyClient expects an options object, for example { apiKey }.');
  }
  const apiKey = resolveApiKey(options.apiKey);
  const baseUrl = resolveBaseUrl(options.baseUrl);

  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  if (typeof timeoutMs !== 'number' || !(timeoutMs > 0)) {
    throw configError(`timeoutMs must be a positive number of milliseconds, got ${timeoutMs}.`);
  }
  const maxRetries = options.maxRetries ?? DEFAULT_MAX_RETRIES;
  if (!Number.isInteger(maxRetries) || maxRetries < 0 || maxRetries > MAX_ALLOWED_RETRIES) {
    throw configError(
      `maxRetries must be a whole number from 0 to ${MAX_ALLOWED_RETRIES}, got ${maxRetries}.`,
    );
  }
  const validate = options.validate ?? 'strict';
  if (validate !== 'strict' && validate !== 'off') {
    throw configError(`validate must be 'strict' or 'off', got ${JSON.stringify(validate)}.`);
  }
  const maxResponseBytes = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  if (!Number.isSafeInteger(maxResponseBytes) || maxResponseBytes < 1) {
    throw configError(
      `maxResponseBytes must be a positive whole number of bytes, got ${String(maxResponseBytes)}.`,
    );
  }
  const maxDownloadBytes = options.maxDownloadBytes ?? DEFAULT_MAX_DOWNLOAD_BYTES;
  if (!Number.isSafeInteger(maxDownloadBytes) || maxDownloadBytes < 1) {
    throw configError(
      `maxDownloadBytes must be a positive whole number of bytes, got ${String(maxDownloadBytes)}.`,
    );
  }
  if (options.fetch !== undefined && typeof options.fetch !== 'function') {
    throw configError('fetch must be a function with the signature of the global fetch.');
  }
  // Looked up per call, not captured now, so a fetch patched later (msw, test setups) is honoured.
  const fetchImpl: typeof fetch =
    options.fetch ?? ((input, init) => globalThis.fetch(input as Request, init));
  return {
    apiKey,
    baseUrl,
    fetch: fetchImpl,
    timeoutMs,
    maxRetries,
    validate,
    maxResponseBytes,
    maxDownloadBytes,
  };
}
