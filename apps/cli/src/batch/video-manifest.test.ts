import { describe, expect, it } from 'vitest';
import { parseVideoManifest } from './video-manifest.js';

const problemsOf = (text: string, file: string): string => {
  try {
    parseVideoManifest(text, file, { uploadReferences: false });
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('the manifest was accepted');
};

describe('parseVideoManifest', () => {
  it('names an unknown field as a key in JSON lines and as a column in CSV', () => {
    const json = problemsOf('{"prompt":"a cat","colour":"red"}\n', 'm.jsonl');
    expect(json).toContain('line 1: unknown key "colour"; the keys are');
    expect(json).not.toContain('column');
    const csv = problemsOf('prompt,colour\na cat,red\n', 'm.csv');
    expect(csv).toContain('unknown column "colour"');
  });

  it('reports a duplicate out on a row that has other problems too', () => {
    const text = 'prompt,duration,out\na cat,5,same.mp4\na dog,3,same.mp4\n';
    const message = problemsOf(text, 'm.csv');
    expect(message).toContain('line 3: duration');
    expect(message).toContain('line 3: out: "same.mp4" is already the out of line 2');
    expect(message).toContain('has 2 problems');
  });

  it('accepts rows with their own files, and names the default file by row', () => {
    const rows = parseVideoManifest('prompt,out\na cat,cat.mp4\na dog,\n', 'm.csv', {
      uploadReferences: false,
    });
    expect(rows.map((r) => [r.where, r.out])).toEqual([
      ['line 2', 'cat.mp4'],
      ['line 3', 'row-2.mp4'],
    ]);
  });
});
