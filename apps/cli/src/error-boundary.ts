import { KyyError, type KyyErrorKind } from '@kyyvideo/client/errors';
import { effectiveKind, messageInCliTerms } from './client-messages.js';
import type { GlobalOptions } from './context.js';
import { NotConfirmedError, ResultsBusyError, UsageError } from './errors.js';
import { EXIT, type ExitCode } from './exit-codes.js';
import { kyyCommand } from './next-command.js';
import type { Output } from './output.js';
import { REDACTED } from './redact.js';

/** What an error becomes at the edge of the process: an exit code and one printable report. */
export interface ErrorReport {
  exitCode: ExitCode;
  type: string;
  /** The client error's `kind`, when it is one. */
  kind?: KyyErrorKind;
  /**
   * The kyy command that picks up where this one stopped, when the command knew one (a video
   * wait interrupted or timed out: `kyy … videos wait <id> --out …`).
   */
  next?: string;
  message: string;
  details: Record<string, unknown>;
}

/**
 * Client errors are recognised by their `kind`, imported from the light `@kyyvideo/client/errors`
 * entry (the error classes only), so `--help` and usage errors stay fast.
 */
const EXIT_BY_KIND: Partial<Record<KyyErrorKind, ExitCode>> = {
  input: EXIT.usage,
  config: EXIT.usage,
  'asset-failed': EXIT.reviewFailed,
  'wait-timeout': EXIT.waitTimedOut,
  'video-failed': EXIT.generationFailed,
  abort: EXIT.interrupted,
};

function exitCodeOf(error: Error): ExitCode {
  const code = exitCodeByType(error);
  // An error with a resume command came after something was sent (a paid create): never exit 2,
  // which promises that nothing was.
  const resumable = typeof (error as unknown as Record<string, unknown>).next === 'string';
  return code === EXIT.usage && resumable ? EXIT.failed : code;
}

function exitCodeByType(error: Error): ExitCode {
  if (error instanceof UsageError) return EXIT.usage;
  if (error instanceof NotConfirmedError) return EXIT.failed;
  if (error instanceof ResultsBusyError) return EXIT.busy;
  if (error instanceof KyyError) return EXIT_BY_KIND[effectiveKind(error)] ?? EXIT.failed;
  return EXIT.failed;
}

/** Fields of a client error worth reporting; everything else (headers, causes) stays out. */
const DETAIL_FIELDS = [
  'code',
  'msg',
  'httpStatus',
  'operation',
  'assetId',
  'lastStatus',
  'taskId',
  'step',
  'serviceError',
] as const;

interface CommanderLike {
  code: string;
  exitCode: number;
  message: string;
}

function isCommanderError(error: unknown): error is CommanderLike {
  return (
    error instanceof Error &&
    typeof (error as Partial<CommanderLike>).code === 'string' &&
    String((error as Partial<CommanderLike>).code).startsWith('commander.')
  );
}

/** commander's "required option '--url <url>' not specified", in the words kyy uses elsewhere. */
function commanderMessage(message: string): string {
  // kyy has no flag that takes a key, so commander calls `--apikey=sk-…` unknown and quotes it
  // whole: the value after a key-like flag is never shown.
  const text = message
    .replace(/^error: /, '')
    .replace(/'(--?api[-_]?key)=[^']*'/gi, `'$1=${REDACTED}'`);
  const required = /^required option '(?:-\w, )?(--[\w-]+)[^']*' not specified$/.exec(text);
  return required ? `${required[1]} is required.` : text;
}

export function toErrorReport(error: unknown, globals?: Partial<GlobalOptions>): ErrorReport {
  if (isCommanderError(error)) {
    // Help and version are "errors" only in commander's control flow.
    const ok = error.exitCode === 0;
    // `kyy assets` alone: commander has already printed the group's help on stderr.
    const helpShown = error.code === 'commander.help';
    return {
      exitCode: ok ? EXIT.ok : EXIT.usage,
      type: 'UsageError',
      message: helpShown
        ? 'a command is missing; see the list above.'
        : commanderMessage(error.message),
      details: {},
    };
  }
  if (error instanceof Error) {
    const exitCode = exitCodeOf(error);
    const details: Record<string, unknown> = {};
    const record = error as unknown as Record<string, unknown>;
    for (const field of DETAIL_FIELDS) {
      if (record[field] !== undefined && record[field] !== null) details[field] = record[field];
    }
    const asset = record.asset;
    if (asset && typeof asset === 'object') details.asset = asset;
    // generate reports a failed task through its cause; the service's own words belong on top.
    const cause = error.cause as Record<string, unknown> | undefined;
    if (details.serviceError === undefined && typeof cause?.serviceError === 'string') {
      details.serviceError = cause.serviceError;
    }
    // generate's assets made so far: they exist, so the user needs their ids.
    if (Array.isArray(record.assets) && record.assets.length > 0) details.assets = record.assets;
    return {
      exitCode,
      type: error.name,
      ...(error instanceof KyyError && { kind: error.kind }),
      ...(typeof record.next === 'string' && { next: record.next }),
      message: messageInCliTerms(error, globals),
      details,
    };
  }
  return { exitCode: EXIT.failed, type: 'Error', message: String(error), details: {} };
}

/**
 * What to type next, in kyy's terms, aimed at the same service as the command that failed (so
 * a pasted hint after `kyy --mock …` goes to the mock too).
 */
export function hint(report: ErrorReport, globals?: Partial<GlobalOptions>): string | undefined {
  const id = typeof report.details.assetId === 'string' ? report.details.assetId : undefined;
  const kyy = (rest: string) => kyyCommand(globals, rest);
  if (report.next !== undefined) {
    if (report.exitCode === EXIT.interrupted) {
      return `The task goes on at the service; resume with: ${report.next}`;
    }
    // A wait that ran out, or a task not done yet: waiting is what is left to do.
    const waiting = report.exitCode === EXIT.waitTimedOut || report.kind === undefined;
    return waiting
      ? `Keep waiting with: ${report.next}`
      : `The task exists; resume with: ${report.next}`;
  }
  switch (report.kind) {
    case 'wait-timeout':
      return id && `Keep waiting with: ${kyy(`assets wait ${id} --timeout 600`)}`;
    case 'asset-failed':
      return id && `${id} cannot be used; remove it with: ${kyy(`assets delete ${id} --yes`)}`;
    case 'abort':
      return id && report.details.operation === 'wait'
        ? `${id} exists; keep waiting with: ${kyy(`assets wait ${id}`)}`
        : undefined;
    case 'authentication':
      return 'Check the key in KYY_API_KEY or the file given to --api-key-file.';
    default:
      return undefined;
  }
}

/**
 * Prints the report on stderr: one JSON document with --json, else one or two readable lines.
 * The next step is in both: a `hint` field in JSON, a second line for humans (not with --quiet).
 */
export function printErrorReport(
  report: ErrorReport,
  out: Output,
  globals?: Partial<GlobalOptions>,
): void {
  if (report.exitCode === EXIT.ok) return;
  const next = hint(report, globals);
  if (out.json) {
    const body = {
      error: {
        type: report.type,
        message: report.message,
        exitCode: report.exitCode,
        ...(next !== undefined && { hint: next }),
        ...report.details,
      },
    };
    out.stderr.write(`${JSON.stringify(body, null, 2)}\n`);
    return;
  }
  const c = out.errColor;
  out.stderr.write(`${c.red('error:')} ${report.message}\n`);
  if (next && !out.quiet) out.stderr.write(`${c.dim(next)}\n`);
  if (report.exitCode === EXIT.usage && report.type === 'UsageError' && !out.quiet) {
    out.stderr.write(`${c.dim('Run with --help for usage and examples.')}\n`);
  }
}
