import { CallMeter, PlatformHttp } from '../../integrations/http/platform-http';
import { RemediationKind } from '../../integrations/provider';
import { PROVIDERS } from '../../integrations/registry';
import { SIMULATOR_CLIENT } from '../../integrations/simulator/simulator-server';
import { Platform } from '../../src/accounts/account.enums';
import { ApiRole } from '../../src/auth/api-role';
import { PlatformConnection } from '../../src/connections/platform-connection.entity';
import { createDistrict, createKey, createSchool, registerAccount } from '../support/factories';
import { runConnectFlow, startConnectHarness, startConnection, type ConnectHarness } from '../support/connect-harness';
import { errorCode, expectData, graphql } from '../support/graphql';

let harness: ConnectHarness;
const facebook = PROVIDERS.find((provider) => provider.platform === Platform.FACEBOOK)!;
const WEBSITE_RULE = 'profile.website-link';

beforeAll(async () => {
  harness = await startConnectHarness();
});

afterAll(async () => {
  await harness.close();
});

const CHECK = `mutation($id: ID!) { checkAccount(id: $id) { error { code } compliance { status results { ruleId status rawStatus evidence citations { clause profileId } remediation { automatic action } } } } }`;
const FINDINGS = `query($filter: FindingFilter) { findings(first: 20, filter: $filter) { totalCount edges { node {
  id ruleId state status exemptUntil firstSeenAt resolvedAt reopenedCount history { type } account { handle } } } } }`;

/** A district whose Facebook page (the sandbox page) is connected, with the school's site the page links to. */
async function connectedPage() {
  const { district, adminKey } = await createDistrict(harness.testApp, { name: 'Sandbox School District', emailDomains: ['sandbox-sd.example.org'] });
  const school = await createSchool(harness.testApp, adminKey, { websiteUrl: 'https://www.sandbox-sd.example.org' });
  const account = await registerAccount(harness.testApp, adminKey, { platform: 'FACEBOOK', handle: 'sandboxschools', schoolId: school.id });
  const userId = harness.simulators.get(Platform.FACEBOOK).consentUserFor('sandboxschools')!;
  const link = await startConnection(harness, adminKey, account.id);
  expect((await runConnectFlow(harness, facebook, link.url, { decision: 'APPROVE', userId })).result).toBe('CONNECTED');
  return { district, adminKey, school, account };
}

/** Changes the page's website on the platform, as a person would (through the simulated Graph API). */
async function setWebsite(accountId: string, url: string): Promise<void> {
  const row = await harness.testApp.dataSource.getRepository(PlatformConnection).findOneByOrFail({ accountId });
  const [{ external_id: externalId, handle }] = await harness.testApp.dataSource.query('SELECT external_id, handle FROM social_account WHERE id = $1', [accountId]);
  const credentials = harness.testApp.services.vault.open({ keyId: row.credentialsKeyId, ciphertext: row.credentialsCiphertext }, row.id);
  const urls = harness.simulators.urls(Platform.FACEBOOK);
  await facebook.connector.applyAction(
    {
      http: new PlatformHttp({ platform: Platform.FACEBOOK, meter: new CallMeter() }),
      apiUrl: urls.api,
      tokenUrl: urls.token,
      clientId: SIMULATOR_CLIENT.clientId,
      clientSecret: SIMULATOR_CLIENT.clientSecret,
      now: () => new Date(),
    },
    { key: row.id, externalId, handle, credentials },
    { kind: RemediationKind.UPDATE_WEBSITE, params: { url } },
  );
}

async function websiteResult(adminKey: string, accountId: string) {
  const checked = expectData(await graphql(harness.testApp.app, adminKey, CHECK, { id: accountId })).checkAccount;
  expect(checked.error).toBeNull();
  return checked.compliance.results.find((result: { ruleId: string }) => result.ruleId === WEBSITE_RULE);
}

async function findings(adminKey: string, filter: Record<string, unknown> = {}) {
  return expectData(await graphql(harness.testApp.app, adminKey, FINDINGS, { filter: { ruleId: WEBSITE_RULE, ...filter } })).findings;
}

it('a setting that breaks opens a finding; fixed resolves it; broken again reopens it with its history', async () => {
  const { adminKey, account } = await connectedPage();
  const first = await websiteResult(adminKey, account.id);
  expect(first.status).toBe('PASS');
  expect(first.citations).toEqual(expect.arrayContaining([expect.objectContaining({ profileId: 'ap1311-social-media-for-learning' })]));
  expect((await findings(adminKey)).totalCount).toBe(0);

  await setWebsite(account.id, 'https://www.sandbox-sd.example.org.evil.example.com/');
  const broken = await websiteResult(adminKey, account.id);
  expect(broken.status).toBe('FAIL');
  expect(broken.remediation).toEqual({ automatic: true, action: 'UPDATE_WEBSITE' });
  const opened = (await findings(adminKey)).edges.map((edge: { node: unknown }) => edge.node);
  expect(opened).toHaveLength(1);
  expect(opened[0]).toMatchObject({ state: 'OPEN', status: 'FAIL', reopenedCount: 0, history: [{ type: 'OPENED' }], account: { handle: 'sandboxschools' } });

  await setWebsite(account.id, 'https://www.sandbox-sd.example.org/news');
  expect((await websiteResult(adminKey, account.id)).status).toBe('PASS');
  const resolved = (await findings(adminKey)).edges[0].node;
  expect(resolved).toMatchObject({ id: opened[0].id, state: 'RESOLVED', status: 'PASS', history: [{ type: 'OPENED' }, { type: 'RESOLVED' }] });
  expect(resolved.resolvedAt).not.toBeNull();

  await setWebsite(account.id, 'http://linktr.ee/sandboxschools');
  expect((await websiteResult(adminKey, account.id)).status).toBe('FAIL');
  const reopened = (await findings(adminKey)).edges[0].node;
  expect(reopened).toMatchObject({
    id: opened[0].id,
    state: 'OPEN',
    reopenedCount: 1,
    firstSeenAt: opened[0].firstSeenAt,
    resolvedAt: null,
    history: [{ type: 'OPENED' }, { type: 'RESOLVED' }, { type: 'REOPENED' }],
  });
});

it('an exception mutes the FAIL until it expires; after expiry the FAIL is back without a re-check', async () => {
  const { adminKey, account, district, school } = await connectedPage();
  await setWebsite(account.id, 'https://elsewhere.example.com');
  expect((await websiteResult(adminKey, account.id)).status).toBe('FAIL');

  const principal = await createKey(harness.testApp, district.id, ApiRole.PRINCIPAL, school.id);
  const input = { accountId: account.id, ruleId: WEBSITE_RULE, reason: 'The school site is moving; approved by the board.', expiresAt: new Date(Date.now() + 7 * 86_400_000).toISOString() };
  const denied = await graphql(harness.testApp.app, principal, 'mutation($input: GrantExceptionInput!) { grantException(input: $input) { id } }', { input });
  expect(errorCode(denied)).toBe('FORBIDDEN');
  const granted = expectData(
    await graphql(harness.testApp.app, adminKey, 'mutation($input: GrantExceptionInput!) { grantException(input: $input) { id grantedBy expiresAt } }', { input }),
  ).grantException;

  const compliance = `query($id: ID!) { account(id: $id) { compliance { status results { ruleId status rawStatus exception { id } } } } }`;
  const exempt = expectData(await graphql(harness.testApp.app, adminKey, compliance, { id: account.id })).account.compliance;
  expect(exempt.results.find((result: { ruleId: string }) => result.ruleId === WEBSITE_RULE)).toMatchObject({ status: 'EXEMPT', rawStatus: 'FAIL', exception: { id: granted.id } });
  expect((await findings(adminKey, { status: 'EXEMPT' })).totalCount).toBe(1);
  expect((await findings(adminKey, { status: 'FAIL' })).totalCount).toBe(0);
  const summary = expectData(await graphql(harness.testApp.app, adminKey, '{ complianceSummary { byRule { ruleId counts { status count } } } }')).complianceSummary;
  expect(summary.byRule.find((rule: { ruleId: string }) => rule.ruleId === WEBSITE_RULE).counts).toEqual([{ status: 'EXEMPT', count: 1 }]);

  await harness.testApp.dataSource.query(`UPDATE rule_exception SET expires_at = now() - interval '1 second' WHERE id = $1`, [granted.id]);
  const back = expectData(await graphql(harness.testApp.app, adminKey, compliance, { id: account.id })).account.compliance;
  expect(back.results.find((result: { ruleId: string }) => result.ruleId === WEBSITE_RULE)).toMatchObject({ status: 'FAIL', exception: null });
  expect((await findings(adminKey, { status: 'FAIL' })).totalCount).toBe(1);

  const badExpiry = await graphql(harness.testApp.app, adminKey, 'mutation($input: GrantExceptionInput!) { grantException(input: $input) { id } }', {
    input: { ...input, expiresAt: new Date(Date.now() - 1000).toISOString() },
  });
  expect(errorCode(badExpiry)).toBe('BAD_USER_INPUT');
});

it('an attestation decides a MANUAL rule until it expires', async () => {
  const { adminKey, district, account, school } = await connectedPage();
  // The registry roster is clean but an X account shows no roster: MANUAL until someone attests.
  const x = await registerAccount(harness.testApp, adminKey, {
    platform: 'X',
    handle: 'mrs_athletics',
    schoolId: school.id,
    admins: [{ email: 'someone@sandbox-sd.example.org', name: 'Some One' }],
  });
  await harness.testApp.dataSource.query(`UPDATE district SET policy_profile_id = 'ap8006-social-media-internet' WHERE id = $1`, [district.id]);
  const judged = expectData(await graphql(harness.testApp.app, adminKey, CHECK, { id: x.id })).checkAccount.compliance.results;
  const minimum = judged.find((result: { ruleId: string }) => result.ruleId === 'admins.minimum-staff');
  expect(minimum.status).toBe('MANUAL');
  const principal = await createKey(harness.testApp, district.id, ApiRole.PRINCIPAL, school.id);
  const attest = 'mutation($input: AttestInput!) { attest(input: $input) { id compliant } }';
  const input = { accountId: x.id, ruleId: 'admins.minimum-staff', statement: 'Two current staff share the login; checked with the coach.', expiresAt: new Date(Date.now() + 30 * 86_400_000).toISOString() };
  const attestation = expectData(await graphql(harness.testApp.app, principal, attest, { input })).attest;
  const compliance = `query($id: ID!) { account(id: $id) { compliance { results { ruleId status attestation { id } } } } }`;
  const after = expectData(await graphql(harness.testApp.app, adminKey, compliance, { id: x.id })).account.compliance.results;
  expect(after.find((result: { ruleId: string }) => result.ruleId === 'admins.minimum-staff')).toMatchObject({ status: 'PASS', attestation: { id: attestation.id } });

  // Attesting a rule that is not MANUAL is refused.
  const notManual = await graphql(harness.testApp.app, adminKey, attest, { input: { ...input, ruleId: 'platform.approved' } });
  expect(errorCode(notManual)).toBe('CONFLICT');
  expect(notManual.errors?.[0]?.extensions.reason).toBe('RULE_NOT_MANUAL');

  await harness.testApp.dataSource.query(`UPDATE attestation SET expires_at = now() - interval '1 second' WHERE id = $1`, [attestation.id]);
  const expired = expectData(await graphql(harness.testApp.app, adminKey, compliance, { id: x.id })).account.compliance.results;
  expect(expired.find((result: { ruleId: string }) => result.ruleId === 'admins.minimum-staff').status).toBe('MANUAL');
  void account;
});

it('other districts and other schools see none of it; the export is scoped to the caller', async () => {
  const { adminKey, account, district } = await connectedPage();
  await setWebsite(account.id, 'https://evil.example.com');
  await websiteResult(adminKey, account.id);
  const foreign = (await createDistrict(harness.testApp)).adminKey;
  expect((await findings(foreign)).totalCount).toBe(0);
  const grant = await graphql(harness.testApp.app, foreign, 'mutation($input: GrantExceptionInput!) { grantException(input: $input) { id } }', {
    input: { accountId: account.id, ruleId: WEBSITE_RULE, reason: 'Trying from another district.', expiresAt: new Date(Date.now() + 86_400_000).toISOString() },
  });
  expect(errorCode(grant)).toBe('NOT_FOUND');
  const attestForeign = await graphql(harness.testApp.app, foreign, 'mutation($input: AttestInput!) { attest(input: $input) { id } }', {
    input: { accountId: account.id, ruleId: WEBSITE_RULE, statement: 'Trying from another district.', expiresAt: new Date(Date.now() + 86_400_000).toISOString() },
  });
  expect(errorCode(attestForeign)).toBe('NOT_FOUND');
  expect(expectData(await graphql(harness.testApp.app, foreign, '{ complianceSummary { accounts byStatus { count } } }')).complianceSummary).toEqual({ accounts: 0, byStatus: [] });
  const foreignView = await graphql(harness.testApp.app, foreign, 'query($id: ID!) { account(id: $id) { compliance { status } } }', { id: account.id });
  expect(expectData(foreignView).account).toBeNull();
  const otherSchool = await createSchool(harness.testApp, adminKey);
  const principal = await createKey(harness.testApp, district.id, ApiRole.PRINCIPAL, otherSchool.id);
  expect((await findings(principal)).totalCount).toBe(0);
  expect(expectData(await graphql(harness.testApp.app, principal, '{ complianceSummary { accounts } }')).complianceSummary.accounts).toBe(0);

  const csv = await fetch(`${harness.baseUrl}/exports/findings.csv?ruleId=${WEBSITE_RULE}`, { headers: { authorization: `Bearer ${adminKey}` } });
  expect(csv.status).toBe(200);
  const lines = (await csv.text()).trim().split('\r\n');
  expect(lines[0].split(',')).toEqual(expect.arrayContaining(['finding_id', 'rule_id', 'state', 'status']));
  expect(lines).toHaveLength(2);
  expect(lines[1]).toContain(WEBSITE_RULE);
  const json = await fetch(`${harness.baseUrl}/exports/findings.json`, { headers: { authorization: `Bearer ${foreign}` } });
  expect(await json.json()).toEqual([]);
  const unauthenticated = await fetch(`${harness.baseUrl}/exports/findings.csv`);
  expect(unauthenticated.status).toBe(401);
  const badFilter = await fetch(`${harness.baseUrl}/exports/findings.csv?severity=urgent`, { headers: { authorization: `Bearer ${adminKey}` } });
  expect(badFilter.status).toBe(400);
  expect(((await badFilter.json()) as { error: { code: string } }).error.code).toBe('BAD_USER_INPUT');
});

it('a followed or mentioned student (matched by hashed handle) fails the student rules', async () => {
  const { adminKey, school } = await connectedPage();
  const x = PROVIDERS.find((provider) => provider.platform === Platform.X)!;
  const account = await registerAccount(harness.testApp, adminKey, { platform: 'X', handle: 'mrs_athletics', schoolId: school.id });
  const link = await startConnection(harness, adminKey, account.id);
  const userId = harness.simulators.get(Platform.X).consentUserFor('mrs_athletics')!;
  expect((await runConnectFlow(harness, x, link.url, { decision: 'APPROVE', userId })).result).toBe('CONNECTED');
  const studentRules = (results: Array<{ ruleId: string; status: string }>) =>
    Object.fromEntries(results.filter((result) => ['content.student-tags', 'network.no-student-follows'].includes(result.ruleId)).map((result) => [result.ruleId, result.status]));

  const before = expectData(await graphql(harness.testApp.app, adminKey, CHECK, { id: account.id })).checkAccount.compliance.results;
  expect(studentRules(before)).toEqual({ 'content.student-tags': 'PASS', 'network.no-student-follows': 'PASS' });

  const imported = await graphql(harness.testApp.app, adminKey, 'mutation($input: [StudentInput!]!) { importStudents(input: $input) { created } }', {
    input: [{ studentId: 'S-1', schoolId: school.id, mediaConsent: true, handles: [{ platform: 'X', handle: '@JordanK_07' }] }],
  });
  expect(imported.errors).toBeUndefined();
  const after = expectData(await graphql(harness.testApp.app, adminKey, CHECK, { id: account.id })).checkAccount.compliance.results;
  expect(studentRules(after)).toEqual({ 'content.student-tags': 'FAIL', 'network.no-student-follows': 'FAIL' });
});
