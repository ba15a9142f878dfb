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
  return where?.line === undefined ? problem.hint : `Line ${where.line}: ${problem.hint}`;
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
    .map((problem) => `${problem.field}: ${sentence(problem)}`);
  const errors: Partial<Record<VideoField, string>> = {};
  for (const problem of errorsOf(problems)) {
    const field = locate(problem)?.field ?? 'prompt';
    errors[field] ??= sentence(problem);
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors, warnings };
  return { ok: true, body: body as CreateVideoTaskRequest, warnings };
}
