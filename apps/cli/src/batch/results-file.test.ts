import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Redactor } from '../redact.js';
import { ResultsWriter, readResults } from './results-file.js';

const same = (text: string) => text;
const dir = () => mkdtempSync(join(tmpdir(), 'kyy-results-'));
const input = { assetType: 'Image' as const, url: 'https://x.example/a.png' };

describe('results file', () => {
  it('reads nothing when the file does not exist yet', () => {
    expect(readResults(join(dir(), 'none.jsonl'), 'none.jsonl')).toEqual([]);
  });

  it('appends one JSON line per record and reads them back in order', () => {
    const path = join(dir(), 'r.jsonl');
    const writer = new ResultsWriter(path, 'r.jsonl', same);
    writer.append({ key: 'k', index: 0, input, event: 'started' });
    writer.append({
      key: 'k',
      index: 0,
      input,
      event: 'uploaded',
      assetId: 'asset-20260101000000-abcde',
    });
    writer.close();
    const lines = readFileSync(path, 'utf8').trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(readResults(path, 'r.jsonl').map((r) => r.event)).toEqual(['started', 'uploaded']);
  });

  it('ignores a last line cut short by a kill, and starts the next run on a fresh line', () => {
    const path = join(dir(), 'r.jsonl');
    const good = JSON.stringify({ v: 1, key: 'k', index: 0, input, event: 'started', at: 'x' });
    writeFileSync(path, `${good}\n{"v":1,"key":"k","ev`);
    expect(readResults(path, 'r.jsonl')).toHaveLength(1);
    const writer = new ResultsWriter(path, 'r.jsonl', same);
    writer.append({ key: 'j', index: 1, input, event: 'started' });
    writer.close();
    expect(readResults(path, 'r.jsonl').map((r) => r.key)).toEqual(['k', 'j']);
  });

  it('refuses a damaged line in the middle, saying which one', () => {
    const path = join(dir(), 'r.jsonl');
    const good = JSON.stringify({ v: 1, key: 'k', index: 0, input, event: 'started', at: 'x' });
    writeFileSync(path, `${good}\nnot json\n${good}\n`);
    expect(() => readResults(path, 'r.jsonl')).toThrow(/line 2 is not a kyy batch record/);
  });

  it('writes every line through the redaction the terminal uses', () => {
    const key = 'sk-results-file-secret-4Qz';
    const redactor = new Redactor();
    redactor.add(key);
    const path = join(dir(), 'r.jsonl');
    const writer = new ResultsWriter(path, 'r.jsonl', (t) => redactor.apply(t));
    const error = { type: 'KyyApiError', message: `bad key "${key}"`, code: `x-${key}` };
    writer.append({ key: 'k', index: 0, input, event: 'rejected', error });
    writer.close();
    const text = readFileSync(path, 'utf8');
    expect(text).not.toContain(key);
    expect(text).toContain('[redacted]');
    expect(readResults(path, 'r.jsonl')[0]?.event).toBe('rejected');
  });
});
