import type { AssetType } from '@kyyvideo/contract';
import {
  checkAssetType,
  checkName,
  checkUrl,
  errorsOf,
  type Problem,
  parseAssetIdOrRef,
} from '@kyyvideo/contract/rules';
import { UsageError } from './errors.js';
import { quote } from './quote.js';

export { quote };

/**
 * A problem from the contract's rules in kyy's words: `what` names the flag or manifest field
 * (`--url`, `"url"`), the rule supplies the hint. The rules are the same in the client, the
 * mock and the playground, so what kyy refuses, they refuse too.
 */
export function problemSentence(problem: Problem, what: string): string {
  const got = problem.value === undefined ? '' : ` (got ${JSON.stringify(problem.value)})`;
  return `${what}: ${problem.hint}${got}`;
}

function refuse(problems: readonly Problem[], what: string): void {
  const [first] = errorsOf(problems);
  if (first) throw new UsageError(problemSentence(first, what));
}

/** One of Image, Video, Audio, Document, exact case (the service is case-sensitive). */
export function parseAssetType(value: string, what = '--type'): AssetType {
  refuse(checkAssetType(value), what);
  return value as AssetType;
}

/** A public http(s) URL the service can fetch. Checked here so nothing is sent for a typo. */
export function parseAssetUrl(value: string, what = '--url'): string {
  refuse(checkUrl(value), what);
  return value;
}

/** An asset's label: optional, but when given not blank and within the contract's limit. */
export function parseAssetName(value: string, what = '--name'): string {
  refuse(checkName(value), what);
  return value;
}

/** An asset id, or an `asset://` reference to one (what generation tasks use). */
export function parseAssetIdArg(value: string, what = '<assetId>'): string {
  const parsed = parseAssetIdOrRef(value);
  if (!parsed.ok) throw new UsageError(problemSentence(parsed.problem, what));
  return parsed.assetId;
}
