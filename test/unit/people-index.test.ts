import { Platform } from '../../src/accounts/account.enums';
import { createPeopleIndex, type IndexedStudent } from '../../src/compliance/people-index';
import type { StaffFacts } from '../../src/compliance/rule';
import { hashHandle } from '../../src/people/handle-hash';
import { StaffStatus } from '../../src/people/people.enums';
import { staff } from '../support/rule-fixtures';

const KEY = Buffer.alloc(32, 7);
const DISTRICT = 'district-1';
const hash = (platform: Platform, handle: string) => hashHandle(KEY, DISTRICT, platform, handle);

const dana = staff();
const lee = staff({ employeeId: 'E2', name: 'Lee Park', email: 'lee.park@sd.example.org', status: StaffStatus.ON_LEAVE });
const sam = staff({ employeeId: 'E3', name: 'Sam Ortiz', email: 'sam.ortiz@sd.example.org', status: StaffStatus.DEPARTED, departedAt: new Date('2026-06-30T00:00:00Z') });

const students: IndexedStudent[] = [
  {
    studentId: 'S1',
    schoolId: 'school-1',
    mediaConsent: false,
    handleHashes: [
      { platform: Platform.INSTAGRAM, hash: hash(Platform.INSTAGRAM, 'lila_draws') },
      { platform: Platform.X, hash: hash(Platform.X, 'LilaD') },
    ],
  },
  { studentId: 'S2', schoolId: 'school-2', mediaConsent: true, handleHashes: [{ platform: Platform.INSTAGRAM, hash: hash(Platform.INSTAGRAM, 'omar.k') }] },
  { studentId: 'S3', schoolId: 'school-1', mediaConsent: false, handleHashes: [] },
];

function index(staffList: StaffFacts[] = [dana, lee, sam], allowPlusAddressing = false) {
  return createPeopleIndex({ staff: staffList, students, hashHandle: hash, allowPlusAddressing });
}

describe('createPeopleIndex', () => {
  describe('staffByEmail', () => {
    it('finds staff by email in any case and spacing', () => {
      const people = index();
      expect(people.staffByEmail('dana.whitford@sd.example.org')).toBe(dana);
      expect(people.staffByEmail('  Dana.Whitford@SD.Example.ORG ')).toBe(dana);
      expect(people.staffByEmail('dana.whitford@sd.example.org.')).toBe(dana);
      expect(people.staffByEmail('lee.park@sd.example.org')).toBe(lee);
    });

    it('normalises the roster side too', () => {
      const odd = staff({ employeeId: 'E9', email: '  Mixed.Case@SD.example.org ' });
      expect(index([odd]).staffByEmail('mixed.case@sd.example.org')).toBe(odd);
    });

    it('strips +tags only when the district allows plus-addressing', () => {
      expect(index([dana], false).staffByEmail('dana.whitford+social@sd.example.org')).toBeNull();
      expect(index([dana], true).staffByEmail('dana.whitford+social@sd.example.org')).toBe(dana);
      expect(index([dana], true).staffByEmail('Dana.Whitford+A+B@sd.example.org')).toBe(dana);
      const tagged = staff({ email: 'dana.whitford+staff@sd.example.org' });
      expect(index([tagged], true).staffByEmail('dana.whitford@sd.example.org')).toBe(tagged);
      expect(index([tagged], false).staffByEmail('dana.whitford@sd.example.org')).toBeNull();
    });

    it('answers null for unknown, blank or lookalike addresses', () => {
      const people = index();
      expect(people.staffByEmail('dana.whitford@gmail.com')).toBeNull();
      expect(people.staffByEmail('dana.whitford@sd.example.org.evil.com')).toBeNull();
      expect(people.staffByEmail('')).toBeNull();
      expect(people.staffByEmail('   ')).toBeNull();
    });

    it('prefers the current record when two share an email (rehire)', () => {
      const old = staff({ employeeId: 'OLD', status: StaffStatus.DEPARTED, departedAt: new Date('2020-01-01T00:00:00Z') });
      const current = staff({ employeeId: 'NEW', status: StaffStatus.ACTIVE });
      expect(index([old, current]).staffByEmail(dana.email)).toBe(current);
      expect(index([current, old]).staffByEmail(dana.email)).toBe(current);
      const onLeave = staff({ employeeId: 'LEAVE', status: StaffStatus.ON_LEAVE });
      expect(index([old, onLeave]).staffByEmail(dana.email)).toBe(onLeave);
    });
  });

  describe('staffByEmployeeId', () => {
    it('finds staff by exact, trimmed employee id', () => {
      const people = index();
      expect(people.staffByEmployeeId('E1')).toBe(dana);
      expect(people.staffByEmployeeId(' E3 ')).toBe(sam);
      expect(people.staffByEmployeeId('e1')).toBeNull();
      expect(people.staffByEmployeeId('E4')).toBeNull();
      expect(people.staffByEmployeeId('')).toBeNull();
    });

    it('trims the roster side', () => {
      const padded = staff({ employeeId: ' E77 ' });
      expect(index([padded]).staffByEmployeeId('E77')).toBe(padded);
    });
  });

  describe('matchStaff', () => {
    it('tries the employee id first', () => {
      expect(index().matchStaff({ employeeId: 'E2', email: 'dana.whitford@sd.example.org' })).toBe(lee);
    });

    it('falls back to the email when the id is missing, blank or unknown', () => {
      const people = index();
      expect(people.matchStaff({ email: 'SAM.ORTIZ@sd.example.org' })).toBe(sam);
      expect(people.matchStaff({ employeeId: null, email: 'sam.ortiz@sd.example.org' })).toBe(sam);
      expect(people.matchStaff({ employeeId: '', email: 'sam.ortiz@sd.example.org' })).toBe(sam);
      expect(people.matchStaff({ employeeId: 'NOPE', email: 'sam.ortiz@sd.example.org' })).toBe(sam);
    });

    it('answers null when neither matches', () => {
      const people = index();
      expect(people.matchStaff({})).toBeNull();
      expect(people.matchStaff({ employeeId: null, email: null })).toBeNull();
      expect(people.matchStaff({ employeeId: 'NOPE', email: 'stranger@gmail.com' })).toBeNull();
    });
  });

  describe('studentByHandle', () => {
    it('finds a student by handle in any case, with or without @', () => {
      const people = index();
      const s1 = { studentId: 'S1', schoolId: 'school-1', mediaConsent: false };
      expect(people.studentByHandle(Platform.INSTAGRAM, 'lila_draws')).toEqual(s1);
      expect(people.studentByHandle(Platform.INSTAGRAM, '@Lila_Draws')).toEqual(s1);
      expect(people.studentByHandle(Platform.INSTAGRAM, '  @@LILA_DRAWS ')).toEqual(s1);
      expect(people.studentByHandle(Platform.X, 'lilad')).toEqual(s1);
      expect(people.studentByHandle(Platform.INSTAGRAM, 'omar.k')).toEqual({ studentId: 'S2', schoolId: 'school-2', mediaConsent: true });
    });

    it('keeps platforms apart', () => {
      const people = index();
      expect(people.studentByHandle(Platform.X, 'lila_draws')).toBeNull();
      expect(people.studentByHandle(Platform.FACEBOOK, 'lila_draws')).toBeNull();
    });

    it('answers null for unknown and blank handles', () => {
      const people = index();
      expect(people.studentByHandle(Platform.INSTAGRAM, 'lila_draws2')).toBeNull();
      expect(people.studentByHandle(Platform.INSTAGRAM, '')).toBeNull();
      expect(people.studentByHandle(Platform.INSTAGRAM, '@')).toBeNull();
      expect(people.studentByHandle(Platform.INSTAGRAM, '   ')).toBeNull();
    });

    it('does not match hashes made with another key or district', () => {
      const otherKey = createPeopleIndex({
        staff: [],
        students,
        hashHandle: (platform, handle) => hashHandle(Buffer.alloc(32, 8), DISTRICT, platform, handle),
        allowPlusAddressing: false,
      });
      expect(otherKey.studentByHandle(Platform.INSTAGRAM, 'lila_draws')).toBeNull();
    });

    it('returns a copy without the hashes', () => {
      const people = index();
      const found = people.studentByHandle(Platform.INSTAGRAM, 'lila_draws');
      expect(Object.keys(found ?? {}).sort()).toEqual(['mediaConsent', 'schoolId', 'studentId']);
      if (found) found.mediaConsent = true;
      expect(people.studentByHandle(Platform.INSTAGRAM, 'lila_draws')?.mediaConsent).toBe(false);
    });
  });

  describe('allStaff', () => {
    it('lists every staff member, departed included', () => {
      expect(index().allStaff()).toEqual([dana, lee, sam]);
      expect(index([]).allStaff()).toEqual([]);
    });

    it('is not affected by later changes to the input array', () => {
      const list = [dana];
      const people = index(list);
      list.push(lee);
      expect(people.allStaff()).toEqual([dana]);
    });
  });

  it('indexes a large roster and hashes once per handle look-up', () => {
    const many = Array.from({ length: 20_000 }, (_, i) =>
      staff({ employeeId: `E${i}`, email: `person${i}@sd.example.org`, name: `Person ${i}` }),
    );
    let hashes = 0;
    const people = createPeopleIndex({
      staff: many,
      students,
      hashHandle: (platform, handle) => {
        hashes += 1;
        return hash(platform, handle);
      },
      allowPlusAddressing: true,
    });
    for (let i = 0; i < 20_000; i += 1) {
      expect(people.matchStaff({ email: `Person${i}+x@sd.example.org` })?.employeeId).toBe(`E${i}`);
    }
    people.studentByHandle(Platform.INSTAGRAM, 'lila_draws');
    people.studentByHandle(Platform.INSTAGRAM, 'nobody');
    expect(hashes).toBe(2);
  });
});
