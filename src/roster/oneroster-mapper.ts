import { StaffRole, StaffStatus } from '../people/people.enums';
import type { Staff } from '../people/staff.entity';
import type { Student } from '../people/student.entity';
import { RowReader } from './oneroster-fields';
import { ROW_STATUSES, type OrgDirectory } from './oneroster-orgs';
import { governingRole, roleKind, type RoleRow } from './oneroster-roles';
import type { ProblemList } from './oneroster.errors';
import { RosterProblemCode, type CsvTable, type RosterManifest, type RosterPerson, type StaffRecord, type StudentRecord } from './oneroster.types';

export const USER_COLUMNS = {
  required: ['sourcedId', 'status', 'dateLastModified', 'enabledUser', 'username', 'userIds', 'givenName', 'familyName', 'identifier', 'email'],
  optional: ['preferredGivenName', 'preferredFamilyName', 'metadata.mediaConsent'],
} as const;

export interface MappingContext {
  modes: RosterManifest['modes'];
  orgs: OrgDirectory;
  rolesByUser: Map<string, RoleRow[]>;
  staffBySourcedId: Map<string, Staff>;
  studentsBySourcedId: Map<string, Student>;
}

/** Who a person is, where, and whether they still hold a role, from their roles or (when this import sends none) their record. */
interface Standing {
  kind: 'staff' | 'student';
  staffRole: StaffRole;
  active: boolean;
  schoolId: string | null;
  endedAt: Date | null;
}

export interface MappedPeople {
  people: RosterPerson[];
  ignoredUsers: number;
}

/**
 * users.csv rows (and, in delta mode, roles.csv rows of people imported before) to staff and students.
 * Every problem is reported to `problems`; people with problems are left out of the result.
 */
export function mapPeople(users: CsvTable | null, context: MappingContext, problems: ProblemList): MappedPeople {
  const people: RosterPerson[] = [];
  const lines = new Map<string, number>();
  let ignoredUsers = 0;
  for (const row of users?.rows ?? []) {
    const reader = new RowReader('users.csv', row, problems);
    const sourcedId = reader.text('sourcedId', { required: true, max: 255 });
    const status = reader.oneOf('status', ROW_STATUSES, { required: context.modes.users === 'delta' });
    const enabled = reader.boolean('enabledUser', true);
    if (sourcedId === null) continue;
    const first = lines.get(sourcedId);
    if (first !== undefined) {
      reader.report('sourcedId', RosterProblemCode.DUPLICATE_ID, `user ${sourcedId} is already on line ${first}`);
      continue;
    }
    lines.set(sourcedId, row.line);
    const standing = standingOf(sourcedId, context, problems);
    if (!standing) {
      ignoredUsers += 1;
      continue;
    }
    const removed = status === 'tobedeleted' || !standing.active;
    const person = standing.kind === 'staff' ? staffFromRow(reader, sourcedId, standing, removed || !enabled) : studentFromRow(reader, sourcedId, standing, removed);
    if (person && reader.ok) people.push(person);
  }
  if (context.modes.roles !== 'absent') people.push(...peopleFromRolesOnly(lines, context, problems));
  return { people, ignoredUsers };
}

function standingOf(sourcedId: string, context: MappingContext, problems: ProblemList): Standing | null {
  const governing = governingRole(context.rolesByUser.get(sourcedId) ?? []);
  const staff = context.staffBySourcedId.get(sourcedId);
  const student = context.studentsBySourcedId.get(sourcedId);
  if (governing) {
    const kind = roleKind(governing);
    const placement = context.orgs.resolve(governing.orgSourcedId);
    let schoolId = 'schoolId' in placement ? placement.schoolId : null;
    if (governing.active && 'unknown' in placement) {
      problems.add('roles.csv', governing.line, 'orgSourcedId', RosterProblemCode.UNKNOWN_REFERENCE, placement.unknown);
    } else if (governing.active && kind.kind === 'student' && schoolId === null) {
      problems.add('roles.csv', governing.line, 'orgSourcedId', RosterProblemCode.BAD_VALUE, "a student's role must be at a school org");
    }
    if (!governing.active && schoolId === null) schoolId = staff?.schoolId ?? student?.schoolId ?? null;
    return {
      kind: kind.kind,
      staffRole: kind.kind === 'staff' ? kind.staffRole : StaffRole.OTHER,
      active: governing.active,
      schoolId,
      endedAt: governing.active ? null : governing.endDate,
    };
  }
  // No staff or student role in this import. A bulk roles.csv lists every role, so the person holds none now;
  // a delta one only lists changes, so the person keeps what they had.
  const keep = context.modes.roles !== 'bulk';
  if (staff && (staff.status !== StaffStatus.DEPARTED || !student)) {
    return { kind: 'staff', staffRole: staff.role, active: keep && staff.status !== StaffStatus.DEPARTED, schoolId: staff.schoolId, endedAt: null };
  }
  if (student) return { kind: 'student', staffRole: StaffRole.OTHER, active: keep, schoolId: student.schoolId, endedAt: null };
  return null;
}

function employeeKey(reader: RowReader, sourcedId: string): string | null {
  const identifier = reader.text('identifier', { max: 64 });
  if (identifier) return identifier;
  if (sourcedId.length > 64) reader.report('identifier', RosterProblemCode.MISSING_VALUE, 'identifier is required when sourcedId is longer than 64 characters');
  return sourcedId.length > 64 ? null : sourcedId;
}

function staffFromRow(reader: RowReader, sourcedId: string, standing: Standing, departed: boolean): StaffRecord | null {
  const employeeId = employeeKey(reader, sourcedId);
  const email = reader.email('email', { required: true });
  const givenName = reader.text('givenName', { max: 100 });
  const familyName = reader.text('familyName', { max: 100 });
  const shownGiven = reader.text('preferredGivenName', { max: 100 }) ?? givenName;
  const shownFamily = reader.text('preferredFamilyName', { max: 100 }) ?? familyName;
  const name = [shownGiven, shownFamily].filter(Boolean).join(' ');
  if (!name) reader.report('givenName', RosterProblemCode.MISSING_VALUE, 'staff need a givenName or familyName');
  else if (name.length > 200) reader.report('familyName', RosterProblemCode.BAD_VALUE, 'the full name is longer than 200 characters');
  if (employeeId === null || email === null) return null;
  return {
    kind: 'staff',
    sourcedId,
    file: 'users.csv',
    line: reader.line,
    employeeId,
    email,
    name,
    givenName,
    familyName,
    schoolId: standing.schoolId,
    role: standing.staffRole,
    departed,
    endedAt: departed ? standing.endedAt : null,
  };
}

function studentFromRow(reader: RowReader, sourcedId: string, standing: Standing, withdrawn: boolean): StudentRecord | null {
  const studentId = employeeKey(reader, sourcedId);
  const mediaConsent = reader.boolean('metadata.mediaConsent', false);
  const handles = reader.handles('userIds');
  if (studentId === null) return null;
  return { kind: 'student', sourcedId, file: 'users.csv', line: reader.line, studentId, schoolId: standing.schoolId, mediaConsent, handles, withdrawn };
}

/**
 * Role rows of users not in users.csv: in delta mode they change people imported before (their other details
 * stay as recorded). A role row alone never brings a departed person back: that takes their users.csv row.
 */
function peopleFromRolesOnly(usersInFile: Map<string, number>, context: MappingContext, problems: ProblemList): RosterPerson[] {
  const people: RosterPerson[] = [];
  for (const [sourcedId, roles] of context.rolesByUser) {
    if (usersInFile.has(sourcedId)) continue;
    const governing = governingRole(roles);
    if (!governing) continue;
    const missing = (message: string) => problems.add('roles.csv', governing.line, 'userSourcedId', RosterProblemCode.UNKNOWN_REFERENCE, message);
    if (context.modes.users === 'bulk') {
      missing(`user ${sourcedId} is not in users.csv`);
      continue;
    }
    const before = problems.size;
    const standing = standingOf(sourcedId, context, problems) as Standing;
    if (problems.size > before) continue;
    const staff = context.staffBySourcedId.get(sourcedId);
    const student = context.studentsBySourcedId.get(sourcedId);
    if (standing.kind === 'staff' && staff) {
      const departed = !standing.active || staff.status === StaffStatus.DEPARTED;
      const { employeeId, email, name, givenName, familyName } = staff;
      people.push({ kind: 'staff', sourcedId, file: 'roles.csv', line: governing.line, employeeId, email, name, givenName, familyName, schoolId: standing.schoolId, role: standing.staffRole, departed, endedAt: departed ? standing.endedAt : null });
    } else if (standing.kind === 'student' && student) {
      people.push({ kind: 'student', sourcedId, file: 'roles.csv', line: governing.line, studentId: student.studentId, schoolId: standing.schoolId, mediaConsent: student.mediaConsent, handles: null, withdrawn: !standing.active });
    } else if (staff || student) {
      missing(`user ${sourcedId} changes between staff and student: send their users.csv row too`);
    } else {
      missing(`user ${sourcedId} is neither in users.csv nor imported before`);
    }
  }
  return people;
}
