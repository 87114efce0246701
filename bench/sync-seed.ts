import type { DataSource, EntityManager, ObjectLiteral } from 'typeorm';
import { AccountScope, AccountStatus, Audience, Platform, SCHOOL_SCOPES } from '../src/accounts/account.enums';
import { AccountAdmin } from '../src/accounts/account-admin.entity';
import { HANDLE_PATTERN, normalizeHandle } from '../src/accounts/handle';
import { SocialAccount } from '../src/accounts/social-account.entity';
import { ApiRole } from '../src/auth/api-role';
import { ConnectionStatus } from '../src/connections/connection.enums';
import { PlatformConnection } from '../src/connections/platform-connection.entity';
import { newId } from '../src/db/ids';
import { EnrolmentStatus, StaffRole, type StaffStatus } from '../src/people/people.enums';
import type { Services } from '../src/services';
import { systemActor } from '../src/tenancy/actor';
import { TenantScope, type EntityClass } from '../src/tenancy/tenant-scope';
import type { Credentials } from '../integrations/provider';
import { providerFor } from '../integrations/registry';
import { bulkDistrict, type BulkAccount, type BulkDistrict } from '../integrations/simulator/bulk-fixtures';
import type { SimulatorSet } from '../integrations/simulator/simulator-server';
import { freshConnection } from '../src/connections/fresh-connection';

/**
 * Seeds the bulk district (integrations/simulator/bulk-fixtures.ts) for bench:sync: the district, its schools,
 * staff and students through the services the API uses, then every account registered, approved and CONNECTED in
 * a few multi-row INSERTs. Connecting 10 000 accounts through the OAuth flow would take far too long, so each
 * account gets the tokens its connector's completeAuthorization would have stored, minted directly on the
 * simulator for the account's owner, sealed with the vault like a real connection.
 */

export interface SeedBulkDistrictOptions {
  dataSource: DataSource;
  services: Services;
  /** The simulators serving the accounts' fixtures (`startSimulators(..., { fixtures })`). */
  simulators: Pick<SimulatorSet, 'get'>;
  accounts: BulkAccount[];
  /** Defaults to 'bulk'. */
  slug?: string;
  /** Defaults to bulkDistrict(), the district the bulk fixtures are generated for. */
  district?: BulkDistrict;
  /**
   * Lifetime of X and YouTube access tokens (really 2 h and 1 h): long by default, so a benchmark does not spend its
   * time refreshing. Facebook, Instagram and LinkedIn tokens get their real ~60 days.
   */
  shortTokenTtlSeconds?: number;
}

export interface SeededBulkDistrict {
  districtId: string;
  slug: string;
  /** A DISTRICT_ADMIN key, for the API. */
  adminKey: string;
  /** The registry ids of `accounts`, in the same order. */
  accountIds: string[];
}

const SEED_JOB = 'bulk-seed';
const DAY_SECONDS = 86_400;
/** Meta's long-lived user token and Instagram's long-lived token: 5 183 944 s, about 60 days. */
const META_LONG_LIVED_SECONDS = 5_183_944;
const LINKEDIN_ACCESS_SECONDS = 60 * DAY_SECONDS;
const LINKEDIN_REFRESH_SECONDS = 365 * DAY_SECONDS;

interface Connection {
  credentials: Credentials;
  scopes: string[];
  accessTokenExpiresAt: Date | null;
  refreshTokenExpiresAt: Date | null;
}

/** Rows per INSERT: 1000 rows of ~22 columns stay well inside PostgreSQL's 65 535 parameters. */
const INSERT_CHUNK = 1000;

/**
 * Multi-row INSERTs straight through the driver, every row stamped with the district. TenantScope.insert does the
 * same through TypeORM's insert builder, which spends about 4 s building the statements for 10 000 accounts.
 */
async function insertRows<T extends ObjectLiteral>(manager: EntityManager, entity: EntityClass<T>, districtId: string, rows: Array<Partial<T>>): Promise<void> {
  if (rows.length === 0) return;
  const metadata = manager.connection.getMetadata(entity);
  const properties = [...Object.keys(rows[0]).filter((property) => property !== 'districtId'), 'districtId'];
  const columns = properties.map((property) => {
    const column = metadata.findColumnWithPropertyName(property);
    if (!column) throw new Error(`${metadata.name} has no column ${property}`);
    return `"${column.databaseName}"`;
  });
  for (let start = 0; start < rows.length; start += INSERT_CHUNK) {
    const values: unknown[] = [];
    const tuples = rows.slice(start, start + INSERT_CHUNK).map((row) => {
      const placeholders = properties.map((property) => {
        values.push(property === 'districtId' ? districtId : (row[property as keyof T] ?? null));
        return `$${values.length}`;
      });
      return `(${placeholders.join(', ')})`;
    });
    await manager.query(`INSERT INTO "${metadata.tableName}" (${columns.join(', ')}) VALUES ${tuples.join(', ')}`, values);
  }
}

const after = (now: Date, seconds: number | null) => (seconds === null ? null : new Date(now.getTime() + seconds * 1000));

/**
 * The credentials each connector keeps after completeAuthorization (integrations/<platform>/client.ts), with tokens
 * of the kinds its simulator issues for them, for the account's owner and every scope Proctor asks for.
 */
function connect(simulators: Pick<SimulatorSet, 'get'>, account: BulkAccount, now: Date, shortTtlSeconds: number): Connection {
  const provider = providerFor(account.platform)!;
  const tokens = simulators.get(account.platform).tokens;
  const scopes = [...provider.scopes.read, ...provider.scopes.remediate];
  const userId = account.ownerUserId;
  switch (account.platform) {
    case Platform.FACEBOOK: {
      // A long-lived user token, and the Page token minted from it (which does not expire).
      const user = tokens.issueAccessToken({ userId, scopes, kind: 'user_long' }, META_LONG_LIVED_SECONDS);
      const page = tokens.issueAccessToken({ userId, scopes, kind: 'page', subject: account.externalId }, null);
      return {
        credentials: { accessToken: user.token, refreshToken: null, extra: { pageAccessToken: page.token } },
        scopes,
        accessTokenExpiresAt: after(now, user.expiresIn),
        refreshTokenExpiresAt: null,
      };
    }
    case Platform.INSTAGRAM: {
      const access = tokens.issueAccessToken({ userId, scopes, kind: 'long' }, META_LONG_LIVED_SECONDS);
      const expiresAt = after(now, access.expiresIn);
      return {
        credentials: {
          accessToken: access.token,
          refreshToken: null,
          extra: {
            grantedScopes: scopes.join(','),
            accessTokenIssuedAt: now.toISOString(),
            ...(expiresAt ? { accessTokenExpiresAt: expiresAt.toISOString() } : {}),
          },
        },
        scopes,
        accessTokenExpiresAt: expiresAt,
        refreshTokenExpiresAt: null,
      };
    }
    case Platform.X: {
      const access = tokens.issueAccessToken({ userId, scopes, kind: 'oauth2-user' }, shortTtlSeconds);
      const refreshToken = tokens.issueRefreshToken({ userId, scopes, kind: 'oauth2-refresh' }, null);
      return { credentials: { accessToken: access.token, refreshToken }, scopes, accessTokenExpiresAt: after(now, access.expiresIn), refreshTokenExpiresAt: null };
    }
    case Platform.YOUTUBE: {
      const access = tokens.issueAccessToken({ userId, scopes, kind: 'access' }, shortTtlSeconds);
      const refreshToken = tokens.issueRefreshToken({ userId, scopes, kind: 'refresh' }, null);
      return { credentials: { accessToken: access.token, refreshToken }, scopes, accessTokenExpiresAt: after(now, access.expiresIn), refreshTokenExpiresAt: null };
    }
    case Platform.LINKEDIN: {
      const access = tokens.issueAccessToken({ userId, scopes, kind: 'member' }, LINKEDIN_ACCESS_SECONDS);
      const refreshToken = tokens.issueRefreshToken({ userId, scopes, kind: 'member' }, LINKEDIN_REFRESH_SECONDS);
      return {
        credentials: { accessToken: access.token, refreshToken },
        scopes,
        accessTokenExpiresAt: after(now, access.expiresIn),
        refreshTokenExpiresAt: after(now, LINKEDIN_REFRESH_SECONDS),
      };
    }
  }
}

/** The checks registerAccount makes, so a hand-made account list fails here rather than later. */
function assertRegistrable(account: BulkAccount, handle: string, schoolId: string | null): void {
  const problem =
    !HANDLE_PATTERN.test(handle)
      ? 'the handle has characters handles cannot have'
      : account.schoolCode && !schoolId
        ? `no school ${account.schoolCode} in the district`
        : SCHOOL_SCOPES.has(account.scope) && !schoolId
          ? `a ${account.scope} account belongs to a school`
          : account.scope === AccountScope.DISTRICT && schoolId
            ? 'a DISTRICT account belongs to no school'
            : account.audience === Audience.PUBLIC && !account.publicJustification?.trim()
              ? 'a PUBLIC account needs its justification'
              : account.admins.some((admin) => !admin.email && !admin.employeeId && !admin.platformUserId)
                ? 'an admin needs an email, employeeId or platformUserId'
                : null;
  if (problem) throw new Error(`bulk account ${account.platform} ${account.handle}: ${problem}`);
}

export async function seedBulkDistrict(options: SeedBulkDistrictOptions): Promise<SeededBulkDistrict> {
  const { dataSource, services, simulators, accounts } = options;
  const district = options.district ?? bulkDistrict();
  const slug = options.slug ?? 'bulk';
  const shortTtlSeconds = options.shortTokenTtlSeconds ?? 30 * DAY_SECONDS;
  const created = await services.districts.create(
    {
      name: district.name,
      slug,
      emailDomains: [district.emailDomain],
      policyProfileId: district.policyProfileId,
      websiteUrl: district.websiteUrl,
      timeZone: district.timeZone,
    },
    (districtId) => systemActor(districtId, SEED_JOB),
  );
  const districtId = created.district.id;
  const actor = systemActor(districtId, SEED_JOB);
  const scope = new TenantScope(actor, dataSource.manager);

  const schoolIds = new Map<string, string>();
  for (const school of district.schools) {
    schoolIds.set(school.code, (await services.schools.create(scope, { code: school.code, name: school.name, websiteUrl: school.websiteUrl })).id);
  }
  const schoolOf = (code: string | null) => (code ? (schoolIds.get(code) ?? null) : null);
  await services.staff.upsert(
    scope,
    district.staff.map((person) => ({
      employeeId: person.employeeId!,
      name: person.name,
      email: person.email,
      schoolId: schoolOf(person.schoolCode),
      role: person.role!,
      status: person.status as StaffStatus,
      departedAt: person.departedAt ? new Date(person.departedAt) : null,
    })),
  );
  await services.students.import(
    scope,
    district.students.map((student) => ({
      studentId: student.studentId,
      schoolId: schoolOf(student.schoolCode)!,
      mediaConsent: student.mediaConsent,
      handles: [
        ...(student.instagramHandle ? [{ platform: Platform.INSTAGRAM, handle: student.instagramHandle }] : []),
        ...(student.xHandle ? [{ platform: Platform.X, handle: student.xHandle }] : []),
      ],
      status: EnrolmentStatus.ENROLLED,
    })),
  );

  // Approved by the school's principal (the district for its own accounts), a few months ago.
  const principals = new Map(district.staff.filter((person) => person.role === StaffRole.PRINCIPAL).map((person) => [person.schoolCode, person.name]));
  const now = new Date();
  const registeredAt = new Date(now.getTime() - 120 * DAY_SECONDS * 1000);
  const approvedAt = new Date(registeredAt.getTime() + 2 * DAY_SECONDS * 1000);
  const accountRows: Array<Partial<SocialAccount>> = [];
  const adminRows: Array<Partial<AccountAdmin>> = [];
  const connectionRows: Array<Partial<PlatformConnection>> = [];
  for (const account of accounts) {
    const handle = normalizeHandle(account.handle);
    const schoolId = schoolOf(account.schoolCode);
    assertRegistrable(account, handle, schoolId);
    const id = newId();
    const principal = account.schoolCode ? principals.get(account.schoolCode) : undefined;
    accountRows.push({
      id,
      platform: account.platform,
      handle,
      externalId: account.externalId,
      displayName: account.displayName,
      scope: account.scope,
      schoolId,
      audience: account.audience,
      publicJustification: account.publicJustification,
      kind: account.kind,
      custodianEmail: account.custodianEmail.toLowerCase(),
      loginEmail: account.loginEmail?.toLowerCase() ?? null,
      status: AccountStatus.ACTIVE,
      registeredAt,
      registeredBy: actor.label,
      approvedAt,
      approvedBy: principal ? `${principal}, Principal (bulk seed)` : 'Communications (bulk seed)',
      approverRole: principal ? ApiRole.PRINCIPAL : ApiRole.DISTRICT_ADMIN,
      approvalNote: 'Approved when the bulk district was seeded.',
      retiredAt: null,
    });
    for (const admin of account.admins) {
      adminRows.push({
        id: newId(),
        accountId: id,
        email: admin.email?.toLowerCase() ?? null,
        name: admin.name,
        employeeId: admin.employeeId,
        platformUserId: admin.platformUserId,
        platformRole: admin.platformRole,
        isServiceAccount: admin.isServiceAccount,
        addedAt: registeredAt,
        removedAt: null,
      });
    }
    const connectionId = newId();
    const connection = connect(simulators, account, now, shortTtlSeconds);
    // The connection id is the vault's additional data, as for a connection made through OAuth.
    const sealed = services.vault.seal(connection.credentials, connectionId);
    connectionRows.push(
      freshConnection({
        id: connectionId,
        accountId: id,
        platform: account.platform,
        sealed,
        scopes: connection.scopes,
        connectedBy: actor.label,
        accessTokenExpiresAt: connection.accessTokenExpiresAt,
        refreshTokenExpiresAt: connection.refreshTokenExpiresAt,
        now,
      }),
    );
  }

  // One transaction, audited like every change (TenantScope.runAudited writes the entry before it commits).
  await dataSource.transaction((manager) =>
    TenantScope.runAudited(actor, manager, null, async (transaction) => {
      await insertRows(manager, SocialAccount, districtId, accountRows);
      await insertRows(manager, AccountAdmin, districtId, adminRows);
      await insertRows(manager, PlatformConnection, districtId, connectionRows);
      // One entry for the whole seed: per-account register/approve/connect entries would triple the rows written.
      const byPlatform: Record<string, number> = {};
      for (const account of accounts) byPlatform[account.platform] = (byPlatform[account.platform] ?? 0) + 1;
      transaction.audit({
        action: 'account.bulk-seed',
        targetType: 'District',
        targetId: districtId,
        after: { accounts: accounts.length, byPlatform, status: AccountStatus.ACTIVE, connection: ConnectionStatus.CONNECTED },
      });
    }),
  );
  return { districtId, slug: created.district.slug, adminKey: created.adminKey, accountIds: accountRows.map((row) => row.id!) };
}
