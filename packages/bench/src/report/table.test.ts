import { describe, expect, it } from 'vitest';
import { connectionsText, formatBytes, formatMs, formatRatio } from './format.js';
import { renderMarkdownTable } from './table.js';

describe('renderMarkdownTable', () => {
  it('pads columns, right-aligns numbers and marks alignment in the rule', () => {
    const text = renderMarkdownTable({
      headers: ['case', 'p50'],
      rows: [
        ['raw fetch', '1.00 ms'],
        ['client', '12.50 ms'],
      ],
    });
    expect(text.split('\n')).toEqual([
      '| case      |      p50 |',
      '| --------- | -------: |',
      '| raw fetch |  1.00 ms |',
      '| client    | 12.50 ms |',
    ]);
  });

  it('escapes pipes so a cell cannot split a row', () => {
    const text = renderMarkdownTable({ headers: ['a'], rows: [['x|y']] });
    expect(text).toContain('x\\|y');
  });

  it('refuses a row of the wrong width', () => {
    expect(() => renderMarkdownTable({ headers: ['a', 'b'], rows: [['only one']] })).toThrow(
      /expected 2/,
    );
  });
});

describe('formatters', () => {
  it('keeps microsecond resolution below a millisecond', () => {
    expect(formatMs(0.0425)).toBe('0.043 ms');
    expect(formatMs(42.123)).toBe('42.12 ms');
    expect(formatMs(1234.5)).toBe('1235 ms');
  });

  it('prints ratios with two decimals and n/a for undefined ones', () => {
    expect(formatRatio(1.234)).toBe('1.23×');
    expect(formatRatio(Number.NaN)).toBe('n/a');
  });

  it('writes one connection in the singular', () => {
    expect(connectionsText(1)).toBe('1 connection');
    expect(connectionsText(50)).toBe('50 connections');
  });

  it('switches bytes to KiB at 1024', () => {
    expect(formatBytes(1023)).toBe('1023 B');
    expect(formatBytes(2048)).toBe('2.0 KiB');
  });
});
