import {
  KyyAssetFailedError,
  KyyError,
  type KyyErrorKind,
  KyyGenerateError,
  KyyVideoFailedError,
  KyyWaitTimeoutError,
} from '@kyyvideo/client/errors';
import { DOCUMENTED_POLL_TIMEOUT_MS } from '@kyyvideo/contract/rules';
import { effectiveKind, messageInCliTerms } from './client-messages.js';
import type { GlobalOptions } from './context.js';
import { NotConfirmedError, ResultsBusyError, UsageError } from './errors.js';
import { EXIT, type ExitCode } from './exit-codes.js';
import { type FailureContext, unwrapFailure } from './failure.js';
import { kyyCommand } from './next-command.js';
import type { Output } from './output.js';
import { REDACTED } from './redact.js';

/** A wait that ran out is offered twice the documentation's own polling limit, in s. */
const KEEP_WAITING_S = (2 * DOCUMENTED_POLL_TIMEOUT_MS) / 1000;

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

function exitCodeOf(error: Error, context: FailureContext): ExitCode {
  const code = exitCodeByType(error);
  // An error with a resume command came after something was sent (a paid create): never exit 2,
  // which promises that nothing was.
  return code === EXIT.usage && context.next !== undefined ? EXIT.failed : code;
}

function exitCodeByType(error: Error): ExitCode {
  if (error instanceof UsageError) return EXIT.usage;
  if (error instanceof NotConfirmedError) return EXIT.failed;
  if (error instanceof ResultsBusyError) return EXIT.busy;
  if (error instanceof KyyError) return EXIT_BY_KIND[effectiveKind(error)] ?? EXIT.failed;
  return EXIT.failed;
}

/**
 * The fields of a client error worth reporting, and the ids kyy knew; everything else (headers,
 * causes) stays out.
 */
function detailsOf(error: Error, context: FailureContext): Record<string, unknown> {
  const kyy = error instanceof KyyError ? error : undefined;
  const fields = {
    code: kyy?.code,
    msg: kyy?.msg,
    httpStatus: kyy?.httpStatus,
    operation: kyy?.operation,
    assetId: kyy?.assetId ?? context.assetId,
    lastStatus: error instanceof KyyWaitTimeoutError ? error.lastStatus : undefined,
    taskId: kyy?.taskId ?? context.taskId,
    step: error instanceof KyyGenerateError ? error.step : undefined,
    // generate reports a failed task through its cause; the service's own words belong on top.
    serviceError:
      error instanceof KyyVideoFailedError
        ? error.serviceError
        : error.cause instanceof KyyVideoFailedError
          ? error.cause.serviceError
          : undefined,
    asset: error instanceof KyyAssetFailedError ? error.asset : undefined,
    // generate's assets made so far: they exist, so the user needs their ids.
    assets: error instanceof KyyGenerateError && error.assets.length > 0 ? error.assets : undefined,
  };
  return Object.fromEntries(
    Object.entries(fields).filter(([, value]) => value !== undefined && value !== null),
  );
}

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
  if (required) return `${required[1]} is required.`;
  const flag = "'(?:-\\w, )?(--[\\w-]+)[^']*'";
  const conflict = new RegExp(`^option ${flag} cannot be used with option ${flag}$`).exec(text);
  return conflict ? `Use either ${conflict[1]} or ${conflict[2]}, not both.` : text;
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
  const { error: thrown, context } = unwrapFailure(error);
  if (thrown instanceof Error) {
    return {
      exitCode: exitCodeOf(thrown, context),
      type: thrown.name,
      ...(thrown instanceof KyyError && { kind: thrown.kind }),
      ...(context.next !== undefined && { next: context.next }),
      message: messageInCliTerms(thrown, globals, context),
      details: detailsOf(thrown, context),
    };
  }
  return { exitCode: EXIT.failed, type: 'Error', message: String(thrown), details: {} };
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
      return id && `Keep waiting with: ${kyy(`assets wait ${id} --timeout ${KEEP_WAITING_S}`)}`;
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
