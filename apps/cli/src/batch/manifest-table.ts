import { readFile } from 'node:fs/promises';
import { CsvError, parse } from 'csv-parse/sync';
import { UsageError } from '../errors.js';
import { quote } from '../validate.js';

/**
 * Reading a manifest's rows, whatever they describe (uploads, videos): CSV with a header row
 * (RFC 4180, via csv-parse), a JSON array, or JSON lines. Checking the values is the caller's.
 */

/** A manifest entry before its fields are checked: named values, or why it has none. */
export type RawItem =
  | { where: string; values: Record<string, unknown> }
  | { where: string; problem: string };

/** What a kind of manifest looks like, for messages. */
export interface TableShape {
  /** Known columns, lower case. */
  columns: readonly string[];
  /** The column a header row must name (how a header is told from a data row). */
  keyColumn: string;
  /** The header as an example, e.g. `type,url,name`. */
  header: string;
  /** The columns in a sentence: `type, url and name`. */
  columnsText: string;
  /** A whole entry as JSON, for the array example. */
  jsonExample: string;
  /** The shape of one entry, for a message about an entry that is not an object. */
  entryExample: string;
  /** What one row is, plural: `uploads`. */
  entries: string;
}

export function rawFromJson(text: string, file: string, shape: TableShape): RawItem[] {
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
      `${file} must hold a JSON array of ${shape.entries}, or an object with an "items" array, like [${shape.jsonExample}].`,
    );
  }
  return list.map((entry, i) => entryOf(entry, `item ${i + 1}`, shape));
}

function entryOf(entry: unknown, where: string, shape: TableShape): RawItem {
  if (!entry || typeof entry !== 'object' || Array.isArray(entry)) {
    return { where, problem: `must be an object like ${shape.entryExample}.` };
  }
  return { where, values: entry as Record<string, unknown> };
}

/** One JSON object per line; blank lines are skipped, and each problem names its line. */
export function rawFromJsonl(text: string, shape: TableShape): RawItem[] {
  const items: RawItem[] = [];
  text.split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    const where = `line ${i + 1}`;
    try {
      items.push(entryOf(JSON.parse(line), where, shape));
    } catch (error) {
      items.push({ where, problem: `not valid JSON (${(error as Error).message}).` });
    }
  });
  return items;
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

/**
 * The rows of a CSV manifest. Unknown header columns are thrown at once, or, given `problems`,
 * added to it (so they are reported with every other problem) and their values dropped.
 */
export function rawFromCsv(
  text: string,
  file: string,
  shape: TableShape,
  problems?: string[],
): RawItem[] {
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
      `${file} is empty; it needs a header row "${shape.header}" and one row per ${shape.entries.replace(/s$/, '')}.`,
    );
  const headerLine = firstLine(header.info);
  const columns = header.record.map((f) => f.trim());
  if (!columns.some((c) => c.toLowerCase() === shape.keyColumn)) {
    throw new UsageError(
      `${file} line ${headerLine}: the first row must name the columns, e.g. "${shape.header}"; got ${quote(header.record.join(','))}.`,
    );
  }
  const unknown = columns.filter((c) => !shape.columns.includes(c.toLowerCase()));
  if (unknown.length > 0) {
    const message = `line ${headerLine}: unknown column ${unknown.map((c) => quote(c)).join(', ')}; the columns are ${shape.columnsText}.`;
    if (!problems) throw new UsageError(`${file} ${message}`);
    problems.push(message);
  }
  return body.map(({ record, info }): RawItem => {
    const where = `line ${firstLine(info)}`;
    if (record.length > columns.length) {
      return { where, problem: 'more fields than columns; quote values that contain commas.' };
    }
    const values: Record<string, unknown> = {};
    columns.forEach((c, i) => {
      const value = record[i];
      if (value !== undefined && value !== '' && !unknown.includes(c)) values[c] = value;
    });
    return { where, values };
  });
}

/** The manifest's text; a file that cannot be read is a usage error naming it as the user did. */
export async function readManifestText(path: string, shownAs: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new UsageError(`Cannot read the manifest ${quote(shownAs)} (${reason}); check the path.`);
  }
}
