import { checkName, checkUrl, errorsOf } from '@kyyvideo/contract/rules';
import { UsageError } from './errors.js';
import { problemSentence } from './validate.js';

/**
 * The contract's length limits for an upload's url and name (the same in every consumer),
 * checked up front so a batch reports every offending line at once instead of failing item by item.
 */
export function checkLengths(input: { url: string; name?: string }, prefix = ''): void {
  const [first] = errorsOf([
    ...checkUrl(input.url).map((problem) => ({ ...problem, field: 'the URL' })),
    ...checkName(input.name).map((problem) => ({ ...problem, field: 'the name' })),
  ]);
  if (first) throw new UsageError(problemSentence(first, `${prefix}${first.field}`));
}
