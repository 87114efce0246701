import { StaffRole } from '../people/people.enums';
import { RowReader } from './oneroster-fields';
import { ROW_STATUSES } from './oneroster-orgs';
import type { ProblemList } from './oneroster.errors';
import { RosterProblemCode, type CsvTable, type FileMode } from './oneroster.types';

export const ROLE_COLUMNS = {
  required: ['sourcedId', 'status', 'dateLastModified', 'userSourcedId', 'roleType', 'role', 'beginDate', 'endDate', 'orgSourcedId'],
  optional: ['userProfileSourcedId'],
} as const;

/** OneRoster role values (lower case) and the staff role each one is; any other non-family role is OTHER. */
const STAFF_ROLES: Record<string, StaffRole> = {
  teacher: StaffRole.TEACHER,
  aide: StaffRole.AIDE,
  principal: StaffRole.PRINCIPAL,
  siteadministrator: StaffRole.SUPERVISOR,
  administrator: StaffRole.SUPERVISOR,
  districtadministrator: StaffRole.DISTRICT_ADMINISTRATOR,
  systemadministrator: StaffRole.IT_STAFF,
  counselor: StaffRole.COUNSELOR,
  proctor: StaffRole.SUPPORT_STAFF,
};
/** Family members have accounts in the SIS but are neither staff nor students: Proctor stores nothing of them. */
const FAMILY_ROLES = new Set(['guardian', 'parent', 'relative']);

export interface RoleRow {
  line: number;
  /** Lower case. */
  role: string;
  primary: boolean;
  /** Not marked tobedeleted, and its endDate (if any) is today or later. */
  active: boolean;
  endDate: Date | null;
  orgSourcedId: string;
}

export type RoleKind = { kind: 'student' } | { kind: 'staff'; staffRole: StaffRole };

export function roleKind(role: RoleRow): RoleKind {
  if (role.role === 'student') return { kind: 'student' };
  return { kind: 'staff', staffRole: STAFF_ROLES[role.role] ?? StaffRole.OTHER };
}

/** The role that says who a person is and where: an active primary one, else any active one, else the primary one, else the first. */
export function governingRole(roles: RoleRow[]): RoleRow | null {
  const relevant = roles.filter((role) => !FAMILY_ROLES.has(role.role));
  return (
    relevant.find((role) => role.active && role.primary) ??
    relevant.find((role) => role.active) ??
    relevant.find((role) => role.primary) ??
    relevant[0] ??
    null
  );
}

/** roles.csv rows by the user they belong to. `today` is UTC midnight: a role ending today is still active. */
export function readRoles(table: CsvTable | null, mode: FileMode, today: Date, problems: ProblemList): Map<string, RoleRow[]> {
  const byUser = new Map<string, RoleRow[]>();
  const lines = new Map<string, number>();
  for (const row of table?.rows ?? []) {
    const reader = new RowReader('roles.csv', row, problems);
    const sourcedId = reader.text('sourcedId', { required: true, max: 255 });
    const status = reader.oneOf('status', ROW_STATUSES, { required: mode === 'delta' });
    const userSourcedId = reader.text('userSourcedId', { required: true, max: 255 });
    const roleType = reader.oneOf('roleType', ['primary', 'secondary'] as const, { required: true });
    const role = reader.text('role', { required: true, max: 64 });
    reader.date('beginDate');
    const endDate = reader.date('endDate');
    const orgSourcedId = reader.text('orgSourcedId', { required: true, max: 255 });
    if (sourcedId !== null) {
      const first = lines.get(sourcedId);
      if (first !== undefined) reader.report('sourcedId', RosterProblemCode.DUPLICATE_ID, `role ${sourcedId} is already on line ${first}`);
      else lines.set(sourcedId, row.line);
    }
    if (!reader.ok || userSourcedId === null || role === null || orgSourcedId === null) continue;
    const parsed: RoleRow = {
      line: row.line,
      role: role.toLowerCase(),
      primary: roleType === 'primary',
      active: status !== 'tobedeleted' && (!endDate || endDate.getTime() >= today.getTime()),
      endDate,
      orgSourcedId,
    };
    const userRoles = byUser.get(userSourcedId);
    if (userRoles) userRoles.push(parsed);
    else byUser.set(userSourcedId, [parsed]);
  }
  return byUser;
}
