import { AccountAdmin } from '../../src/accounts/account-admin.entity';
import { SocialAccount } from '../../src/accounts/social-account.entity';
import { ApiRole } from '../../src/auth/api-role';
import { ActorType } from '../../src/audit/audit-entry.entity';
import { newId } from '../../src/db/ids';
import { School } from '../../src/schools/school.entity';
import { Staff } from '../../src/people/staff.entity';
import { StaffRole, StaffStatus } from '../../src/people/people.enums';
import type { Actor } from '../../src/tenancy/actor';
import { TenantScope } from '../../src/tenancy/tenant-scope';
import { createWorld } from '../support/factories';
import { startTestApp, type TestApp } from '../support/test-app';

type World = Awaited<ReturnType<typeof createWorld>>;

describe('TenantScope', () => {
  let testApp: TestApp;
  let world: World;
  let other: World;

  const scopeFor = (districtId: string, schoolId: string | null = null): TenantScope => {
    const actor: Actor = {
      type: ActorType.SYSTEM,
      id: 'test',
      label: 'test',
      role: schoolId ? ApiRole.PRINCIPAL : ApiRole.DISTRICT_ADMIN,
      districtId,
      schoolId,
    };
    return new TenantScope(actor, testApp.dataSource.manager);
  };

  beforeAll(async () => {
    testApp = await startTestApp();
    world = await createWorld(testApp);
    other = await createWorld(testApp);
  });
  afterAll(async () => {
    await testApp.close();
  });

  it('keeps an OR inside andWhere from escaping the district, and refuses where() and orWhere()', async () => {
    const scope = scopeFor(world.district.id);
    const rows = await scope.select(SocialAccount, 'account').andWhere('account.handle = :handle OR 1 = 1', { handle: 'x' }).getMany();
    expect(new Set(rows.map((row) => row.districtId))).toEqual(new Set([world.district.id]));
    expect(rows).toHaveLength(3);
    expect(() => scope.select(SocialAccount, 'account').where('1 = 1')).toThrow();
    expect(() => scope.select(SocialAccount, 'account').orWhere('1 = 1')).toThrow();
  });

  it("limits a principal's view of child rows (admins) to its school's accounts", async () => {
    const principal = scopeFor(world.district.id, world.schools.north.id);
    const admins = await principal.select(AccountAdmin, 'admin').getMany();
    expect(new Set(admins.map((admin) => admin.accountId))).toEqual(new Set([world.accounts.north.id]));
    const everyone = await scopeFor(world.district.id).select(AccountAdmin, 'admin').getMany();
    expect(new Set(everyone.map((admin) => admin.accountId))).toEqual(
      new Set([world.accounts.north.id, world.accounts.south.id, world.accounts.district.id]),
    );
  });

  it("refuses a principal's writes outside its school, whichever way they come", async () => {
    const principal = scopeFor(world.district.id, world.schools.north.id);
    const adminRow = (accountId: string) => ({ id: newId(), accountId, email: 'x@example.org', platformRole: 'ADMIN', isServiceAccount: false, addedAt: new Date() });
    await expect(principal.transaction(async (tx) => tx.insert(AccountAdmin, [adminRow(world.accounts.south.id)]))).rejects.toMatchObject({
      extensions: { code: 'FORBIDDEN' },
    });
    await expect(principal.transaction(async (tx) => tx.insert(AccountAdmin, [adminRow(other.accounts.north.id)]))).rejects.toMatchObject({
      extensions: { code: 'FORBIDDEN' },
    });
    await expect(
      principal.transaction(async (tx) => tx.insert(School, [{ id: newId(), name: 'Mine now', code: 'MINE', websiteUrl: 'https://x.org' }])),
    ).rejects.toMatchObject({ extensions: { code: 'FORBIDDEN' } });
    await expect(
      principal.transaction(async (tx) =>
        tx.upsert(Staff, [{ id: newId(), employeeId: 'P1', name: 'P', email: 'p@example.org', schoolId: world.schools.north.id, role: StaffRole.TEACHER, status: StaffStatus.ACTIVE }], {
          conflict: ['districtId', 'employeeId'],
          update: ['name'],
        }),
      ),
    ).rejects.toMatchObject({ extensions: { code: 'FORBIDDEN' } });
    // Its own account's roster is fine.
    await expect(
      principal.transaction(async (tx) => {
        await tx.insert(AccountAdmin, [adminRow(world.accounts.north.id)]);
        tx.audit({ action: 'test.addAdmin', targetType: 'AccountAdmin' });
      }),
    ).resolves.toBeUndefined();
  });

  it('updates and deletes only rows the caller can see', async () => {
    const principal = scopeFor(world.district.id, world.schools.north.id);
    const foreign = scopeFor(other.district.id);
    const [southAdmin] = await scopeFor(world.district.id).select(AccountAdmin, 'admin').andWhere('admin.accountId = :id', { id: world.accounts.south.id }).getMany();
    await principal.transaction(async (tx) => {
      expect(await tx.update(SocialAccount, world.accounts.south.id, { displayName: 'hijacked' })).toBe(false);
      expect(await tx.delete(AccountAdmin, [southAdmin.id])).toBe(0);
      tx.audit({ action: 'test.noop', targetType: 'Test' });
    });
    await foreign.transaction(async (tx) => {
      expect(await tx.update(SocialAccount, world.accounts.north.id, { displayName: 'hijacked' })).toBe(false);
      expect(await tx.delete(SocialAccount, [world.accounts.district.id])).toBe(0);
      tx.audit({ action: 'test.noop', targetType: 'Test' });
    });
    const [row] = await testApp.dataSource.query('SELECT display_name FROM social_account WHERE id = $1', [world.accounts.south.id]);
    expect(row.display_name).toBeNull();
    expect(await testApp.dataSource.getRepository(AccountAdmin).existsBy({ id: southAdmin.id })).toBe(true);
  });

  it('refuses writes outside a transaction, and a transaction that audits nothing', async () => {
    const scope = scopeFor(world.district.id);
    await expect(scope.insert(School, [{ id: newId(), name: 'x', code: 'NOAUDIT', websiteUrl: 'https://x.org' }])).rejects.toThrow();
    await expect(
      scope.transaction(async (tx) => tx.insert(School, [{ id: newId(), name: 'x', code: 'NOAUDIT', websiteUrl: 'https://x.org' }])),
    ).rejects.toThrow();
    const [row] = await testApp.dataSource.query("SELECT count(*)::int AS n FROM school WHERE code = 'NOAUDIT'");
    expect(row.n).toBe(0);
  });

  it('refuses a PRINCIPAL key without a school at the database', async () => {
    await expect(
      testApp.dataSource.query(
        "INSERT INTO api_key (id, district_id, key_id, salt, secret_hash, role, label, created_by) VALUES ($1, $2, 'ffffffffffffffff', '\\x00', '\\x00', 'PRINCIPAL', 'x', 'x')",
        [newId(), world.district.id],
      ),
    ).rejects.toMatchObject({ driverError: { code: '23514' } });
  });
});
