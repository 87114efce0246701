import { parseApiKey } from '../../src/auth/api-key.secret';
import { ApiKey } from '../../src/auth/api-key.entity';
import { ApiRole } from '../../src/auth/api-role';
import { cliActor } from '../../src/tenancy/actor';
import { TenantScope } from '../../src/tenancy/tenant-scope';
import { createDistrict, createKey, createSchool } from '../support/factories';
import { errorCode, expectData, graphql } from '../support/graphql';
import { startTestApp, type TestApp } from '../support/test-app';

const VIEWER = '{ viewer { role keyId label district { id slug } school { id } } }';

describe('API key authentication', () => {
  let testApp: TestApp;
  beforeAll(async () => {
    testApp = await startTestApp();
  });
  afterAll(async () => {
    await testApp.close();
  });

  it('refuses a request without a key with HTTP 401 UNAUTHENTICATED', async () => {
    const response = await graphql(testApp.app, null, VIEWER);
    expect(response.status).toBe(401);
    expect(errorCode(response)).toBe('UNAUTHENTICATED');
    expect(response.data).toBeUndefined();
  });

  it.each([
    ['not a proctor key', 'abc'],
    ['a well-formed key nobody issued', `proctor_0123456789abcdef_${'A'.repeat(43)}`],
  ])('refuses %s', async (_label, key) => {
    const response = await graphql(testApp.app, key, VIEWER);
    expect(response.status).toBe(401);
    expect(errorCode(response)).toBe('UNAUTHENTICATED');
  });

  it('refuses a real key id with the wrong secret', async () => {
    const { adminKey } = await createDistrict(testApp);
    const forged = adminKey.slice(0, -4) + (adminKey.endsWith('AAAA') ? 'BBBB' : 'AAAA');
    const response = await graphql(testApp.app, forged, VIEWER);
    expect(errorCode(response)).toBe('UNAUTHENTICATED');
  });

  it('tells the caller who it is, and stores only a salted hash of the key', async () => {
    const { district, adminKey } = await createDistrict(testApp);
    const viewer = expectData(await graphql(testApp.app, adminKey, VIEWER)).viewer;
    expect(viewer).toMatchObject({ role: 'DISTRICT_ADMIN', district: { id: district.id, slug: district.slug }, school: null });

    const stored = await testApp.dataSource.manager.findOneByOrFail(ApiKey, { keyId: viewer.keyId });
    // The secret is base64url and may itself contain '_': take it as the parser does.
    const secret = parseApiKey(adminKey)!.secret;
    expect(secret).toHaveLength(43);
    expect(stored.secretHash).toHaveLength(32);
    expect(stored.salt).toHaveLength(16);
    const row = JSON.stringify(await testApp.dataSource.query('SELECT * FROM api_key WHERE key_id = $1', [viewer.keyId]));
    expect(row).not.toContain(secret);
    expect(stored.lastUsedAt).not.toBeNull();
  });

  it('names a principal key\'s school in viewer', async () => {
    const { district, adminKey } = await createDistrict(testApp);
    const school = await createSchool(testApp, adminKey);
    const key = await createKey(testApp, district.id, ApiRole.PRINCIPAL, school.id);
    const viewer = expectData(await graphql(testApp.app, key, VIEWER)).viewer;
    expect(viewer).toMatchObject({ role: 'PRINCIPAL', school: { id: school.id } });
  });

  it('stops accepting a key the moment it is revoked', async () => {
    const { district } = await createDistrict(testApp);
    const key = await createKey(testApp, district.id, ApiRole.VIEWER);
    const keyId = key.split('_')[1];
    expect(errorCode(await graphql(testApp.app, key, VIEWER))).toBeUndefined();
    await testApp.services.apiKeys.revoke(new TenantScope(cliActor(district.id, 'test'), testApp.dataSource.manager), keyId);
    const response = await graphql(testApp.app, key, VIEWER);
    expect(response.status).toBe(401);
    expect(errorCode(response)).toBe('UNAUTHENTICATED');
  });

  it('requires a school for PRINCIPAL keys and refuses one for other roles', async () => {
    const { district, adminKey } = await createDistrict(testApp);
    const school = await createSchool(testApp, adminKey);
    await expect(createKey(testApp, district.id, ApiRole.PRINCIPAL)).rejects.toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
    await expect(createKey(testApp, district.id, ApiRole.VIEWER, school.id)).rejects.toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
  });

  it('does not let a principal key be bound to another district\'s school', async () => {
    const mine = await createDistrict(testApp);
    const theirs = await createDistrict(testApp);
    const theirSchool = await createSchool(testApp, theirs.adminKey);
    await expect(createKey(testApp, mine.district.id, ApiRole.PRINCIPAL, theirSchool.id)).rejects.toMatchObject({
      extensions: { code: 'NOT_FOUND' },
    });
  });
});
