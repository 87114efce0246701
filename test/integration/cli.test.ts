import { parseApiKey } from '../../src/auth/api-key.secret';
import { runCliCaptured } from '../support/cli-run';
import { createSchool, unique } from '../support/factories';
import { errorCode, expectData, graphql } from '../support/graphql';
import { startTestApp, type TestApp } from '../support/test-app';
import { testEnv } from '../support/test-config';

function cli(...argv: string[]) {
  return runCliCaptured(argv, testEnv());
}

describe('CLI', () => {
  let testApp: TestApp;
  beforeAll(async () => {
    testApp = await startTestApp();
  });
  afterAll(async () => {
    await testApp.close();
  });

  it('district:create --json prints exactly {"id","slug","adminKey"}, and the key works', async () => {
    const slug = unique('cli');
    const result = await cli('district:create', '--name', 'CLI District', '--slug', slug, '--domains', 'cli.example.org,Staff.Example.org', '--profile', 'ap8006-social-media-internet', '--json');
    expect(result.code).toBe(0);
    const printed = JSON.parse(result.stdout);
    expect(Object.keys(printed).sort()).toEqual(['adminKey', 'id', 'slug']);
    expect(printed.slug).toBe(slug);
    const viewer = expectData(await graphql(testApp.app, printed.adminKey, '{ viewer { role district { id emailDomains policyProfileId } } }')).viewer;
    expect(viewer).toEqual({ role: 'DISTRICT_ADMIN', district: { id: printed.id, emailDomains: ['cli.example.org', 'staff.example.org'], policyProfileId: 'ap8006-social-media-internet' } });
  });

  it('refuses a taken slug, an unknown profile and bad domains with exit code 1 and the code on stderr', async () => {
    const slug = unique('cli');
    expect((await cli('district:create', '--name', 'One', '--slug', slug, '--domains', 'a.org', '--profile', 'ap417-social-media')).code).toBe(0);
    const taken = await cli('district:create', '--name', 'Two', '--slug', slug, '--domains', 'a.org', '--profile', 'ap417-social-media', '--json');
    expect(taken.code).toBe(1);
    expect(taken.stdout).toBe('');
    expect(JSON.parse(taken.stderr).error).toMatchObject({ code: 'CONFLICT', reason: 'DISTRICT_SLUG_TAKEN' });
    const bad = await cli('district:create', '--name', 'Three', '--slug', unique('cli'), '--domains', 'not a domain', '--profile', 'nope', '--json');
    expect(bad.code).toBe(1);
    const fields = JSON.parse(bad.stderr).error.fields.map((field: { path: string }) => field.path);
    expect(fields.sort()).toEqual(['emailDomains', 'policyProfileId']);
  });

  it('apikey:create makes keys of each role; a PRINCIPAL key needs --school and is limited to it', async () => {
    const slug = unique('cli');
    const district = JSON.parse((await cli('district:create', '--name', 'Keys', '--slug', slug, '--domains', 'k.org', '--profile', 'hdsb-social-media-staff', '--json')).stdout);
    const school = await createSchool(testApp, district.adminKey);
    const viewerKey = JSON.parse((await cli('apikey:create', '--district', slug, '--role', 'VIEWER', '--json')).stdout).key;
    expect(expectData(await graphql(testApp.app, viewerKey, '{ viewer { role } }')).viewer.role).toBe('VIEWER');

    const principal = await cli('apikey:create', '--district', slug, '--role', 'PRINCIPAL', '--school', school.id, '--json');
    expect(principal.code).toBe(0);
    const principalViewer = expectData(await graphql(testApp.app, JSON.parse(principal.stdout).key, '{ viewer { role school { id } } }')).viewer;
    expect(principalViewer).toEqual({ role: 'PRINCIPAL', school: { id: school.id } });

    expect((await cli('apikey:create', '--district', slug, '--role', 'PRINCIPAL', '--json')).code).toBe(1);
    expect((await cli('apikey:create', '--district', slug, '--role', 'WIZARD')).code).toBe(2);
    const unknown = await cli('apikey:create', '--district', 'no-such-district', '--role', 'VIEWER', '--json');
    expect(unknown.code).toBe(1);
    expect(JSON.parse(unknown.stderr).error.code).toBe('NOT_FOUND');
  });

  it('apikey:list shows keys without secrets, and apikey:revoke disables one at once', async () => {
    const slug = unique('cli');
    const district = JSON.parse((await cli('district:create', '--name', 'Revoke', '--slug', slug, '--domains', 'r.org', '--profile', 'ap146-electronic-social-media', '--json')).stdout);
    const key = JSON.parse((await cli('apikey:create', '--district', slug, '--role', 'VIEWER', '--label', 'Board member', '--json')).stdout).key as string;
    const listed = JSON.parse((await cli('apikey:list', '--district', slug, '--json')).stdout).keys;
    expect(listed.map((row: { label: string }) => row.label)).toEqual(['district admin (created with the district)', 'Board member']);
    expect(JSON.stringify(listed)).not.toContain(parseApiKey(key)!.secret);
    expect(JSON.stringify(listed)).not.toContain(parseApiKey(district.adminKey)!.secret);

    const keyId = key.split('_')[1];
    const revoked = await cli('apikey:revoke', '--district', slug, '--key-id', keyId, '--json');
    expect(revoked.code).toBe(0);
    expect(errorCode(await graphql(testApp.app, key, '{ viewer { role } }'))).toBe('UNAUTHENTICATED');
    const audit = expectData(await graphql(testApp.app, district.adminKey, '{ auditLog(filter: { action: "apiKey.revoke" }) { edges { node { targetId actor { type } } } } }')).auditLog.edges;
    expect(audit).toEqual([{ node: { targetId: keyId, actor: { type: 'CLI' } } }]);
  });

  it('migrate reports the applied migrations', async () => {
    const result = await cli('migrate', '--json');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).migrations.length).toBeGreaterThanOrEqual(2);
  });

  it('answers unknown commands and options with usage and exit code 2', async () => {
    expect((await cli('frobnicate')).code).toBe(2);
    const badOption = await cli('district:create', '--colour', 'blue');
    expect(badOption.code).toBe(2);
    expect(badOption.stderr).toContain('usage:');
    expect((await cli('help')).code).toBe(0);
  });
});
