import { AccountKind, AccountScope, Audience, Platform } from '../../src/accounts/account.enums';
import { cliActor } from '../../src/tenancy/actor';
import { TenantScope } from '../../src/tenancy/tenant-scope';
import { createDistrict, createSchool, unique } from '../support/factories';
import { expectData, graphql } from '../support/graphql';
import { startTestApp, type TestApp } from '../support/test-app';

const PAGE = `query($first: Int) {
  accounts(first: $first) {
    totalCount
    edges { node { id handle school { id name code } admins { email platformRole } connection { status expiresAt lastError { code } } latestSnapshot { fetchedAt admins { name } } compliance { status results { ruleId status exception { id } } } findings { id status } } }
  }
}`;

describe('SQL statements per list page (DataLoader)', () => {
  let testApp: TestApp;
  let key: string;

  beforeAll(async () => {
    testApp = await startTestApp();
    const { district, adminKey } = await createDistrict(testApp);
    key = adminKey;
    const schools = [];
    for (let index = 0; index < 4; index += 1) schools.push(await createSchool(testApp, adminKey));
    const scope = new TenantScope(cliActor(district.id, 'test'), testApp.dataSource.manager);
    for (let index = 0; index < 100; index += 1) {
      await testApp.services.accounts.register(scope, {
        platform: Platform.FACEBOOK,
        handle: unique('counted'),
        scope: AccountScope.SCHOOL,
        schoolId: schools[index % 4].id,
        audience: Audience.PRIVATE,
        kind: AccountKind.PLATFORM_ROLES,
        custodianEmail: 'c@example.org',
        admins: [
          { email: `a${index}@example.org`, platformRole: 'ADMIN', isServiceAccount: false },
          { email: `b${index}@example.org`, platformRole: 'EDITOR', isServiceAccount: false },
        ],
      });
    }
  });
  afterAll(async () => {
    await testApp.close();
  });

  async function statementsFor(first: number): Promise<number> {
    testApp.finished.length = 0;
    const connection = expectData(await graphql(testApp.app, key, PAGE, { first })).accounts;
    expect(connection.edges).toHaveLength(first);
    expect(connection.edges.every((edge: { node: { school: unknown; admins: unknown[] } }) => edge.node.school && edge.node.admins.length === 2)).toBe(true);
    expect(testApp.finished).toHaveLength(1);
    return testApp.finished[0].sqlQueries;
  }

  it('costs the same fixed number of statements for 10 and for 100 accounts with their schools and admins', async () => {
    await statementsFor(1); // the first request of a key may also record its lastUsedAt
    const ten = await statementsFor(10);
    const hundred = await statementsFor(100);
    expect(hundred).toBe(ten);
    // key lookup, page, count, schools, admins, connections, latest snapshots, compliance (results, exceptions,
    // attestations), open findings (their exceptions are read only when there are findings: none here)
    expect(hundred).toBe(11);
  });
});
