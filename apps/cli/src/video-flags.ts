import { KyyInputError } from '@kyyvideo/client/errors';
import {
  buildVideoTask,
  type CreateVideoTaskRequest,
  InvalidVideoTaskError,
  type Problem,
  type VideoModel,
  type VideoTaskInput,
} from '@kyyvideo/contract';
import { UsageError } from './errors.js';

/**
 * The one table from the API's task fields to kyy's flags. The contract's rules name fields as
 * the API does (`first_image`); kyy's users typed `--first-frame`, so every problem is said back
 * in those words.
 */
export const FLAG_OF_FIELD = {
  model: '--model',
  prompt: '<prompt>',
  duration: '--duration',
  first_image: '--first-frame',
  last_image: '--last-frame',
  aspect_ratio: '--aspect-ratio',
  generateAudio: '--audio/--no-audio',
  referenceImages: '--ref-image',
  referenceVideos: '--ref-video',
  referenceAudios: '--ref-audio',
} as const;

type Field = keyof typeof FLAG_OF_FIELD;

/** The task flags of `kyy generate` and `kyy videos create`, as commander hands them over. */
export interface TaskFlags {
  prompt: string;
  model: string;
  duration?: number | string;
  aspectRatio?: string;
  audio?: boolean;
  firstFrame?: string;
  lastFrame?: string;
  refImage?: string[];
  refVideo?: string[];
  refAudio?: string[];
}

/**
 * A task field as kyy's flag; with the position of a list item (a problem's `item`, an asset of
 * `generate`), which of the repeated flags, counted from 1: `referenceImages`, 1 → `--ref-image (2nd)`.
 */
export function flagOf(field: string, index?: number): string {
  const flag = Object.hasOwn(FLAG_OF_FIELD, field) ? FLAG_OF_FIELD[field as Field] : undefined;
  if (flag === undefined) return field;
  return index === undefined ? flag : `${flag} (${ordinal(index + 1)})`;
}

function ordinal(n: number): string {
  const tens = n % 100;
  if (tens >= 11 && tens <= 13) return `${n}th`;
  return `${n}${['th', 'st', 'nd', 'rd'][n % 10] ?? 'th'}`;
}

/** API field names inside a rule's hint ("Leave out referenceImages when first_image …"). */
const FIELD_IN_TEXT = new RegExp(
  `\\b(${Object.keys(FLAG_OF_FIELD)
    .filter((field) => field.includes('_') || /[A-Z]/.test(field))
    .join('|')})\\b`,
  'g',
);

/** One problem of the contract's rules as a sentence about kyy's flags. */
export function problemInFlagTerms(problem: Problem): string {
  const got = problem.value === undefined ? '' : ` (got ${JSON.stringify(problem.value)})`;
  const hint = problem.hint.replace(FIELD_IN_TEXT, (field) => flagOf(field));
  const where = problem.item
    ? flagOf(problem.item.field, problem.item.index)
    : flagOf(problem.field);
  return `${where}: ${hint}${got}`;
}

/** `--duration 10` is a number for the rules; anything else is left for them to refuse. */
function durationValue(value: number | string | undefined): number | string | undefined {
  if (typeof value !== 'string') return value;
  const text = value.trim();
  return text !== '' && Number.isFinite(Number(text)) ? Number(text) : value;
}

/** The flags as the client's camelCase task input (what `kyy.generate` takes). */
export function taskInput(flags: TaskFlags): VideoTaskInput {
  const input: VideoTaskInput = { model: flags.model as VideoModel, prompt: flags.prompt };
  const duration = durationValue(flags.duration);
  if (duration !== undefined) input.duration = duration as number;
  if (flags.aspectRatio !== undefined) input.aspectRatio = flags.aspectRatio;
  if (flags.audio !== undefined) input.generateAudio = flags.audio;
  if (flags.firstFrame !== undefined) input.firstImage = flags.firstFrame;
  if (flags.lastFrame !== undefined) input.lastImage = flags.lastFrame;
  const references: NonNullable<VideoTaskInput['references']> = {};
  if (flags.refImage?.length) references.images = flags.refImage;
  if (flags.refVideo?.length) references.videos = flags.refVideo;
  if (flags.refAudio?.length) references.audios = flags.refAudio;
  if (Object.keys(references).length > 0) input.references = references;
  return input;
}

/**
 * The task checked by the contract's rules (the same `checkVideoTask` the client runs before
 * sending), so that a refusal names kyy's flags and nothing is sent. Every error is listed.
 */
export function checkedTask(input: VideoTaskInput): CreateVideoTaskRequest {
  try {
    return buildVideoTask(input);
  } catch (error) {
    if (!(error instanceof InvalidVideoTaskError)) throw error;
    throw new UsageError(error.problems.map(problemInFlagTerms).join('\n'));
  }
}

/**
 * The client's refusal of a task, said in flags: it checks the task with the contract's rules
 * before anything is sent or uploaded, and its error carries the problems it found. Any other
 * error is returned as it is.
 */
export function refusalInFlagTerms(error: unknown): unknown {
  if (!(error instanceof KyyInputError) || error.problems.length === 0) return error;
  return new UsageError(error.problems.map(problemInFlagTerms).join('\n'), { cause: error });
}

/** A warning of the rules (never refuses) as a note for the terminal. */
export function warningLine(problem: Problem): string {
  return `note: ${problemInFlagTerms(problem)}`;
}
