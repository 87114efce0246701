import type { Platform } from '../accounts/account.enums';
import type { StaffRole } from '../people/people.enums';

export const ROSTER_FILES = ['manifest.csv', 'users.csv', 'roles.csv', 'orgs.csv'] as const;
export type RosterFileName = (typeof ROSTER_FILES)[number];

/** The files of one export, by lower-case name, as raw bytes. */
export type RosterFiles = Map<RosterFileName, Buffer>;

export enum RosterProblemCode {
  BAD_ARCHIVE = 'BAD_ARCHIVE',
  MISSING_FILE = 'MISSING_FILE',
  BAD_MANIFEST = 'BAD_MANIFEST',
  BAD_CSV = 'BAD_CSV',
  MISSING_COLUMN = 'MISSING_COLUMN',
  MISSING_VALUE = 'MISSING_VALUE',
  BAD_VALUE = 'BAD_VALUE',
  DUPLICATE_ID = 'DUPLICATE_ID',
  UNKNOWN_REFERENCE = 'UNKNOWN_REFERENCE',
}

/** One thing wrong with the export: where (line 1 is the header) and what. */
export interface RosterProblem {
  file: string;
  line: number | null;
  column: string | null;
  code: RosterProblemCode;
  message: string;
}

export type FileMode = 'bulk' | 'delta' | 'absent';

export interface RosterManifest {
  modes: { users: FileMode; roles: FileMode; orgs: FileMode };
  sourceSystem: string | null;
}

/** A data row, its values by column name (trimmed), and the line it starts on. */
export interface CsvRow {
  line: number;
  values: Record<string, string>;
}

export interface CsvTable {
  file: RosterFileName;
  columns: string[];
  rows: CsvRow[];
}

export interface HandleEntry {
  platform: Platform;
  handle: string;
}

/** A staff member as the export describes them (before matching with Proctor's records). */
export interface StaffRecord {
  kind: 'staff';
  sourcedId: string;
  /** Where the person's row is, for errors found later (duplicates, conflicts). */
  file: RosterFileName;
  line: number;
  employeeId: string;
  email: string;
  name: string;
  givenName: string | null;
  familyName: string | null;
  schoolId: string | null;
  role: StaffRole;
  departed: boolean;
  /** The end date of the role that ended, when that is why the person departed. */
  endedAt: Date | null;
}

export interface StudentRecord {
  kind: 'student';
  sourcedId: string;
  file: RosterFileName;
  line: number;
  studentId: string;
  /** null only for a withdrawn student whose school is no longer known. */
  schoolId: string | null;
  mediaConsent: boolean;
  /** null: the export said nothing new about handles (a delta role row alone), so keep the stored ones. */
  handles: HandleEntry[] | null;
  withdrawn: boolean;
}

export type RosterPerson = StaffRecord | StudentRecord;

export interface RosterImportOptions {
  dryRun?: boolean;
  allowMassRemoval?: boolean;
}

export interface RemovalGuardFigures {
  /** Active people the import governs: imported before, or matched by this import. */
  active: number;
  /** Active people this import would depart or withdraw. */
  removals: number;
  maxPercent: number;
  overridden: boolean;
}

export interface PeopleCounts {
  created: number;
  updated: number;
  unchanged: number;
}

export interface RosterImportSummary {
  dryRun: boolean;
  sourceSystem: string | null;
  modes: RosterManifest['modes'];
  staff: PeopleCounts & { departed: number };
  students: PeopleCounts & { withdrawn: number };
  /** Users that are neither staff nor students (guardians, parents, relatives, no role at all). */
  ignoredUsers: number;
  guard: RemovalGuardFigures;
}
