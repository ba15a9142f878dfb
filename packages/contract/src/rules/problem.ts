import { shownValue } from './value.js';

/**
 * What is wrong with one input field, in a form every consumer can rephrase in its own words
 * (`--url`, `line 7: url`, a form field). Rules return problems; they never throw and never
 * build sentences about flags or forms.
 */
export interface Problem {
  /** The input field, named as the API names it (`url`, `assetType`, `first_image`, …). */
  readonly field: string;
  /** A stable tag a consumer can switch on. */
  readonly kind: ProblemKind;
  /** What to fix, as one sentence without a field prefix ("Use an absolute http(s) URL."). */
  readonly hint: string;
  /** The offending value, shortened and with secrets redacted, safe to print; absent when empty. */
  readonly value?: string;
  /**
   * `error` refuses the input. `warning` is for limits the service's documentation does not state
   * (public code uses them): report them, never refuse on them.
   */
  readonly severity: 'error' | 'warning';
}

export type ProblemKind =
  /** Required and absent or empty. */
  | 'missing'
  /** The wrong JavaScript type (a number where a string belongs). */
  | 'type'
  /** Not one of the allowed values (may carry a "did you mean" hint). */
  | 'unknown-value'
  /** Well typed but malformed (a URL that does not parse, an id of the wrong shape). */
  | 'format'
  /** Longer than the limit. */
  | 'too-long'
  /** A number outside its range. */
  | 'out-of-range'
  /** Two fields that may not be used together, or one that needs another. */
  | 'conflict'
  /** More items than a limit allows. */
  | 'too-many';

/** Only the problems that refuse the input. */
export function errorsOf(problems: readonly Problem[]): Problem[] {
  return problems.filter((problem) => problem.severity === 'error');
}

/** A refusing problem, quoting the offending value (shortened, redacted) when there is one. */
export function refusal(field: string, kind: ProblemKind, hint: string, value?: unknown): Problem {
  return problem(field, kind, hint, value, 'error');
}

/** A problem of either severity, with the offending value shown safely when there is one. */
export function problem(
  field: string,
  kind: ProblemKind,
  hint: string,
  value: unknown,
  severity: Problem['severity'],
): Problem {
  const shown = shownValue(value);
  return shown === undefined
    ? { field, kind, hint, severity }
    : { field, kind, hint, value: shown, severity };
}
