import request from 'supertest';
import { Platform } from '../../src/accounts/account.enums';
import { ApiRole } from '../../src/auth/api-role';
import { hashHandle } from '../../src/people/handle-hash';
import { runCliCaptured } from '../support/cli-run';
import { createDistrict, createKey, createSchool, type TestSchool } from '../support/factories';
import { expectData, graphql } from '../support/graphql';
import { DISTRICT_ORG, generateRoster, rosterFiles, rosterZip, schoolOrg, writeRoster, type RosterExport } from '../support/oneroster-fixtures';
import { startTestApp, type TestApp } from '../support/test-app';
import { TEST_HANDLE_HASH_KEY, testEnv } from '../support/test-config';

const USERS = 2000;
/** kindAt(): every 8th user is staff, every 50th from 1 a guardian, the rest students. */
const STAFF = 250;
const GUARDIANS = 40;
const STUDENTS = USERS - STAFF - GUARDIANS;

describe('OneRoster 1.2 CSV import', () => {
  let testApp: TestApp;
  beforeAll(async () => {
    testApp = await startTestApp();
  });
  afterAll(async () => {
    await testApp.close();
  });

  interface World {
    districtId: string;
    slug: string;
    adminKey: string;
    sisKey: string;
    schools: TestSchool[];
    roster: RosterExport;
  }

  async function importWorld(users = USERS): Promise<World> {
    const { district, adminKey } = await createDistrict(testApp);
    const schools = [await createSchool(testApp, adminKey), await createSchool(testApp, adminKey), await createSchool(testApp, adminKey)];
    const sisKey = await createKey(testApp, district.id, ApiRole.SIS_SYSTEM);
    return { districtId: district.id, slug: district.slug, adminKey, sisKey, schools, roster: generateRoster({ users, schoolCodes: schools.map((school) => school.code) }) };
  }

  function upload(key: string | null, body: Buffer, query = '') {
    const call = request(testApp.app).post(`/oneroster/imports${query}`).set('content-type', 'application/zip');
    if (key) call.set('authorization', `Bearer ${key}`);
    return call.send(body);
  }

  async function counts(districtId: string) {
    const [row] = await testApp.dataSource.query(
      `SELECT (SELECT count(*)::int FROM staff WHERE district_id = $1) AS staff,
              (SELECT count(*)::int FROM staff WHERE district_id = $1 AND status = 'DEPARTED') AS departed,
              (SELECT count(*)::int FROM student WHERE district_id = $1) AS students,
              (SELECT count(*)::int FROM student_handle WHERE district_id = $1) AS handles,
              (SELECT count(*)::int FROM audit_entry WHERE district_id = $1) AS audit`,
      [districtId],
    );
    return row as { staff: number; departed: number; students: number; handles: number; audit: number };
  }

  const staffRow = (districtId: string, sourcedId: string) =>
    testApp.dataSource.query('SELECT * FROM staff WHERE district_id = $1 AND sourced_id = $2', [districtId, sourcedId]).then((rows: any[]) => rows[0]);
  const studentRow = (districtId: string, sourcedId: string) =>
    testApp.dataSource.query('SELECT * FROM student WHERE district_id = $1 AND sourced_id = $2', [districtId, sourcedId]).then((rows: any[]) => rows[0]);
  const userAt = (roster: RosterExport, index: number) => roster.users[index];

  it('a bulk export creates staff and students (consent, hashed handles), skips guardians, and a re-import changes nothing', async () => {
    const world = await importWorld();
    const response = await upload(world.sisKey, rosterZip(world.roster));
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      dryRun: false,
      sourceSystem: 'Fixture SIS',
      modes: { users: 'bulk', roles: 'bulk', orgs: 'bulk' },
      staff: { created: STAFF, updated: 0, unchanged: 0, departed: 0 },
      students: { created: STUDENTS, updated: 0, unchanged: 0, withdrawn: 0 },
      ignoredUsers: GUARDIANS,
      guard: { active: 0, removals: 0, maxPercent: 10, overridden: false },
    });

    const teacher = await staffRow(world.districtId, 'u-8');
    expect(teacher).toMatchObject({
      employee_id: 'E-u-8',
      email: 'given8.family8@district.example.org',
      name: 'Given8 Family8',
      given_name: 'Given8',
      family_name: 'Family8',
      role: 'TEACHER',
      status: 'ACTIVE',
      school_id: world.schools[8 % 3].id,
      departed_at: null,
    });
    expect(await staffRow(world.districtId, 'u-40')).toMatchObject({ role: 'DISTRICT_ADMINISTRATOR', school_id: null });

    // Student 3: Instagram handle, consent true; 4: X handle, consent false; 5: no handle, blank consent = false.
    const [three, four, five] = await Promise.all(['u-3', 'u-4', 'u-5'].map((id) => studentRow(world.districtId, id)));
    expect([three.student_id, three.media_consent, three.school_id]).toEqual(['S-u-3', true, world.schools[0].id]);
    expect([four.media_consent, five.media_consent]).toEqual([false, false]);
    const handles = await testApp.dataSource.query('SELECT student_id, platform, handle_hash FROM student_handle WHERE student_id = ANY($1) ORDER BY platform', [[three.id, four.id, five.id]]);
    const key = Buffer.from(TEST_HANDLE_HASH_KEY, 'base64');
    expect(handles).toEqual([
      { student_id: three.id, platform: 'INSTAGRAM', handle_hash: hashHandle(key, world.districtId, Platform.INSTAGRAM, 'stu.u.3') },
      { student_id: four.id, platform: 'X', handle_hash: hashHandle(key, world.districtId, Platform.X, 'stu_u_4') },
    ]);
    expect(await studentRow(world.districtId, 'u-1')).toBeUndefined(); // a guardian
    expect(await staffRow(world.districtId, 'u-1')).toBeUndefined();

    const audit = await testApp.dataSource.query(
      "SELECT action, count(*)::int AS n FROM audit_entry WHERE district_id = $1 AND action IN ('staff.create', 'roster.import', 'student.create') GROUP BY action ORDER BY action",
      [world.districtId],
    );
    expect(audit).toEqual([{ action: 'roster.import', n: 1 }, { action: 'staff.create', n: STAFF }]);
    const [summaryEntry] = await testApp.dataSource.query("SELECT actor_role, after FROM audit_entry WHERE district_id = $1 AND action = 'roster.import'", [world.districtId]);
    expect(summaryEntry.actor_role).toBe('SIS_SYSTEM');
    expect(JSON.stringify(summaryEntry.after)).not.toContain('stu.u.3');

    const before = await counts(world.districtId);
    const again = await upload(world.sisKey, rosterZip(world.roster));
    expect(again.body.staff).toEqual({ created: 0, updated: 0, unchanged: STAFF, departed: 0 });
    expect(again.body.students).toEqual({ created: 0, updated: 0, unchanged: STUDENTS, withdrawn: 0 });
    expect(await counts(world.districtId)).toEqual({ ...before, audit: before.audit + 1 });
  });

  it('takes the same few SQL statements for 200 users as for 2 000 (chunked writes, no statement per person)', async () => {
    const statements = async (users: number) => {
      const world = await importWorld(users);
      testApp.finished.length = 0;
      expect((await upload(world.sisKey, rosterZip(world.roster))).status).toBe(200);
      return testApp.finished.find((entry) => entry.path === '/oneroster/imports')!.sqlQueries;
    };
    const small = await statements(200);
    const large = await statements(USERS);
    // 2 000 users need a second 1 000-row chunk for the student upsert and for the audit entries.
    expect(large - small).toBeLessThanOrEqual(3);
    expect(large).toBeLessThan(30);
  });

  it('a delta export updates, departs and withdraws only the people it names', async () => {
    const world = await importWorld(200);
    expect((await upload(world.sisKey, rosterZip(world.roster))).status).toBe(200);
    const yesterday = new Date(Date.now() - 2 * 86_400_000).toISOString().slice(0, 10);
    const delta: RosterExport = {
      ...world.roster,
      manifest: { ...world.roster.manifest, 'file.users': 'delta', 'file.roles': 'delta', 'file.orgs': 'absent' },
      users: [
        { ...userAt(world.roster, 8), status: 'active', dateLastModified: '2024-05-01T00:00:00Z', email: 'new.address@district.example.org' },
        { ...userAt(world.roster, 16), status: 'active', dateLastModified: '2024-05-01T00:00:00Z', enabledUser: 'false' },
        { ...userAt(world.roster, 3), status: 'active', dateLastModified: '2024-05-01T00:00:00Z', 'metadata.mediaConsent': 'false', userIds: '{x:new_handle}' },
        { ...userAt(world.roster, 5), status: 'tobedeleted', dateLastModified: '2024-05-01T00:00:00Z' },
      ],
      roles: [
        // A role ended: staff 24 has no active role left (no users.csv row needed).
        { sourcedId: 'r-u-24', status: 'active', dateLastModified: '2024-05-01T00:00:00Z', userSourcedId: 'u-24', roleType: 'primary', role: 'aide', endDate: yesterday, orgSourcedId: schoolOrg(world.schools[0].code) },
      ],
    };
    const response = await upload(world.sisKey, rosterZip(delta));
    expect(response.status).toBe(200);
    expect(response.body.staff).toEqual({ created: 0, updated: 3, unchanged: 0, departed: 2 });
    expect(response.body.students).toEqual({ created: 0, updated: 1, unchanged: 0, withdrawn: 1 });

    expect(await staffRow(world.districtId, 'u-8')).toMatchObject({ email: 'new.address@district.example.org', status: 'ACTIVE' });
    const disabled = await staffRow(world.districtId, 'u-16');
    expect(disabled.status).toBe('DEPARTED');
    expect(Date.now() - new Date(disabled.departed_at).getTime()).toBeLessThan(60_000);
    expect(await staffRow(world.districtId, 'u-24')).toMatchObject({ status: 'DEPARTED', departed_at: new Date(`${yesterday}T00:00:00Z`) });
    expect(await staffRow(world.districtId, 'u-32')).toMatchObject({ status: 'ACTIVE' }); // not in the delta
    const three = await studentRow(world.districtId, 'u-3');
    expect(three.media_consent).toBe(false);
    const handles = await testApp.dataSource.query('SELECT platform, handle_hash FROM student_handle WHERE student_id = $1', [three.id]);
    expect(handles).toEqual([{ platform: 'X', handle_hash: hashHandle(Buffer.from(TEST_HANDLE_HASH_KEY, 'base64'), world.districtId, Platform.X, 'new_handle') }]);
    expect(await studentRow(world.districtId, 'u-5')).toBeUndefined();
    expect(await studentRow(world.districtId, 'u-6')).toBeDefined(); // not in the delta
  });

  it('one malformed row (a bad email on users.csv line 1234) writes nothing and is named by file, line and column', async () => {
    const world = await importWorld();
    expect((await upload(world.sisKey, rosterZip(world.roster))).status).toBe(200);
    const before = await counts(world.districtId);
    const broken: RosterExport = { ...world.roster, users: world.roster.users.map((user) => ({ ...user, givenName: `${user.givenName}x` })) };
    broken.users[1232] = { ...broken.users[1232], email: 'not-an-email' };
    const dropped = broken.users.pop()!; // a student who would be withdrawn, were anything written
    broken.roles = broken.roles.filter((role) => role.userSourcedId !== dropped.sourcedId);
    expect(broken.users.findIndex((user) => user.email === 'not-an-email') + 2).toBe(1234);

    const response = await upload(world.sisKey, rosterZip(broken));
    expect(response.status).toBe(422);
    expect(response.body).toEqual({ errors: [{ file: 'users.csv', line: 1234, column: 'email', code: 'BAD_VALUE', message: expect.any(String) }], total: 1 });
    expect(await counts(world.districtId)).toEqual(before);
    expect((await staffRow(world.districtId, 'u-8')).given_name).toBe('Given8');
  });

  it('reports every problem at once: unknown schools, duplicates, missing staff emails, unknown users', async () => {
    const world = await importWorld(100);
    const broken: RosterExport = {
      ...world.roster,
      users: [...world.roster.users, { ...world.roster.users[8], sourcedId: 'u-8' }],
      roles: [
        ...world.roster.roles,
        { sourcedId: 'r-ghost', userSourcedId: 'nobody', roleType: 'primary', role: 'teacher', orgSourcedId: DISTRICT_ORG },
      ],
      orgs: [...world.roster.orgs, { sourcedId: 'org-elsewhere', name: 'Not ours', type: 'school', identifier: 'NOPE', parentSourcedId: DISTRICT_ORG }],
    };
    broken.users[16] = { ...broken.users[16], email: '' };
    broken.roles = broken.roles.map((role) => (role.userSourcedId === 'u-24' ? { ...role, orgSourcedId: 'org-elsewhere' } : role));
    const response = await upload(world.sisKey, rosterZip(broken));
    expect(response.status).toBe(422);
    const found = response.body.errors.map((error: { file: string; line: number; column: string; code: string }) => [error.file, error.line, error.column, error.code]);
    const roleLine = broken.roles.findIndex((role) => role.userSourcedId === 'u-24') + 2;
    expect(found).toEqual([
      ['roles.csv', roleLine, 'orgSourcedId', 'UNKNOWN_REFERENCE'],
      ['roles.csv', broken.roles.length + 1, 'userSourcedId', 'UNKNOWN_REFERENCE'],
      ['users.csv', 18, 'email', 'MISSING_VALUE'],
      ['users.csv', 102, 'sourcedId', 'DUPLICATE_ID'],
    ]);
    expect((await counts(world.districtId)).staff).toBe(0);
  });

  it('in bulk mode missing = gone for imported people only; HR-feed people are adopted by a matching row, never removed by omission', async () => {
    const world = await importWorld(400);
    // The HR feed already knows two people: one the export has (same employeeId), one it never mentions.
    const hr = await graphql(testApp.app, world.adminKey, 'mutation($input: [StaffInput!]!) { upsertStaff(input: $input) { created } }', {
      input: [
        { employeeId: 'E-u-8', name: 'Old Name', email: 'old.8@district.example.org', role: 'TEACHER', status: 'ACTIVE' },
        { employeeId: 'HR-ONLY', name: 'Hr Only', email: 'hr.only@district.example.org', role: 'SUPPORT_STAFF', status: 'ACTIVE' },
      ],
    });
    expect(expectData(hr).upsertStaff.created).toBe(2);
    const first = await upload(world.sisKey, rosterZip(world.roster));
    expect(first.body.staff).toMatchObject({ created: 49, updated: 1 });
    expect(await staffRow(world.districtId, 'u-8')).toMatchObject({ employee_id: 'E-u-8', name: 'Given8 Family8' });

    const gone = new Set(['u-16', 'u-24', 'u-3', 'u-4']);
    const partial: RosterExport = { ...world.roster, users: world.roster.users.filter((user) => !gone.has(user.sourcedId)), roles: world.roster.roles.filter((role) => !gone.has(role.userSourcedId)) };
    const response = await upload(world.sisKey, rosterZip(partial));
    expect(response.status).toBe(200);
    expect(response.body.staff).toMatchObject({ departed: 2, updated: 2 });
    expect(response.body.students).toMatchObject({ withdrawn: 2 });
    expect(await staffRow(world.districtId, 'u-16')).toMatchObject({ status: 'DEPARTED' });
    expect(await studentRow(world.districtId, 'u-3')).toBeUndefined();
    const [hrOnly] = await testApp.dataSource.query("SELECT status, sourced_id FROM staff WHERE district_id = $1 AND employee_id = 'HR-ONLY'", [world.districtId]);
    expect(hrOnly).toEqual({ status: 'ACTIVE', sourced_id: null });
  });

  it('the guard refuses an empty bulk users.csv (nothing written), dryRun reports it, and allowMassRemoval lets it through', async () => {
    const world = await importWorld(200);
    expect((await upload(world.sisKey, rosterZip(world.roster))).status).toBe(200);
    const before = await counts(world.districtId);
    const empty: RosterExport = { ...world.roster, users: [], roles: [] };

    const refused = await upload(world.sisKey, rosterZip(empty));
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({ code: 'CONFLICT', reason: 'ROSTER_REMOVAL_GUARD', guard: { active: before.staff + before.students, removals: before.staff + before.students, maxPercent: 10 } });
    expect(await counts(world.districtId)).toEqual(before);
    expect((await upload(world.sisKey, rosterZip(empty), '?dryRun=true')).status).toBe(409);

    const dry = await upload(world.sisKey, rosterZip(empty), '?dryRun=true&allowMassRemoval=true');
    expect(dry.status).toBe(200);
    expect(dry.body).toMatchObject({ dryRun: true, guard: { overridden: true } });
    expect(await counts(world.districtId)).toEqual(before);

    const allowed = await upload(world.sisKey, rosterZip(empty), '?allowMassRemoval=true');
    expect(allowed.status).toBe(200);
    expect(allowed.body.staff.departed).toBe(before.staff);
    const after = await counts(world.districtId);
    expect([after.staff, after.departed, after.students, after.handles]).toEqual([before.staff, before.staff, 0, 0]);
  });

  it('answers 401 without a key, 403 to roles that do not import rosters, and never touches another district', async () => {
    const world = await importWorld(100);
    const other = await importWorld(100);
    expect((await upload(other.sisKey, rosterZip(other.roster))).status).toBe(200);
    const otherBefore = await counts(other.districtId);

    expect((await upload(null, rosterZip(world.roster))).status).toBe(401);
    expect((await upload('proctor_nope_nope', rosterZip(world.roster))).status).toBe(401);
    for (const role of [ApiRole.VIEWER, ApiRole.HR_SYSTEM]) {
      const response = await upload(await createKey(testApp, world.districtId, role), rosterZip(world.roster));
      expect([role, response.status, response.body.error.code]).toEqual([role, 403, 'FORBIDDEN']);
    }
    const principal = await createKey(testApp, world.districtId, ApiRole.PRINCIPAL, world.schools[0].id);
    expect((await upload(principal, rosterZip(world.roster))).status).toBe(403);
    expect((await request(testApp.app).post('/oneroster/imports').set('authorization', `Bearer ${world.sisKey}`).set('content-type', 'text/csv').send('a,b')).status).toBe(415);
    expect((await upload(world.sisKey, rosterZip(world.roster), '?dryRun=maybe')).status).toBe(400);

    // The other district's school codes are unknown here, exactly like codes that exist nowhere.
    const foreign = generateRoster({ users: 20, schoolCodes: other.schools.map((school) => school.code) });
    const refused = await upload(world.sisKey, rosterZip(foreign));
    expect(refused.status).toBe(422);
    expect(new Set(refused.body.errors.map((error: { code: string }) => error.code))).toEqual(new Set(['UNKNOWN_REFERENCE']));

    // An admin key imports too; the other district's imported people are not "missing" from this export.
    const response = await upload(world.adminKey, rosterZip(world.roster));
    expect(response.status).toBe(200);
    expect(response.body.guard.removals).toBe(0);
    expect(await counts(other.districtId)).toEqual(otherBefore);
  });

  it('CLI: imports a folder or a zip (exit 0), lists the problems (exit 1), refuses a mass removal unless allowed, and wants PATH (exit 2)', async () => {
    const world = await importWorld(200);
    const cli = (...argv: string[]) => runCliCaptured(argv, testEnv());
    const written = writeRoster(world.roster);
    try {
      const dry = await cli('oneroster:import', written.folder, '--district', world.slug, '--dry-run', '--json');
      expect([dry.code, JSON.parse(dry.stdout).dryRun, JSON.parse(dry.stdout).staff.created]).toEqual([0, true, 25]);
      expect((await counts(world.districtId)).staff).toBe(0);

      const imported = await cli('oneroster:import', written.zip, '--district', world.slug, '--json');
      expect(imported.code).toBe(0);
      expect(JSON.parse(imported.stdout).students).toMatchObject({ created: 200 - 25 - 4 });
      const [entry] = await testApp.dataSource.query("SELECT actor_type FROM audit_entry WHERE district_id = $1 AND action = 'roster.import'", [world.districtId]);
      expect(entry.actor_type).toBe('CLI');
    } finally {
      written.cleanup();
    }

    const files = rosterFiles(world.roster);
    const badFiles = { ...files, 'users.csv': files['users.csv'].replace('given8.family8@district.example.org', 'given8 at district') };
    const bad = writeRoster(badFiles);
    const empty = writeRoster({ ...world.roster, users: [], roles: [] });
    try {
      const refused = await cli('oneroster:import', bad.zip, '--district', world.slug, '--json');
      expect(refused.code).toBe(1);
      expect(JSON.parse(refused.stderr).error).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'users.csv:10:email', constraint: 'BAD_VALUE' }] });
      const human = await cli('oneroster:import', bad.folder, '--district', world.slug);
      expect(human.code).toBe(1);
      expect(human.stderr).toContain('users.csv:10:email');

      const guarded = await cli('oneroster:import', empty.folder, '--district', world.slug, '--json');
      expect([guarded.code, JSON.parse(guarded.stderr).error.reason]).toEqual([1, 'ROSTER_REMOVAL_GUARD']);
      const allowed = await cli('oneroster:import', empty.folder, '--district', world.slug, '--allow-mass-removal', '--json');
      expect([allowed.code, JSON.parse(allowed.stdout).guard.overridden]).toEqual([0, true]);
    } finally {
      bad.cleanup();
      empty.cleanup();
    }
    expect((await cli('oneroster:import', '--district', world.slug)).code).toBe(2);
    expect((await cli('oneroster:import', '/no/such/export', '--district', world.slug, '--json')).code).toBe(1);
  });
});
