import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../state-file.js';
import { type Exchange, harDocument, harEntryJson } from './har.js';

export interface HarRecorder {
  /** Adds one exchange; the file on disk is rewritten (atomically) soon after. */
  record(exchange: Exchange, secrets: readonly (string | undefined)[]): void;
  /** Waits until every recorded exchange is in the file. */
  close(): Promise<void>;
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * `--record`: keeps every exchange and rewrites the whole HAR file atomically after each one (the
 * exchanges that arrive during a write share the next), so the file on disk is a complete, valid
 * HAR document at every instant, whenever the mock is killed.
 */
export async function openHarRecorder(
  file: string,
  version: string,
  report: (line: string) => void,
): Promise<HarRecorder> {
  const isDirectory = await stat(file).then(
    (s) => s.isDirectory(),
    () => false,
  );
  if (isDirectory) {
    throw new Error(
      `Recording path ${file} is a directory: --record takes a file, e.g. ${join(file, 'recording.har')}.`,
    );
  }
  const entries: string[] = [];
  try {
    await writeFileAtomic(file, harDocument(entries, version));
  } catch (error) {
    throw new Error(`Cannot write recording ${file}: ${messageOf(error)}`, { cause: error });
  }
  let written = entries.length;
  let writing: Promise<void> | null = null;
  let failed = false;

  const flush = async () => {
    while (written < entries.length) {
      const upTo = entries.length;
      try {
        await writeFileAtomic(file, harDocument(entries.slice(0, upTo), version));
        if (failed) report(`recording ${file} is written again`);
        failed = false;
      } catch (error) {
        if (!failed) {
          report(
            `could not write recording ${file}: ${messageOf(error)}; the exchanges are kept in memory and written with the next one`,
          );
        }
        failed = true;
        return;
      }
      written = upTo;
    }
  };
  const kick = () => {
    writing ??= flush().finally(() => {
      writing = null;
      if (written < entries.length && !failed) kick();
    });
  };

  return {
    record(exchange, secrets) {
      entries.push(harEntryJson(exchange, secrets));
      kick();
    },
    async close() {
      while (writing) await writing;
      failed = false;
      await flush();
      if (written < entries.length) {
        throw new Error(
          `could not write the last ${entries.length - written} exchanges to recording ${file}; the file holds the ones before them`,
        );
      }
    },
  };
}
