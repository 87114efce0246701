import request from 'supertest';
import { ApiRole } from '../../src/auth/api-role';
import { createDistrict, createKey, createSchool, registerAccount, unique } from '../support/factories';
import { expectData, graphql } from '../support/graphql';
import { startTestApp, type TestApp } from '../support/test-app';

const SCIM_TYPE = /^application\/scim\+json/;
const ERROR_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:Error';
const LIST_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';
const USER_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:User';
const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

// The exact bodies identity providers send (standards.md §3.2).
const OKTA_DEACTIVATE = { schemas: [PATCH_OP], Operations: [{ op: 'replace', value: { active: false } }] };
const ENTRA_DEACTIVATE = { schemas: [PATCH_OP], Operations: [{ op: 'Replace', path: 'active', value: 'False' }] };
const ENTRA_COMPLIANT_DEACTIVATE = { schemas: [PATCH_OP], Operations: [{ op: 'replace', path: 'active', value: false }] };

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

describe('SCIM 2.0 (/scim/v2)', () => {
  let testApp: TestApp;
  beforeAll(async () => {
    testApp = await startTestApp();
  });
  afterAll(async () => {
    await testApp.close();
  });

  function scim(key: string | null, method: Method, path: string, body?: unknown, contentType = 'application/scim+json') {
    const call = request(testApp.app)[method](`/scim/v2${path}`);
    if (key) call.set('authorization', `Bearer ${key}`);
    if (body === undefined) return call;
    return call.set('content-type', contentType).send(typeof body === 'string' ? body : JSON.stringify(body));
  }

  async function hrDistrict() {
    const { district, adminKey } = await createDistrict(testApp);
    return { district, adminKey, hr: await createKey(testApp, district.id, ApiRole.HR_SYSTEM) };
  }

  function oktaUser(overrides: Record<string, unknown> = {}) {
    const local = unique('person');
    return {
      schemas: [USER_SCHEMA],
      userName: `${local}@example.org`,
      name: { givenName: 'Pat', familyName: 'Lee' },
      emails: [{ primary: true, value: `${local}@example.org`, type: 'work' }],
      displayName: 'Pat Lee',
      locale: 'en-US',
      externalId: `00u${local.replace(/\W/g, '')}`,
      groups: [],
      active: true,
      ...overrides,
    };
  }

  async function createUser(hr: string, overrides: Record<string, unknown> = {}) {
    const response = await scim(hr, 'post', '/Users', oktaUser(overrides));
    expect(response.status).toBe(201);
    return response.body;
  }

  async function staffRow(staffId: string) {
    const [row] = await testApp.dataSource.query(
      'SELECT employee_id, email, name, given_name, family_name, scim_external_id, role, status, school_id, departed_at, updated_at FROM staff WHERE id = $1',
      [staffId],
    );
    return row;
  }

  async function offboardings(staffId: string) {
    return testApp.dataSource.query('SELECT id, source, status, employee_id FROM offboarding WHERE staff_id = $1', [staffId]);
  }

  /** Audit entries that record a change (a replay's own `offboarding.replay` note is counted apart). */
  async function auditCounts(districtId: string): Promise<Record<string, number>> {
    const rows: { action: string; n: number }[] = await testApp.dataSource.query(
      'SELECT action, count(*)::int AS n FROM audit_entry WHERE district_id = $1 GROUP BY action',
      [districtId],
    );
    return Object.fromEntries(rows.map((row) => [row.action, row.n]));
  }

  describe('authentication and roles', () => {
    it('answers 401 in SCIM form without a key or with an unknown key', async () => {
      for (const key of [null, 'proctor_not_a_real_key']) {
        const response = await scim(key, 'get', '/Users');
        expect(response.status).toBe(401);
        expect(response.headers['content-type']).toMatch(SCIM_TYPE);
        expect(response.body).toMatchObject({ schemas: [ERROR_SCHEMA], status: '401' });
        expect(response.headers['www-authenticate']).toMatch(/^Bearer/);
      }
    });

    it('answers 403 to every role but HR_SYSTEM, and writes nothing', async () => {
      const { district, adminKey } = await hrDistrict();
      const school = await createSchool(testApp, adminKey);
      const keys = [
        adminKey,
        await createKey(testApp, district.id, ApiRole.VIEWER),
        await createKey(testApp, district.id, ApiRole.SIS_SYSTEM),
        await createKey(testApp, district.id, ApiRole.PRINCIPAL, school.id),
      ];
      for (const key of keys) {
        expect((await scim(key, 'get', '/Users')).status).toBe(403);
        const created = await scim(key, 'post', '/Users', oktaUser());
        expect(created.status).toBe(403);
        expect(created.body).toMatchObject({ schemas: [ERROR_SCHEMA], status: '403' });
      }
      const [row] = await testApp.dataSource.query('SELECT count(*)::int AS n FROM staff WHERE district_id = $1', [district.id]);
      expect(row.n).toBe(0);
    });
  });

  describe('discovery', () => {
    it('describes the service, its schemas and its resource types', async () => {
      const { hr } = await hrDistrict();
      const config = await scim(hr, 'get', '/ServiceProviderConfig');
      expect(config.status).toBe(200);
      expect(config.headers['content-type']).toMatch(SCIM_TYPE);
      expect(config.body).toMatchObject({
        schemas: ['urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig'],
        patch: { supported: true },
        bulk: { supported: false },
        filter: { supported: true, maxResults: 200 },
        changePassword: { supported: false },
        sort: { supported: false },
        etag: { supported: false },
        authenticationSchemes: [{ type: 'oauthbearertoken', primary: true }],
      });

      const schemas = await scim(hr, 'get', '/Schemas');
      expect(schemas.body).toMatchObject({ schemas: [LIST_SCHEMA], totalResults: 2, startIndex: 1, itemsPerPage: 2 });
      expect(schemas.body.Resources.map((schema: { id: string }) => schema.id)).toEqual([USER_SCHEMA, ENTERPRISE]);
      const user = schemas.body.Resources[0];
      expect(user.schemas).toEqual(['urn:ietf:params:scim:schemas:core:2.0:Schema']);
      expect(user.attributes.map((attribute: { name: string }) => attribute.name)).toEqual(['userName', 'name', 'displayName', 'emails', 'active']);
      expect(user.attributes[0]).toMatchObject({ name: 'userName', type: 'string', required: true, uniqueness: 'server' });
      expect(schemas.body.Resources[1].attributes).toEqual([expect.objectContaining({ name: 'employeeNumber', type: 'string' })]);

      const one = await scim(hr, 'get', `/Schemas/${ENTERPRISE}`);
      expect(one.status).toBe(200);
      expect(one.body.id).toBe(ENTERPRISE);

      const types = await scim(hr, 'get', '/ResourceTypes');
      expect(types.body).toMatchObject({ schemas: [LIST_SCHEMA], totalResults: 1 });
      expect(types.body.Resources[0]).toMatchObject({
        schemas: ['urn:ietf:params:scim:schemas:core:2.0:ResourceType'],
        id: 'User',
        endpoint: '/Users',
        schema: USER_SCHEMA,
        schemaExtensions: [{ schema: ENTERPRISE, required: false }],
      });
      expect((await scim(hr, 'get', '/ResourceTypes/User')).body.id).toBe('User');
      for (const path of ['/ResourceTypes/Group', '/Schemas/urn:nope', '/Groups']) {
        const missing = await scim(hr, 'get', path);
        expect(missing.status).toBe(404);
        expect(missing.body).toMatchObject({ schemas: [ERROR_SCHEMA], status: '404' });
      }
    });
  });

  describe('creating and finding users', () => {
    it('creates a staff member from an Okta body: 201, Location, the User resource', async () => {
      const { district, hr } = await hrDistrict();
      const body = oktaUser({ userName: 'Pat.Lee@Example.org', [ENTERPRISE]: { employeeNumber: 'E-4001' } });
      const response = await scim(hr, 'post', '/Users', body);
      expect(response.status).toBe(201);
      expect(response.headers['content-type']).toMatch(SCIM_TYPE);
      const user = response.body;
      expect(response.headers.location).toBe(`${testApp.config.http.publicUrl}/scim/v2/Users/${user.id}`);
      expect(user).toEqual({
        schemas: [USER_SCHEMA, ENTERPRISE],
        id: expect.any(String),
        externalId: body.externalId,
        userName: 'pat.lee@example.org',
        name: { givenName: 'Pat', familyName: 'Lee', formatted: 'Pat Lee' },
        displayName: 'Pat Lee',
        emails: [{ value: 'pat.lee@example.org', type: 'work', primary: true }],
        active: true,
        [ENTERPRISE]: { employeeNumber: 'E-4001' },
        meta: { resourceType: 'User', created: expect.any(String), lastModified: expect.any(String), location: response.headers.location },
      });
      expect(await staffRow(user.id)).toMatchObject({
        employee_id: 'E-4001',
        email: 'pat.lee@example.org',
        name: 'Pat Lee',
        given_name: 'Pat',
        family_name: 'Lee',
        scim_external_id: body.externalId,
        role: 'OTHER',
        status: 'ACTIVE',
        school_id: null,
      });
      expect((await auditCounts(district.id))['staff.create']).toBe(1);
    });

    it('takes the employee id from externalId when it fits, else generates a stable one', async () => {
      const { hr } = await hrDistrict();
      const fromExternal = await createUser(hr, { externalId: 'W-000123' });
      expect(fromExternal[ENTERPRISE].employeeNumber).toBe('W-000123');
      const generated = await createUser(hr, { externalId: 'has spaces, so not an employee id' });
      expect(generated[ENTERPRISE].employeeNumber).toBe(`scim-${generated.id}`);
      const renamed = await scim(hr, 'put', `/Users/${generated.id}`, { userName: generated.userName, displayName: 'Renamed' });
      expect(renamed.body[ENTERPRISE].employeeNumber).toBe(`scim-${generated.id}`);
    });

    it('accepts application/json bodies as well', async () => {
      const { hr } = await hrDistrict();
      const response = await scim(hr, 'post', '/Users', oktaUser(), 'application/json');
      expect(response.status).toBe(201);
    });

    it('answers 409 uniqueness to a duplicate userName or employee number, and creates nothing', async () => {
      const { district, hr } = await hrDistrict();
      const first = await createUser(hr, { [ENTERPRISE]: { employeeNumber: 'E-1' } });
      const sameUserName = await scim(hr, 'post', '/Users', oktaUser({ userName: first.userName.toUpperCase() }));
      expect(sameUserName.status).toBe(409);
      expect(sameUserName.body).toMatchObject({ schemas: [ERROR_SCHEMA], status: '409', scimType: 'uniqueness' });
      const sameNumber = await scim(hr, 'post', '/Users', oktaUser({ [ENTERPRISE]: { employeeNumber: 'E-1' } }));
      expect(sameNumber.status).toBe(409);
      expect(sameNumber.body.scimType).toBe('uniqueness');
      const [row] = await testApp.dataSource.query('SELECT count(*)::int AS n FROM staff WHERE district_id = $1', [district.id]);
      expect(row.n).toBe(1);
    });

    it('refuses invalid users with 400 invalidValue and malformed JSON with 400 invalidSyntax', async () => {
      const { hr } = await hrDistrict();
      const notEmail = await scim(hr, 'post', '/Users', oktaUser({ userName: 'not-an-email' }));
      expect(notEmail.status).toBe(400);
      expect(notEmail.body).toMatchObject({ schemas: [ERROR_SCHEMA], status: '400', scimType: 'invalidValue' });
      const noUserName = await scim(hr, 'post', '/Users', { schemas: [USER_SCHEMA], displayName: 'Nobody' });
      expect(noUserName.body.scimType).toBe('invalidValue');
      const malformed = await scim(hr, 'post', '/Users', '{"userName": ');
      expect(malformed.status).toBe(400);
      expect(malformed.body).toMatchObject({ schemas: [ERROR_SCHEMA], status: '400', scimType: 'invalidSyntax' });
    });

    it('finds a user the way Okta looks one up, and by externalId or id', async () => {
      const { hr } = await hrDistrict();
      const user = await createUser(hr);
      const okta = await scim(hr, 'get', `/Users?filter=${encodeURIComponent(`userName eq "${user.userName}"`)}&startIndex=1&count=100`);
      expect(okta.status).toBe(200);
      expect(okta.headers['content-type']).toMatch(SCIM_TYPE);
      expect(okta.body).toMatchObject({ schemas: [LIST_SCHEMA], totalResults: 1, startIndex: 1, itemsPerPage: 1 });
      expect(okta.body.Resources[0]).toMatchObject({ id: user.id, userName: user.userName, active: true });

      const anyCase = await scim(hr, 'get', `/Users?filter=${encodeURIComponent(`USERNAME EQ "${user.userName.toUpperCase()}"`)}`);
      expect(anyCase.body.Resources.map((found: { id: string }) => found.id)).toEqual([user.id]);
      const byExternal = await scim(hr, 'get', `/Users?filter=${encodeURIComponent(`externalId eq "${user.externalId}"`)}`);
      expect(byExternal.body.Resources.map((found: { id: string }) => found.id)).toEqual([user.id]);
      const byId = await scim(hr, 'get', `/Users?filter=${encodeURIComponent(`id eq "${user.id}"`)}`);
      expect(byId.body.totalResults).toBe(1);

      const nobody = await scim(hr, 'get', `/Users?filter=${encodeURIComponent('userName eq "nobody@example.org"')}&startIndex=1&count=100`);
      expect(nobody.body).toMatchObject({ totalResults: 0, itemsPerPage: 0, Resources: [] });

      expect((await scim(hr, 'get', `/Users/${user.id}`)).body).toEqual(user);
    });

    it('refuses filters it does not support with 400 invalidFilter', async () => {
      const { hr } = await hrDistrict();
      for (const filter of ['userName sw "a"', 'title eq "Teacher"', 'userName eq "a@example.org" or userName eq "b@example.org"']) {
        const response = await scim(hr, 'get', `/Users?filter=${encodeURIComponent(filter)}`);
        expect(response.status).toBe(400);
        expect(response.body).toMatchObject({ schemas: [ERROR_SCHEMA], status: '400', scimType: 'invalidFilter' });
      }
    });

    it('pages with startIndex and count', async () => {
      const { hr } = await hrDistrict();
      const ids = [(await createUser(hr)).id, (await createUser(hr)).id, (await createUser(hr)).id];
      const first = await scim(hr, 'get', '/Users?startIndex=1&count=2');
      expect(first.body).toMatchObject({ totalResults: 3, startIndex: 1, itemsPerPage: 2 });
      const last = await scim(hr, 'get', '/Users?startIndex=3&count=2');
      expect(last.body).toMatchObject({ totalResults: 3, startIndex: 3, itemsPerPage: 1 });
      expect([...first.body.Resources, ...last.body.Resources].map((user: { id: string }) => user.id)).toEqual(ids);
      const countOnly = await scim(hr, 'get', '/Users?count=0');
      expect(countOnly.body).toMatchObject({ totalResults: 3, itemsPerPage: 0, Resources: [] });
      expect((await scim(hr, 'get', '/Users?count=ten')).body.scimType).toBe('invalidValue');
    });

    it('reads a page in a fixed number of SQL statements, however many users it holds', async () => {
      const { hr } = await hrDistrict();
      for (let index = 0; index < 5; index += 1) await createUser(hr);
      const statements = async (count: number) => {
        const response = await scim(hr, 'get', `/Users?count=${count}`).set('x-request-id', unique('scim-page'));
        expect(response.body.itemsPerPage).toBe(count);
        return testApp.finished.find((finished) => finished.requestId === response.headers['x-request-id'])?.sqlQueries;
      };
      const one = await statements(1);
      expect(one).toBeGreaterThan(0);
      expect(await statements(5)).toBe(one);
    });

    it('lists and shows staff the HR feed created too', async () => {
      const { adminKey, hr } = await hrDistrict();
      const upsert = 'mutation($input: [StaffInput!]!) { upsertStaff(input: $input) { staff { id } } }';
      const input = [{ employeeId: 'F-1', name: 'Fed Person', email: 'fed.person@example.org', role: 'TEACHER', status: 'ACTIVE' }];
      const [fed] = expectData(await graphql(testApp.app, adminKey, upsert, { input })).upsertStaff.staff;
      const found = await scim(hr, 'get', `/Users?filter=${encodeURIComponent('userName eq "fed.person@example.org"')}`);
      expect(found.body.Resources[0]).toMatchObject({ id: fed.id, displayName: 'Fed Person', [ENTERPRISE]: { employeeNumber: 'F-1' }, active: true });
      expect(found.body.Resources[0].externalId).toBeUndefined();
    });
  });

  describe('deactivation offboards, once', () => {
    const forms: Array<[string, (hr: string, id: string, user: Record<string, unknown>) => Promise<request.Response>, number]> = [
      ['Okta PATCH without path', (hr, id) => scim(hr, 'patch', `/Users/${id}`, OKTA_DEACTIVATE), 200],
      ['Entra PATCH "Replace" with "False"', (hr, id) => scim(hr, 'patch', `/Users/${id}`, ENTRA_DEACTIVATE), 200],
      ['Entra aadOptscim062020 PATCH with false', (hr, id) => scim(hr, 'patch', `/Users/${id}`, ENTRA_COMPLIANT_DEACTIVATE), 200],
      ['PUT with active false', (hr, id, user) => scim(hr, 'put', `/Users/${id}`, { ...user, active: false }), 200],
      ['DELETE', (hr, id) => scim(hr, 'delete', `/Users/${id}`), 204],
    ];

    it.each(forms)('%s: DEPARTED with one offboarding; a repeat changes nothing', async (_form, deactivate, status) => {
      const { district, hr } = await hrDistrict();
      const user = await createUser(hr);
      const first = await deactivate(hr, user.id, user);
      expect(first.status).toBe(status);
      if (status === 200) expect(first.body).toMatchObject({ id: user.id, active: false });
      else expect(first.text).toBe('');

      const departed = await staffRow(user.id);
      expect(departed.status).toBe('DEPARTED');
      expect(departed.departed_at).not.toBeNull();
      expect(await offboardings(user.id)).toEqual([expect.objectContaining({ source: 'SCIM', employee_id: departed.employee_id })]);
      const auditAfterFirst = await auditCounts(district.id);
      expect(auditAfterFirst['offboarding.request']).toBe(1);

      const repeat = await deactivate(hr, user.id, user);
      expect(repeat.status).toBe(status);
      if (status === 200) expect(repeat.body).toMatchObject({ id: user.id, active: false });
      expect(await offboardings(user.id)).toHaveLength(1);
      expect(await staffRow(user.id)).toEqual(departed);
      // The offboarding service notes a replay (offboarding.replay); every entry that records a change is as before.
      const { 'offboarding.replay': _replaysAfterRepeat, ...changesAfterRepeat } = await auditCounts(district.id);
      const { 'offboarding.replay': _replaysAfterFirst, ...changesAfterFirst } = auditAfterFirst;
      expect(changesAfterRepeat).toEqual(changesAfterFirst);

      // Identity providers re-read deactivated users: never 404.
      const reread = await scim(hr, 'get', `/Users/${user.id}`);
      expect(reread.status).toBe(200);
      expect(reread.body.active).toBe(false);
    });

    it('offboards exactly like offboardStaff: off the account roster, with the account work recorded', async () => {
      const { district, adminKey, hr } = await hrDistrict();
      const user = await createUser(hr);
      const account = await registerAccount(testApp, adminKey, {
        scope: 'DISTRICT',
        admins: [{ email: user.userName, name: 'Pat Lee' }, { email: 'comms@example.org', name: 'Comms' }],
      });
      expect((await scim(hr, 'patch', `/Users/${user.id}`, ENTRA_DEACTIVATE)).status).toBe(200);
      const [offboarding] = await offboardings(user.id);
      const admins = await testApp.dataSource.query('SELECT email, removed_at FROM account_admin WHERE account_id = $1 ORDER BY email', [account.id]);
      expect(admins).toEqual([
        { email: 'comms@example.org', removed_at: null },
        { email: user.userName, removed_at: expect.any(Date) },
      ]);
      const [actions] = await testApp.dataSource.query('SELECT count(*)::int AS n FROM remediation_action WHERE offboarding_id = $1', [offboarding.id]);
      expect(actions.n).toBeGreaterThan(0);
      expect((await auditCounts(district.id))['offboarding.start']).toBe(1);
    });

    it('changes fields and offboards in one request, in one transaction', async () => {
      const { hr } = await hrDistrict();
      const user = await createUser(hr);
      const response = await scim(hr, 'patch', `/Users/${user.id}`, {
        schemas: [PATCH_OP],
        Operations: [
          { op: 'Replace', path: 'displayName', value: 'Pat Lee-Smith' },
          { op: 'Replace', path: 'active', value: 'False' },
        ],
      });
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ displayName: 'Pat Lee-Smith', active: false });
      // Rows written by one transaction carry its id (xmin): the rename, the offboarding and their audit entries.
      const transactions = await testApp.dataSource.query(
        `SELECT xmin::text AS tx FROM staff WHERE id = $1
         UNION SELECT xmin::text FROM offboarding WHERE staff_id = $1
         UNION SELECT xmin::text FROM audit_entry WHERE action IN ('staff.update', 'offboarding.request') AND target_id IN ($2, (SELECT id::text FROM offboarding WHERE staff_id = $1))`,
        [user.id, user.id],
      );
      expect(transactions).toHaveLength(1);
    });

    it('deactivates a person another feed stored with values SCIM would refuse', async () => {
      const { district, hr } = await hrDistrict();
      const [row] = await testApp.dataSource.query(
        `INSERT INTO staff (id, district_id, employee_id, name, email, role, status)
         VALUES (gen_random_uuid(), $1, 'HR 001 (legacy)', 'Legacy Person', 'Legacy.Person@Example.org', 'TEACHER', 'ACTIVE') RETURNING id`,
        [district.id],
      );
      const response = await scim(hr, 'patch', `/Users/${row.id}`, OKTA_DEACTIVATE);
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ active: false, [ENTERPRISE]: { employeeNumber: 'HR 001 (legacy)' } });
      expect(await staffRow(row.id)).toMatchObject({ status: 'DEPARTED', email: 'Legacy.Person@Example.org' });
      expect(await offboardings(row.id)).toHaveLength(1);
    });

    it('is atomic: one bad operation changes nothing and offboards nobody', async () => {
      const { district, hr } = await hrDistrict();
      const user = await createUser(hr);
      const before = await staffRow(user.id);
      const auditBefore = await auditCounts(district.id);
      const response = await scim(hr, 'patch', `/Users/${user.id}`, {
        schemas: [PATCH_OP],
        Operations: [
          { op: 'replace', path: 'displayName', value: 'Changed' },
          { op: 'replace', value: { active: false } },
          { op: 'replace', path: 'favouriteColour', value: 'red' },
        ],
      });
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ schemas: [ERROR_SCHEMA], status: '400', scimType: 'invalidPath' });
      expect(await staffRow(user.id)).toEqual(before);
      expect(await offboardings(user.id)).toHaveLength(0);
      expect(await auditCounts(district.id)).toEqual(auditBefore);
    });

    it('refuses a PATCH with zero operations (invalidValue)', async () => {
      const { hr } = await hrDistrict();
      const user = await createUser(hr);
      const response = await scim(hr, 'patch', `/Users/${user.id}`, { schemas: [PATCH_OP], Operations: [] });
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ status: '400', scimType: 'invalidValue' });
    });

    it('a PUT without active offboards nobody and reinstates nobody', async () => {
      const { hr } = await hrDistrict();
      const stays = await createUser(hr);
      const { active: _dropped, ...withoutActive } = stays;
      const put = await scim(hr, 'put', `/Users/${stays.id}`, { ...withoutActive, displayName: 'Still Here' });
      expect(put.status).toBe(200);
      expect(put.body).toMatchObject({ displayName: 'Still Here', active: true });
      expect(await offboardings(stays.id)).toHaveLength(0);

      const gone = await createUser(hr);
      await scim(hr, 'delete', `/Users/${gone.id}`);
      const { active: _also, ...goneWithoutActive } = gone;
      const again = await scim(hr, 'put', `/Users/${gone.id}`, { ...goneWithoutActive, displayName: 'Renamed While Gone' });
      expect(again.body).toMatchObject({ displayName: 'Renamed While Gone', active: false });
      expect((await staffRow(gone.id)).status).toBe('DEPARTED');
    });

    it('reactivation with active true reinstates a departed person', async () => {
      const { district, hr } = await hrDistrict();
      const user = await createUser(hr);
      await scim(hr, 'patch', `/Users/${user.id}`, OKTA_DEACTIVATE);
      const back = await scim(hr, 'patch', `/Users/${user.id}`, { schemas: [PATCH_OP], Operations: [{ op: 'Replace', path: 'active', value: 'True' }] });
      expect(back.status).toBe(200);
      expect(back.body.active).toBe(true);
      expect(await staffRow(user.id)).toMatchObject({ status: 'ACTIVE', departed_at: null });
      expect((await auditCounts(district.id))['staff.reinstate']).toBe(1);
      // Leaving again is a new departure.
      await scim(hr, 'patch', `/Users/${user.id}`, ENTRA_COMPLIANT_DEACTIVATE);
      expect(await offboardings(user.id)).toHaveLength(2);
    });
  });

  describe('updates', () => {
    it('applies Entra attribute updates by path', async () => {
      const { hr } = await hrDistrict();
      const user = await createUser(hr);
      const response = await scim(hr, 'patch', `/Users/${user.id}`, {
        schemas: [PATCH_OP],
        Operations: [
          { op: 'Replace', path: 'name.familyName', value: 'Nguyen' },
          { op: 'Add', path: 'emails[type eq "work"].value', value: 'pat.nguyen@example.org' },
          { op: 'Replace', path: `${ENTERPRISE}:employeeNumber`, value: 'E-77' },
          { op: 'Add', path: 'title', value: 'Teacher' },
        ],
      });
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({
        userName: 'pat.nguyen@example.org',
        name: { givenName: 'Pat', familyName: 'Nguyen', formatted: 'Pat Nguyen' },
        displayName: 'Pat Nguyen',
        [ENTERPRISE]: { employeeNumber: 'E-77' },
        active: true,
      });
      expect(await staffRow(user.id)).toMatchObject({ email: 'pat.nguyen@example.org', employee_id: 'E-77', family_name: 'Nguyen', name: 'Pat Nguyen' });
    });

    it('answers 409 when an update takes another user\'s userName', async () => {
      const { hr } = await hrDistrict();
      const one = await createUser(hr);
      const two = await createUser(hr);
      const response = await scim(hr, 'patch', `/Users/${two.id}`, { schemas: [PATCH_OP], Operations: [{ op: 'replace', path: 'userName', value: one.userName }] });
      expect(response.status).toBe(409);
      expect(response.body.scimType).toBe('uniqueness');
    });

    it('answers 400 invalidPath to an unknown path', async () => {
      const { hr } = await hrDistrict();
      const user = await createUser(hr);
      const response = await scim(hr, 'patch', `/Users/${user.id}`, { schemas: [PATCH_OP], Operations: [{ op: 'replace', path: 'shoeSize', value: 9 }] });
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ status: '400', scimType: 'invalidPath' });
    });
  });

  describe('tenancy', () => {
    it("answers 404 for another district's user, on every method, and changes nothing", async () => {
      const home = await hrDistrict();
      const other = await hrDistrict();
      const user = await createUser(home.hr);
      const before = await staffRow(user.id);
      const attempts: Array<[Method, unknown]> = [
        ['get', undefined],
        ['patch', OKTA_DEACTIVATE],
        ['put', { ...user, active: false }],
        ['delete', undefined],
      ];
      for (const [method, body] of attempts) {
        const foreign = await scim(other.hr, method, `/Users/${user.id}`, body);
        const missing = await scim(other.hr, method, '/Users/0190a1b2-0000-7000-8000-000000000000', body);
        expect(foreign.status).toBe(404);
        expect(foreign.body).toEqual(missing.body);
      }
      expect((await scim(other.hr, 'get', '/Users/not-a-uuid')).status).toBe(404);
      const lookup = await scim(other.hr, 'get', `/Users?filter=${encodeURIComponent(`userName eq "${user.userName}"`)}`);
      expect(lookup.body.totalResults).toBe(0);
      expect(await staffRow(user.id)).toEqual(before);
      expect(await offboardings(user.id)).toHaveLength(0);
    });
  });
});
