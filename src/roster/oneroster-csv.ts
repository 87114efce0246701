import { CsvError, parse } from 'csv-parse/sync';
import type { ProblemList } from './oneroster.errors';
import { RosterProblemCode, type CsvRow, type CsvTable, type RosterFileName } from './oneroster.types';

export interface CsvSpec {
  /** Columns the file must have (OneRoster 1.2 names; matched in any letter case and order). */
  required: readonly string[];
  /** Columns read when present. Any other column (metadata.* extensions) is kept under its header name. */
  optional?: readonly string[];
}

/** 1-based line of each byte offset: csv-parse counts bytes reliably, but its own line count drifts on CRLF inside quotes. */
function lineLocator(data: Buffer): (offset: number) => number {
  const lineStarts = [0];
  for (let index = 0; index < data.length; index += 1) {
    if (data[index] === 0x0a) lineStarts.push(index + 1);
  }
  return (offset) => {
    let low = 0;
    let high = lineStarts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (lineStarts[middle] <= offset) low = middle;
      else high = middle - 1;
    }
    return low + 1;
  };
}

/** The first byte of a record that starts at or after `offset`, past blank lines. */
function recordStart(data: Buffer, offset: number): number {
  let position = offset;
  while (position < data.length && (data[position] === 0x0a || data[position] === 0x0d)) position += 1;
  return position;
}

/**
 * Parses one OneRoster CSV file (UTF-8, optional BOM, RFC 4180 quoting). Problems (malformed CSV, missing
 * columns, rows with the wrong number of fields) go to `problems`; the table is null when its rows cannot be read.
 */
export function parseRosterCsv(file: RosterFileName, data: Buffer, spec: CsvSpec, problems: ProblemList): CsvTable | null {
  let records: { record: string[]; info: { bytes: number } }[];
  try {
    records = parse(data, { bom: true, info: true, relax_column_count: true, skip_empty_lines: true }) as unknown as typeof records;
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    problems.add(file, typeof error.lines === 'number' ? error.lines : null, null, RosterProblemCode.BAD_CSV, `not valid CSV (${error.code})`);
    return null;
  }
  if (records.length === 0) {
    problems.add(file, 1, null, RosterProblemCode.MISSING_COLUMN, 'the file is empty: it needs at least its header line');
    return null;
  }
  const known = new Map([...spec.required, ...(spec.optional ?? [])].map((column) => [column.toLowerCase(), column]));
  const header = records[0].record.map((cell) => {
    const trimmed = cell.trim();
    return known.get(trimmed.toLowerCase()) ?? trimmed;
  });
  const problemsBefore = problems.size;
  const seen = new Set<string>();
  for (const column of header) {
    if (seen.has(column)) problems.add(file, 1, column, RosterProblemCode.BAD_CSV, `the header names ${column} twice`);
    seen.add(column);
  }
  for (const column of spec.required) {
    if (!seen.has(column)) problems.add(file, 1, column, RosterProblemCode.MISSING_COLUMN, `the header has no ${column} column`);
  }
  if (problems.size > problemsBefore) return null;

  const lineAt = lineLocator(data);
  const rows: CsvRow[] = [];
  let previousEnd = records[0].info.bytes;
  for (const { record, info } of records.slice(1)) {
    const line = lineAt(recordStart(data, previousEnd));
    previousEnd = info.bytes;
    if (record.length !== header.length) {
      problems.add(file, line, null, RosterProblemCode.BAD_CSV, `the row has ${record.length} fields; the header has ${header.length}`);
      continue;
    }
    const values: Record<string, string> = {};
    header.forEach((column, index) => {
      values[column] = record[index].trim();
    });
    rows.push({ line, values });
  }
  return { file, columns: header, rows };
}
