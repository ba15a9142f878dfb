import {
  type CreateVideoTaskRequest,
  checkVideoTask,
  EXAMPLE_VIDEO_TASK_REQUEST,
  errorsOf,
  KYYVIDEO2_MODELS,
  type Problem,
  toVideoTaskFields,
  VIDEO_MODEL_TIERS,
  VIDEO_TASK_FIELDS,
} from '@kyyvideo/contract';
import { tidyUrlField } from './url-field.js';

/** What the "Generate video" form holds: text as typed, lists one item per line. */
export interface VideoFormValues {
  prompt: string;
  model: string;
  /** Empty means "leave it out" (the service's default). */
  duration: string;
  aspectRatio: string;
  generateAudio: boolean;
  firstImage: string;
  lastImage: string;
  referenceImages: string;
  referenceVideos: string;
  referenceAudios: string;
}

/** The fast model of the KyyVideo2 family: a try in the playground should not take minutes. */
const FAST_MODEL = KYYVIDEO2_MODELS.find((model) => VIDEO_MODEL_TIERS[model] === 'fast') as string;

/** What the form shows first: a fast model, the documentation's example ratio, audio on. */
export const DEFAULT_VIDEO_FORM: VideoFormValues = {
  prompt: '',
  model: FAST_MODEL,
  duration: '',
  aspectRatio: EXAMPLE_VIDEO_TASK_REQUEST.aspect_ratio,
  generateAudio: true,
  firstImage: '',
  lastImage: '',
  referenceImages: '',
  referenceVideos: '',
  referenceAudios: '',
};

/** A task field, named as the API names it (the names the contract's problems carry). */
export type VideoField = (typeof VIDEO_TASK_FIELDS)[number];

/**
 * Each task field as the form labels it, in the form's order; a rule's hint is told in these
 * words, not the API's.
 */
export const VIDEO_FIELD_LABELS: Record<VideoField, string> = {
  prompt: 'Prompt',
  model: 'Model',
  duration: 'Duration',
  aspect_ratio: 'Aspect ratio',
  generateAudio: 'Generate audio',
  first_image: 'First frame',
  last_image: 'Last frame',
  referenceImages: 'Reference images',
  referenceVideos: 'Reference videos',
  referenceAudios: 'Reference audios',
};

/** API field names inside a rule's hint ("Leave out referenceImages when first_image …"). */
const FIELD_IN_TEXT = new RegExp(
  `\\b(${Object.keys(VIDEO_FIELD_LABELS)
    .filter((field) => field.includes('_') || /[A-Z]/.test(field))
    .join('|')})\\b`,
  'g',
);

/** A rule's hint with the task's field names replaced by the form's labels. */
export function inFormTerms(hint: string): string {
  return hint.replace(FIELD_IN_TEXT, (field) => `“${VIDEO_FIELD_LABELS[field as VideoField]}”`);
}

/** The form's URL fields and whether each holds a list. */
export const VIDEO_URL_FIELDS = {
  firstImage: false,
  lastImage: false,
  referenceImages: true,
  referenceVideos: true,
  referenceAudios: true,
} as const satisfies Partial<Record<keyof VideoFormValues, boolean>>;

/** The form with every URL field tidied (see {@link tidyUrlField}); other fields as typed. */
export function tidyVideoForm(values: VideoFormValues): VideoFormValues {
  const tidied = { ...values };
  for (const [key, multiple] of Object.entries(VIDEO_URL_FIELDS))
    tidied[key as keyof typeof VIDEO_URL_FIELDS] = tidyUrlField(
      values[key as keyof typeof VIDEO_URL_FIELDS],
      multiple,
    );
  return tidied;
}

export type VideoFormCheck =
  | { ok: true; body: CreateVideoTaskRequest; warnings: string[] }
  | { ok: false; errors: Partial<Record<VideoField, string>>; warnings: string[] };

/** Non-empty lines, without the spaces a paste brings along; the rules check what is left. */
function lines(text: string): string[] | undefined {
  const items = text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
  return items.length > 0 ? items : undefined;
}

const given = (text: string) => (text === '' ? undefined : text);

/**
 * The request body the form describes, with empty fields left out. Values are passed on as
 * typed (a duration that is not a number stays a number the rules refuse, never a guess).
 */
export function toVideoTaskBody(values: VideoFormValues): Record<string, unknown> {
  const duration = values.duration.trim();
  return toVideoTaskFields(
    {
      model: values.model,
      prompt: values.prompt,
      duration: duration === '' ? undefined : Number(duration),
      firstImage: given(values.firstImage),
      lastImage: given(values.lastImage),
      aspectRatio: given(values.aspectRatio),
      generateAudio: values.generateAudio,
      references: {
        images: lines(values.referenceImages),
        videos: lines(values.referenceVideos),
        audios: lines(values.referenceAudios),
      },
    },
    // Media go as typed: the rules, not the form, say whether an id needs its asset:// prefix.
    (media) => media,
  );
}

const isVideoField = (field: string): field is VideoField =>
  (VIDEO_TASK_FIELDS as readonly string[]).includes(field);

/** The form field a problem belongs to, and for one item of a list the line it came from. */
function locate(problem: Problem): { field: VideoField; line?: number } | undefined {
  if (problem.item) {
    const { field, index } = problem.item;
    return isVideoField(field) ? { field, line: index + 1 } : undefined;
  }
  return isVideoField(problem.field) ? { field: problem.field } : undefined;
}

function sentence(problem: Problem): string {
  const where = locate(problem);
  const hint = inFormTerms(problem.hint);
  return where?.line === undefined ? hint : `Line ${where.line}: ${hint}`;
}

/**
 * Checks the form with the contract's own rules (`checkVideoTask`): errors are shown by their
 * field and block the submit; warnings (limits only public code states) are shown and sent anyway.
 */
export function checkVideoForm(values: VideoFormValues): VideoFormCheck {
  const body = toVideoTaskBody(values);
  const problems = checkVideoTask(body);
  const warnings = problems
    .filter((problem) => problem.severity === 'warning')
    .map((problem) => {
      const field = locate(problem)?.field;
      return `${field ? VIDEO_FIELD_LABELS[field] : problem.field}: ${sentence(problem)}`;
    });
  const errors: Partial<Record<VideoField, string>> = {};
  for (const problem of errorsOf(problems)) {
    const field = locate(problem)?.field ?? 'prompt';
    errors[field] ??= sentence(problem);
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors, warnings };
  return { ok: true, body: body as CreateVideoTaskRequest, warnings };
}
