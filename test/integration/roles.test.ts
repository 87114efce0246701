import { getMetadataStorage } from 'type-graphql';
import { ApiRole } from '../../src/auth/api-role';
import { RESOLVERS } from '../../src/graphql/schema';
import { accountInput, createWorld } from '../support/factories';
import { errorCode, graphql } from '../support/graphql';
import { startTestApp, type TestApp } from '../support/test-app';

type World = Awaited<ReturnType<typeof createWorld>>;
type Operation = { name: string; query: string; variables: (world: World) => Record<string, unknown> };

const staffRow = { employeeId: 'E-ROLE-1', name: 'Role Test', email: 'role.test@example.org', role: 'TEACHER', status: 'ACTIVE' };

const MUTATIONS: Operation[] = [
  { name: 'createSchool', query: 'mutation($input: CreateSchoolInput!) { createSchool(input: $input) { id } }', variables: () => ({ input: { name: 'X', code: `R${Date.now()}${Math.floor(Math.random() * 1e6)}`, websiteUrl: 'https://x.example.org' } }) },
  { name: 'updateSchool', query: 'mutation($id: ID!) { updateSchool(id: $id, input: { name: "Renamed" }) { id } }', variables: (world) => ({ id: world.schools.north.id }) },
  { name: 'upsertStaff', query: 'mutation($input: [StaffInput!]!) { upsertStaff(input: $input) { created } }', variables: () => ({ input: [staffRow] }) },
  { name: 'importStudents', query: 'mutation($input: [StudentInput!]!) { importStudents(input: $input) { created } }', variables: (world) => ({ input: [{ studentId: 'ST-ROLE', schoolId: world.schools.north.id, mediaConsent: false }] }) },
  { name: 'registerAccount', query: 'mutation($input: RegisterAccountInput!) { registerAccount(input: $input) { id } }', variables: (world) => ({ input: accountInput({ schoolId: world.schools.north.id }) }) },
  { name: 'approveAccount', query: 'mutation($id: ID!) { approveAccount(id: $id) { id } }', variables: (world) => ({ id: world.accounts.north.id }) },
  { name: 'startConnection', query: 'mutation($id: ID!) { startConnection(accountId: $id) { url } }', variables: (world) => ({ id: world.accounts.north.id }) },
  { name: 'checkAccount', query: 'mutation($id: ID!) { checkAccount(id: $id) { error { code } } }', variables: (world) => ({ id: world.accounts.north.id }) },
];

const QUERIES: Operation[] = [
  { name: 'viewer', query: '{ viewer { role } }', variables: () => ({}) },
  { name: 'schools', query: '{ schools { id } }', variables: () => ({}) },
  { name: 'accounts', query: '{ accounts { totalCount } }', variables: () => ({}) },
  { name: 'account', query: 'query($id: ID!) { account(id: $id) { id } }', variables: (world) => ({ id: world.accounts.north.id }) },
  { name: 'auditLog', query: '{ auditLog { totalCount } }', variables: () => ({}) },
];

// Who may call what (principals act on their own school, which the world's north principal does here).
const ALLOWED: Record<string, ApiRole[]> = {
  createSchool: [ApiRole.DISTRICT_ADMIN],
  updateSchool: [ApiRole.DISTRICT_ADMIN],
  upsertStaff: [ApiRole.DISTRICT_ADMIN, ApiRole.HR_SYSTEM, ApiRole.SIS_SYSTEM],
  importStudents: [ApiRole.DISTRICT_ADMIN, ApiRole.SIS_SYSTEM],
  registerAccount: [ApiRole.DISTRICT_ADMIN, ApiRole.PRINCIPAL],
  approveAccount: [ApiRole.DISTRICT_ADMIN, ApiRole.PRINCIPAL],
  startConnection: [ApiRole.DISTRICT_ADMIN, ApiRole.PRINCIPAL],
  checkAccount: [ApiRole.DISTRICT_ADMIN, ApiRole.PRINCIPAL],
  viewer: Object.values(ApiRole),
  schools: Object.values(ApiRole),
  accounts: [ApiRole.DISTRICT_ADMIN, ApiRole.PRINCIPAL, ApiRole.VIEWER],
  account: [ApiRole.DISTRICT_ADMIN, ApiRole.PRINCIPAL, ApiRole.VIEWER],
  auditLog: [ApiRole.DISTRICT_ADMIN, ApiRole.PRINCIPAL, ApiRole.VIEWER],
};

const keyFor = (world: World, role: ApiRole) =>
  ({
    [ApiRole.DISTRICT_ADMIN]: world.keys.admin,
    [ApiRole.PRINCIPAL]: world.keys.principalNorth,
    [ApiRole.VIEWER]: world.keys.viewer,
    [ApiRole.HR_SYSTEM]: world.keys.hr,
    [ApiRole.SIS_SYSTEM]: world.keys.sis,
  })[role];

describe('role limits', () => {
  let testApp: TestApp;
  beforeAll(async () => {
    // Simulators on, so startConnection has a configured platform (it makes no platform call itself).
    testApp = await startTestApp({ PLATFORM_SIMULATORS: 'true' });
  });
  afterAll(async () => {
    await testApp.close();
  });

  it('every Query and Mutation declares the roles that may call it', () => {
    const storage = getMetadataStorage();
    const rootFields = [...storage.queries, ...storage.mutations].filter((field) => RESOLVERS.includes(field.target));
    const authorized = new Set(storage.authorizedFields.map((field) => `${field.target.name}.${field.fieldName}`));
    const unguarded = rootFields.filter((field) => !authorized.has(`${field.target.name}.${field.methodName}`));
    expect(unguarded.map((field) => field.methodName)).toEqual([]);
    expect(new Set(rootFields.map((field) => field.methodName))).toEqual(new Set(Object.keys(ALLOWED)));
  });

  describe.each(Object.values(ApiRole))('%s key', (role) => {
    let world: World;
    beforeAll(async () => {
      world = await createWorld(testApp);
    });

    it.each(MUTATIONS.map((operation) => [operation.name, operation] as const))('mutation %s', async (name, operation) => {
      const before = await auditCount(testApp, world.district.id);
      const response = await graphql(testApp.app, keyFor(world, role), operation.query, operation.variables(world));
      if (ALLOWED[name].includes(role)) {
        expect(response.errors).toBeUndefined();
        expect(await auditCount(testApp, world.district.id)).toBeGreaterThan(before);
      } else {
        expect(errorCode(response)).toBe('FORBIDDEN');
        expect(await auditCount(testApp, world.district.id)).toBe(before);
      }
    });

    it.each(QUERIES.map((operation) => [operation.name, operation] as const))('query %s', async (name, operation) => {
      const response = await graphql(testApp.app, keyFor(world, role), operation.query, operation.variables(world));
      if (ALLOWED[name].includes(role)) expect(response.errors).toBeUndefined();
      else expect(errorCode(response)).toBe('FORBIDDEN');
    });
  });
});

async function auditCount(testApp: TestApp, districtId: string): Promise<number> {
  const [row] = await testApp.dataSource.query('SELECT count(*)::int AS n FROM audit_entry WHERE district_id = $1', [districtId]);
  return row.n;
}
