import { createHash } from 'node:crypto';
import { extname } from 'node:path';
import {
  buildVideoTask,
  type CreateVideoTaskRequest,
  DOCUMENTED_VIDEO_DURATION_S,
  InvalidVideoTaskError,
  type MediaInput,
  type Problem,
  type VideoModel,
  type VideoTaskInput,
} from '@kyyvideo/contract';
import type { VideoRow } from '@kyyvideo/jobs';
import { UsageError } from '../errors.js';
import { plural } from '../plural.js';
import { quote } from '../validate.js';
import { DEFAULT_VIDEO_MODEL } from '../video-help.js';
import {
  type RawItem,
  rawFromCsv,
  rawFromJsonl,
  readManifestText,
  type TableShape,
} from './manifest-table.js';

/** One video of the manifest, with where it came from so messages can point at it. */
export interface VideoManifestRow extends VideoRow {
  /** "line 4", as a human counts. */
  where: string;
  /** Seconds of video asked for (the documented default when the row leaves it out). */
  seconds: number;
}

/** The manifest's column for each task field the contract's rules name. */
const COLUMN_OF_FIELD: Record<string, string> = {
  model: 'model',
  prompt: 'prompt',
  duration: 'duration',
  aspect_ratio: 'aspect_ratio',
  generateAudio: 'audio',
  first_image: 'first_frame',
  last_image: 'last_frame',
  referenceImages: 'ref_images',
  referenceVideos: 'ref_videos',
  referenceAudios: 'ref_audios',
};

const COLUMNS = [...Object.values(COLUMN_OF_FIELD), 'out'];

const SHAPE: TableShape = {
  columns: COLUMNS,
  keyColumn: 'prompt',
  header: 'prompt,model,duration,out',
  columnsText: `${COLUMNS.slice(0, -1).join(', ')} and out`,
  jsonExample: '{"prompt":"a cat in the rain","duration":5}',
  entryExample: '{"prompt":"a cat in the rain"}',
  entries: 'videos',
};

/** API field names inside a rule's hint, said back as the manifest's columns. */
const FIELD_IN_TEXT = new RegExp(`\\b(${Object.keys(COLUMN_OF_FIELD).join('|')})\\b`, 'g');

function problemInColumns(problem: Problem): string {
  const field = problem.item?.field ?? problem.field;
  const column = COLUMN_OF_FIELD[field] ?? field;
  const where = problem.item ? `${column} (item ${problem.item.index + 1})` : column;
  const got = problem.value === undefined ? '' : ` (got ${JSON.stringify(problem.value)})`;
  const hint = problem.hint.replace(FIELD_IN_TEXT, (f) => COLUMN_OF_FIELD[f] ?? f);
  return `${where}: ${hint}${got}`;
}

const isUrl = (value: string) => /^https?:\/\//i.test(value);

/** Several media in one cell, separated by spaces (or a JSON array in JSON lines). */
function mediaList(value: unknown, column: string, problems: string[]): MediaInput[] | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value;
  if (typeof value === 'string') return value.split(/\s+/).filter((v) => v !== '');
  problems.push(`${column}: must be URLs or asset:// references separated by spaces.`);
  return undefined;
}

function text(value: unknown, column: string, problems: string[]): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value === 'string') return value;
  problems.push(`${column}: must be text.`);
  return undefined;
}

function audio(value: unknown, problems: string[]): boolean | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value === 'boolean') return value;
  const word = String(value).trim().toLowerCase();
  if (word === 'true') return true;
  if (word === 'false') return false;
  problems.push(`audio: must be true or false (got ${JSON.stringify(value)}).`);
  return undefined;
}

/** `"10"` is a number for the rules; anything else is left for them to refuse. */
function duration(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const trimmed = value.trim();
  return trimmed !== '' && Number.isFinite(Number(trimmed)) ? Number(trimmed) : value;
}

/** A file name inside the output directory: no folders, nothing hidden (temporary files are). */
function outName(value: unknown, row: number, problems: string[]): string {
  const name = text(value, 'out', problems) ?? `row-${row}.mp4`;
  if (/[/\\]/.test(name) || name.startsWith('.') || name.trim() !== name) {
    problems.push(
      `out: must be a plain file name inside --out-dir, without folders or a leading dot (got ${JSON.stringify(name)}).`,
    );
  }
  return name;
}

function rowKey(task: CreateVideoTaskRequest, out: string): string {
  // By content: editing another row, or reordering, never makes this one a new video.
  return createHash('sha256')
    .update(JSON.stringify([task, out]))
    .digest('hex')
    .slice(0, 16);
}

/**
 * One manifest row: its problems go to `problems`; its `out` is returned even when it has some,
 * so a duplicate file name is reported together with them.
 */
function toRow(
  raw: Extract<RawItem, { values: unknown }>,
  number: number,
  options: { uploadReferences: boolean; json: boolean },
  problems: string[],
): { out: string; row?: VideoManifestRow } {
  const found: string[] = [];
  const values = Object.fromEntries(
    Object.entries(raw.values).map(([k, v]) => [k.trim().toLowerCase(), v]),
  );
  const unknown = Object.keys(values).filter((k) => !COLUMNS.includes(k));
  if (unknown.length > 0) {
    // A JSON line has keys where a CSV file has columns: the same names.
    const noun = options.json ? 'key' : 'column';
    found.push(
      `unknown ${noun} ${unknown.map((k) => quote(k)).join(', ')}; the ${noun}s are ${SHAPE.columnsText}.`,
    );
  }
  const prompt = text(values.prompt, 'prompt', found);
  const input: VideoTaskInput = {
    model: (text(values.model, 'model', found) ?? DEFAULT_VIDEO_MODEL) as VideoModel,
    prompt: prompt ?? '',
  };
  if (prompt === undefined) found.push('prompt: is missing; say what the video shows.');
  const seconds = duration(values.duration);
  if (seconds !== undefined && seconds !== '') input.duration = seconds as number;
  const ratio = text(values.aspect_ratio, 'aspect_ratio', found);
  if (ratio !== undefined) input.aspectRatio = ratio;
  const sound = audio(values.audio, found);
  if (sound !== undefined) input.generateAudio = sound;
  const first = text(values.first_frame, 'first_frame', found);
  if (first !== undefined) input.firstImage = first;
  const last = text(values.last_frame, 'last_frame', found);
  if (last !== undefined) input.lastImage = last;
  const images = mediaList(values.ref_images, 'ref_images', found);
  const videos = mediaList(values.ref_videos, 'ref_videos', found);
  const audios = mediaList(values.ref_audios, 'ref_audios', found);
  if (images || videos || audios) {
    input.references = {
      ...(images && { images }),
      ...(videos && { videos }),
      ...(audios && { audios }),
    };
  }
  const out = outName(values.out, number, found);
  let task: CreateVideoTaskRequest | undefined;
  try {
    // The contract's rules, exactly as the client applies them before sending.
    task = buildVideoTask(input);
  } catch (error) {
    if (!(error instanceof InvalidVideoTaskError)) throw error;
    // "missing prompt" was said above in the manifest's words.
    const rules = error.problems.filter((p) => !(p.field === 'prompt' && prompt === undefined));
    found.push(...rules.map(problemInColumns));
  }
  if (found.length > 0 || !task) {
    problems.push(...found.map((problem) => `${raw.where}: ${problem}`));
    return { out };
  }
  const media = [
    task.first_image,
    task.last_image,
    ...(task.referenceImages ?? []),
    ...(task.referenceVideos ?? []),
    ...(task.referenceAudios ?? []),
  ].filter((m): m is string => typeof m === 'string');
  const uploads = options.uploadReferences ? [...new Set(media.filter(isUrl))] : [];
  return {
    out,
    row: {
      key: rowKey(task, out),
      where: raw.where,
      task,
      out,
      seconds: task.duration ?? DOCUMENTED_VIDEO_DURATION_S.default,
      ...(uploads.length > 0 && { uploadReferences: uploads }),
    },
  };
}

/**
 * Parses a video manifest: CSV with a header row, or JSON lines. Every problem of every row is
 * reported at once, by row and column, before anything is sent.
 */
export function parseVideoManifest(
  text: string,
  file: string,
  options: { uploadReferences: boolean },
): VideoManifestRow[] {
  const body = text.replace(/^\uFEFF/, '');
  const ext = extname(file).toLowerCase();
  const looksJson =
    ext === '.jsonl' || ext === '.ndjson' || (ext !== '.csv' && /^\s*\{/.test(body));
  const problems: string[] = [];
  const raws = looksJson ? rawFromJsonl(body, SHAPE) : rawFromCsv(body, file, SHAPE, problems);
  if (raws.length === 0 && problems.length === 0) {
    throw new UsageError(`${file} lists no videos; add at least one row with a prompt.`);
  }
  const rows: VideoManifestRow[] = [];
  const outs = new Map<string, string>();
  raws.forEach((raw, i) => {
    if ('problem' in raw) {
      problems.push(`${raw.where}: ${raw.problem}`);
      return;
    }
    const { out, row } = toRow(raw, i + 1, { ...options, json: looksJson }, problems);
    const earlier = outs.get(out.toLowerCase());
    if (earlier) {
      problems.push(
        `${raw.where}: out: ${quote(out)} is already the out of ${earlier}; give each row its own file.`,
      );
      return;
    }
    outs.set(out.toLowerCase(), raw.where);
    if (row) rows.push(row);
  });
  if (problems.length > 0) {
    throw new UsageError(
      `${file} has ${plural(problems.length, 'problem')}; nothing was sent. Fix:\n  ${problems.join('\n  ')}`,
    );
  }
  return rows;
}

export async function readVideoManifest(
  path: string,
  shownAs: string,
  options: { uploadReferences: boolean },
): Promise<VideoManifestRow[]> {
  const text = await readManifestText(path, shownAs);
  return parseVideoManifest(text, shownAs, options);
}
