import { getMetadataStorage } from 'type-graphql';
import { ApiRole } from '../../src/auth/api-role';
import { RESOLVERS } from '../../src/graphql/schema';
import { StaffRole, StaffStatus } from '../../src/people/people.enums';
import { systemActor } from '../../src/tenancy/actor';
import { TenantScope } from '../../src/tenancy/tenant-scope';
import { accountInput, createWorldWithSharedLogin } from '../support/factories';
import { errorCode, graphql } from '../support/graphql';
import { startTestApp, type TestApp } from '../support/test-app';
import { dropJobSchema, jobEnv, startTestJobs } from '../support/test-jobs';
import type { JobRuntime } from '../../src/jobs/job-runtime';

type World = Awaited<ReturnType<typeof createWorldWithSharedLogin>>;
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
  { name: 'updatePolicyParameters', query: 'mutation { updatePolicyParameters(input: { ruleId: "account.active-use", parameters: { maxDaysSinceLastPost: 90 } }) { id } }', variables: () => ({}) },
  { name: 'grantException', query: 'mutation($input: GrantExceptionInput!) { grantException(input: $input) { id } }', variables: (world) => ({ input: { accountId: world.accounts.north.id, ruleId: 'privacy.audience', reason: 'Documented by the board until the review.', expiresAt: new Date(Date.now() + 86_400_000).toISOString() } }) },
  { name: 'attest', query: 'mutation($input: AttestInput!) { attest(input: $input) { id } }', variables: (world) => ({ input: { accountId: world.accounts.north.id, ruleId: 'admins.minimum-staff', statement: 'Checked the page roles in person today.', expiresAt: new Date(Date.now() + 86_400_000).toISOString() } }) },
  { name: 'checkAccount', query: 'mutation($id: ID!) { checkAccount(id: $id) { error { code } } }', variables: (world) => ({ id: world.accounts.north.id }) },
  { name: 'startSync', query: 'mutation { startSync { id status } }', variables: () => ({}) },
  { name: 'updateSyncSchedule', query: 'mutation { updateSyncSchedule(input: { timeZone: "America/Chicago", hour: 3 }) { id nightlySyncHour } }', variables: () => ({}) },
  { name: 'remediate', query: 'mutation($input: RemediateInput!) { remediate(input: $input) { outcome } }', variables: (world) => ({ input: { accountId: world.accounts.north.id, ruleId: 'profile.website-link', idempotencyKey: `roles-${Math.random()}` } }) },
  { name: 'offboardStaff', query: 'mutation($input: OffboardStaffInput!) { offboardStaff(input: $input) { replayed } }', variables: () => ({ input: { employeeId: 'E-ROLE-LEAVER', idempotencyKey: `roles-${Math.random()}` } }) },
  { name: 'recordCredentialRotation', query: 'mutation($id: ID!) { recordCredentialRotation(accountId: $id) { rotation { id } } }', variables: (world) => ({ id: world.sharedLogin.id }) },
];

const QUERIES: Operation[] = [
  { name: 'viewer', query: '{ viewer { role } }', variables: () => ({}) },
  { name: 'schools', query: '{ schools { id } }', variables: () => ({}) },
  { name: 'accounts', query: '{ accounts { totalCount } }', variables: () => ({}) },
  { name: 'account', query: 'query($id: ID!) { account(id: $id) { id } }', variables: (world) => ({ id: world.accounts.north.id }) },
  { name: 'auditLog', query: '{ auditLog { totalCount } }', variables: () => ({}) },
  { name: 'syncRun', query: 'query($id: ID!) { syncRun(id: $id) { id } }', variables: () => ({ id: '01a202ba-67e7-70fe-bfed-9f7aebe04ec8' }) },
  { name: 'syncRuns', query: '{ syncRuns { id } }', variables: () => ({}) },
  { name: 'rules', query: '{ rules { id enabled } }', variables: () => ({}) },
  { name: 'policyProfiles', query: '{ policyProfiles { id } }', variables: () => ({}) },
  { name: 'complianceSummary', query: '{ complianceSummary { accounts complianceRate } }', variables: () => ({}) },
  { name: 'findings', query: '{ findings { totalCount } }', variables: () => ({}) },
  { name: 'remediation', query: 'query($id: ID!) { remediation(id: $id) { id } }', variables: () => ({ id: '01a202ba-67e7-70fe-bfed-9f7aebe04ec8' }) },
  { name: 'remediations', query: '{ remediations(filter: { open: true }) { totalCount } }', variables: () => ({}) },
  { name: 'offboardings', query: '{ offboardings { totalCount } }', variables: () => ({}) },
  { name: 'offboarding', query: 'query($id: ID!) { offboarding(id: $id) { id } }', variables: () => ({ id: '01a202ba-67e7-70fe-bfed-9f7aebe04ec8' }) },
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
  updatePolicyParameters: [ApiRole.DISTRICT_ADMIN],
  grantException: [ApiRole.DISTRICT_ADMIN],
  attest: [ApiRole.DISTRICT_ADMIN, ApiRole.PRINCIPAL],
  rules: [ApiRole.DISTRICT_ADMIN, ApiRole.PRINCIPAL, ApiRole.VIEWER],
  policyProfiles: [ApiRole.DISTRICT_ADMIN, ApiRole.PRINCIPAL, ApiRole.VIEWER],
  complianceSummary: [ApiRole.DISTRICT_ADMIN, ApiRole.PRINCIPAL, ApiRole.VIEWER],
  findings: [ApiRole.DISTRICT_ADMIN, ApiRole.PRINCIPAL, ApiRole.VIEWER],
  checkAccount: [ApiRole.DISTRICT_ADMIN, ApiRole.PRINCIPAL],
  startSync: [ApiRole.DISTRICT_ADMIN],
  updateSyncSchedule: [ApiRole.DISTRICT_ADMIN],
  recordCredentialRotation: [ApiRole.DISTRICT_ADMIN, ApiRole.PRINCIPAL],
  syncRun: [ApiRole.DISTRICT_ADMIN, ApiRole.VIEWER],
  syncRuns: [ApiRole.DISTRICT_ADMIN, ApiRole.VIEWER],
  remediate: [ApiRole.DISTRICT_ADMIN, ApiRole.PRINCIPAL],
  remediation: [ApiRole.DISTRICT_ADMIN, ApiRole.PRINCIPAL, ApiRole.VIEWER],
  offboardStaff: [ApiRole.DISTRICT_ADMIN, ApiRole.HR_SYSTEM],
  offboarding: [ApiRole.DISTRICT_ADMIN, ApiRole.VIEWER, ApiRole.HR_SYSTEM],
  offboardings: [ApiRole.DISTRICT_ADMIN, ApiRole.VIEWER, ApiRole.HR_SYSTEM],
  remediations: [ApiRole.DISTRICT_ADMIN, ApiRole.PRINCIPAL, ApiRole.VIEWER],
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
  let jobs: JobRuntime;
  beforeAll(async () => {
    // Simulators on, so startConnection has a configured platform (it makes no platform call itself).
    testApp = await startTestApp({ PLATFORM_SIMULATORS: 'true', ...jobEnv() });
    // startSync enqueues (nothing here works the jobs).
    jobs = await startTestJobs(testApp, { work: false });
  });
  afterAll(async () => {
    await jobs.stop(1000);
    await dropJobSchema(testApp);
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
      world = await createWorldWithSharedLogin(testApp);
      // attest needs a MANUAL result to attest to.
      await testApp.dataSource.query(
        `INSERT INTO compliance_result (id, district_id, account_id, school_id, rule_id, status, severity, message, evidence, citations, remediation, checked_at)
         VALUES (gen_random_uuid(), $1, $2, $3, 'admins.minimum-staff', 'MANUAL', 'high', 'roster not visible', '{}', '[]', '{"action":null,"steps":[]}', now())`,
        [world.district.id, world.accounts.north.id, world.schools.north.id],
      );
      // offboardStaff needs someone to offboard.
      await testApp.services.staff.upsert(new TenantScope(systemActor(world.district.id, 'roles-test'), testApp.dataSource.manager), [
        { employeeId: 'E-ROLE-LEAVER', name: 'Role Leaver', email: 'role.leaver@example.org', role: StaffRole.TEACHER, status: StaffStatus.ACTIVE },
      ]);
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
