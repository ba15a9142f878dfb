import { describe, expect, it } from 'vitest';
import { CsvSyntaxError, parseCsv } from './csv.js';

describe('parseCsv', () => {
  it('splits records and fields, trimming unquoted fields and skipping blank lines', () => {
    const rows = parseCsv(
      'type,url\n\n Image , https://a.example/x.png \r\nvideo,https://b.example/y.mp4\n',
    );
    expect(rows).toEqual([
      { line: 1, fields: ['type', 'url'] },
      { line: 3, fields: ['Image', 'https://a.example/x.png'] },
      { line: 4, fields: ['video', 'https://b.example/y.mp4'] },
    ]);
  });

  it('keeps commas, doubled quotes and line breaks inside quoted fields', () => {
    const rows = parseCsv(
      'name,url\n"a, ""quoted""\nlabel",https://x.example/a\nnext,https://x.example/b',
    );
    expect(rows[1]).toEqual({ line: 2, fields: ['a, "quoted"\nlabel', 'https://x.example/a'] });
    // The record after a multi-line field reports its own line number.
    expect(rows[2]?.line).toBe(4);
  });

  it('keeps empty trailing fields', () => {
    expect(parseCsv('a,b,\n')[0]?.fields).toEqual(['a', 'b', '']);
  });

  it('reports an unclosed quote with the line where the record starts', () => {
    expect(() => parseCsv('a,b\nx,"open\nmore')).toThrow(CsvSyntaxError);
    try {
      parseCsv('a,b\nx,"open\nmore');
    } catch (error) {
      expect((error as CsvSyntaxError).line).toBe(2);
    }
  });

  it('rejects text after a closing quote and quotes in the middle of a field', () => {
    expect(() => parseCsv('"a"b,c')).toThrow(/after a closing quote/);
    expect(() => parseCsv('ab"c",d')).toThrow(/only start a field/);
  });
});
