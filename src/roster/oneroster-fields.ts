import { isEmail } from 'class-validator';
import { Platform } from '../accounts/account.enums';
import type { ProblemList } from './oneroster.errors';
import { RosterProblemCode, type CsvRow, type HandleEntry, type RosterFileName } from './oneroster.types';

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** userIds `type` values that name a platform Proctor checks; any other identifier (LDAP, Fed, ...) is not a handle. */
const HANDLE_TYPES: Record<string, Platform> = {
  facebook: Platform.FACEBOOK,
  instagram: Platform.INSTAGRAM,
  x: Platform.X,
  twitter: Platform.X,
  youtube: Platform.YOUTUBE,
  linkedin: Platform.LINKEDIN,
};

/** Reads one row's values, reporting each bad one with its file, line and column. */
export class RowReader {
  private problemCount = 0;

  constructor(
    readonly file: RosterFileName,
    readonly row: CsvRow,
    private readonly problems: ProblemList,
  ) {}

  get line(): number {
    return this.row.line;
  }

  /** True when no value of this row was reported. */
  get ok(): boolean {
    return this.problemCount === 0;
  }

  report(column: string | null, code: RosterProblemCode, message: string): void {
    this.problemCount += 1;
    this.problems.add(this.file, this.row.line, column, code, message);
  }

  /** The trimmed value, or null when blank (reported when required). */
  text(column: string, options: { required?: boolean; max?: number } = {}): string | null {
    const value = this.row.values[column] ?? '';
    if (value === '') {
      if (options.required) this.report(column, RosterProblemCode.MISSING_VALUE, `${column} is required`);
      return null;
    }
    if (options.max && value.length > options.max) {
      this.report(column, RosterProblemCode.BAD_VALUE, `${column} is longer than ${options.max} characters`);
      return null;
    }
    return value;
  }

  /** One of `allowed` (compared in lower case); returns the allowed spelling. */
  oneOf<T extends string>(column: string, allowed: readonly T[], options: { required?: boolean } = {}): T | null {
    const value = this.text(column, options);
    if (value === null) return null;
    const match = allowed.find((candidate) => candidate.toLowerCase() === value.toLowerCase());
    if (!match) this.report(column, RosterProblemCode.BAD_VALUE, `${column} must be one of ${allowed.join(', ')}`);
    return match ?? null;
  }

  /** true or false in any letter case; blank gives `blank`. */
  boolean(column: string, blank: boolean): boolean {
    const value = this.oneOf(column, ['true', 'false'] as const);
    return value === null ? blank : value === 'true';
  }

  /** A calendar date (YYYY-MM-DD) as UTC midnight, or null when blank. */
  date(column: string): Date | null {
    const value = this.text(column);
    if (value === null) return null;
    const match = DATE.exec(value);
    const date = match ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))) : null;
    if (!date || date.toISOString().slice(0, 10) !== value) {
      this.report(column, RosterProblemCode.BAD_VALUE, `${column} must be a date written YYYY-MM-DD`);
      return null;
    }
    return date;
  }

  /** A lower-case email address, or null when blank (reported when required). */
  email(column: string, options: { required?: boolean } = {}): string | null {
    const value = this.text(column, { ...options, max: 320 });
    if (value === null) return null;
    if (!isEmail(value)) {
      this.report(column, RosterProblemCode.BAD_VALUE, `${column} must be an email address`);
      return null;
    }
    return value.toLowerCase();
  }

  /**
   * Social handles from userIds, a list of `{type:identifier}` entries (`{instagram:jdoe},{LDAP:j.doe}`).
   * Only platform types are kept; a value that is not such a list is reported.
   */
  handles(column: string): HandleEntry[] {
    const value = this.row.values[column] ?? '';
    if (value === '') return [];
    const entries = value.match(/\{[^{}]*\}/g) ?? [];
    if (value.replace(/\{[^{}]*\}/g, '').replace(/[\s,]/g, '') !== '' || entries.length === 0) {
      this.report(column, RosterProblemCode.BAD_VALUE, `${column} must be a list of {type:identifier} entries`);
      return [];
    }
    const handles: HandleEntry[] = [];
    for (const entry of entries) {
      const colon = entry.indexOf(':');
      const type = colon > 0 ? entry.slice(1, colon).trim().toLowerCase() : '';
      const identifier = colon > 0 ? entry.slice(colon + 1, -1).trim() : '';
      if (!type || !identifier) {
        this.report(column, RosterProblemCode.BAD_VALUE, `${column} entry ${entry} must be {type:identifier}`);
        continue;
      }
      const platform = HANDLE_TYPES[type];
      if (!platform) continue;
      if (identifier.replace(/^@+/, '').trim() === '' || identifier.length > 255) {
        this.report(column, RosterProblemCode.BAD_VALUE, `${column} entry ${entry} is not a usable handle`);
        continue;
      }
      handles.push({ platform, handle: identifier });
    }
    return handles;
  }
}
