import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { checkUpload, errorsOf } from '@kyyvideo/contract/rules';
import { CsvError, parse } from 'csv-parse/sync';
import type { UploadInput } from '../client-types.js';
import { UsageError } from '../errors.js';
import { problemSentence, quote } from '../validate.js';

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

/** A manifest entry before its fields are checked: named values, or why it has none. */
type RawItem =
  | { where: string; values: Record<string, unknown> }
  | { where: string; problem: string };

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

function rawFromJson(text: string, file: string): RawItem[] {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${file} is not valid JSON (${(error as Error).message}).`);
  }
  const list = Array.isArray(doc)
    ? doc
    : doc && typeof doc === 'object' && Array.isArray((doc as { items?: unknown }).items)
      ? (doc as { items: unknown[] }).items
      : undefined;
  if (!list) {
    throw new UsageError(
      `${file} must hold a JSON array of uploads, or an object with an "items" array, like [{"type":"Image","url":"https://example.com/a.png"}].`,
    );
  }
  return list.map((entry, i) => {
    const where = `item ${i + 1}`;
    if (!entry || typeof entry !== 'object' || Array.isArray(entry)) {
      return { where, problem: 'must be an object like {"type":"Image","url":"https://…"}.' };
    }
    return { where, values: entry as Record<string, unknown> };
  });
}

/** A CSV record's first line: csv-parse counts lines up to its end, and a quoted field may span several. */
function firstLine(info: CsvInfo): number {
  const body = info.raw.replace(/^\n+/, '').replace(/\n$/, '');
  return info.lines - (body.match(/\n/g)?.length ?? 0);
}

interface CsvInfo {
  lines: number;
  raw: string;
}

function rawFromCsv(text: string, file: string): RawItem[] {
  let rows: { record: string[]; info: CsvInfo }[];
  try {
    // One line ending throughout: csv-parse's line count (used in messages) drifts on CRLF.
    rows = (
      parse(text.replace(/\r\n?/g, '\n'), {
        info: true,
        raw: true,
        // Too many fields is reported per row below, beside every other problem.
        relax_column_count: true,
        skip_empty_lines: true,
        trim: true,
      }) as unknown as { record: string[]; raw: string; info: { lines: number } }[]
    ).map((r) => ({ record: r.record, info: { lines: r.info.lines, raw: r.raw } }));
  } catch (error) {
    if (error instanceof CsvError) {
      const line = (error as { lines?: number }).lines;
      throw new UsageError(`${file}${line ? ` line ${line}` : ''}: ${error.message}.`);
    }
    throw error;
  }
  const [header, ...body] = rows;
  if (!header)
    throw new UsageError(
      `${file} is empty; it needs a header row "type,url,name" and one row per upload.`,
    );
  const headerLine = firstLine(header.info);
  const columns = header.record.map((f) => f.trim());
  if (!columns.some((c) => c.toLowerCase() === 'url')) {
    throw new UsageError(
      `${file} line ${headerLine}: the first row must name the columns, e.g. "type,url,name"; got ${quote(header.record.join(','))}.`,
    );
  }
  const unknown = columns.filter((c) => !FIELDS.includes(c.toLowerCase()));
  if (unknown.length > 0) {
    throw new UsageError(
      `${file} line ${headerLine}: unknown column ${unknown.map((c) => quote(c)).join(', ')}; the columns are type, url and name.`,
    );
  }
  return body.map(({ record, info }): RawItem => {
    const where = `line ${firstLine(info)}`;
    if (record.length > columns.length) {
      return { where, problem: 'more fields than columns; quote values that contain commas.' };
    }
    const values: Record<string, unknown> = {};
    columns.forEach((c, i) => {
      const value = record[i];
      if (value !== undefined && value !== '') values[c] = value;
    });
    return { where, values };
  });
}

/** Parses a manifest's text. Every problem is reported at once, so one fix round is enough. */
export function parseManifest(text: string, file: string): ManifestItem[] {
  const body = text.replace(/^\uFEFF/, '');
  const ext = extname(file).toLowerCase();
  const looksJson = ext === '.json' || (ext !== '.csv' && /^\s*[[{]/.test(body));
  const raws = looksJson ? rawFromJson(body, file) : rawFromCsv(body, file);
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
      `${file} has ${problems.length} problem${problems.length === 1 ? '' : 's'}; nothing was uploaded. Fix:\n  ${shown.join('\n  ')}${more > 0 ? `\n  …and ${more} more` : ''}`,
    );
  }
  return items;
}

export async function readManifest(path: string, shownAs: string): Promise<ManifestItem[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new UsageError(`Cannot read the manifest ${quote(shownAs)} (${reason}); check the path.`);
  }
  return parseManifest(text, shownAs);
}
