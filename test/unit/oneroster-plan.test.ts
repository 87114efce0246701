import { StaffRole, StaffStatus } from '../../src/people/people.enums';
import type { Staff } from '../../src/people/staff.entity';
import { OrgDirectory } from '../../src/roster/oneroster-orgs';
import { governingRole, roleKind, type RoleRow } from '../../src/roster/oneroster-roles';
import { planStaff } from '../../src/roster/oneroster-staff-plan';
import { ProblemList, RosterFilesError } from '../../src/roster/oneroster.errors';
import type { StaffRecord } from '../../src/roster/oneroster.types';

const role = (overrides: Partial<RoleRow>): RoleRow => ({ line: 2, role: 'teacher', primary: true, active: true, endDate: null, orgSourcedId: 'org-a', ...overrides });

function staff(overrides: Partial<Staff>): Staff {
  return {
    id: `id-${overrides.employeeId}`,
    districtId: 'd',
    name: 'A Person',
    email: `${overrides.employeeId}@d.org`.toLowerCase(),
    schoolId: null,
    role: StaffRole.TEACHER,
    status: StaffStatus.ACTIVE,
    departedAt: null,
    givenName: 'A',
    familyName: 'Person',
    sourcedId: null,
    scimExternalId: null,
    createdAt: new Date(0),
    updatedAt: new Date(0),
    employeeId: 'E0',
    ...overrides,
  } as Staff;
}

function record(overrides: Partial<StaffRecord>): StaffRecord {
  return {
    kind: 'staff',
    sourcedId: 'u-1',
    file: 'users.csv',
    line: 2,
    employeeId: 'E1',
    email: 'e1@d.org',
    name: 'A Person',
    givenName: 'A',
    familyName: 'Person',
    schoolId: null,
    role: StaffRole.TEACHER,
    departed: false,
    endedAt: null,
    ...overrides,
  };
}

const options = (bulk: boolean) => ({ bulk, now: new Date('2024-06-01T12:00:00Z'), incomingSourcedIds: new Set<string>(), otherKindSourcedIds: new Set<string>() });

describe('OneRoster roles and orgs', () => {
  it('maps role values to staff roles (unknown ones to OTHER) and skips family roles', () => {
    expect(['teacher', 'aide', 'principal', 'districtadministrator', 'systemadministrator', 'counselor', 'librarian'].map((value) => roleKind(role({ role: value }))))
      .toEqual([
        { kind: 'staff', staffRole: StaffRole.TEACHER },
        { kind: 'staff', staffRole: StaffRole.AIDE },
        { kind: 'staff', staffRole: StaffRole.PRINCIPAL },
        { kind: 'staff', staffRole: StaffRole.DISTRICT_ADMINISTRATOR },
        { kind: 'staff', staffRole: StaffRole.IT_STAFF },
        { kind: 'staff', staffRole: StaffRole.COUNSELOR },
        { kind: 'staff', staffRole: StaffRole.OTHER },
      ]);
    expect(roleKind(role({ role: 'student' }))).toEqual({ kind: 'student' });
    expect(governingRole([role({ role: 'guardian' }), role({ role: 'parent' })])).toBeNull();
  });

  it('lets an active primary role govern, then any active one, then an ended primary one', () => {
    const endedPrimary = role({ line: 2, active: false });
    const activeSecondary = role({ line: 3, primary: false });
    const activePrimary = role({ line: 4 });
    expect(governingRole([endedPrimary, activeSecondary, activePrimary])!.line).toBe(4);
    expect(governingRole([endedPrimary, activeSecondary])!.line).toBe(3);
    expect(governingRole([role({ line: 5, primary: false, active: false }), endedPrimary])!.line).toBe(2);
  });

  it('finds schools by org identifier, then sourcedId; departments by their parent; district orgs are no school', () => {
    const orgs = new Map([
      ['org-a', { type: 'school' as const, identifier: 'ab-1', parentSourcedId: 'org-d' }],
      ['ab-2', { type: 'school' as const, identifier: '0601234', parentSourcedId: 'org-d' }],
      ['dept', { type: 'department' as const, identifier: null, parentSourcedId: 'org-a' }],
      ['org-d', { type: 'district' as const, identifier: null, parentSourcedId: null }],
      ['org-x', { type: 'school' as const, identifier: 'ZZ', parentSourcedId: 'org-d' }],
    ]);
    const directory = new OrgDirectory(orgs, new Map([['AB-1', 'school-1'], ['AB-2', 'school-2'], ['AB-3', 'school-3']]), 'bulk');
    expect(['org-a', 'ab-2', 'dept', 'org-d', 'ab-3'].map((id) => directory.resolve(id))).toEqual([
      { schoolId: 'school-1' },
      { schoolId: 'school-2' },
      { schoolId: 'school-1' },
      { schoolId: null },
      { schoolId: 'school-3' },
    ]);
    expect(directory.resolve('org-x')).toHaveProperty('unknown');
    expect(directory.resolve('nowhere')).toHaveProperty('unknown');
  });
});

describe('OneRoster staff plan', () => {
  it('keeps ON_LEAVE while the export says active, and the first departure date on later imports', () => {
    const onLeave = staff({ employeeId: 'E1', email: 'e1@d.org', sourcedId: 'u-1', status: StaffStatus.ON_LEAVE });
    const departed = staff({ employeeId: 'E2', email: 'e2@d.org', sourcedId: 'u-2', status: StaffStatus.DEPARTED, departedAt: new Date('2024-01-31T00:00:00Z') });
    const plan = planStaff(
      [record({}), record({ sourcedId: 'u-2', employeeId: 'E2', email: 'e2@d.org', departed: true, endedAt: new Date('2024-03-01T00:00:00Z') })],
      [onLeave, departed],
      options(true),
      new ProblemList(),
    );
    expect([plan.changes.length, plan.unchanged, plan.removals]).toEqual([0, 2, 0]);
  });

  it('departs, in bulk mode only, imported staff the export leaves out; HR-feed staff stay', () => {
    const imported = staff({ employeeId: 'E7', sourcedId: 'u-7' });
    const fromHr = staff({ employeeId: 'E8' });
    const bulk = planStaff([], [imported, fromHr], options(true), new ProblemList());
    expect(bulk.changes.map((change) => [change.id, change.next.status, change.next.departedAt])).toEqual([['id-E7', StaffStatus.DEPARTED, new Date('2024-06-01T12:00:00Z')]]);
    expect([bulk.removals, bulk.governedActive]).toEqual([1, 1]);
    expect(planStaff([], [imported, fromHr], options(false), new ProblemList()).changes).toEqual([]);
  });

  it('adopts an HR-feed record by email, and refuses an email another imported person keeps', () => {
    const fromHr = staff({ employeeId: 'HR-1', email: 'e1@d.org' });
    const adopted = planStaff([record({})], [fromHr], options(true), new ProblemList());
    expect(adopted.changes.map((change) => [change.id, change.next.employeeId, change.next.sourcedId])).toEqual([['id-HR-1', 'E1', 'u-1']]);

    const keeper = staff({ employeeId: 'E9', email: 'e1@d.org', sourcedId: 'u-9' });
    const problems = new ProblemList();
    // A delta does not mention u-9, who keeps the address: it is not free for the new u-1.
    planStaff([record({ line: 3 })], [keeper], options(false), problems);
    expect(() => problems.throwIfAny()).toThrow(RosterFilesError);
    try {
      problems.throwIfAny();
    } catch (error) {
      expect((error as RosterFilesError).problems.map(({ line, column, code }) => [line, column, code])).toEqual([[3, 'email', 'DUPLICATE_ID']]);
    }
  });
});
