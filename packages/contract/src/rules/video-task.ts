import { ASSET_ID_PATTERN, ASSET_REF_PREFIX } from '../constants.js';
import {
  ASPECT_RATIOS_IN_PUBLIC_CODE,
  DOCUMENTED_VIDEO_DURATION_S,
  REFERENCE_CAPS_IN_PUBLIC_CODE,
  VIDEO_MODELS,
  type VideoTaskReferenceField,
} from '../video-constants.js';
import type { CreateVideoTaskRequest, VideoModel } from '../video-schemas.js';
import { checkAssetIdOrRef } from './asset-id.js';
import { EXAMPLE_ASSET_REF, EXAMPLE_URL } from './limits.js';
import { inListItem, problem as makeProblem, type Problem } from './problem.js';
import { checkUrl } from './url.js';
import { typeName } from './value.js';

const REFERENCE_FIELDS = [
  'referenceImages',
  'referenceVideos',
  'referenceAudios',
] as const satisfies readonly VideoTaskReferenceField[];

/** Every field the create call documents, in the documentation's order. */
export const VIDEO_TASK_FIELDS = [
  'model',
  'prompt',
  'duration',
  'first_image',
  'last_image',
  'aspect_ratio',
  'generateAudio',
  ...REFERENCE_FIELDS,
] as const;

const OPTIONAL_FIELDS = VIDEO_TASK_FIELDS.filter(
  (field) => field !== 'model' && field !== 'prompt',
);

const MODEL_LIST = VIDEO_MODELS.join(', ');
const { min: MIN_DURATION, max: MAX_DURATION } = DOCUMENTED_VIDEO_DURATION_S;

const problem = (
  field: string,
  kind: Problem['kind'],
  hint: string,
  value?: unknown,
  severity: Problem['severity'] = 'error',
) => makeProblem(field, kind, hint, value, severity);

// `KyyVideo2-Fast`, `seedance-2.0` and `firstImage` all mean something we know: compare names
// without case and punctuation to offer it.
const squash = (text: string) => text.toLowerCase().replace(/[^a-z0-9]/g, '');
function closest<T extends string>(value: string, names: readonly T[]): T | undefined {
  return names.find((name) => squash(name) === squash(value));
}

const isAbsent = (value: unknown) => value === undefined || value === null;

/** Whether a value has been given: absent, `null` and `[]` give nothing. */
const isGiven = (value: unknown) =>
  !isAbsent(value) && !(Array.isArray(value) && value.length === 0);

/** True for one of the documented model names, of either family. */
export function isVideoModel(value: unknown): value is VideoModel {
  return typeof value === 'string' && (VIDEO_MODELS as readonly string[]).includes(value);
}

/** `model`: required, one of the documented names (both families are accepted). */
export function checkVideoModel(value: unknown, field = 'model'): Problem[] {
  if (isAbsent(value) || value === '') {
    return [problem(field, 'missing', `Give a model, one of ${MODEL_LIST}.`)];
  }
  if (typeof value !== 'string') {
    return [problem(field, 'type', `Give the model name as a string (got ${typeName(value)}).`)];
  }
  if (isVideoModel(value)) return [];
  const right = closest(value, VIDEO_MODELS);
  return [
    problem(
      field,
      'unknown-value',
      right ? `Did you mean '${right}'?` : `Use one of ${MODEL_LIST}.`,
      value,
    ),
  ];
}

/**
 * Media for a task: a public http(s) URL (the URL rule of uploads) or an asset as
 * `asset://{assetId}` (the asset id rule). A bare asset id is refused: the service reads the
 * field as a URL.
 */
export function checkMediaReference(value: unknown, field: string): Problem[] {
  if (isAbsent(value) || value === '') {
    return [
      problem(
        field,
        'missing',
        `Give a public URL like ${EXAMPLE_URL} or an asset reference like ${EXAMPLE_ASSET_REF}.`,
      ),
    ];
  }
  if (typeof value !== 'string') {
    return [
      problem(
        field,
        'type',
        `Give a URL or an asset:// reference as a string (got ${typeName(value)}).`,
      ),
    ];
  }
  if (value.startsWith(ASSET_REF_PREFIX)) return checkAssetIdOrRef(value, field);
  if (ASSET_ID_PATTERN.test(value)) {
    return [
      problem(
        field,
        'format',
        `Write the asset as a reference: ${ASSET_REF_PREFIX}${value}.`,
        value,
      ),
    ];
  }
  return checkUrl(value, field);
}

function checkPrompt(value: unknown): Problem[] {
  if (isAbsent(value) || (typeof value === 'string' && value.trim() === '')) {
    return [problem('prompt', 'missing', 'Describe the video to generate.')];
  }
  if (typeof value !== 'string') {
    return [problem('prompt', 'type', `Give the prompt as a string (got ${typeName(value)}).`)];
  }
  return [];
}

function checkDuration(value: unknown): Problem[] {
  if (isAbsent(value)) return [];
  const range = `${MIN_DURATION} to ${MAX_DURATION}`;
  if (typeof value !== 'number') {
    return [
      problem(
        'duration',
        'type',
        `Give the duration as a number of seconds, ${range} (got ${typeName(value)}).`,
        value,
      ),
    ];
  }
  if (!Number.isInteger(value)) {
    return [
      problem('duration', 'format', `Give a whole number of seconds, ${range}.`, String(value)),
    ];
  }
  if (value < MIN_DURATION || value > MAX_DURATION) {
    return [
      problem(
        'duration',
        'out-of-range',
        `Give ${range} seconds (leave it out for ${DOCUMENTED_VIDEO_DURATION_S.default}).`,
        String(value),
      ),
    ];
  }
  return [];
}

function checkAspectRatio(value: unknown): Problem[] {
  if (isAbsent(value)) return [];
  if (typeof value !== 'string') {
    return [
      problem(
        'aspect_ratio',
        'type',
        `Give the aspect ratio as a string like "16:9" (got ${typeName(value)}).`,
      ),
    ];
  }
  if ((ASPECT_RATIOS_IN_PUBLIC_CODE as readonly string[]).includes(value)) return [];
  // The documented list is not known: public code uses these values, the service may take more.
  return [
    problem(
      'aspect_ratio',
      'unknown-value',
      `Not one of the values known to work (${ASPECT_RATIOS_IN_PUBLIC_CODE.join(', ')}); the documentation does not list them all, so it is sent as given.`,
      value,
      'warning',
    ),
  ];
}

function checkGenerateAudio(value: unknown): Problem[] {
  if (isAbsent(value) || typeof value === 'boolean') return [];
  return [
    problem(
      'generateAudio',
      'type',
      `Give true or false (got ${typeName(value)}).`,
      typeof value === 'string' ? value : undefined,
    ),
  ];
}

function checkReferences(field: VideoTaskReferenceField, value: unknown): Problem[] {
  if (isAbsent(value)) return [];
  if (!Array.isArray(value)) {
    return [
      problem(
        field,
        'type',
        typeof value === 'string'
          ? 'Give a list, even for one item: [ "…" ].'
          : `Give a list of URLs or asset:// references (got ${typeName(value)}).`,
        value,
      ),
    ];
  }
  const problems = value.flatMap((item, index) =>
    inListItem(field, index, (where) => checkMediaReference(item, where)),
  );
  const cap = REFERENCE_CAPS_IN_PUBLIC_CODE[field];
  if (value.length > cap) {
    problems.push(
      problem(
        field,
        'too-many',
        `${value.length} given; public code sends at most ${cap}. The documentation states no limit, so it is sent as given.`,
        undefined,
        'warning',
      ),
    );
  }
  return problems;
}

function checkCombinations(body: Record<string, unknown>): Problem[] {
  const problems: Problem[] = [];
  if (isGiven(body.first_image)) {
    for (const field of REFERENCE_FIELDS) {
      if (isGiven(body[field])) {
        problems.push(
          problem(
            field,
            'conflict',
            `Leave out ${field} when first_image is given, or leave out first_image: the two ways of guiding a video cannot be combined.`,
          ),
        );
      }
    }
  } else if (isGiven(body.last_image)) {
    problems.push(
      problem(
        'last_image',
        'conflict',
        'Give first_image as well: last_image is only accepted together with it.',
      ),
    );
  }
  return problems;
}

function checkUnknownFields(body: Record<string, unknown>): Problem[] {
  return Object.keys(body)
    .filter((key) => !(VIDEO_TASK_FIELDS as readonly string[]).includes(key))
    .map((key) => {
      const right = closest(key, VIDEO_TASK_FIELDS);
      // A misspelt field is silently ignored by a JSON API: say so, without refusing.
      return problem(
        key === '' ? '""' : key,
        'unknown-value',
        right
          ? `The API has no field '${key}': did you mean '${right}'?`
          : `The API documents no field "${key}"; it is sent as given.`,
        undefined,
        'warning',
      );
    });
}

/**
 * Every problem with a create-task body at once. Errors are the documented rules (required
 * model and prompt, duration 4–15, first_image exclusive with the reference lists, last_image
 * only with first_image, every medium a URL or `asset://` ref); warnings are the limits only
 * public code states (aspect ratios, 9/3/3 references) and fields the API does not document.
 * Which models take reference videos is not checked here: see {@link checkReferenceVideoRule}.
 */
export function checkVideoTask(input: unknown): Problem[] {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return [
      problem(
        'body',
        'type',
        `Give an object like { model: 'kyyvideo2', prompt: '…' } (got ${typeName(input)}).`,
      ),
    ];
  }
  const body = input as Record<string, unknown>;
  // The spec gives no optional field a null type: an explicit null is refused, not read as absent.
  const nulls = OPTIONAL_FIELDS.filter((field) => body[field] === null);
  if (nulls.length > 0) {
    const withoutNulls = Object.fromEntries(
      Object.entries(body).filter(([key]) => !(nulls as string[]).includes(key)),
    );
    return [
      ...nulls.map((field) =>
        problem(field, 'type', `Leave ${field} out instead of sending null.`),
      ),
      ...checkVideoTask(withoutNulls),
    ];
  }
  return [
    ...checkVideoModel(body.model),
    ...checkPrompt(body.prompt),
    ...checkDuration(body.duration),
    ...(isAbsent(body.first_image) ? [] : checkMediaReference(body.first_image, 'first_image')),
    ...(isAbsent(body.last_image) ? [] : checkMediaReference(body.last_image, 'last_image')),
    ...checkAspectRatio(body.aspect_ratio),
    ...checkGenerateAudio(body.generateAudio),
    ...REFERENCE_FIELDS.flatMap((field) => checkReferences(field, body[field])),
    ...checkCombinations(body),
    ...checkUnknownFields(body),
  ];
}

/** True when {@link checkVideoTask} finds no error; narrows the input to a request body. */
export function isValidVideoTask(input: unknown): input is CreateVideoTaskRequest {
  return checkVideoTask(input).every((found) => found.severity !== 'error');
}
