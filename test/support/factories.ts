import { randomBytes } from 'node:crypto';
import { ApiRole } from '../../src/auth/api-role';
import type { District } from '../../src/districts/district.entity';
import { cliActor } from '../../src/tenancy/actor';
import { TenantScope } from '../../src/tenancy/tenant-scope';
import { expectData, graphql } from './graphql';
import type { TestApp } from './test-app';

export const unique = (prefix: string) => `${prefix}-${randomBytes(5).toString('hex')}`;

export interface TestDistrict {
  district: District;
  adminKey: string;
}

/** A fresh district: every test builds its own, so tests never see each other's data. */
export async function createDistrict(testApp: TestApp, overrides: Partial<{ name: string; slug: string; emailDomains: string[]; policyProfileId: string }> = {}): Promise<TestDistrict> {
  const slug = overrides.slug ?? unique('district');
  return testApp.services.districts.create(
    {
      name: overrides.name ?? `District ${slug}`,
      slug,
      emailDomains: overrides.emailDomains ?? [`${slug}.example.org`],
      policyProfileId: overrides.policyProfileId ?? 'ap1311-social-media-for-learning',
    },
    (districtId) => cliActor(districtId, 'test'),
  );
}

export async function createKey(testApp: TestApp, districtId: string, role: ApiRole, schoolId?: string): Promise<string> {
  const scope = new TenantScope(cliActor(districtId, 'test'), testApp.dataSource.manager);
  return (await testApp.services.apiKeys.create(scope, { role, schoolId, label: `${role} test key` })).key;
}

export interface TestSchool {
  id: string;
  code: string;
  name: string;
  websiteUrl: string;
}

export async function createSchool(testApp: TestApp, adminKey: string, overrides: Partial<{ name: string; code: string; websiteUrl: string }> = {}): Promise<TestSchool> {
  const code = overrides.code ?? unique('S').toUpperCase();
  const response = await graphql(testApp.app, adminKey, 'mutation($input: CreateSchoolInput!) { createSchool(input: $input) { id code name websiteUrl } }', {
    input: { name: overrides.name ?? `School ${code}`, code, websiteUrl: overrides.websiteUrl ?? `https://${code.toLowerCase()}.example.org` },
  });
  return expectData(response).createSchool;
}

export function accountInput(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    platform: 'FACEBOOK',
    handle: unique('page'),
    scope: 'SCHOOL',
    audience: 'PRIVATE',
    kind: 'PLATFORM_ROLES',
    custodianEmail: 'custodian@example.org',
    admins: [{ email: 'admin.one@example.org', name: 'Admin One' }],
    ...overrides,
  };
}

export const REGISTER_ACCOUNT = `mutation($input: RegisterAccountInput!) {
  registerAccount(input: $input) { id platform handle scope status audience kind school { id } admins { email employeeId platformRole isServiceAccount } }
}`;

export async function registerAccount(testApp: TestApp, key: string, overrides: Record<string, unknown> = {}) {
  return expectData(await graphql(testApp.app, key, REGISTER_ACCOUNT, { input: accountInput(overrides) })).registerAccount;
}

/** A district with two schools and a key of every role (principals for each school), plus one account each. */
export async function createWorld(testApp: TestApp) {
  const { district, adminKey } = await createDistrict(testApp);
  const north = await createSchool(testApp, adminKey, { name: 'North School' });
  const south = await createSchool(testApp, adminKey, { name: 'South School' });
  const keys = {
    admin: adminKey,
    principalNorth: await createKey(testApp, district.id, ApiRole.PRINCIPAL, north.id),
    principalSouth: await createKey(testApp, district.id, ApiRole.PRINCIPAL, south.id),
    viewer: await createKey(testApp, district.id, ApiRole.VIEWER),
    hr: await createKey(testApp, district.id, ApiRole.HR_SYSTEM),
    sis: await createKey(testApp, district.id, ApiRole.SIS_SYSTEM),
  };
  const northAccount = await registerAccount(testApp, adminKey, { schoolId: north.id });
  const southAccount = await registerAccount(testApp, adminKey, { schoolId: south.id });
  const districtAccount = await registerAccount(testApp, adminKey, { scope: 'DISTRICT' });
  return { district, schools: { north, south }, keys, accounts: { north: northAccount, south: southAccount, district: districtAccount } };
}

/** A SHARED_LOGIN account (the kind whose password rotations are recorded), with one registered admin. */
export function sharedLoginInput(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return accountInput({ platform: 'INSTAGRAM', kind: 'SHARED_LOGIN', loginEmail: 'shared.login@example.org', ...overrides });
}

/** createWorld plus a SHARED_LOGIN account at North (kept apart: other tests count the default world's accounts). */
export async function createWorldWithSharedLogin(testApp: TestApp) {
  const world = await createWorld(testApp);
  const sharedLogin = await registerAccount(testApp, world.keys.admin, sharedLoginInput({ schoolId: world.schools.north.id }));
  return { ...world, sharedLogin };
}
