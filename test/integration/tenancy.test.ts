import { accountInput, createWorld, REGISTER_ACCOUNT } from '../support/factories';
import { errorCode, expectData, graphql, type GraphQLResponse } from '../support/graphql';
import { startTestApp, type TestApp } from '../support/test-app';

type World = Awaited<ReturnType<typeof createWorld>>;

const MISSING_ID = '01900000-0000-7000-8000-00000000dead';
const APPROVE = 'mutation($id: ID!) { approveAccount(id: $id) { id } }';
const UPDATE_SCHOOL = 'mutation($id: ID!) { updateSchool(id: $id, input: { name: "Taken over" }) { id } }';
const ACCOUNT = 'query($id: ID!) { account(id: $id) { id } }';
const ACCOUNTS = 'query($filter: AccountFilter) { accounts(first: 100, filter: $filter) { totalCount edges { node { id school { id } } } } }';
const AUDIT = 'query($filter: AuditLogFilter) { auditLog(first: 100, filter: $filter) { totalCount edges { node { targetId } } } }';
const UPSERT_STAFF = 'mutation($input: [StaffInput!]!) { upsertStaff(input: $input) { created updated } }';
const IMPORT_STUDENTS = 'mutation($input: [StudentInput!]!) { importStudents(input: $input) { created } }';

/** The caller cannot tell a foreign id from a missing one: same code, same message, same fields. */
function expectSameAsMissing(foreign: GraphQLResponse, missing: GraphQLResponse) {
  expect(errorCode(foreign)).toBe('NOT_FOUND');
  const strip = (response: GraphQLResponse) => ({ message: response.errors?.[0].message, extensions: response.errors?.[0].extensions });
  expect(strip(foreign)).toEqual(strip(missing));
}

async function districtFingerprint(testApp: TestApp, districtId: string) {
  return testApp.dataSource.query(
    `SELECT (SELECT count(*) FROM audit_entry WHERE district_id = $1)::int AS audit,
            (SELECT count(*) FROM school WHERE district_id = $1)::int AS schools,
            (SELECT string_agg(name, ',' ORDER BY id) FROM school WHERE district_id = $1) AS school_names,
            (SELECT string_agg(status::text, ',' ORDER BY id) FROM social_account WHERE district_id = $1) AS statuses,
            (SELECT count(*) FROM staff WHERE district_id = $1)::int AS staff`,
    [districtId],
  );
}

describe('tenant isolation between districts', () => {
  let testApp: TestApp;
  let a: World;
  let b: World;
  let aBefore: unknown;

  beforeAll(async () => {
    testApp = await startTestApp();
    a = await createWorld(testApp);
    b = await createWorld(testApp);
    expectData(await graphql(testApp.app, a.keys.hr, UPSERT_STAFF, { input: [{ employeeId: 'SHARED-ID', name: 'A Person', email: 'person@a.example.org', role: 'TEACHER', status: 'ACTIVE' }] }));
    aBefore = await districtFingerprint(testApp, a.district.id);
  });
  afterAll(async () => {
    // Whatever district B tried, district A is exactly as it was.
    expect(await districtFingerprint(testApp, a.district.id)).toEqual(aBefore);
    await testApp.close();
  });

  it('viewer names the caller\'s own district', async () => {
    const viewer = expectData(await graphql(testApp.app, b.keys.viewer, '{ viewer { district { id } } }')).viewer;
    expect(viewer.district.id).toBe(b.district.id);
  });

  it('schools lists none of another district\'s schools', async () => {
    const ids = expectData(await graphql(testApp.app, b.keys.admin, '{ schools { id } }')).schools.map((school: { id: string }) => school.id);
    expect(ids.sort()).toEqual([b.schools.north.id, b.schools.south.id].sort());
  });

  it('accounts lists none of another district\'s accounts, even filtered by its school', async () => {
    const all = expectData(await graphql(testApp.app, b.keys.admin, ACCOUNTS)).accounts;
    expect(all.totalCount).toBe(3);
    expect(all.edges.map((edge: { node: { id: string } }) => edge.node.id)).not.toContain(a.accounts.north.id);
    const filtered = expectData(await graphql(testApp.app, b.keys.admin, ACCOUNTS, { filter: { schoolId: a.schools.north.id } })).accounts;
    expect(filtered).toEqual({ totalCount: 0, edges: [] });
  });

  it('account(id) is null for another district\'s account, as for a missing one', async () => {
    expect(expectData(await graphql(testApp.app, b.keys.admin, ACCOUNT, { id: a.accounts.north.id })).account).toBeNull();
    expect(expectData(await graphql(testApp.app, b.keys.admin, ACCOUNT, { id: MISSING_ID })).account).toBeNull();
  });

  it('auditLog holds none of another district\'s entries', async () => {
    const log = expectData(await graphql(testApp.app, b.keys.admin, AUDIT, { filter: { targetId: a.accounts.north.id } })).auditLog;
    expect(log.totalCount).toBe(0);
    const everything = expectData(await graphql(testApp.app, b.keys.admin, AUDIT)).auditLog.edges.map((edge: { node: { targetId: string } }) => edge.node.targetId);
    expect(everything).not.toContain(a.schools.north.id);
  });

  it('approveAccount on another district\'s account answers like a missing id and changes nothing', async () => {
    expectSameAsMissing(
      await graphql(testApp.app, b.keys.admin, APPROVE, { id: a.accounts.north.id }),
      await graphql(testApp.app, b.keys.admin, APPROVE, { id: MISSING_ID }),
    );
  });

  it('updateSchool on another district\'s school answers like a missing id', async () => {
    expectSameAsMissing(
      await graphql(testApp.app, b.keys.admin, UPDATE_SCHOOL, { id: a.schools.north.id }),
      await graphql(testApp.app, b.keys.admin, UPDATE_SCHOOL, { id: MISSING_ID }),
    );
  });

  it('registerAccount on another district\'s school answers like a missing school', async () => {
    expectSameAsMissing(
      await graphql(testApp.app, b.keys.admin, REGISTER_ACCOUNT, { input: accountInput({ schoolId: a.schools.north.id }) }),
      await graphql(testApp.app, b.keys.admin, REGISTER_ACCOUNT, { input: accountInput({ schoolId: MISSING_ID }) }),
    );
  });

  it('registerAccount may reuse a handle another district registered (no cross-district conflict to probe)', async () => {
    const taken = expectData(await graphql(testApp.app, a.keys.admin, ACCOUNT, { id: a.accounts.district.id })).account;
    expect(taken).not.toBeNull();
    const [{ handle, platform }] = await testApp.dataSource.query('SELECT handle, platform FROM social_account WHERE id = $1', [a.accounts.district.id]);
    const response = await graphql(testApp.app, b.keys.admin, REGISTER_ACCOUNT, { input: accountInput({ scope: 'DISTRICT', handle, platform }) });
    expect(response.errors).toBeUndefined();
  });

  it('createSchool may reuse another district\'s school code', async () => {
    const response = await graphql(testApp.app, b.keys.admin, 'mutation($input: CreateSchoolInput!) { createSchool(input: $input) { code } }', {
      input: { name: 'Same code', code: a.schools.north.code, websiteUrl: 'https://same.example.org' },
    });
    expect(expectData(response).createSchool.code).toBe(a.schools.north.code);
  });

  it('upsertStaff cannot place staff in another district\'s school, nor touch its staff with the same employee id', async () => {
    const foreignSchool = await graphql(testApp.app, b.keys.hr, UPSERT_STAFF, {
      input: [{ employeeId: 'B-1', name: 'B', email: 'b1@b.example.org', role: 'TEACHER', status: 'ACTIVE', schoolId: a.schools.north.id }],
    });
    const missingSchool = await graphql(testApp.app, b.keys.hr, UPSERT_STAFF, {
      input: [{ employeeId: 'B-1', name: 'B', email: 'b1@b.example.org', role: 'TEACHER', status: 'ACTIVE', schoolId: MISSING_ID }],
    });
    expectSameAsMissing(foreignSchool, missingSchool);
    const sameIds = expectData(
      await graphql(testApp.app, b.keys.hr, UPSERT_STAFF, { input: [{ employeeId: 'SHARED-ID', name: 'B Person', email: 'person@a.example.org', role: 'AIDE', status: 'DEPARTED' }] }),
    ).upsertStaff;
    expect(sameIds).toEqual({ created: 1, updated: 0 });
  });

  it('importStudents cannot place students in another district\'s school', async () => {
    expectSameAsMissing(
      await graphql(testApp.app, b.keys.sis, IMPORT_STUDENTS, { input: [{ studentId: 'X1', schoolId: a.schools.north.id, mediaConsent: true }] }),
      await graphql(testApp.app, b.keys.sis, IMPORT_STUDENTS, { input: [{ studentId: 'X1', schoolId: MISSING_ID, mediaConsent: true }] }),
    );
  });
});

describe('a principal key sees and changes only its own school', () => {
  let testApp: TestApp;
  let world: World;

  beforeAll(async () => {
    testApp = await startTestApp();
    world = await createWorld(testApp);
  });
  afterAll(async () => {
    await testApp.close();
  });

  it('lists only its school\'s accounts (not the other school\'s, not district-wide ones)', async () => {
    const page = expectData(await graphql(testApp.app, world.keys.principalNorth, ACCOUNTS)).accounts;
    expect(page.totalCount).toBe(1);
    expect(page.edges.map((edge: { node: { id: string } }) => edge.node.id)).toEqual([world.accounts.north.id]);
    const other = expectData(await graphql(testApp.app, world.keys.principalNorth, ACCOUNTS, { filter: { schoolId: world.schools.south.id } })).accounts;
    expect(other.totalCount).toBe(0);
  });

  it('account(id) is null for another school\'s or a district account', async () => {
    for (const id of [world.accounts.south.id, world.accounts.district.id]) {
      expect(expectData(await graphql(testApp.app, world.keys.principalNorth, ACCOUNT, { id })).account).toBeNull();
    }
    expect(expectData(await graphql(testApp.app, world.keys.principalNorth, ACCOUNT, { id: world.accounts.north.id })).account.id).toBe(world.accounts.north.id);
  });

  it('cannot approve another school\'s account (answers like a missing one) and leaves it pending', async () => {
    expectSameAsMissing(
      await graphql(testApp.app, world.keys.principalNorth, APPROVE, { id: world.accounts.south.id }),
      await graphql(testApp.app, world.keys.principalNorth, APPROVE, { id: MISSING_ID }),
    );
    const [row] = await testApp.dataSource.query('SELECT status FROM social_account WHERE id = $1', [world.accounts.south.id]);
    expect(row.status).toBe('PENDING_APPROVAL');
  });

  it('cannot register for another school (missing) or for the district (forbidden)', async () => {
    expectSameAsMissing(
      await graphql(testApp.app, world.keys.principalNorth, REGISTER_ACCOUNT, { input: accountInput({ schoolId: world.schools.south.id }) }),
      await graphql(testApp.app, world.keys.principalNorth, REGISTER_ACCOUNT, { input: accountInput({ schoolId: MISSING_ID }) }),
    );
    const districtWide = await graphql(testApp.app, world.keys.principalNorth, REGISTER_ACCOUNT, { input: accountInput({ scope: 'DISTRICT' }) });
    expect(errorCode(districtWide)).toBe('FORBIDDEN');
  });

  it('sees only its school\'s audit entries', async () => {
    const entries = expectData(await graphql(testApp.app, world.keys.principalNorth, AUDIT)).auditLog.edges.map((edge: { node: { targetId: string } }) => edge.node.targetId);
    expect(entries).toContain(world.accounts.north.id);
    expect(entries).toContain(world.schools.north.id);
    expect(entries).not.toContain(world.accounts.south.id);
    expect(entries).not.toContain(world.accounts.district.id);
    expect(entries).not.toContain(world.schools.south.id);
  });
});
