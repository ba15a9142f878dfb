import { extname } from 'node:path';
import { checkUpload, errorsOf } from '@kyyvideo/contract/rules';
import type { UploadInput } from '../client-types.js';
import { UsageError } from '../errors.js';
import { plural } from '../plural.js';
import { problemSentence, quote } from '../validate.js';
import { rawFromCsv, rawFromJson, readManifestText, type TableShape } from './manifest-table.js';

/** One upload from the manifest, with where it came from so messages can point at it. */
export interface ManifestItem {
  /** 0-based position in the manifest. */
  index: number;
  /** "line 4" (CSV) or "item 3" (JSON), 1-based, as a human counts. */
  where: string;
  input: UploadInput;
}

/** More problems than this and the list stops: the first few are enough to see the pattern. */
const MAX_REPORTED_PROBLEMS = 10;

const FIELDS = ['type', 'assettype', 'url', 'name'];

/** The manifest's column for each field the rules name. */
const COLUMN: Record<string, string> = { assetType: 'type', url: 'url', name: 'name' };

const SHAPE: TableShape = {
  columns: FIELDS,
  keyColumn: 'url',
  header: 'type,url,name',
  columnsText: 'type, url and name',
  jsonExample: '{"type":"Image","url":"https://example.com/a.png"}',
  entryExample: '{"type":"Image","url":"https://…"}',
  entries: 'uploads',
};

function toItem(
  raw: { where: string; values: Record<string, unknown> },
  index: number,
  problems: string[],
): ManifestItem | undefined {
  const v = raw.values;
  const unknown = Object.keys(v).filter((k) => !FIELDS.includes(k.toLowerCase()));
  if (unknown.length > 0) {
    problems.push(
      `${raw.where}: unknown field ${unknown.map((k) => quote(k)).join(', ')}; the fields are type, url and name.`,
    );
    return undefined;
  }
  const get = (name: string) => Object.entries(v).find(([k]) => k.toLowerCase() === name)?.[1];
  const type = get('type') ?? get('assettype');
  const url = get('url');
  const name = get('name');
  try {
    if (get('type') !== undefined && get('assettype') !== undefined) {
      throw new UsageError('give either "type" or "assetType", not both.');
    }
    if (typeof type !== 'string' || type.trim() === '') {
      throw new UsageError('"type" is missing: one of Image, Video, Audio, Document.');
    }
    if (typeof url !== 'string' || url.trim() === '') {
      throw new UsageError('"url" is missing: the public http(s) URL of the file.');
    }
    if (name !== undefined && name !== null && typeof name !== 'string') {
      throw new UsageError('"name" must be text.');
    }
    // An empty cell, "" or null means "no name" (how a manifest leaves a column out); any other
    // text is a name, which the rules check as given (a blank one is refused).
    const fields =
      name === undefined || name === null || name === ''
        ? { assetType: type, url }
        : { assetType: type, url, name };
    // The contract's rules, as the client, the mock and the playground apply them; every
    // problem of the row at once, named by its column.
    const problems = errorsOf(checkUpload(fields));
    if (problems.length > 0) {
      throw new UsageError(
        problems
          .map((problem) => problemSentence(problem, `"${COLUMN[problem.field] ?? problem.field}"`))
          .join('; '),
      );
    }
    return { index, where: raw.where, input: fields as UploadInput };
  } catch (error) {
    problems.push(`${raw.where}: ${(error as Error).message}`);
    return undefined;
  }
}

/** Parses a manifest's text. Every problem is reported at once, so one fix round is enough. */
export function parseManifest(text: string, file: string): ManifestItem[] {
  const body = text.replace(/^\uFEFF/, '');
  const ext = extname(file).toLowerCase();
  const looksJson = ext === '.json' || (ext !== '.csv' && /^\s*[[{]/.test(body));
  const raws = looksJson ? rawFromJson(body, file, SHAPE) : rawFromCsv(body, file, SHAPE);
  if (raws.length === 0) throw new UsageError(`${file} lists no uploads; add at least one.`);

  const problems: string[] = [];
  const items: ManifestItem[] = [];
  raws.forEach((raw, index) => {
    if ('problem' in raw) {
      problems.push(`${raw.where}: ${raw.problem}`);
      return;
    }
    const item = toItem(raw, index, problems);
    if (item) items.push(item);
  });
  if (problems.length > 0) {
    const shown = problems.slice(0, MAX_REPORTED_PROBLEMS);
    const more = problems.length - shown.length;
    throw new UsageError(
      `${file} has ${plural(problems.length, 'problem')}; nothing was uploaded. Fix:\n  ${shown.join('\n  ')}${more > 0 ? `\n  …and ${more} more` : ''}`,
    );
  }
  return items;
}

export async function readManifest(path: string, shownAs: string): Promise<ManifestItem[]> {
  const text = await readManifestText(path, shownAs);
  return parseManifest(text, shownAs);
}
