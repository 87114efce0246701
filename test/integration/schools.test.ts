import { ApiRole } from '../../src/auth/api-role';
import { createDistrict, createKey, createSchool } from '../support/factories';
import { errorCode, errorFields, expectData, graphql } from '../support/graphql';
import { startTestApp, type TestApp } from '../support/test-app';

const CREATE = 'mutation($input: CreateSchoolInput!) { createSchool(input: $input) { id name code websiteUrl } }';
const UPDATE = 'mutation($id: ID!, $input: UpdateSchoolInput!) { updateSchool(id: $id, input: $input) { id name code websiteUrl } }';
const SCHOOLS = '{ schools { id name code } }';

describe('schools', () => {
  let testApp: TestApp;
  beforeAll(async () => {
    testApp = await startTestApp();
  });
  afterAll(async () => {
    await testApp.close();
  });

  it('creates a school (code upper-cased), lists it by name, and audits the creation', async () => {
    const { adminKey } = await createDistrict(testApp);
    const created = expectData(
      await graphql(testApp.app, adminKey, CREATE, { input: { name: '  Zeta High ', code: 'zh-1', websiteUrl: 'https://zeta.example.org' } }),
    ).createSchool;
    expect(created).toMatchObject({ name: 'Zeta High', code: 'ZH-1', websiteUrl: 'https://zeta.example.org' });
    await createSchool(testApp, adminKey, { name: 'Alpha Elementary' });

    const names = expectData(await graphql(testApp.app, adminKey, SCHOOLS)).schools.map((school: { name: string }) => school.name);
    expect(names).toEqual(['Alpha Elementary', 'Zeta High']);

    const audit = expectData(
      await graphql(testApp.app, adminKey, 'query($id: String) { auditLog(filter: { targetId: $id }) { edges { node { action targetType after actor { type role } } } } }', { id: created.id }),
    ).auditLog.edges;
    expect(audit).toHaveLength(1);
    expect(audit[0].node).toMatchObject({ action: 'school.create', targetType: 'School', after: { code: 'ZH-1', name: 'Zeta High' }, actor: { type: 'API_KEY', role: 'DISTRICT_ADMIN' } });
  });

  it('lists every bad field and writes nothing', async () => {
    const { adminKey, district } = await createDistrict(testApp);
    const response = await graphql(testApp.app, adminKey, CREATE, { input: { name: '   ', code: 'has space', websiteUrl: 'ftp://x.org' } });
    expect(errorCode(response)).toBe('BAD_USER_INPUT');
    expect(new Set(errorFields(response))).toEqual(new Set(['input.name', 'input.code', 'input.websiteUrl']));
    const nul = await graphql(testApp.app, adminKey, CREATE, { input: { name: 'Nul\u0000School', code: 'NUL', websiteUrl: 'https://nul.example.org' } });
    expect(errorCode(nul)).toBe('BAD_USER_INPUT');
    expect(errorFields(nul)).toEqual(['input.name']);
    const [row] = await testApp.dataSource.query('SELECT count(*)::int AS n FROM school WHERE district_id = $1', [district.id]);
    expect(row.n).toBe(0);
  });

  it('refuses a second school with the same code (any case) as CONFLICT, and writes nothing', async () => {
    const { adminKey, district } = await createDistrict(testApp);
    await createSchool(testApp, adminKey, { code: 'DUP' });
    const auditBefore = await testApp.dataSource.query('SELECT count(*)::int AS n FROM audit_entry WHERE district_id = $1', [district.id]);
    const response = await graphql(testApp.app, adminKey, CREATE, { input: { name: 'Other', code: 'dup', websiteUrl: 'https://o.example.org' } });
    expect(errorCode(response)).toBe('CONFLICT');
    expect(response.errors?.[0].extensions.reason).toBe('SCHOOL_CODE_TAKEN');
    const [schools] = await testApp.dataSource.query('SELECT count(*)::int AS n FROM school WHERE district_id = $1', [district.id]);
    const auditAfter = await testApp.dataSource.query('SELECT count(*)::int AS n FROM audit_entry WHERE district_id = $1', [district.id]);
    expect(schools.n).toBe(1);
    expect(auditAfter).toEqual(auditBefore);
  });

  it('lets two districts use the same school code', async () => {
    const first = await createDistrict(testApp);
    const second = await createDistrict(testApp);
    await createSchool(testApp, first.adminKey, { code: 'SAME' });
    await expect(createSchool(testApp, second.adminKey, { code: 'SAME' })).resolves.toMatchObject({ code: 'SAME' });
  });

  it('updates only the given fields and audits just the change', async () => {
    const { adminKey } = await createDistrict(testApp);
    const school = await createSchool(testApp, adminKey, { name: 'Old Name' });
    const updated = expectData(await graphql(testApp.app, adminKey, UPDATE, { id: school.id, input: { websiteUrl: 'https://new.example.org' } })).updateSchool;
    expect(updated).toMatchObject({ name: 'Old Name', code: school.code, websiteUrl: 'https://new.example.org' });
    const entry = expectData(
      await graphql(testApp.app, adminKey, '{ auditLog(first: 1, filter: { action: "school.update" }) { edges { node { before after } } } }'),
    ).auditLog.edges[0].node;
    expect(entry).toEqual({ before: { websiteUrl: school.websiteUrl }, after: { websiteUrl: 'https://new.example.org' } });
  });

  it('answers NOT_FOUND for an unknown school id, and CONFLICT when renaming onto a taken code', async () => {
    const { adminKey } = await createDistrict(testApp);
    const one = await createSchool(testApp, adminKey, { code: 'ONE' });
    await createSchool(testApp, adminKey, { code: 'TWO' });
    expect(errorCode(await graphql(testApp.app, adminKey, UPDATE, { id: '01900000-0000-7000-8000-000000000000', input: { name: 'x' } }))).toBe('NOT_FOUND');
    expect(errorCode(await graphql(testApp.app, adminKey, UPDATE, { id: 'not-a-uuid', input: { name: 'x' } }))).toBe('NOT_FOUND');
    expect(errorCode(await graphql(testApp.app, adminKey, UPDATE, { id: one.id, input: { code: 'two' } }))).toBe('CONFLICT');
  });

  it("shows a principal only its own school", async () => {
    const { adminKey, district } = await createDistrict(testApp);
    const mine = await createSchool(testApp, adminKey);
    await createSchool(testApp, adminKey);
    const principal = await createKey(testApp, district.id, ApiRole.PRINCIPAL, mine.id);
    expect(expectData(await graphql(testApp.app, principal, SCHOOLS)).schools).toEqual([{ id: mine.id, name: mine.name, code: mine.code }]);
  });
});
