import { SnapshotField, type SnapshotAdmin } from '../../../integrations/snapshot';
import type { RegistryAdmin, RuleInput, StaffFacts, StudentMatch } from '../rule';

/**
 * The effective admin roster of one account: the registry's roster (the district's intent) united with the
 * platform's roster (what the latest snapshot shows), one entry per person, each tied to a staff member or a
 * student where possible. Shared by the admins.* rules (and any rule that needs "who holds access"). Pure.
 *
 * Linking a snapshot admin to a registry admin, in passes over the whole roster so a strong link is never taken
 * by a weaker one:
 *   1. platform id: snapshot `externalId` == registry `platformUserId`;
 *   2. email, case-insensitive, when the snapshot shows one;
 *   3. normalised full name (case, accents, punctuation, whitespace ignored), only when exactly one unlinked
 *      registry admin carries that name;
 *   4. staff: the snapshot admin's name names exactly one staff member, and an unlinked registry admin matches
 *      that same staff member (e.g. registry "IT Services" vs platform "IT Services (social media)").
 * Registry admins that record a platformUserId are linked by id only: another platform id is another account.
 *
 * Each person is then tied to a staff member: people.matchStaff (employee id, then email); else a student, when
 * the registry's platformUserId looks like a handle and people.studentByHandle knows it; else the one staff member
 * whose normalised name equals the person's name. Ambiguous names match nobody.
 */

export type RosterSource = 'REGISTRY' | 'PLATFORM' | 'BOTH';
export type RosterLink = 'PLATFORM_USER_ID' | 'EMAIL' | 'NAME' | 'STAFF';
/** RECORD: by employee id or email (people.matchStaff); NAME: by normalised full name against the staff list. */
export type StaffLink = 'RECORD' | 'NAME';

export interface RosterEntry {
  source: RosterSource;
  registryAdmin: RegistryAdmin | null;
  snapshotAdmin: SnapshotAdmin | null;
  /** How the snapshot admin was linked to the registry admin (BOTH only). */
  linkedBy: RosterLink | null;
  staff: StaffFacts | null;
  staffLinkedBy: StaffLink | null;
  /** Set only when no staff record matched by id/email. */
  student: StudentMatch | null;
  /** The registry flags the person as the IT service account (or the person is the staff member of one that is). */
  isServiceAccount: boolean;
  /** From the platform; null when the platform does not show this person. */
  fullControl: boolean | null;
  platformRosterVisible: boolean;
  /** Best known identity, for evidence. */
  name: string | null;
  email: string | null;
  platformUserId: string | null;
}

export interface EffectiveRoster {
  /** The snapshot exists, ADMINS is not unavailable and the admin list is present. */
  platformRosterVisible: boolean;
  entries: RosterEntry[];
}

/** Lower case, accents and punctuation dropped, whitespace collapsed: "  Inès  CARVALHO-Ruiz" → "ines carvalho ruiz". */
export function normaliseName(value: string | null | undefined): string {
  if (!value) return '';
  return value
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

const lower = (value: string | null | undefined): string => (value ?? '').trim().toLowerCase();

/** Handle-shaped (letters, digits, '_' and '.', optional '@') and not a purely numeric platform user id. */
export function looksLikeHandle(value: string | null | undefined): value is string {
  return !!value && /^@?[A-Za-z0-9_.]{1,64}$/.test(value) && !/^@?\d+$/.test(value);
}

export function platformRosterVisible(input: RuleInput): boolean {
  const data = input.snapshot?.data;
  return !!data && !data.unavailable.includes(SnapshotField.ADMINS) && Array.isArray(data.admins);
}

interface Pair {
  registry: RegistryAdmin | null;
  snapshot: SnapshotAdmin | null;
  linkedBy: RosterLink | null;
}

/** Staff by normalised name, built once per roster list (the engine shares one list across every account). */
const nameIndexes = new WeakMap<readonly StaffFacts[], Map<string, StaffFacts[]>>();

function nameIndex(staffList: readonly StaffFacts[]): Map<string, StaffFacts[]> {
  let index = nameIndexes.get(staffList);
  if (!index) {
    index = new Map();
    for (const member of staffList) {
      const key = normaliseName(member.name);
      if (key) index.set(key, [...(index.get(key) ?? []), member]);
    }
    nameIndexes.set(staffList, index);
  }
  return index;
}

function uniqueStaffByName(staffList: readonly StaffFacts[], name: string | null | undefined): StaffFacts | null {
  const key = normaliseName(name);
  if (!key) return null;
  const found = nameIndex(staffList).get(key) ?? [];
  return found.length === 1 ? found[0] : null;
}

function linkPass(
  pairs: Pair[],
  unlinked: Set<SnapshotAdmin>,
  linkedBy: RosterLink,
  keyOfRegistry: (admin: RegistryAdmin) => string,
  keyOfSnapshot: (admin: SnapshotAdmin) => string,
): void {
  const open = pairs.filter((pair) => pair.registry && !pair.snapshot);
  const byKey = new Map<string, Pair[]>();
  for (const pair of open) {
    const key = keyOfRegistry(pair.registry as RegistryAdmin);
    if (key) byKey.set(key, [...(byKey.get(key) ?? []), pair]);
  }
  const snapshotCounts = new Map<string, number>();
  for (const admin of unlinked) {
    const key = keyOfSnapshot(admin);
    if (key) snapshotCounts.set(key, (snapshotCounts.get(key) ?? 0) + 1);
  }
  for (const admin of [...unlinked]) {
    const key = keyOfSnapshot(admin);
    const candidates = key ? byKey.get(key) : undefined;
    // Exactly one on each side, or the link would be a guess.
    if (!candidates || candidates.length !== 1 || snapshotCounts.get(key) !== 1) continue;
    candidates[0].snapshot = admin;
    candidates[0].linkedBy = linkedBy;
    unlinked.delete(admin);
  }
}

export function mergeRoster(input: RuleInput): EffectiveRoster {
  const visible = platformRosterVisible(input);
  const snapshotAdmins = visible ? (input.snapshot?.data.admins ?? []) : [];
  const staffList = input.people.allStaff();
  const pairs: Pair[] = input.account.admins.map((registry) => ({ registry, snapshot: null, linkedBy: null }));
  const unlinked = new Set(snapshotAdmins);
  const withoutId = (key: (admin: RegistryAdmin) => string) => (admin: RegistryAdmin) => (admin.platformUserId ? '' : key(admin));

  linkPass(pairs, unlinked, 'PLATFORM_USER_ID', (admin) => admin.platformUserId?.trim() ?? '', (admin) => String(admin.externalId ?? '').trim());
  linkPass(pairs, unlinked, 'EMAIL', withoutId((admin) => lower(admin.email)), (admin) => lower(admin.email));
  linkPass(pairs, unlinked, 'NAME', withoutId((admin) => normaliseName(admin.name)), (admin) => normaliseName(admin.name));
  linkPass(
    pairs,
    unlinked,
    'STAFF',
    withoutId((admin) => input.people.matchStaff(admin)?.employeeId ?? ''),
    (admin) => uniqueStaffByName(staffList, admin.name)?.employeeId ?? '',
  );
  for (const snapshot of unlinked) pairs.push({ registry: null, snapshot, linkedBy: null });

  const serviceStaff = new Set(
    input.account.admins.filter((admin) => admin.isServiceAccount).map((admin) => input.people.matchStaff(admin)?.employeeId).filter(Boolean),
  );

  const entries = pairs.map(({ registry, snapshot, linkedBy }): RosterEntry => {
    const email = lower(registry?.email) || lower(snapshot?.email) || null;
    const name = registry?.name ?? snapshot?.name ?? null;
    const platformUserId = registry?.platformUserId ?? snapshot?.externalId ?? null;

    let staff =
      (registry ? input.people.matchStaff({ employeeId: registry.employeeId, email: registry.email }) : null) ??
      (snapshot?.email ? input.people.matchStaff({ email: snapshot.email }) : null);
    let staffLinkedBy: StaffLink | null = staff ? 'RECORD' : null;
    let student: StudentMatch | null = null;
    if (!staff) {
      const handles = [registry?.platformUserId, snapshot?.externalId].filter(looksLikeHandle);
      for (const handle of handles) student ??= input.people.studentByHandle(input.account.platform, handle);
    }
    if (!staff && !student) {
      staff = uniqueStaffByName(staffList, registry?.name) ?? uniqueStaffByName(staffList, snapshot?.name);
      staffLinkedBy = staff ? 'NAME' : null;
    }

    return {
      source: registry && snapshot ? 'BOTH' : registry ? 'REGISTRY' : 'PLATFORM',
      registryAdmin: registry,
      snapshotAdmin: snapshot,
      linkedBy,
      staff,
      staffLinkedBy,
      student,
      isServiceAccount: !!registry?.isServiceAccount || (!!staff && serviceStaff.has(staff.employeeId)),
      fullControl: snapshot ? snapshot.fullControl === true : null,
      platformRosterVisible: visible,
      name,
      email,
      platformUserId,
    };
  });
  return { platformRosterVisible: visible, entries };
}

/** A JSON-friendly summary of one entry for rule evidence (no dates beyond the staff departure). */
export function describeEntry(entry: RosterEntry): Record<string, unknown> {
  return {
    source: entry.source,
    name: entry.name,
    email: entry.email,
    platformUserId: entry.platformUserId,
    employeeId: entry.staff?.employeeId ?? entry.registryAdmin?.employeeId ?? null,
    staffStatus: entry.staff?.status ?? null,
    staffLinkedBy: entry.staffLinkedBy,
    isServiceAccount: entry.isServiceAccount,
    fullControl: entry.fullControl,
  };
}
