import { AccountAdmin } from '../accounts/account-admin.entity';
import { CredentialRotation } from '../accounts/credential-rotation.entity';
import { SocialAccount } from '../accounts/social-account.entity';
import { PlatformConnection } from '../connections/platform-connection.entity';
import type { District } from '../districts/district.entity';
import { hashHandle } from '../people/handle-hash';
import { StudentHandle } from '../people/student-handle.entity';
import { Student } from '../people/student.entity';
import { Staff } from '../people/staff.entity';
import { School } from '../schools/school.entity';
import { SnapshotRecord } from '../snapshots/snapshot-record.entity';
import type { TenantScope } from '../tenancy/tenant-scope';
import type { AccountEvaluation } from './engine';
import { createPeopleIndex } from './people-index';
import type { Platform } from '../accounts/account.enums';
import type { AccountFacts, DistrictFacts, FormerRegistryAdmin, PeopleIndex, RegistryAdmin, SchoolFacts, SnapshotFacts, StaffFacts } from './rule';
import { latestSnapshots } from '../snapshots/latest-snapshots';
import { inTurn } from '../db/in-turn';

export interface DistrictFactsBundle {
  district: DistrictFacts;
  people: PeopleIndex;
  schools: Map<string, SchoolFacts>;
}

/** Above this many candidate handles, loading every student handle is cheaper than looking them up. */
const TARGETED_HANDLE_LIMIT = 2_000;

/**
 * The district-wide facts every account's judgement shares: the rosters (indexed once) and the schools. With
 * `candidates` (the handles the judged snapshots and rosters mention), only the students those handles could
 * belong to are loaded: a single check needs a few rows, not the district's whole student roster.
 */
export async function loadDistrictFacts(
  scope: TenantScope,
  district: District,
  handleHashKey: Buffer,
  allowPlusAddressing: boolean,
  candidates: Array<{ platform: Platform; handle: string }> | null = null,
): Promise<DistrictFactsBundle> {
  const hash = (platform: Platform, handle: string) => hashHandle(handleHashKey, district.id, platform, handle);
  const targeted = candidates !== null && candidates.length <= TARGETED_HANDLE_LIMIT;
  const hashes = targeted ? [...new Set(candidates.map((candidate) => hash(candidate.platform, candidate.handle)))] : [];
  const [staffRows, handles, schools] = await inTurn(
    () => scope.select(Staff, 'staff').getMany(),
    () =>
      !targeted
        ? scope.select(StudentHandle, 'handle').getMany()
        : hashes.length === 0
          ? Promise.resolve([] as StudentHandle[])
          : scope.select(StudentHandle, 'handle').andWhere('handle.handleHash IN (:...hashes)', { hashes }).getMany(),
    () => scope.select(School, 'school').getMany(),
  );
  const studentIds = [...new Set(handles.map((handle) => handle.studentId))];
  const students = !targeted
    ? await scope.select(Student, 'student').getMany()
    : studentIds.length === 0
      ? []
      : await scope.select(Student, 'student').andWhere('student.id IN (:...studentIds)', { studentIds }).getMany();
  const staff: StaffFacts[] = staffRows.map((row) => ({
    employeeId: row.employeeId,
    name: row.name,
    email: row.email,
    schoolId: row.schoolId,
    role: row.role,
    status: row.status,
    departedAt: row.departedAt,
  }));
  const handlesByStudent = new Map<string, StudentHandle[]>();
  for (const handle of handles) handlesByStudent.set(handle.studentId, [...(handlesByStudent.get(handle.studentId) ?? []), handle]);
  const people = createPeopleIndex({
    staff,
    students: students.map((student) => ({
      studentId: student.studentId,
      schoolId: student.schoolId,
      mediaConsent: student.mediaConsent,
      handleHashes: (handlesByStudent.get(student.id) ?? []).map((handle) => ({ platform: handle.platform, hash: handle.handleHash })),
    })),
    hashHandle: hash,
    allowPlusAddressing,
  });
  return {
    district: { id: district.id, name: district.name, emailDomains: district.emailDomains, websiteUrl: district.websiteUrl },
    people,
    schools: new Map(schools.map((school) => [school.id, { id: school.id, name: school.name, code: school.code, websiteUrl: school.websiteUrl }])),
  };
}

export interface AccountRows {
  accounts: SocialAccount[];
  /** Current roster rows. */
  admins: AccountAdmin[];
  /** Roster rows removed since, most recent removal first (access history). */
  formerAdmins: AccountAdmin[];
  /** Recorded password rotations, newest first. */
  rotations: CredentialRotation[];
  snapshots: SnapshotRecord[];
  connections: PlatformConnection[];
}

/**
 * Each account's registry record, roster (current and former rows), password rotations, latest snapshot and
 * connection: 5 queries for any number of accounts.
 */
export async function loadAccountRows(scope: TenantScope, accountIds: string[]): Promise<AccountRows> {
  if (accountIds.length === 0) return { accounts: [], admins: [], formerAdmins: [], rotations: [], snapshots: [], connections: [] };
  const [accounts, rosterRows, rotations, snapshots, connections] = await inTurn(
    () => scope.select(SocialAccount, 'account').andWhere('account.id IN (:...accountIds)', { accountIds }).getMany(),
    () =>
      scope
        .select(AccountAdmin, 'admin')
        .andWhere('admin.accountId IN (:...accountIds)', { accountIds })
        .orderBy('admin.removedAt', 'DESC', 'NULLS FIRST')
        .getMany(),
    () =>
      scope
        .select(CredentialRotation, 'rotation')
        .select(['rotation.id', 'rotation.accountId', 'rotation.rotatedAt'])
        .andWhere('rotation.accountId IN (:...accountIds)', { accountIds })
        .orderBy('rotation.rotatedAt', 'DESC')
        .getMany(),
    () => latestSnapshots(scope, accountIds),
    () => scope.select(PlatformConnection, 'connection').andWhere('connection.accountId IN (:...accountIds)', { accountIds }).getMany(),
  );
  const admins = rosterRows.filter((row) => row.removedAt === null);
  const formerAdmins = rosterRows.filter((row) => row.removedAt !== null);
  return { accounts, admins, formerAdmins, rotations, snapshots, connections };
}

/** Every handle the rules may look up as a student's: mentions, tags, follows and admins' platform ids. */
export function candidateHandles(rows: AccountRows): Array<{ platform: Platform; handle: string }> {
  const platformOf = new Map(rows.accounts.map((account) => [account.id, account.platform]));
  const candidates: Array<{ platform: Platform; handle: string }> = [];
  // Stored snapshots are JSON: check shapes, so one odd snapshot cannot stop a whole batch.
  const add = (platform: Platform | undefined, handle: unknown) => {
    if (platform && typeof handle === 'string' && handle.trim().replace(/^@+/, '') !== '') candidates.push({ platform, handle });
  };
  const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
  for (const snapshot of rows.snapshots) {
    const data = snapshot.data;
    for (const post of list(data.recentPosts) as Array<{ mentions?: unknown; tags?: unknown }>) {
      for (const handle of [...list(post?.mentions), ...list(post?.tags)]) add(data.platform, handle);
    }
    for (const follow of list(data.following) as Array<{ handle?: unknown }>) add(data.platform, follow?.handle);
    for (const admin of list(data.admins) as Array<{ externalId?: unknown }>) add(data.platform, admin?.externalId);
  }
  for (const admin of rows.admins) add(platformOf.get(admin.accountId), admin.platformUserId);
  return candidates;
}

/** The facts of each account, from its rows and the district's shared facts. */
export function buildAccountFacts(rows: AccountRows, shared: DistrictFactsBundle, now: Date): Array<{ account: SocialAccount; facts: AccountEvaluation }> {
  const { accounts, admins, formerAdmins, rotations, snapshots, connections } = rows;
  const adminsByAccount = groupByAccount(admins);
  const formerAdminsByAccount = groupByAccount(formerAdmins);
  const rotationsByAccount = groupByAccount(rotations);
  const snapshotByAccount = new Map(snapshots.map((snapshot) => [snapshot.accountId, snapshot]));
  const connectionByAccount = new Map(connections.map((connection) => [connection.accountId, connection]));
  return accounts.map((account) => {
    const connection = connectionByAccount.get(account.id) ?? null;
    const record = snapshotByAccount.get(account.id) ?? null;
    // A read that failed after the newest snapshot makes that snapshot stale evidence: judge ERROR, not PASS.
    const failedSince = connection?.lastErrorAt && (!record || connection.lastErrorAt > record.fetchedAt);
    const snapshot: SnapshotFacts | null = record && !failedSince ? { id: record.id, fetchedAt: record.fetchedAt, data: record.data } : null;
    const fetchError = !connection
      ? { code: 'NOT_CONNECTED', at: null }
      : failedSince
        ? { code: connection.lastErrorCode ?? 'UNAVAILABLE', at: connection.lastErrorAt }
        : record
          ? null
          : { code: 'NOT_FETCHED', at: null };
    const accountFacts: AccountFacts = {
      id: account.id,
      platform: account.platform,
      handle: account.handle,
      displayName: account.displayName,
      scope: account.scope,
      audience: account.audience,
      publicJustification: account.publicJustification,
      kind: account.kind,
      custodianEmail: account.custodianEmail,
      loginEmail: account.loginEmail,
      status: account.status,
      registeredAt: account.registeredAt,
      approvedAt: account.approvedAt,
      approverRole: account.approverRole,
      platformCreatedAt: null,
      admins: (adminsByAccount.get(account.id) ?? []).map(registryAdmin),
      formerAdmins: (formerAdminsByAccount.get(account.id) ?? []).map((admin): FormerRegistryAdmin => ({ ...registryAdmin(admin), removedAt: admin.removedAt as Date })),
      credentialRotations: (rotationsByAccount.get(account.id) ?? []).map((rotation) => rotation.rotatedAt),
    };
    return {
      account,
      facts: {
        account: accountFacts,
        snapshot,
        fetchError,
        people: shared.people,
        district: shared.district,
        school: account.schoolId ? (shared.schools.get(account.schoolId) ?? null) : null,
        now,
      },
    };
  });
}

/** Rows per account, keeping their order (the queries sort them). */
function groupByAccount<Row extends { accountId: string }>(rows: Row[]): Map<string, Row[]> {
  const byAccount = new Map<string, Row[]>();
  for (const row of rows) {
    const list = byAccount.get(row.accountId);
    if (list) list.push(row);
    else byAccount.set(row.accountId, [row]);
  }
  return byAccount;
}

function registryAdmin(admin: AccountAdmin): RegistryAdmin {
  return {
    email: admin.email,
    name: admin.name,
    employeeId: admin.employeeId,
    platformUserId: admin.platformUserId,
    platformRole: admin.platformRole,
    isServiceAccount: admin.isServiceAccount,
    addedAt: admin.addedAt,
  };
}
