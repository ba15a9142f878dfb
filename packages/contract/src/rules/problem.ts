import { shownValue } from './value.js';

/**
 * What is wrong with one input field, in a form every consumer can rephrase in its own words
 * (`--url`, `line 7: url`, a form field). Rules return problems; they never throw and never
 * build sentences about flags or forms.
 */
export interface Problem {
  /**
   * The input field, named as the API names it (`url`, `assetType`, `first_image`, …); for one
   * item of a list, the list and the item's position (`referenceImages[2]`).
   */
  readonly field: string;
  /**
   * Set only when the problem is about one item of a list: the list field as the API names it
   * and the item's position from 0 (`referenceImages[2]` → `{ field: 'referenceImages', index: 2 }`),
   * so a consumer can point at the flag or form row without parsing `field`.
   */
  readonly item?: ProblemItem;
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

/** Which item of a list field a {@link Problem} is about. */
export interface ProblemItem {
  /** The list field, named as the API names it (`referenceImages`). */
  readonly field: string;
  /** The item's position in the list, from 0. */
  readonly index: number;
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

/**
 * The problems of one list item, located: `field` reads `list[index]` (as every message shows it)
 * and `item` says the same in parts.
 */
export function inListItem(
  list: string,
  index: number,
  check: (field: string) => readonly Problem[],
): Problem[] {
  return check(`${list}[${index}]`).map((found) => ({ ...found, item: { field: list, index } }));
}
