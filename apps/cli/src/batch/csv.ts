/** One CSV record and the line of the file where it starts (for error messages). */
export interface CsvRow {
  line: number;
  fields: string[];
}

export class CsvSyntaxError extends Error {
  override readonly name = 'CsvSyntaxError';
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
  }
}

/**
 * RFC 4180 CSV: comma-separated, fields optionally in double quotes, `""` for a quote inside
 * quotes, line breaks allowed inside quotes, LF or CRLF between records. Blank lines are skipped.
 * Manifests are small, so a simple state machine beats pulling in a dependency.
 */
export function parseCsv(text: string): CsvRow[] {
  const rows: CsvRow[] = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let fieldWasQuoted = false;
  let line = 1;
  let rowLine = 1;

  const endField = () => {
    fields.push(fieldWasQuoted ? field : field.trim());
    field = '';
    fieldWasQuoted = false;
  };
  const endRow = () => {
    endField();
    const blank = fields.length === 1 && fields[0] === '';
    if (!blank) rows.push({ line: rowLine, fields });
    fields = [];
  };

  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else {
          quoted = false;
        }
      } else {
        if (ch === '\n') line++;
        field += ch;
      }
      continue;
    }
    if (ch === '"') {
      if (field.trim() !== '') {
        throw new CsvSyntaxError(
          'a quote may only start a field; double it ("") inside a quoted field',
          line,
        );
      }
      field = '';
      quoted = true;
      fieldWasQuoted = true;
    } else if (ch === ',') {
      endField();
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      endRow();
      line++;
      rowLine = line;
    } else if (fieldWasQuoted) {
      if (ch.trim() !== '') {
        throw new CsvSyntaxError(
          'unexpected text after a closing quote; put a comma between fields',
          line,
        );
      }
    } else {
      field += ch;
    }
  }
  if (quoted)
    throw new CsvSyntaxError('a quoted field is never closed; add the closing "', rowLine);
  endRow();
  return rows;
}
