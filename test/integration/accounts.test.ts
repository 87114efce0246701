import { AccountKind, AccountScope, Audience, Platform } from '../../src/accounts/account.enums';
import { ApiRole } from '../../src/auth/api-role';
import { cliActor } from '../../src/tenancy/actor';
import { TenantScope } from '../../src/tenancy/tenant-scope';
import { accountInput, createDistrict, createKey, createSchool, REGISTER_ACCOUNT, registerAccount, unique } from '../support/factories';
import { errorCode, errorFields, expectData, graphql } from '../support/graphql';
import { startTestApp, type TestApp } from '../support/test-app';

const APPROVE = 'mutation($id: ID!, $note: String) { approveAccount(id: $id, note: $note) { id status approval { approvedAt approvedBy approverRole note } } }';
const ACCOUNT = 'query($id: ID!) { account(id: $id) { id handle status school { id } admins { email } } }';
const PAGE = `query($first: Int, $after: String, $filter: AccountFilter) {
  accounts(first: $first, after: $after, filter: $filter) {
    totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { cursor node { id handle platform } }
  }
}`;

describe('account registry', () => {
  let testApp: TestApp;
  beforeAll(async () => {
    testApp = await startTestApp();
  });
  afterAll(async () => {
    await testApp.close();
  });

  it('registers an account awaiting approval, with its roster, normalising handle and emails', async () => {
    const { adminKey } = await createDistrict(testApp);
    const school = await createSchool(testApp, adminKey);
    const account = expectData(
      await graphql(testApp.app, adminKey, REGISTER_ACCOUNT, {
        input: accountInput({
          platform: 'INSTAGRAM',
          handle: '  @Maple.Ridge_HS ',
          schoolId: school.id,
          audience: 'PUBLIC',
          publicJustification: 'Sharing student work with families.',
          kind: 'SHARED_LOGIN',
          custodianEmail: 'Principal@Example.org',
          admins: [
            { email: 'Teacher@Example.org', name: 'A Teacher', employeeId: 'E7' },
            { email: 'it@example.org', platformRole: 'ADMIN', isServiceAccount: true },
          ],
        }),
      }),
    ).registerAccount;
    expect(account).toMatchObject({
      platform: 'INSTAGRAM',
      handle: 'maple.ridge_hs',
      status: 'PENDING_APPROVAL',
      audience: 'PUBLIC',
      kind: 'SHARED_LOGIN',
      school: { id: school.id },
      admins: [
        { email: 'teacher@example.org', employeeId: 'E7', platformRole: 'ADMIN', isServiceAccount: false },
        { email: 'it@example.org', employeeId: null, platformRole: 'ADMIN', isServiceAccount: true },
      ],
    });
  });

  it.each([
    ['a SCHOOL account without a school', { scope: 'SCHOOL' }, ['input.schoolId']],
    ['a PUBLIC account without a justification', { scope: 'DISTRICT', audience: 'PUBLIC' }, ['input.publicJustification']],
    ['an admin with no identity', { scope: 'DISTRICT', admins: [{ name: 'Nobody' }] }, ['input.admins.0']],
    ['the same admin twice', { scope: 'DISTRICT', admins: [{ email: 'a@example.org' }, { email: 'A@example.org' }] }, ['input.admins.1']],
    ['a handle with spaces', { scope: 'DISTRICT', handle: 'two words' }, ['input.handle']],
    ['a bad custodian email and admin email', { scope: 'DISTRICT', custodianEmail: 'x', admins: [{ email: 'y' }] }, ['input.custodianEmail', 'input.admins.0.email']],
    ['an admin whose only identity is blank', { scope: 'DISTRICT', admins: [{ platformUserId: '   ' }] }, ['input.admins.0.platformUserId']],
    ['a NUL character in free text', { scope: 'DISTRICT', displayName: 'Bad\u0000Name' }, ['input.displayName']],
  ])('refuses %s with BAD_USER_INPUT naming the field, and writes nothing', async (_label, overrides, fields) => {
    const { adminKey, district } = await createDistrict(testApp);
    const response = await graphql(testApp.app, adminKey, REGISTER_ACCOUNT, { input: accountInput(overrides) });
    expect(errorCode(response)).toBe('BAD_USER_INPUT');
    expect(errorFields(response).sort()).toEqual([...fields].sort());
    const [row] = await testApp.dataSource.query('SELECT count(*)::int AS n FROM social_account WHERE district_id = $1', [district.id]);
    expect(row.n).toBe(0);
  });

  it('refuses a DISTRICT account that names a school', async () => {
    const { adminKey } = await createDistrict(testApp);
    const school = await createSchool(testApp, adminKey);
    const response = await graphql(testApp.app, adminKey, REGISTER_ACCOUNT, { input: accountInput({ scope: 'DISTRICT', schoolId: school.id }) });
    expect(errorFields(response)).toEqual(['input.schoolId']);
  });

  it('refuses the same platform handle twice in a district (CONFLICT) without writing the roster', async () => {
    const { adminKey, district } = await createDistrict(testApp);
    await registerAccount(testApp, adminKey, { scope: 'DISTRICT', platform: 'X', handle: 'TakenHandle' });
    const response = await graphql(testApp.app, adminKey, REGISTER_ACCOUNT, {
      input: accountInput({ scope: 'DISTRICT', platform: 'X', handle: '@takenhandle', admins: [{ email: 'new.person@example.org' }] }),
    });
    expect(errorCode(response)).toBe('CONFLICT');
    expect(response.errors?.[0].extensions.reason).toBe('ACCOUNT_ALREADY_REGISTERED');
    const admins = await testApp.dataSource.query('SELECT email FROM account_admin WHERE district_id = $1', [district.id]);
    expect(admins).toEqual([{ email: 'admin.one@example.org' }]);
  });

  it('approves once, recording who approved, when and why; a second approval is a CONFLICT', async () => {
    const { adminKey, district } = await createDistrict(testApp);
    const school = await createSchool(testApp, adminKey);
    const principal = await createKey(testApp, district.id, ApiRole.PRINCIPAL, school.id);
    const account = await registerAccount(testApp, principal, { schoolId: school.id });
    const approved = expectData(await graphql(testApp.app, principal, APPROVE, { id: account.id, note: ' Reviewed the plan. ' })).approveAccount;
    expect(approved).toMatchObject({ status: 'ACTIVE', approval: { approvedBy: 'PRINCIPAL test key', approverRole: 'PRINCIPAL', note: 'Reviewed the plan.' } });
    expect(Date.now() - Date.parse(approved.approval.approvedAt)).toBeLessThan(60_000);

    const again = await graphql(testApp.app, adminKey, APPROVE, { id: account.id });
    expect(errorCode(again)).toBe('CONFLICT');
    expect(again.errors?.[0].extensions.reason).toBe('ACCOUNT_NOT_PENDING');

    const audit = expectData(await graphql(testApp.app, adminKey, 'query($id: String) { auditLog(filter: { targetId: $id }) { edges { node { action before after } } } }', { id: account.id })).auditLog.edges;
    expect(audit.map((edge: { node: { action: string } }) => edge.node.action)).toEqual(['account.approve', 'account.register']);
    expect(audit[0].node.before).toMatchObject({ status: 'PENDING_APPROVAL', approvedAt: null });
    expect(audit[0].node.after).toMatchObject({ status: 'ACTIVE', approverRole: 'PRINCIPAL' });
  });

  it('refuses a NUL character in a scalar argument (the approval note) and approves nothing', async () => {
    const { adminKey } = await createDistrict(testApp);
    const account = await registerAccount(testApp, adminKey, { scope: 'DISTRICT' });
    const response = await graphql(testApp.app, adminKey, APPROVE, { id: account.id, note: 'ok\u0000' });
    expect(errorCode(response)).toBe('BAD_USER_INPUT');
    expect(errorFields(response)).toEqual(['note']);
    expect(expectData(await graphql(testApp.app, adminKey, 'query($id: ID!) { account(id: $id) { status } }', { id: account.id })).account.status).toBe('PENDING_APPROVAL');
  });

  it('keeps the registered roster in the audit entry', async () => {
    const { adminKey } = await createDistrict(testApp);
    const account = await registerAccount(testApp, adminKey, { scope: 'DISTRICT', admins: [{ email: 'a@example.org', employeeId: 'E1' }, { platformUserId: 'p-2', platformRole: 'EDITOR' }] });
    const entry = expectData(await graphql(testApp.app, adminKey, 'query($id: String) { auditLog(filter: { targetId: $id }) { edges { node { after } } } }', { id: account.id })).auditLog.edges[0].node;
    expect(entry.after.admins).toEqual([
      { email: 'a@example.org', employeeId: 'E1', platformUserId: null, platformRole: 'ADMIN' },
      { email: null, employeeId: null, platformUserId: 'p-2', platformRole: 'EDITOR' },
    ]);
  });

  it('answers NOT_FOUND when approving an unknown or malformed id, and null for such an account', async () => {
    const { adminKey } = await createDistrict(testApp);
    for (const id of ['01900000-0000-7000-8000-00000000abcd', 'nope']) {
      expect(errorCode(await graphql(testApp.app, adminKey, APPROVE, { id }))).toBe('NOT_FOUND');
      expect(expectData(await graphql(testApp.app, adminKey, ACCOUNT, { id })).account).toBeNull();
    }
  });

  describe('paging', () => {
    let adminKey: string;
    let schoolId: string;
    let allIds: string[];

    beforeAll(async () => {
      const created = await createDistrict(testApp);
      adminKey = created.adminKey;
      const school = await createSchool(testApp, adminKey);
      schoolId = school.id;
      const scope = new TenantScope(cliActor(created.district.id, 'test'), testApp.dataSource.manager);
      allIds = [];
      for (let index = 0; index < 23; index += 1) {
        const onSchool = index % 3 === 0;
        const account = await testApp.services.accounts.register(scope, {
          platform: index % 2 === 0 ? Platform.X : Platform.FACEBOOK,
          handle: unique('paged'),
          scope: onSchool ? AccountScope.SCHOOL : AccountScope.DISTRICT,
          schoolId: onSchool ? schoolId : undefined,
          audience: Audience.PRIVATE,
          kind: AccountKind.PLATFORM_ROLES,
          custodianEmail: 'c@example.org',
          admins: [],
        });
        allIds.push(account.id);
      }
    });

    it('walks every account exactly once, in registration order, with opaque cursors', async () => {
      const seen: string[] = [];
      let after: string | null = null;
      let pages = 0;
      for (;;) {
        const connection: any = expectData(await graphql(testApp.app, adminKey, PAGE, { first: 5, after })).accounts;
        pages += 1;
        expect(connection.totalCount).toBe(23);
        expect(connection.pageInfo.hasPreviousPage).toBe(false);
        seen.push(...connection.edges.map((edge: { node: { id: string } }) => edge.node.id));
        for (const edge of connection.edges) expect(edge.cursor).not.toContain(edge.node.id);
        expect(connection.pageInfo.endCursor).toBe(connection.edges.at(-1)?.cursor ?? null);
        if (!connection.pageInfo.hasNextPage) break;
        after = connection.pageInfo.endCursor;
      }
      expect(pages).toBe(5);
      expect(seen).toEqual(allIds);
    });

    it('filters by school and platform, and pages within the filter', async () => {
      const bySchool = expectData(await graphql(testApp.app, adminKey, PAGE, { first: 100, filter: { schoolId } })).accounts;
      expect(bySchool.totalCount).toBe(8);
      const xOnSchool = expectData(await graphql(testApp.app, adminKey, PAGE, { first: 2, filter: { schoolId, platform: 'X' } })).accounts;
      expect(xOnSchool.totalCount).toBe(4);
      expect(xOnSchool.edges.every((edge: { node: { platform: string } }) => edge.node.platform === 'X')).toBe(true);
      const next = expectData(await graphql(testApp.app, adminKey, PAGE, { first: 2, after: xOnSchool.pageInfo.endCursor, filter: { schoolId, platform: 'X' } })).accounts;
      expect(next.edges).toHaveLength(2);
      expect(next.pageInfo.hasNextPage).toBe(false);
      const pending = expectData(await graphql(testApp.app, adminKey, PAGE, { first: 1, filter: { status: 'ACTIVE' } })).accounts;
      expect(pending.totalCount).toBe(0);
      expect(pending.pageInfo).toEqual({ hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null });
    });

    it('refuses a page larger than the cap, a foreign cursor and a forged cursor', async () => {
      const tooBig = await graphql(testApp.app, adminKey, PAGE, { first: 101 });
      expect(errorCode(tooBig)).toBe('BAD_USER_INPUT');
      expect(errorFields(tooBig)).toEqual(['first']);
      const auditCursor = expectData(await graphql(testApp.app, adminKey, '{ auditLog(first: 1) { pageInfo { endCursor } } }')).auditLog.pageInfo.endCursor;
      for (const after of [auditCursor, 'garbage', Buffer.from('account:not-a-uuid').toString('base64url')]) {
        const response = await graphql(testApp.app, adminKey, PAGE, { first: 1, after });
        expect(errorCode(response)).toBe('BAD_USER_INPUT');
        expect(errorFields(response)).toEqual(['after']);
      }
      const beyondBigint = Buffer.from('audit:9999999999999999999').toString('base64url');
      const audit = await graphql(testApp.app, adminKey, '{ auditLog(first: 1, after: "' + beyondBigint + '") { totalCount } }');
      expect(errorCode(audit)).toBe('BAD_USER_INPUT');
      const nul = await graphql(testApp.app, adminKey, 'query($id: String) { auditLog(filter: { targetId: $id }) { totalCount } }', { id: 'x\u0000' });
      expect(errorCode(nul)).toBe('BAD_USER_INPUT');
      const negative = await graphql(testApp.app, adminKey, PAGE, { first: -1 });
      expect(errorCode(negative)).toBe('BAD_USER_INPUT');
    });

    it('pages the audit log newest first', async () => {
      const first = expectData(await graphql(testApp.app, adminKey, '{ auditLog(first: 3) { pageInfo { endCursor hasNextPage } edges { node { id } } } }')).auditLog;
      const second = expectData(
        await graphql(testApp.app, adminKey, 'query($after: String) { auditLog(first: 3, after: $after) { edges { node { id } } } }', { after: first.pageInfo.endCursor }),
      ).auditLog;
      const ids = [...first.edges, ...second.edges].map((edge: { node: { id: string } }) => BigInt(edge.node.id));
      expect(ids).toEqual([...ids].sort((a, b) => (a > b ? -1 : 1)));
      expect(new Set(ids).size).toBe(6);
    });
  });
});
