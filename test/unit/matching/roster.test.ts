import { Platform } from '../../../src/accounts/account.enums';
import { looksLikeHandle, mergeRoster, normaliseName } from '../../../src/compliance/matching/roster';
import type { RegistryAdmin, RuleDefinition } from '../../../src/compliance/rule';
import { StaffRole, StaffStatus } from '../../../src/people/people.enums';
import { SnapshotField, type SnapshotAdmin } from '../../../integrations/snapshot';
import { account, people, ruleInput, snapshotData, staff } from '../../support/rule-fixtures';

// mergeRoster only reads account, snapshot and people; a parameterless rule satisfies ruleInput's signature.
const NO_RULE = { parameters: [] } as unknown as RuleDefinition;

const D = 'sandbox-sd.example.org';
const dana = staff({ employeeId: 'E1001', name: 'Dana Whitford', email: `dana.whitford@${D}` });
const marco = staff({ employeeId: 'E1002', name: 'Marco Bellini', email: `marco.bellini@${D}`, role: StaffRole.TEACHER });
const priya = staff({
  employeeId: 'E1003',
  name: 'Priya Raman',
  email: `priya.raman@${D}`,
  role: StaffRole.TEACHER,
  status: StaffStatus.DEPARTED,
  departedAt: new Date('2026-09-30T23:00:00Z'),
});
const ines = staff({ employeeId: 'E9001', name: 'Inès Carvalho', email: `ines.carvalho@${D}`, schoolId: null });
const itStaff = staff({ employeeId: 'IT-SOCIAL', name: 'IT Services (social media)', email: `it-social@${D}`, role: StaffRole.IT_STAFF });
const tomas = staff({ employeeId: 'E3002', name: 'Tomas Herrera', email: `tomas.herrera@${D}` });
const roster = [dana, marco, priya, ines, itStaff, tomas];
const students = [
  { studentId: 'S-40003', schoolId: 'LMS', mediaConsent: true, platform: Platform.INSTAGRAM, handle: 'robo.riley' },
  { studentId: 'S-40009', schoolId: 'LMS', mediaConsent: false, platform: Platform.FACEBOOK, handle: '10229000000000555' },
];

function registry(overrides: Partial<RegistryAdmin> = {}): RegistryAdmin {
  return {
    email: null,
    name: null,
    employeeId: null,
    platformUserId: null,
    platformRole: 'ADMIN',
    isServiceAccount: false,
    addedAt: new Date('2026-01-10T00:00:00Z'),
    ...overrides,
  };
}

function platformAdmin(overrides: Partial<SnapshotAdmin> = {}): SnapshotAdmin {
  return { externalId: '1', name: null, email: null, roles: ['MANAGE'], fullControl: true, source: 'roles', ...overrides };
}

function merge(admins: RegistryAdmin[], snapshotAdmins: SnapshotAdmin[] | null, options: { platform?: Platform; unavailable?: SnapshotField[]; noSnapshot?: boolean } = {}) {
  const platform = options.platform ?? Platform.FACEBOOK;
  const data = snapshotData({ platform, admins: snapshotAdmins, unavailable: options.unavailable ?? [] });
  return mergeRoster(
    ruleInput(NO_RULE, {
      account: account({ platform, admins }),
      snapshot: options.noSnapshot ? null : { id: 'snapshot-1', fetchedAt: new Date('2026-11-22T06:00:00Z'), data },
      people: people(roster, students),
    }),
  );
}

const danaRegistry = registry({ email: dana.email, name: 'Dana Whitford', employeeId: 'E1001' });
const itRegistry = registry({ email: itStaff.email, name: 'IT Services', employeeId: 'IT-SOCIAL', isServiceAccount: true });

describe('normaliseName', () => {
  it('ignores case, accents, punctuation and extra whitespace', () => {
    expect(normaliseName('  Inès   CARVALHO ')).toBe('ines carvalho');
    expect(normaliseName('Jean-Luc  Picard')).toBe(normaliseName('jean luc picard'));
    expect(normaliseName('Ｄａｎａ Whitford')).toBe('dana whitford');
    expect(normaliseName(null)).toBe('');
    expect(normaliseName(' - ')).toBe('');
  });
});

describe('looksLikeHandle', () => {
  it('accepts handle-shaped ids and rejects numeric ids and free text', () => {
    expect(looksLikeHandle('robo.riley')).toBe(true);
    expect(looksLikeHandle('@robo.riley')).toBe(true);
    expect(looksLikeHandle('10229000000000555')).toBe(false);
    expect(looksLikeHandle('Riley (student)')).toBe(false);
    expect(looksLikeHandle(null)).toBe(false);
  });
});

describe('mergeRoster', () => {
  it('uses the registry alone when there is no snapshot', () => {
    const result = merge([danaRegistry, itRegistry], [platformAdmin()], { noSnapshot: true });
    expect(result.platformRosterVisible).toBe(false);
    expect(result.entries.map((entry) => [entry.source, entry.staff?.employeeId, entry.staffLinkedBy, entry.platformRosterVisible])).toEqual([
      ['REGISTRY', 'E1001', 'RECORD', false],
      ['REGISTRY', 'IT-SOCIAL', 'RECORD', false],
    ]);
    expect(result.entries[1].isServiceAccount).toBe(true);
    expect(result.entries[0].fullControl).toBeNull();
  });

  it('ignores snapshot admins when ADMINS is unavailable or the list is null', () => {
    const unavailable = merge([danaRegistry], [platformAdmin({ name: 'Kevin Marsh' })], { unavailable: [SnapshotField.ADMINS] });
    expect(unavailable.platformRosterVisible).toBe(false);
    expect(unavailable.entries).toHaveLength(1);
    const nullList = merge([danaRegistry], null);
    expect(nullList.platformRosterVisible).toBe(false);
    expect(nullList.entries.map((entry) => entry.source)).toEqual(['REGISTRY']);
  });

  it('shows an empty platform roster as visible: every registry admin is REGISTRY only', () => {
    const result = merge([danaRegistry], []);
    expect(result.platformRosterVisible).toBe(true);
    expect(result.entries.map((entry) => entry.source)).toEqual(['REGISTRY']);
  });

  it('links by platform user id before anything else', () => {
    const result = merge(
      [registry({ name: 'D. Whitford', employeeId: 'E1001', platformUserId: '77' }), registry({ name: 'Dana Whitford' })],
      [platformAdmin({ externalId: '77', name: 'Dana Whitford', fullControl: false })],
    );
    expect(result.entries).toHaveLength(2);
    expect(result.entries[0]).toMatchObject({ source: 'BOTH', linkedBy: 'PLATFORM_USER_ID', fullControl: false });
    expect(result.entries[0].staff?.employeeId).toBe('E1001');
    expect(result.entries[1].source).toBe('REGISTRY');
  });

  it('does not link a registry admin with a platform id to another platform account by name', () => {
    const result = merge([registry({ name: 'Dana Whitford', platformUserId: '77' })], [platformAdmin({ externalId: '88', name: 'Dana Whitford' })]);
    expect(result.entries.map((entry) => entry.source)).toEqual(['REGISTRY', 'PLATFORM']);
  });

  it('links by email, case-insensitively, when the platform shows one', () => {
    const result = merge([danaRegistry], [platformAdmin({ externalId: 'dWh1tf0rdA', email: 'Dana.Whitford@SANDBOX-SD.example.org' })], {
      platform: Platform.LINKEDIN,
    });
    expect(result.entries).toHaveLength(1);
    expect(result.entries[0]).toMatchObject({ source: 'BOTH', linkedBy: 'EMAIL', platformUserId: 'dWh1tf0rdA' });
  });

  it('links by normalised full name (case, accents, whitespace)', () => {
    const result = merge(
      [registry({ email: ines.email, name: 'Inès Carvalho', employeeId: 'E9001' })],
      [platformAdmin({ externalId: '10229000000000101', name: '  INES   carvalho ' })],
    );
    expect(result.entries).toHaveLength(1);
    expect(result.entries[0]).toMatchObject({ source: 'BOTH', linkedBy: 'NAME', email: ines.email, name: 'Inès Carvalho' });
  });

  it('links through the staff list when the names differ (registry "IT Services" vs platform "IT Services (social media)")', () => {
    const result = merge([danaRegistry, itRegistry], [platformAdmin({ externalId: '61560000000000103', name: 'IT Services (social media)', source: 'assigned_users' })]);
    const itEntry = result.entries.find((entry) => entry.registryAdmin === itRegistry);
    expect(itEntry).toMatchObject({ source: 'BOTH', linkedBy: 'STAFF', isServiceAccount: true, fullControl: true });
    expect(result.entries.find((entry) => entry.registryAdmin === danaRegistry)?.source).toBe('REGISTRY');
  });

  it('does not guess between two platform admins with the same name', () => {
    const result = merge([danaRegistry], [platformAdmin({ externalId: '1', name: 'Dana Whitford' }), platformAdmin({ externalId: '2', name: 'dana whitford' })]);
    expect(result.entries.map((entry) => [entry.source, entry.linkedBy])).toEqual([
      ['REGISTRY', null],
      ['PLATFORM', null],
      ['PLATFORM', null],
    ]);
  });

  it('ties platform-only admins to staff by name, departed included, and leaves outsiders unmatched', () => {
    const result = merge(
      [danaRegistry],
      [
        platformAdmin({ externalId: '10229000000000301', name: 'Dana Whitford' }),
        platformAdmin({ externalId: '10229000000000303', name: 'Priya Raman', source: 'assigned_users' }),
        platformAdmin({ externalId: '10229000000000901', name: 'Kevin Marsh', fullControl: false }),
      ],
    );
    const byName = Object.fromEntries(result.entries.map((entry) => [entry.name, entry]));
    expect(byName['Dana Whitford']).toMatchObject({ source: 'BOTH', linkedBy: 'NAME' });
    expect(byName['Priya Raman']).toMatchObject({ source: 'PLATFORM', staffLinkedBy: 'NAME', staff: priya, student: null });
    expect(byName['Kevin Marsh']).toMatchObject({ source: 'PLATFORM', staff: null, student: null, staffLinkedBy: null, fullControl: false });
  });

  it('does not tie a person to staff by a name two staff members share', () => {
    const twin = staff({ employeeId: 'E7777', name: 'Dana  WHITFORD', email: `dana.w2@${D}` });
    const result = mergeRoster(
      ruleInput(NO_RULE, {
        account: account({ admins: [] }),
        snapshot: { id: 's', fetchedAt: new Date('2026-11-22T06:00:00Z'), data: snapshotData({ admins: [platformAdmin({ name: 'Dana Whitford' })] }) },
        people: people([dana, twin]),
      }),
    );
    expect(result.entries[0].staff).toBeNull();
  });

  it('finds a student by a handle-shaped registry platform id (sandbox lms.robotics)', () => {
    const riley = registry({ name: 'Riley (student)', platformUserId: 'robo.riley' });
    const result = merge([registry({ email: tomas.email, name: 'Tomas Herrera', employeeId: 'E3002' }), riley], null, {
      platform: Platform.INSTAGRAM,
      unavailable: [SnapshotField.ADMINS],
    });
    expect(result.entries[1]).toMatchObject({ source: 'REGISTRY', staff: null, student: { studentId: 'S-40003', schoolId: 'LMS', mediaConsent: true } });
    expect(result.entries[0].student).toBeNull();
  });

  it('does not read numeric platform user ids as handles', () => {
    const result = merge([registry({ platformUserId: '10229000000000555' })], [platformAdmin({ externalId: '10229000000000555' })]);
    expect(result.entries[0]).toMatchObject({ source: 'BOTH', student: null, staff: null });
  });

  it('prefers a staff record (employee id / email) over a student handle', () => {
    const result = merge([registry({ email: tomas.email, platformUserId: 'robo.riley' })], null, { platform: Platform.INSTAGRAM });
    expect(result.entries[0]).toMatchObject({ staff: tomas, staffLinkedBy: 'RECORD', student: null });
  });

  it("uses the platform's email to find staff when the registry has none", () => {
    const result = merge([], [platformAdmin({ externalId: 'mB3ll1n1Qx', email: marco.email.toUpperCase() })], { platform: Platform.LINKEDIN });
    expect(result.entries[0]).toMatchObject({ source: 'PLATFORM', staff: marco, staffLinkedBy: 'RECORD', email: marco.email });
  });

  it('marks a platform-only admin as the service account when it is the staff member of a registry service account', () => {
    // Two platform admins both name the IT staff member, so neither links to the registry row; both are still IT.
    const result = merge(
      [itRegistry],
      [platformAdmin({ externalId: '1', name: 'IT Services (social media)' }), platformAdmin({ externalId: '2', name: 'it services (SOCIAL MEDIA)' })],
    );
    expect(result.entries.filter((entry) => entry.source === 'PLATFORM').map((entry) => entry.isServiceAccount)).toEqual([true, true]);
  });

  it('copes with odd data without throwing', () => {
    const result = merge(
      [registry(), registry({ email: '  ', name: '   ' })],
      [platformAdmin({ externalId: '', name: null, email: null, roles: [] })],
    );
    expect(result.entries).toHaveLength(3);
    expect(result.entries.every((entry) => entry.staff === null && entry.student === null)).toBe(true);
  });
});
