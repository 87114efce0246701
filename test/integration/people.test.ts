import { ApiRole } from '../../src/auth/api-role';
import { hashHandle } from '../../src/people/handle-hash';
import { Platform } from '../../src/accounts/account.enums';
import { createDistrict, createKey, createSchool } from '../support/factories';
import { errorCode, errorFields, expectData, graphql } from '../support/graphql';
import { startTestApp, type TestApp } from '../support/test-app';
import { TEST_HANDLE_HASH_KEY } from '../support/test-config';

const UPSERT = `mutation($input: [StaffInput!]!) {
  upsertStaff(input: $input) { created updated unchanged staff { id employeeId name email role status departedAt school { id code } } }
}`;
const IMPORT = 'mutation($input: [StudentInput!]!) { importStudents(input: $input) { created updated unchanged withdrawn } }';

const teacher = (employeeId: string, overrides: Record<string, unknown> = {}) => ({
  employeeId,
  name: `Teacher ${employeeId}`,
  email: `${employeeId.toLowerCase()}@example.org`,
  role: 'TEACHER',
  status: 'ACTIVE',
  ...overrides,
});

describe('staff feed (upsertStaff)', () => {
  let testApp: TestApp;
  beforeAll(async () => {
    testApp = await startTestApp();
  });
  afterAll(async () => {
    await testApp.close();
  });

  it('creates, updates and leaves unchanged by employeeId, in input order', async () => {
    const { district, adminKey } = await createDistrict(testApp);
    const school = await createSchool(testApp, adminKey);
    const hr = await createKey(testApp, district.id, ApiRole.HR_SYSTEM);
    const first = expectData(
      await graphql(testApp.app, hr, UPSERT, { input: [teacher('E1', { schoolId: school.id, email: 'Mixed.Case@Example.org' }), teacher('E2')] }),
    ).upsertStaff;
    expect(first).toMatchObject({ created: 2, updated: 0, unchanged: 0 });
    expect(first.staff.map((staff: { employeeId: string }) => staff.employeeId)).toEqual(['E1', 'E2']);
    expect(first.staff[0]).toMatchObject({ email: 'mixed.case@example.org', school: { id: school.id } });

    const second = expectData(
      await graphql(testApp.app, hr, UPSERT, {
        input: [teacher('E2', { role: 'PRINCIPAL' }), teacher('E1', { schoolId: school.id, email: 'mixed.case@example.org' }), teacher('E3')],
      }),
    ).upsertStaff;
    expect(second).toMatchObject({ created: 1, updated: 1, unchanged: 1 });
    expect(second.staff[0]).toMatchObject({ employeeId: 'E2', role: 'PRINCIPAL', id: first.staff[1].id });
  });

  it('records a departure date, keeps it on repeats, and clears it on rehire', async () => {
    const { adminKey } = await createDistrict(testApp);
    const departed = expectData(await graphql(testApp.app, adminKey, UPSERT, { input: [teacher('D1', { status: 'DEPARTED', departedAt: '2026-06-30T00:00:00.000Z' })] })).upsertStaff;
    expect(departed.staff[0].departedAt).toBe('2026-06-30T00:00:00.000Z');
    const repeat = expectData(await graphql(testApp.app, adminKey, UPSERT, { input: [teacher('D1', { status: 'DEPARTED' })] })).upsertStaff;
    expect(repeat).toMatchObject({ unchanged: 1 });
    expect(repeat.staff[0].departedAt).toBe('2026-06-30T00:00:00.000Z');
    const rehired = expectData(await graphql(testApp.app, adminKey, UPSERT, { input: [teacher('D1')] })).upsertStaff;
    expect(rehired.staff[0]).toMatchObject({ status: 'ACTIVE', departedAt: null });
  });

  it('refuses a feed with repeated ids or emails, naming each row, and writes nothing', async () => {
    const { district, adminKey } = await createDistrict(testApp);
    const response = await graphql(testApp.app, adminKey, UPSERT, {
      input: [teacher('R1'), teacher('R2', { email: 'r1@example.org' }), teacher('R1', { email: 'other@example.org' })],
    });
    expect(errorCode(response)).toBe('BAD_USER_INPUT');
    expect(errorFields(response).sort()).toEqual(['input.1.email', 'input.2.employeeId']);
    expect(await staffCount(testApp, district.id)).toBe(0);
  });

  it('validates every row and reports paths with the row index', async () => {
    const { district, adminKey } = await createDistrict(testApp);
    const response = await graphql(testApp.app, adminKey, UPSERT, {
      input: [teacher('OK1'), teacher('BAD', { email: 'not-an-email', name: ' ' }), teacher('ALSO BAD', { email: 'also.bad@example.org' })],
    });
    expect(errorCode(response)).toBe('BAD_USER_INPUT');
    expect(new Set(errorFields(response))).toEqual(new Set(['input.1.email', 'input.1.name', 'input.2.employeeId']));
    expect(await staffCount(testApp, district.id)).toBe(0);
  });

  it('refuses an email that belongs to another employee (CONFLICT), writing nothing', async () => {
    const { district, adminKey } = await createDistrict(testApp);
    expectData(await graphql(testApp.app, adminKey, UPSERT, { input: [teacher('A1', { email: 'shared@example.org' })] }));
    const response = await graphql(testApp.app, adminKey, UPSERT, { input: [teacher('A2'), teacher('A3', { email: 'shared@example.org' })] });
    expect(errorCode(response)).toBe('CONFLICT');
    expect(errorFields(response)).toEqual(['input.1.email']);
    expect(await staffCount(testApp, district.id)).toBe(1);
  });

  it('answers NOT_FOUND for unknown school ids, naming every row, and writes nothing', async () => {
    const { district, adminKey } = await createDistrict(testApp);
    const response = await graphql(testApp.app, adminKey, UPSERT, {
      input: [teacher('N1', { schoolId: '01900000-0000-7000-8000-000000000001' }), teacher('N2'), teacher('N3', { schoolId: '01900000-0000-7000-8000-000000000002' })],
    });
    expect(errorCode(response)).toBe('NOT_FOUND');
    expect(errorFields(response)).toEqual(['input.0.schoolId', 'input.2.schoolId']);
    expect(await staffCount(testApp, district.id)).toBe(0);
  });

  it('audits each change with before/after and the feed as a whole', async () => {
    const { adminKey } = await createDistrict(testApp);
    expectData(await graphql(testApp.app, adminKey, UPSERT, { input: [teacher('AU1')] }));
    expectData(await graphql(testApp.app, adminKey, UPSERT, { input: [teacher('AU1', { name: 'Renamed' })] }));
    const entries = expectData(await graphql(testApp.app, adminKey, '{ auditLog(first: 10) { edges { node { action before after } } } }')).auditLog.edges.map(
      (edge: { node: unknown }) => edge.node,
    );
    expect(entries.slice(0, 4)).toEqual([
      { action: 'staff.upsert', before: null, after: { received: 1, created: 0, updated: 1, unchanged: 0 } },
      { action: 'staff.update', before: { name: 'Teacher AU1' }, after: { name: 'Renamed' } },
      { action: 'staff.upsert', before: null, after: { received: 1, created: 1, updated: 0, unchanged: 0 } },
      expect.objectContaining({ action: 'staff.create', before: null }),
    ]);
  });
});

describe('student feed (importStudents)', () => {
  let testApp: TestApp;
  beforeAll(async () => {
    testApp = await startTestApp();
  });
  afterAll(async () => {
    await testApp.close();
  });

  it('creates, updates, leaves unchanged and withdraws by studentId', async () => {
    const { district, adminKey } = await createDistrict(testApp);
    const school = await createSchool(testApp, adminKey);
    const sis = await createKey(testApp, district.id, ApiRole.SIS_SYSTEM);
    const student = (studentId: string, overrides: Record<string, unknown> = {}) => ({ studentId, schoolId: school.id, mediaConsent: false, ...overrides });

    expect(expectData(await graphql(testApp.app, sis, IMPORT, { input: [student('S1'), student('S2', { handles: [{ platform: 'X', handle: '@kid' }] })] })).importStudents)
      .toEqual({ created: 2, updated: 0, unchanged: 0, withdrawn: 0 });
    expect(
      expectData(
        await graphql(testApp.app, sis, IMPORT, {
          input: [student('S1', { mediaConsent: true }), student('S2', { handles: [{ platform: 'X', handle: 'KID' }] }), student('S3', { status: 'WITHDRAWN' })],
        }),
      ).importStudents,
    ).toEqual({ created: 0, updated: 1, unchanged: 1, withdrawn: 0 });
    expect(expectData(await graphql(testApp.app, sis, IMPORT, { input: [student('S1', { status: 'WITHDRAWN' })] })).importStudents)
      .toEqual({ created: 0, updated: 0, unchanged: 0, withdrawn: 1 });

    const remaining = await testApp.dataSource.query('SELECT student_id, media_consent FROM student WHERE district_id = $1 ORDER BY student_id', [district.id]);
    expect(remaining).toEqual([{ student_id: 'S2', media_consent: false }]);
  });

  it('survives two feeds creating the same new student at once', async () => {
    const { district, adminKey } = await createDistrict(testApp);
    const school = await createSchool(testApp, adminKey);
    const feed = (handle: string) =>
      graphql(testApp.app, adminKey, IMPORT, { input: [{ studentId: 'RACE-1', schoolId: school.id, mediaConsent: true, handles: [{ platform: 'X', handle }] }] });
    const results = await Promise.all([feed('first'), feed('second'), feed('third')]);
    for (const result of results) expect(result.errors).toBeUndefined();
    const students = await testApp.dataSource.query('SELECT id FROM student WHERE district_id = $1', [district.id]);
    expect(students).toHaveLength(1);
    const handles = await testApp.dataSource.query('SELECT student_id FROM student_handle WHERE district_id = $1', [district.id]);
    expect(handles).toEqual([{ student_id: students[0].id }]);
  });

  it('keeps handles only as keyed hashes, never in clear', async () => {
    const { district, adminKey } = await createDistrict(testApp);
    const school = await createSchool(testApp, adminKey);
    expectData(
      await graphql(testApp.app, adminKey, IMPORT, {
        input: [{ studentId: 'H1', schoolId: school.id, mediaConsent: true, handles: [{ platform: 'INSTAGRAM', handle: '@Secret.Handle' }, { platform: 'X', handle: 'secret.handle' }] }],
      }),
    );
    const rows = await testApp.dataSource.query('SELECT platform, handle_hash FROM student_handle WHERE district_id = $1 ORDER BY platform', [district.id]);
    const key = Buffer.from(TEST_HANDLE_HASH_KEY, 'base64');
    expect(rows).toEqual([
      { platform: 'INSTAGRAM', handle_hash: hashHandle(key, district.id, Platform.INSTAGRAM, 'secret.handle') },
      { platform: 'X', handle_hash: hashHandle(key, district.id, Platform.X, 'secret.handle') },
    ]);
    const everything = JSON.stringify(await testApp.dataSource.query('SELECT * FROM student_handle, student WHERE student.district_id = $1', [district.id]));
    const audit = JSON.stringify(await testApp.dataSource.query('SELECT * FROM audit_entry WHERE district_id = $1', [district.id]));
    expect(everything.toLowerCase()).not.toContain('secret.handle');
    expect(audit.toLowerCase()).not.toContain('secret.handle');
  });

  it('refuses bad rows (unknown platform, repeated id, unknown school) and writes nothing', async () => {
    const { district, adminKey } = await createDistrict(testApp);
    const school = await createSchool(testApp, adminKey);
    const badPlatform = await graphql(testApp.app, adminKey, IMPORT, { input: [{ studentId: 'B1', schoolId: school.id, mediaConsent: true, handles: [{ platform: 'MYSPACE', handle: 'x' }] }] });
    expect(errorCode(badPlatform)).toBe('BAD_USER_INPUT');
    const repeated = await graphql(testApp.app, adminKey, IMPORT, { input: [{ studentId: 'B1', schoolId: school.id, mediaConsent: true }, { studentId: 'B1', schoolId: school.id, mediaConsent: false }] });
    expect(errorCode(repeated)).toBe('BAD_USER_INPUT');
    expect(errorFields(repeated)).toEqual(['input.1.studentId']);
    const blankHandle = await graphql(testApp.app, adminKey, IMPORT, { input: [{ studentId: 'B2', schoolId: school.id, mediaConsent: true, handles: [{ platform: 'X', handle: ' ' }] }] });
    expect(errorFields(blankHandle)).toEqual(['input.0.handles.0.handle']);
    const unknownSchool = await graphql(testApp.app, adminKey, IMPORT, { input: [{ studentId: 'B3', schoolId: '01900000-0000-7000-8000-000000000003', mediaConsent: true }] });
    expect(errorCode(unknownSchool)).toBe('NOT_FOUND');
    const [row] = await testApp.dataSource.query('SELECT count(*)::int AS n FROM student WHERE district_id = $1', [district.id]);
    expect(row.n).toBe(0);
  });
});

async function staffCount(testApp: TestApp, districtId: string): Promise<number> {
  const [row] = await testApp.dataSource.query('SELECT count(*)::int AS n FROM staff WHERE district_id = $1', [districtId]);
  return row.n;
}
