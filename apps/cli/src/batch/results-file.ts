import { closeSync, ftruncateSync, openSync, readFileSync, writeSync } from 'node:fs';
import type { UploadInput } from '../client-types.js';
import { UsageError } from '../errors.js';
import { quote } from '../quote.js';

/**
 * One line of the results file. Lines are only ever appended, one per step of one item, so a run
 * killed at any moment leaves a file that says exactly how far each item got.
 */
export type ResultEvent =
  /** The upload is about to be sent. Alone, it means the run died before the answer came. */
  | 'started'
  /** The service created the asset. */
  | 'uploaded'
  /** The upload failed and provably created nothing (the service said no, or it never left). */
  | 'rejected'
  /** The upload failed in a way that may or may not have created an asset. */
  | 'unknown'
  /** Review passed. */
  | 'active'
  /** Review ended Failed: the asset exists but cannot be used. */
  | 'review-failed'
  /** Waiting stopped (timeout or network) before review finished; the asset exists. */
  | 'wait-failed';

export interface ResultRecord {
  v: 1;
  key: string;
  index: number;
  event: ResultEvent;
  input: UploadInput;
  assetId?: string;
  error?: { type: string; message: string; code?: unknown };
  at: string;
}

const EVENTS: readonly ResultEvent[] = [
  'started',
  'uploaded',
  'rejected',
  'unknown',
  'active',
  'review-failed',
  'wait-failed',
];

function isRecord(value: unknown): value is ResultRecord {
  if (!value || typeof value !== 'object') return false;
  const r = value as Partial<ResultRecord>;
  return (
    r.v === 1 &&
    typeof r.key === 'string' &&
    typeof r.event === 'string' &&
    EVENTS.includes(r.event) &&
    (r.assetId === undefined || typeof r.assetId === 'string')
  );
}

/**
 * Reads every record of an earlier run. A last line cut short (the process was killed while
 * writing it) is ignored; damage anywhere else is reported, because guessing could re-upload.
 */
export function readResults(path: string, shownAs: string): ResultRecord[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw new UsageError(`Cannot read the results file ${quote(shownAs)}; check its permissions.`);
  }
  const lines = text.split('\n');
  const records: ResultRecord[] = [];
  lines.forEach((line, i) => {
    if (line.trim() === '') return;
    const isLast = lines.slice(i + 1).every((l) => l.trim() === '');
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch {
      if (isLast && !text.endsWith('\n')) return;
      parsed = undefined;
    }
    if (!isRecord(parsed)) {
      throw new UsageError(
        `The results file ${quote(shownAs)} line ${i + 1} is not a kyy batch record. Fix or remove that line, or pass --results with another file.`,
      );
    }
    records.push(parsed);
  });
  return records;
}

/** Appends records synchronously, so a line is on disk before the request it announces is sent. */
export class ResultsWriter {
  readonly #fd: number;

  readonly #redact: (text: string) => string;

  /** `redact` is the terminal's own: a key echoed by the server must not land on disk either. */
  constructor(path: string, shownAs: string, redact: (text: string) => string) {
    this.#redact = redact;
    try {
      this.#fd = openSync(path, 'a+');
    } catch (error) {
      const reason = (error as NodeJS.ErrnoException).code ?? 'unwritable';
      throw new UsageError(
        `Cannot write the results file ${quote(shownAs)} (${reason}); pass --results <file> somewhere writable.`,
      );
    }
    // A run killed mid-line leaves a partial record. It carries no information worth keeping (a
    // "started" line is complete before its upload is sent), so cut it off and continue cleanly.
    const existing = readFileSync(path);
    if (existing.length > 0 && existing[existing.length - 1] !== 0x0a) {
      ftruncateSync(this.#fd, existing.lastIndexOf(0x0a) + 1);
    }
  }

  append(record: Omit<ResultRecord, 'v' | 'at'>): void {
    const line: ResultRecord = { v: 1, ...record, at: new Date().toISOString() };
    writeSync(this.#fd, `${this.#redact(JSON.stringify(line))}\n`);
  }

  close(): void {
    closeSync(this.#fd);
  }
}
