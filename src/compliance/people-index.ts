import type { Platform } from '../accounts/account.enums';
import { StaffStatus } from '../people/people.enums';
import { normalizeEmail } from './matching/email';
import type { PeopleIndex, StaffFacts, StudentMatch } from './rule';

export interface IndexedStudent {
  studentId: string;
  schoolId: string;
  mediaConsent: boolean;
  handleHashes: Array<{ platform: Platform; hash: string }>;
}

export interface PeopleIndexOptions {
  staff: StaffFacts[];
  students: IndexedStudent[];
  /** The district's keyed handle hash (src/people/handle-hash.ts, key and district bound); it normalises the handle. */
  hashHandle: (platform: Platform, handle: string) => string;
  /** The district allows "name+tag@domain" as name@domain. */
  allowPlusAddressing: boolean;
}

/** When two staff records share an email or id (a rehire, a duplicate import), the current one wins. */
const STATUS_PREFERENCE: Record<StaffStatus, number> = {
  [StaffStatus.ACTIVE]: 0,
  [StaffStatus.ON_LEAVE]: 1,
  [StaffStatus.DEPARTED]: 2,
};

/**
 * The rosters, indexed once per district per evaluation: every look-up is a map read (plus one HMAC for a
 * handle), so 10 000 accounts judge without scanning rosters.
 */
export function createPeopleIndex(options: PeopleIndexOptions): PeopleIndex {
  const emailOptions = { allowPlusAddressing: options.allowPlusAddressing };
  const staffList: readonly StaffFacts[] = Object.freeze([...options.staff]);
  const byEmail = new Map<string, StaffFacts>();
  const byEmployeeId = new Map<string, StaffFacts>();
  for (const member of staffList) {
    keepPreferred(byEmail, normalizeEmail(member.email, emailOptions), member);
    keepPreferred(byEmployeeId, (member.employeeId ?? '').trim(), member);
  }

  const byHandleHash = new Map<string, StudentMatch>();
  for (const student of options.students) {
    const match: StudentMatch = { studentId: student.studentId, schoolId: student.schoolId, mediaConsent: student.mediaConsent };
    for (const { platform, hash } of student.handleHashes) {
      const key = handleKey(platform, hash);
      if (!byHandleHash.has(key)) byHandleHash.set(key, match);
    }
  }

  const staffByEmail = (email: string): StaffFacts | null => {
    const key = normalizeEmail(email, emailOptions);
    return key === '' ? null : (byEmail.get(key) ?? null);
  };
  const staffByEmployeeId = (employeeId: string): StaffFacts | null => {
    const key = typeof employeeId === 'string' ? employeeId.trim() : '';
    return key === '' ? null : (byEmployeeId.get(key) ?? null);
  };

  const hashMemo = new Map<string, string>();
  return {
    staffByEmail,
    staffByEmployeeId,
    matchStaff: (person) =>
      (person.employeeId ? staffByEmployeeId(person.employeeId) : null) ?? (person.email ? staffByEmail(person.email) : null),
    studentByHandle: (platform, handle) => {
      if (typeof handle !== 'string' || handle.trim().replace(/^@+/, '') === '') return null;
      // The same handles recur across posts, following lists and accounts: hash each one once (HMAC is the cost).
      const memoKey = `${platform}\u0000${handle}`;
      let hash = hashMemo.get(memoKey);
      if (hash === undefined) {
        hash = options.hashHandle(platform, handle);
        if (hashMemo.size >= HASH_MEMO_LIMIT) hashMemo.clear();
        hashMemo.set(memoKey, hash);
      }
      const found = byHandleHash.get(handleKey(platform, hash));
      return found ? { ...found } : null;
    },
    allStaff: () => staffList,
  };
}

/** Bounds the memo of one evaluation run; a district's distinct handles rarely come near it. */
const HASH_MEMO_LIMIT = 200_000;

function keepPreferred(map: Map<string, StaffFacts>, key: string, member: StaffFacts): void {
  if (key === '') return;
  const existing = map.get(key);
  if (!existing || rank(member) < rank(existing)) map.set(key, member);
}

function rank(member: StaffFacts): number {
  return STATUS_PREFERENCE[member.status] ?? 3;
}

function handleKey(platform: Platform, hash: string): string {
  return `${platform}\u0000${hash}`;
}
