import {
  REFERENCE_VIDEO_RULES,
  type ReferenceVideoRuleName,
  VIDEO_MODEL_TIERS,
} from '../video-constants.js';
import { type Problem, refusal } from './problem.js';
import { isVideoModel } from './video-task.js';

/**
 * Applies one of the two documented versions of "which models take reference videos" to a task
 * body. Not part of {@link checkVideoTask}: the documentation states it both ways, so only a
 * consumer that has chosen a version (the mock, by an option) calls this. An unknown model gives
 * no problem here; `checkVideoTask` reports it.
 */
export function checkReferenceVideoRule(
  input: unknown,
  version: ReferenceVideoRuleName,
): Problem[] {
  if (typeof input !== 'object' || input === null) return [];
  const { model, referenceVideos } = input as Record<string, unknown>;
  if (!isVideoModel(model)) return [];
  const use = REFERENCE_VIDEO_RULES[version][VIDEO_MODEL_TIERS[model]];
  const given = Array.isArray(referenceVideos) && referenceVideos.length > 0;
  if (use === 'forbidden' && given) {
    return [
      refusal(
        'referenceVideos',
        'conflict',
        `Model ${model} takes no reference videos; leave them out or choose a model that takes them.`,
      ),
    ];
  }
  if (use === 'required' && !given) {
    return [
      refusal(
        'referenceVideos',
        'missing',
        `Model ${model} needs at least one reference video; add one or choose a model that does not.`,
      ),
    ];
  }
  return [];
}
