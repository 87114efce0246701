import { ApiRole } from '../../src/auth/api-role';
import { cliActor } from '../../src/tenancy/actor';
import { TenantScope } from '../../src/tenancy/tenant-scope';
import { createDistrict, createKey, createSchool, registerAccount, sharedLoginInput } from '../support/factories';
import { errorCode, expectData, graphql, type GraphQLResponse } from '../support/graphql';
import { startTestApp, type TestApp } from '../support/test-app';

const RULE = 'credentials.rotation';
const MISSING_ID = '01a202ba-67e7-70fe-bfed-9f7aebe04ec8';
const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

const RECORD = `mutation($accountId: ID!, $rotatedAt: DateTimeISO) {
  recordCredentialRotation(accountId: $accountId, rotatedAt: $rotatedAt) {
    rotation { id accountId rotatedAt recordedBy recordedAt }
    account { id compliance { results { ruleId status } } }
    result { ruleId status rawStatus evidence }
  }
}`;
const CHECK = `mutation($id: ID!) { checkAccount(id: $id) { compliance { results { ruleId status evidence } } } }`;
const ROTATIONS = `query($id: ID!) { account(id: $id) { credentialRotations { id rotatedAt recordedBy } } }`;
const FINDING = `query($filter: FindingFilter) { findings(first: 5, filter: $filter) { edges { node { state history { type } } } } }`;

let testApp: TestApp;

beforeAll(async () => {
  testApp = await startTestApp();
});

afterAll(async () => {
  await testApp.close();
});

/** A district on the profile that enables credentials.rotation, with a shared login that Dana and Priya hold. */
async function sharedLoginDistrict() {
  const { district, adminKey } = await createDistrict(testApp, { policyProfileId: 'ap8006-social-media-internet' });
  const north = await createSchool(testApp, adminKey, { name: 'North School' });
  const south = await createSchool(testApp, adminKey, { name: 'South School' });
  expectData(
    await graphql(testApp.app, adminKey, 'mutation($input: [StaffInput!]!) { upsertStaff(input: $input) { created } }', {
      input: [
        { employeeId: 'E-DANA', name: 'Dana Whitford', email: 'dana.whitford@example.org', schoolId: north.id, role: 'TEACHER', status: 'ACTIVE' },
        { employeeId: 'E-PRIYA', name: 'Priya Raman', email: 'priya.raman@example.org', schoolId: north.id, role: 'TEACHER', status: 'ACTIVE' },
      ],
    }),
  );
  const account = await registerAccount(
    testApp,
    adminKey,
    sharedLoginInput({
      schoolId: north.id,
      custodianEmail: 'dana.whitford@example.org',
      admins: [
        { email: 'dana.whitford@example.org', name: 'Dana Whitford' },
        { email: 'priya.raman@example.org', name: 'Priya Raman' },
      ],
    }),
  );
  // Registered a month ago, so that departures and rotations of the past days fall after registration.
  await testApp.dataSource.query(`UPDATE social_account SET registered_at = now() - interval '30 days' WHERE id = $1`, [account.id]);
  return { district, adminKey, north, south, account };
}

async function record(key: string, accountId: string, rotatedAt?: string) {
  return graphql(testApp.app, key, RECORD, { accountId, ...(rotatedAt === undefined ? {} : { rotatedAt }) });
}

async function rotationResult(key: string, accountId: string) {
  const results = expectData(await graphql(testApp.app, key, CHECK, { id: accountId })).checkAccount.compliance.results;
  return results.find((result: { ruleId: string }) => result.ruleId === RULE);
}

/** What a rejected call must leave untouched: the district's rotations, audit entries and results. */
async function fingerprint(districtId: string) {
  const [row] = await testApp.dataSource.query(
    `SELECT (SELECT count(*) FROM credential_rotation WHERE district_id = $1)::int AS rotations,
            (SELECT count(*) FROM audit_entry WHERE district_id = $1)::int AS audit,
            (SELECT string_agg(rule_id || ':' || status || ':' || checked_at, ',' ORDER BY rule_id) FROM compliance_result WHERE district_id = $1) AS results`,
    [districtId],
  );
  return row;
}

function expectSameAsMissing(foreign: GraphQLResponse, missing: GraphQLResponse) {
  expect(errorCode(foreign)).toBe('NOT_FOUND');
  const strip = (response: GraphQLResponse) => ({ message: response.errors?.[0].message, extensions: response.errors?.[0].extensions, data: response.data });
  expect(strip(foreign)).toEqual(strip(missing));
}

it('no rotation FAILs; a rotation PASSes; a removed admin leaving after it FAILs again until a newer rotation', async () => {
  const { district, adminKey, account } = await sharedLoginDistrict();
  const unrotated = await rotationResult(adminKey, account.id);
  expect(unrotated.status).toBe('FAIL');
  expect(unrotated.evidence.reasons).toEqual(['NO_ROTATION']);

  const firstAt = new Date(Date.now() - 2 * DAY_MS).toISOString();
  const first = expectData(await record(adminKey, account.id, firstAt)).recordCredentialRotation;
  expect(first.rotation).toMatchObject({ accountId: account.id, rotatedAt: firstAt, recordedBy: 'district admin (created with the district)' });
  expect(first.result).toMatchObject({ ruleId: RULE, status: 'PASS', rawStatus: 'PASS' });
  expect(first.result.evidence).toMatchObject({ latestRotation: firstAt, rotationsRecorded: 1, departures: [], reasons: [] });
  // The account in the payload carries the same fresh judgement.
  expect(first.account.compliance.results.find((result: { ruleId: string }) => result.ruleId === RULE).status).toBe('PASS');
  const [audit] = await testApp.dataSource.query(
    `SELECT target_type, target_id, after FROM audit_entry WHERE district_id = $1 AND action = 'credential.rotation.record'`,
    [district.id],
  );
  expect(audit).toEqual({ target_type: 'SocialAccount', target_id: account.id, after: { rotationId: first.rotation.id, rotatedAt: firstAt } });

  // Priya leaves the district a day after that rotation, and is taken off the registry roster (as offboarding does).
  const departedAt = new Date(Date.now() - DAY_MS).toISOString();
  expectData(
    await graphql(testApp.app, adminKey, 'mutation($input: [StaffInput!]!) { upsertStaff(input: $input) { updated } }', {
      input: [{ employeeId: 'E-PRIYA', name: 'Priya Raman', email: 'priya.raman@example.org', role: 'TEACHER', status: 'DEPARTED', departedAt }],
    }),
  );
  await testApp.dataSource.query(`UPDATE account_admin SET removed_at = now() WHERE account_id = $1 AND email = 'priya.raman@example.org'`, [account.id]);
  const admins = expectData(await graphql(testApp.app, adminKey, 'query($id: ID!) { account(id: $id) { admins { email } } }', { id: account.id })).account.admins;
  expect(admins).toEqual([{ email: 'dana.whitford@example.org' }]);

  const stale = await rotationResult(adminKey, account.id);
  expect(stale.status).toBe('FAIL');
  expect(stale.evidence.reasons).toEqual(['NOT_ROTATED_AFTER_DEPARTURE']);
  expect(stale.evidence.departures).toEqual([
    expect.objectContaining({ employeeId: 'E-PRIYA', departedAt, via: ['FORMER_ADMIN'], removedAt: expect.any(String), rotatedAfter: false }),
  ]);

  const second = expectData(await record(adminKey, account.id)).recordCredentialRotation;
  expect(second.result.status).toBe('PASS');
  expect(second.result.evidence.departures).toEqual([expect.objectContaining({ employeeId: 'E-PRIYA', rotatedAfter: true })]);
  expect(Date.parse(second.rotation.rotatedAt)).toBeGreaterThan(Date.parse(departedAt));

  const finding = expectData(await graphql(testApp.app, adminKey, FINDING, { filter: { accountId: account.id, ruleId: RULE } })).findings.edges;
  expect(finding.map((edge: { node: { state: string; history: Array<{ type: string }> } }) => [edge.node.state, edge.node.history.map((event) => event.type)])).toEqual([
    ['RESOLVED', ['OPENED', 'RESOLVED', 'REOPENED', 'RESOLVED']],
  ]);
  const listed = expectData(await graphql(testApp.app, adminKey, ROTATIONS, { id: account.id })).account.credentialRotations;
  expect(listed.map((rotation: { id: string }) => rotation.id)).toEqual([second.rotation.id, first.rotation.id]);
});

it('rejects bad dates and accounts without a shared password, and changes nothing', async () => {
  const { district, adminKey, account } = await sharedLoginDistrict();
  const individual = await registerAccount(testApp, adminKey, { kind: 'INDIVIDUAL', scope: 'DISTRICT' });
  // Registered 30 days ago: 30 + 367 days back is past the 366 days allowed before registration.
  const tooEarly = new Date(Date.now() - (30 + 367) * DAY_MS).toISOString();
  const cases: Array<[string, string | undefined, Array<{ path: string; constraint: string }>]> = [
    [account.id, new Date(Date.now() + 2 * 60_000).toISOString(), [{ path: 'rotatedAt', constraint: 'notFuture' }]],
    [account.id, tooEarly, [{ path: 'rotatedAt', constraint: 'sinceRegistration' }]],
    [individual.id, undefined, [{ path: 'accountId', constraint: 'sharedLogin' }]],
    [individual.id, new Date(Date.now() + DAY_MS).toISOString(), [{ path: 'accountId', constraint: 'sharedLogin' }, { path: 'rotatedAt', constraint: 'notFuture' }]],
  ];
  await rotationResult(adminKey, account.id);
  const before = await fingerprint(district.id);
  for (const [accountId, rotatedAt, fields] of cases) {
    const response = await record(adminKey, accountId, rotatedAt);
    expect(errorCode(response)).toBe('BAD_USER_INPUT');
    expect(response.errors?.[0].extensions.fields?.map(({ path, constraint }) => ({ path, constraint }))).toEqual(fields);
  }
  expect(errorCode(await record(adminKey, account.id, 'not-a-date'))).toBe('BAD_USER_INPUT');
  expect(await fingerprint(district.id)).toEqual(before);
});

it('accepts a time within a minute of clock skew as now, and one a year before registration', async () => {
  const { adminKey, account } = await sharedLoginDistrict();
  const ahead = expectData(await record(adminKey, account.id, new Date(Date.now() + 30_000).toISOString())).recordCredentialRotation;
  expect(Date.parse(ahead.rotation.rotatedAt)).toBeLessThanOrEqual(Date.now());
  expect(ahead.result.status).toBe('PASS');
  const yearBefore = new Date(Date.now() - (30 + 365) * DAY_MS).toISOString();
  expect(expectData(await record(adminKey, account.id, yearBefore)).recordCredentialRotation.rotation.rotatedAt).toBe(yearBefore);
});

it("another district's account, and a principal's other school, answer like a missing account and change nothing", async () => {
  const { district, account, north, south } = await sharedLoginDistrict();
  const foreign = (await createDistrict(testApp)).adminKey;
  const principalSouth = await createKey(testApp, district.id, ApiRole.PRINCIPAL, south.id);
  const before = await fingerprint(district.id);
  for (const key of [foreign, principalSouth]) {
    expectSameAsMissing(await record(key, account.id), await record(key, MISSING_ID));
    expect(expectData(await graphql(testApp.app, key, ROTATIONS, { id: account.id })).account).toBeNull();
  }
  expectSameAsMissing(await record(foreign, 'not-an-id'), await record(foreign, MISSING_ID));
  expect(await fingerprint(district.id)).toEqual(before);

  const principalNorth = await createKey(testApp, district.id, ApiRole.PRINCIPAL, north.id);
  const own = expectData(await record(principalNorth, account.id)).recordCredentialRotation;
  expect(own.rotation.recordedBy).toBe('PRINCIPAL test key');
  expect(own.result.status).toBe('PASS');
});

it('credentialRotations: newest 20 per account, in one statement whatever the page size', async () => {
  const { district, adminKey, north } = await sharedLoginDistrict();
  const scope = new TenantScope(cliActor(district.id, 'test'), testApp.dataSource.manager);
  const accounts = [];
  for (let index = 0; index < 6; index += 1) accounts.push(await registerAccount(testApp, adminKey, sharedLoginInput({ schoolId: north.id })));
  const busy = accounts[0];
  const base = Date.now() - 30 * DAY_MS;
  for (let index = 0; index < 22; index += 1) await testApp.services.credentialRotations.record(scope, busy.id, new Date(base + index * HOUR_MS));
  for (const other of accounts.slice(1)) await testApp.services.credentialRotations.record(scope, other.id, new Date(base));

  const listed = expectData(await graphql(testApp.app, adminKey, ROTATIONS, { id: busy.id })).account.credentialRotations;
  expect(listed.map((rotation: { rotatedAt: string }) => rotation.rotatedAt)).toEqual(
    Array.from({ length: 20 }, (_unused, index) => new Date(base + (21 - index) * HOUR_MS).toISOString()),
  );

  const PAGE = `query($first: Int) { accounts(first: $first) { edges { node { id credentialRotations { rotatedAt } } } } }`;
  const statements = async (first: number) => {
    await graphql(testApp.app, adminKey, PAGE, { first }); // the key's lastUsedAt may be recorded on a first use
    testApp.finished.length = 0;
    const edges = expectData(await graphql(testApp.app, adminKey, PAGE, { first })).accounts.edges;
    expect(edges).toHaveLength(first);
    return testApp.finished[0].sqlQueries;
  };
  const two = await statements(2);
  const seven = await statements(7);
  expect(seven).toBe(two);
  // key lookup, page, rotations
  expect(two).toBe(3);
  const counts = expectData(await graphql(testApp.app, adminKey, PAGE, { first: 7 })).accounts.edges.map(
    (edge: { node: { credentialRotations: unknown[] } }) => edge.node.credentialRotations.length,
  );
  expect(counts).toEqual([0, 20, 1, 1, 1, 1, 1]);
});
