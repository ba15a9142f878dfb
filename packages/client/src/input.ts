import {
  type AssetType,
  checkUpload,
  errorsOf,
  type Problem,
  parseAssetIdOrRef,
} from '@kyyvideo/contract';
import { KyyInputError, type KyyOperation } from './errors.js';

export type UploadInput = { assetType: AssetType; url: string; name?: string };

/** A problem from the contract's rules, as one sentence naming the argument. */
export function sentence(problem: Problem, where: string): string {
  const field = problem.field === 'body' ? where || 'upload input' : `${where}${problem.field}`;
  const value = problem.value === undefined ? '' : ` ${JSON.stringify(problem.value)}`;
  return `${field}${value} is not accepted: ${problem.hint}`;
}

/**
 * Checks an upload's arguments with the contract's rules (every consumer applies the same ones);
 * `where` prefixes messages (e.g. `items[2].`) in batches.
 */
export function checkUploadInput(input: unknown, where = ''): UploadInput {
  const problems = errorsOf(checkUpload(input));
  if (problems.length > 0) {
    throw new KyyInputError(problems.map((problem) => sentence(problem, where)).join(' '), {
      operation: 'input',
      problems,
    });
  }
  const { assetType, url, name } = input as UploadInput;
  return name === undefined ? { assetType, url } : { assetType, url, name };
}

/**
 * The asset id for a path, from an id or an `asset://` reference (the contract's one parser).
 * Only the documented id shape passes, so no id can point a request at another path.
 */
export function checkAssetId(assetId: unknown, operation: KyyOperation): string {
  const parsed = parseAssetIdOrRef(assetId);
  if (parsed.ok) return parsed.assetId;
  throw new KyyInputError(`${operation}: ${sentence(parsed.problem, '')}`, {
    operation: 'input',
    problems: [parsed.problem],
  });
}
