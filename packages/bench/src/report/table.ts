export type Align = 'left' | 'right';

export interface Table {
  headers: string[];
  rows: string[][];
  /** Per column; numbers read best right-aligned, so that is the default after column 0. */
  align?: Align[];
}

function escapeCell(cell: string): string {
  return cell.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

/** A GitHub-flavoured markdown table, padded so it also reads well on a terminal. */
export function renderMarkdownTable(table: Table): string {
  const width = table.headers.length;
  for (const row of table.rows) {
    if (row.length !== width) {
      throw new Error(`table row has ${row.length} cells, expected ${width}: ${row.join(' | ')}`);
    }
  }
  const align = table.headers.map((_, i) => table.align?.[i] ?? (i === 0 ? 'left' : 'right'));
  const cells = [table.headers, ...table.rows].map((row) => row.map(escapeCell));
  const widths = table.headers.map((_, i) =>
    Math.max(3, ...cells.map((row) => [...(row[i] as string)].length)),
  );
  const pad = (text: string, i: number): string => {
    const gap = ' '.repeat((widths[i] as number) - [...text].length);
    return align[i] === 'right' ? gap + text : text + gap;
  };
  const line = (row: string[]): string => `| ${row.map(pad).join(' | ')} |`;
  const rule = `| ${widths
    .map((w, i) => (align[i] === 'right' ? `${'-'.repeat(w - 1)}:` : '-'.repeat(w)))
    .join(' | ')} |`;
  const [head, ...body] = cells;
  return [line(head as string[]), rule, ...body.map(line)].join('\n');
}
