import { readFile } from 'node:fs/promises';
import type { CoreResponse } from '../../core/types.js';
import { type HarEntry, type HarRequest, replayKey } from './har.js';

export interface Replay {
  /** How many exchanges the recording holds. */
  readonly size: number;
  /**
   * The recorded answer to this request: the first time the first recorded answer, then the next
   * (a detail read `Processing`, then `Active`), and the last one again once they run out.
   */
  answer(request: HarRequest): CoreResponse | undefined;
}

// Per connection or computed by the server that sends the answer, not part of what was answered.
const NOT_REPLAYED = new Set([
  'content-length',
  'content-encoding',
  'transfer-encoding',
  'connection',
  'keep-alive',
  'date',
]);

function responseOf(entry: HarEntry): CoreResponse {
  const { content } = entry.response;
  const headers: Record<string, string> = {};
  for (const { name, value } of entry.response.headers) {
    if (!NOT_REPLAYED.has(name.toLowerCase())) headers[name.toLowerCase()] = value;
  }
  const text = content.text ?? '';
  return {
    status: entry.response.status,
    headers,
    body: content.encoding === 'base64' ? new Uint8Array(Buffer.from(text, 'base64')) : text,
  };
}

function isEntry(value: unknown): value is HarEntry {
  const e = value as HarEntry | null;
  return (
    typeof e === 'object' &&
    e !== null &&
    typeof e.request?.method === 'string' &&
    typeof e.request.url === 'string' &&
    Array.isArray(e.request.headers) &&
    typeof e.response?.status === 'number' &&
    Array.isArray(e.response.headers) &&
    typeof e.response.content === 'object'
  );
}

/** Reads a HAR file (any HAR 1.2, such as `--record` writes) into answers by request. */
export async function loadReplay(file: string): Promise<Replay> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT'
        ? 'it does not exist'
        : code === 'EISDIR'
          ? 'it is a directory'
          : (error as Error).message;
    throw new Error(
      `Cannot read recording ${file}: ${why}. Pass a HAR file made with --proxy <url> --record <file>.`,
      { cause: error },
    );
  }
  let entries: unknown;
  try {
    entries = (JSON.parse(text) as { log?: { entries?: unknown } } | null)?.log?.entries;
  } catch (error) {
    throw new Error(
      `Recording ${file} is not JSON (${(error as Error).message}): pass a HAR file.`,
    );
  }
  if (!Array.isArray(entries)) {
    throw new Error(`Recording ${file} is not a HAR file: it has no log.entries list.`);
  }
  const answers = new Map<string, { responses: CoreResponse[]; next: number }>();
  entries.forEach((entry, index) => {
    if (!isEntry(entry)) {
      throw new Error(
        `Recording ${file}: entry ${index + 1} is not a HAR entry (it needs request.method, request.url, request.headers and response.status, headers and content).`,
      );
    }
    const key = replayKey(entry.request);
    const slot = answers.get(key) ?? { responses: [], next: 0 };
    slot.responses.push(responseOf(entry));
    answers.set(key, slot);
  });
  return {
    size: entries.length,
    answer(request) {
      const slot = answers.get(replayKey(request));
      if (!slot) return undefined;
      const response = slot.responses[Math.min(slot.next, slot.responses.length - 1)];
      slot.next++;
      return response;
    },
  };
}
