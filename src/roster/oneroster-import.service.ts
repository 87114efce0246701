/*
 * OneRoster 1.2 CSV import: how an export becomes staff and students.
 *
 * Files. manifest.csv is required: oneroster.version 1.2; file.users/roles/orgs = bulk | delta | absent
 * (unlisted = absent). A bulk users.csv needs a bulk roles.csv (1.2 keeps each person's role there). Headers
 * are matched by name in any letter case and order; extra columns (metadata.*) are allowed.
 * Who is who. A user's roles decide: the governing role is an active primary one, else any active one, else
 * the primary one (roles whose endDate has passed, or marked tobedeleted, are inactive). student -> Student;
 * guardian/parent/relative -> nothing stored; any other role -> Staff (teacher TEACHER, aide AIDE, principal
 * PRINCIPAL, administrator/siteAdministrator SUPERVISOR, districtAdministrator DISTRICT_ADMINISTRATOR,
 * systemAdministrator IT_STAFF, counselor COUNSELOR, proctor SUPPORT_STAFF, others OTHER). The governing
 * role's org is the school: a school org is the Proctor school whose code is its identifier (else its
 * sourcedId); a department is its parent school; district-level orgs are no school (staff only).
 * Staff: employeeId = identifier else sourcedId; email required; name = preferred/given + family. DEPARTED
 * (departedAt = the role's endDate, else now; a departure keeps its first date) when enabledUser=false,
 * status tobedeleted, or no active role; ON_LEAVE set by HR stays while the export says active.
 * Students: studentId = identifier else sourcedId; mediaConsent = metadata.mediaConsent (absent/blank =
 * false: no consent on file); handles from userIds {instagram:x} {x:x} {twitter:x} {facebook:x} {youtube:x}
 * {linkedin:x}, kept only as keyed hashes. tobedeleted or no active role -> removed (as WITHDRAWN is).
 * enabledUser=false does not withdraw a student (it only curtails their SIS login).
 * Matching: sourcedId, else employeeId / email (staff) or studentId, adopting HR/SIS-feed records.
 * Bulk: imported people (sourcedId set) missing from users.csv are gone (staff DEPARTED, students removed);
 * people the GraphQL feeds created are never removed by omission. Delta: only the rows sent change; a user
 * with no roles in the delta keeps their kind, school and role; role rows alone may change people imported
 * before, but never bring a departed one back (that takes their users.csv row).
 * Guard: refused (ROSTER_REMOVAL_GUARD) when more than ONEROSTER_MAX_REMOVAL_PERCENT of the active people
 * the import governs (imported before, or matched now) would be departed or removed, unless allowed.
 * All or nothing: every problem (up to 100 reported) is found before anything is written, then one
 * transaction writes everything with its audit (each staff change, and one roster.import summary).
 */
import type { District } from '../districts/district.entity';
import { Staff } from '../people/staff.entity';
import { StudentHandle } from '../people/student-handle.entity';
import { Student } from '../people/student.entity';
import { studentHandleKeys } from '../people/student-handle-keys';
import { School } from '../schools/school.entity';
import type { TenantScope } from '../tenancy/tenant-scope';
import { parseRosterCsv, type CsvSpec } from './oneroster-csv';
import { readManifest } from './oneroster-manifest';
import { mapPeople, USER_COLUMNS } from './oneroster-mapper';
import { indexBy } from './oneroster-matching';
import { OrgDirectory, ORG_COLUMNS, readOrgs } from './oneroster-orgs';
import { readRoles, ROLE_COLUMNS } from './oneroster-roles';
import { planStaff, type StaffPlan } from './oneroster-staff-plan';
import { planStudents, type StudentPlan } from './oneroster-student-plan';
import { writeRosterPlan } from './oneroster-writer';
import { ProblemList, RosterRemovalGuardError } from './oneroster.errors';
import type {
  CsvTable,
  RemovalGuardFigures,
  RosterFileName,
  RosterFiles,
  RosterImportOptions,
  RosterImportSummary,
  RosterManifest,
  StaffRecord,
  StudentRecord,
} from './oneroster.types';

interface ParsedExport {
  manifest: RosterManifest;
  users: CsvTable | null;
  roles: CsvTable | null;
  orgs: CsvTable | null;
}

interface Plan {
  staff: StaffPlan;
  students: StudentPlan;
  ignoredUsers: number;
  guard: RemovalGuardFigures;
}

export class OneRosterImportService {
  constructor(
    private readonly handleHashKey: Buffer,
    private readonly maxRemovalPercent: number,
  ) {}

  async import(scope: TenantScope, files: RosterFiles, options: RosterImportOptions = {}): Promise<RosterImportSummary> {
    const parsed = this.parse(files);
    if (options.dryRun) return this.summary(parsed.manifest, await this.plan(scope, parsed, options), true);
    return scope.transaction(async (tx) => {
      // Two imports of one district at once would each plan against the other's "before".
      await tx.lock('oneroster-import', ['district']);
      const plan = await this.plan(tx, parsed, options);
      await writeRosterPlan(tx, plan.staff, plan.students);
      const summary = this.summary(parsed.manifest, plan, false);
      tx.audit({
        action: 'roster.import',
        targetType: 'RosterImport',
        after: { sourceSystem: summary.sourceSystem, modes: summary.modes, staff: summary.staff, students: summary.students, ignoredUsers: summary.ignoredUsers, guard: summary.guard },
      });
      return summary;
    });
  }

  /** The manifest and every file's CSV and header; any problem here stops before rows are read. */
  private parse(files: RosterFiles): ParsedExport {
    const problems = new ProblemList();
    const manifest = readManifest(files, problems);
    problems.throwIfAny();
    const table = (file: RosterFileName, mode: string, spec: CsvSpec) => (mode === 'absent' ? null : parseRosterCsv(file, files.get(file) as Buffer, spec, problems));
    const { modes } = manifest!;
    const parsed = {
      manifest: manifest!,
      users: table('users.csv', modes.users, USER_COLUMNS),
      roles: table('roles.csv', modes.roles, ROLE_COLUMNS),
      orgs: table('orgs.csv', modes.orgs, ORG_COLUMNS),
    };
    problems.throwIfAny();
    return parsed;
  }

  private async plan(scope: TenantScope, parsed: ParsedExport, options: RosterImportOptions): Promise<Plan> {
    const district = await scope.district();
    const schools = await scope.select(School, 'school').select(['school.id', 'school.code']).getMany();
    const staff = await scope.select(Staff, 'staff').getMany();
    const students = await scope.select(Student, 'student').getMany();
    const storedHandleKeys = new Map<string, string[]>();
    for (const handle of await scope.select(StudentHandle, 'handle').getMany()) {
      const keys = storedHandleKeys.get(handle.studentId) ?? [];
      keys.push(`${handle.platform}:${handle.handleHash}`);
      storedHandleKeys.set(handle.studentId, keys);
    }
    for (const keys of storedHandleKeys.values()) keys.sort();

    const { modes } = parsed.manifest;
    const problems = new ProblemList();
    const orgs = new OrgDirectory(readOrgs(parsed.orgs, modes.orgs, problems), new Map(schools.map((school) => [school.code.toUpperCase(), school.id])), modes.orgs);
    const mapped = mapPeople(
      parsed.users,
      {
        modes,
        orgs,
        rolesByUser: readRoles(parsed.roles, modes.roles, localToday(district), problems),
        staffBySourcedId: indexBy(staff, (person) => person.sourcedId),
        studentsBySourcedId: indexBy(students, (person) => person.sourcedId),
      },
      problems,
    );
    const staffRecords = mapped.people.filter((person): person is StaffRecord => person.kind === 'staff');
    const studentRecords = mapped.people.filter((person): person is StudentRecord => person.kind === 'student');
    const shared = { bulk: modes.users === 'bulk', incomingSourcedIds: new Set(mapped.people.map((person) => person.sourcedId)) };
    const staffPlan = planStaff(staffRecords, staff, { ...shared, now: new Date(), otherKindSourcedIds: new Set(studentRecords.map((record) => record.sourcedId)) }, problems);
    const studentPlan = planStudents(
      studentRecords,
      students,
      storedHandleKeys,
      (handles) => studentHandleKeys(this.handleHashKey, scope.districtId, handles),
      { ...shared, otherKindSourcedIds: new Set(staffRecords.map((record) => record.sourcedId)) },
      problems,
    );
    problems.throwIfAny();

    const guard: RemovalGuardFigures = {
      active: staffPlan.governedActive + studentPlan.governedActive,
      removals: staffPlan.removals + studentPlan.withdrawals.length,
      maxPercent: this.maxRemovalPercent,
      overridden: false,
    };
    if (guard.removals * 100 > guard.maxPercent * guard.active) {
      if (!options.allowMassRemoval) throw new RosterRemovalGuardError(guard);
      guard.overridden = true;
    }
    return { staff: staffPlan, students: studentPlan, ignoredUsers: mapped.ignoredUsers, guard };
  }

  private summary(manifest: RosterManifest, plan: Plan, dryRun: boolean): RosterImportSummary {
    const { staff, students } = plan;
    return {
      dryRun,
      sourceSystem: manifest.sourceSystem,
      modes: manifest.modes,
      staff: { created: staff.created, updated: staff.updated, unchanged: staff.unchanged, departed: staff.removals },
      students: { created: students.created, updated: students.updated, unchanged: students.unchanged, withdrawn: students.withdrawals.length },
      ignoredUsers: plan.ignoredUsers,
      guard: plan.guard,
    };
  }
}

/** Today in the district's time zone, as UTC midnight: a role whose endDate is today still counts. */
function localToday(district: District): Date {
  const day = new Intl.DateTimeFormat('en-CA', { timeZone: district.timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
  return new Date(`${day}T00:00:00Z`);
}
