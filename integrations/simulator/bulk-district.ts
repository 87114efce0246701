import { StaffRole, StaffStatus } from '../../src/people/people.enums';
import { SeededRandom } from './seeded-random';

/**
 * The district behind the bulk fixtures (integrations/simulator/bulk-fixtures.ts): its schools, staff, a few
 * outsiders and students, each person with their own logins on the platforms that have people. It is the same on
 * every run whatever seed the accounts use, so a seeder can create the district without the account list.
 */

export type SchoolLevel = 'ELEMENTARY' | 'MIDDLE' | 'SECONDARY';

export interface BulkSchool {
  code: string;
  name: string;
  /** The name without its level ("Cedar Heights"), as clubs and teams write it. */
  shortName: string;
  /** Initials, lower case ("chs"), for short handles. */
  initials: string;
  level: SchoolLevel;
  websiteUrl: string;
}

export type Honorific = 'Ms.' | 'Mr.' | 'Mx.';

export interface BulkPerson {
  /** Null for people who are not district staff. */
  employeeId: string | null;
  name: string;
  firstName: string;
  lastName: string;
  honorific: Honorific;
  /** District address for staff, a personal one for outsiders. */
  email: string;
  schoolCode: string | null;
  /** Null for outsiders. */
  role: StaffRole | null;
  status: StaffStatus;
  /** ISO time, for DEPARTED staff. */
  departedAt: string | null;
  /** The district IT account that belongs on every roster (a Meta business system user on Facebook). */
  isServiceAccount: boolean;
  facebookId: string;
  linkedinId: string;
  googleId: string;
}

export interface BulkStudent {
  studentId: string;
  schoolCode: string;
  mediaConsent: boolean;
  displayName: string;
  instagramHandle: string | null;
  xHandle: string | null;
  /** The student's own X user (they exist on X, so a district account can follow them). */
  xUserId: string | null;
}

export interface BulkDistrict {
  name: string;
  emailDomain: string;
  websiteUrl: string;
  timeZone: string;
  policyProfileId: string;
  schools: BulkSchool[];
  /** Every employee, the IT service account included. */
  staff: BulkPerson[];
  /** Parent volunteers, alumni and former coaches: some keep roles on accounts they should not. */
  outsiders: BulkPerson[];
  students: BulkStudent[];
}

const DISTRICT_SEED = 0x5eed_d157;
const DISTRICT_NAME = 'Riverbend School District';
const EMAIL_DOMAIN = 'riverbend-sd.example.org';

const SCHOOL_WORDS = [
  'Alder', 'Aspen', 'Birch', 'Cedar', 'Cypress', 'Elm', 'Fir', 'Hazel', 'Hemlock', 'Juniper', 'Larch', 'Laurel',
  'Maple', 'Oak', 'Pine', 'Poplar', 'Rowan', 'Sage', 'Spruce', 'Willow', 'Heron', 'Osprey', 'Kestrel', 'Salmon',
];
const SCHOOL_FEATURES = ['Creek', 'Heights', 'Park', 'Ridge', 'Valley', 'Grove', 'Meadow', 'Lake', 'Hill', 'Brook', 'Glen', 'Point'];
const LEVEL_NAMES: Record<SchoolLevel, string> = { ELEMENTARY: 'Elementary', MIDDLE: 'Middle School', SECONDARY: 'Secondary' };
const SCHOOL_COUNTS: Array<[SchoolLevel, number]> = [
  ['ELEMENTARY', 24],
  ['MIDDLE', 9],
  ['SECONDARY', 7],
];

const FEMININE = [
  'Amara', 'Grace', 'Priya', 'Ines', 'Dana', 'Mei', 'Sofia', 'Aisha', 'Hannah', 'Leila', 'Chloe', 'Nadia', 'Olivia', 'Rosa',
  'Yuki', 'Fatima', 'Emily', 'Claire', 'Maya', 'Zoe', 'Isabel', 'Ana', 'Jasmine', 'Naomi', 'Ruth', 'Elena', 'Keiko', 'Laila',
  'Marisol', 'Tara', 'Wren', 'Beatriz', 'Ingrid', 'Lucia', 'Nora', 'Sana', 'Esther', 'Julia', 'Hana', 'Camille',
];
const MASCULINE = [
  'Marco', 'Hugo', 'Tomas', 'Sam', 'Kevin', 'Arjun', 'Daniel', 'Omar', 'Lucas', 'Mateo', 'Ethan', 'Kenji', 'Noah', 'Samuel',
  'Felix', 'Diego', 'Ibrahim', 'Liam', 'Owen', 'Rahul', 'Victor', 'Jonah', 'Andre', 'Elias', 'Malik', 'Rafael', 'Theo', 'Wei',
  'Yusuf', 'Gabriel',
];
const NEUTRAL = ['Alex', 'Jordan', 'Riley', 'Morgan', 'Casey', 'Quinn', 'Avery', 'Rowan', 'Sasha', 'Robin'];
const LAST_NAMES = [
  'Okafor', 'Lindqvist', 'Herrera', 'Whitford', 'Bellini', 'Raman', 'Carvalho', 'Lefebvre', 'Whitehorse', 'Chen', 'Patel',
  'Nguyen', 'Singh', 'Kowalski', "O'Connor", 'MacLeod', 'Tremblay', 'Gagnon', 'Roy', 'Côté', 'Bouchard', 'Martin', 'Campbell',
  'Anderson', 'Thompson', 'Wilson', 'Brown', 'Li', 'Wang', 'Kim', 'Park', 'Sato', 'Tanaka', 'Haddad', 'Khan', 'Ahmed',
  'Hussain', 'Mensah', 'Osei', 'Adeyemi', 'Novak', 'Horvat', 'Silva', 'Santos', 'Ferreira', 'Costa', 'Rossi', 'Russo',
  'Romano', 'Müller', 'Schmidt', 'Fischer', 'Weber', 'Jansen', 'de Vries', 'Larsen', 'Nielsen', 'Johansson', 'Berg',
  'Morales', 'Ortiz', 'Reyes', 'Cruz', 'Delgado', 'Ramos', 'Flores', 'Castillo', 'Vargas', 'Mendoza', 'Baptiste', 'Dubois',
  'Lambert', 'Fontaine', 'Mercier', 'Petrov', 'Sokolov', 'Yilmaz', 'Demir', 'Kaya', 'Cohen', 'Levi', 'Friedman', 'Walsh',
  'Byrne', 'Murphy', 'Kelly', 'Doyle', 'Abbott', 'Fraser', 'Grant', 'Reid', 'Ross', 'Stewart',
];
const STUDENT_HOBBIES = ['skates', 'draws', 'codes', 'hoops', 'runs', 'reads', 'films', 'sings', 'builds', 'games'];
const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

const pad = (value: number, width: number) => String(value).padStart(width, '0');

/** "Côté" → "cote", "de Vries" → "devries", "O'Connor" → "oconnor". */
export function asciiSlug(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '');
}

function buildSchools(random: SeededRandom): BulkSchool[] {
  const usedNames = new Set<string>();
  const usedCodes = new Set<string>();
  const schools: BulkSchool[] = [];
  for (const [level, count] of SCHOOL_COUNTS) {
    for (let made = 0; made < count; ) {
      const shortName = `${random.pick(SCHOOL_WORDS)} ${random.pick(SCHOOL_FEATURES)}`;
      if (usedNames.has(shortName)) continue;
      usedNames.add(shortName);
      const initials = shortName
        .split(' ')
        .map((word) => word[0])
        .join('')
        .concat(LEVEL_NAMES[level][0])
        .toLowerCase();
      let code = initials.toUpperCase();
      for (let suffix = 2; usedCodes.has(code); suffix += 1) code = `${initials.toUpperCase()}${suffix}`;
      usedCodes.add(code);
      schools.push({
        code,
        name: `${shortName} ${LEVEL_NAMES[level]}`,
        shortName,
        initials,
        level,
        websiteUrl: `https://${asciiSlug(shortName)}.${EMAIL_DOMAIN}`,
      });
      made += 1;
    }
  }
  return schools;
}

/** People with unique names (the roster rules match platform admins to staff by name where nothing better exists). */
class PeopleFactory {
  private readonly names = new Set<string>();
  private readonly emails = new Set<string>();
  private readonly linkedinIds = new Set<string>();
  private readonly googleIds = new Set<string>();
  private facebookSequence = 0;
  private employeeSequence = 1000;

  constructor(private readonly random: SeededRandom) {}

  person(details: {
    schoolCode: string | null;
    role: StaffRole | null;
    status?: StaffStatus;
    departedAt?: string | null;
    staff?: boolean;
  }): BulkPerson {
    let firstName: string;
    let lastName: string;
    let honorific: Honorific;
    do {
      const kind = this.random.weighted([
        ['F', 50],
        ['M', 42],
        ['N', 8],
      ] as const);
      firstName = this.random.pick(kind === 'F' ? FEMININE : kind === 'M' ? MASCULINE : NEUTRAL);
      honorific = kind === 'F' ? 'Ms.' : kind === 'M' ? 'Mr.' : this.random.pick(['Mx.', 'Ms.', 'Mr.'] as const);
      lastName = this.random.pick(LAST_NAMES);
    } while (this.names.has(`${firstName} ${lastName}`));
    const name = `${firstName} ${lastName}`;
    this.names.add(name);
    const staff = details.staff ?? true;
    const local = `${asciiSlug(firstName)}.${asciiSlug(lastName)}`;
    let email = staff ? `${local}@${EMAIL_DOMAIN}` : `${local}${this.random.integer(1, 99)}@gmail.com`;
    for (let suffix = 2; this.emails.has(email); suffix += 1) email = email.replace('@', `${suffix}@`);
    this.emails.add(email);
    this.employeeSequence += 1;
    return {
      employeeId: staff ? `E${pad(this.employeeSequence, 5)}` : null,
      name,
      firstName,
      lastName,
      honorific,
      email,
      schoolCode: details.schoolCode,
      role: details.role,
      status: details.status ?? StaffStatus.ACTIVE,
      departedAt: details.departedAt ?? null,
      isServiceAccount: false,
      ...this.logins(),
    };
  }

  /** The district IT account: a Meta business system user, and a member / Google account of its own elsewhere. */
  serviceAccount(): BulkPerson {
    return {
      employeeId: 'IT-SOCIAL',
      name: 'IT Services (social media)',
      firstName: 'IT',
      lastName: 'Services',
      honorific: 'Mx.',
      email: `it-social@${EMAIL_DOMAIN}`,
      schoolCode: null,
      role: StaffRole.IT_STAFF,
      status: StaffStatus.ACTIVE,
      departedAt: null,
      isServiceAccount: true,
      ...this.logins(),
      facebookId: `61561${pad(1, 12)}`,
    };
  }

  private logins(): Pick<BulkPerson, 'facebookId' | 'linkedinId' | 'googleId'> {
    this.facebookSequence += 1;
    let linkedinId: string;
    do linkedinId = this.random.characters(ALPHANUMERIC, 10);
    while (this.linkedinIds.has(linkedinId));
    this.linkedinIds.add(linkedinId);
    let googleId: string;
    do googleId = `1${this.random.characters('0123456789', 20)}`;
    while (this.googleIds.has(googleId));
    this.googleIds.add(googleId);
    return { facebookId: `10232${pad(this.facebookSequence, 12)}`, linkedinId, googleId };
  }
}

/** Departures between July 2024 and June 2026: the end of a school year, mostly. */
function departureTime(random: SeededRandom): string {
  const start = Date.parse('2024-07-01T00:00:00Z');
  const end = Date.parse('2026-06-30T00:00:00Z');
  return new Date(start + Math.floor(random.next() * (end - start) / 86_400_000) * 86_400_000).toISOString();
}

function teacherStatus(random: SeededRandom): { status: StaffStatus; departedAt: string | null } {
  const status = random.weighted([
    [StaffStatus.ACTIVE, 92],
    [StaffStatus.DEPARTED, 6],
    [StaffStatus.ON_LEAVE, 2],
  ] as const);
  return { status, departedAt: status === StaffStatus.DEPARTED ? departureTime(random) : null };
}

function buildStaff(random: SeededRandom, people: PeopleFactory, schools: BulkSchool[]): BulkPerson[] {
  const staff: BulkPerson[] = [];
  const office = (role: StaffRole, count: number) => {
    for (let made = 0; made < count; made += 1) staff.push(people.person({ schoolCode: null, role }));
  };
  office(StaffRole.DISTRICT_ADMINISTRATOR, 3);
  office(StaffRole.COMMUNICATIONS, 5);
  office(StaffRole.IT_DIRECTOR, 1);
  office(StaffRole.IT_STAFF, 3);
  office(StaffRole.SUPERVISOR, 3);
  staff.push(people.serviceAccount());
  const teachers: Record<SchoolLevel, number> = { ELEMENTARY: 18, MIDDLE: 24, SECONDARY: 32 };
  for (const school of schools) {
    const at = (role: StaffRole, extra: Partial<Pick<BulkPerson, 'status' | 'departedAt'>> = {}) =>
      staff.push(people.person({ schoolCode: school.code, role, ...extra }));
    at(StaffRole.PRINCIPAL);
    if (school.level !== 'ELEMENTARY') at(StaffRole.VICE_PRINCIPAL);
    for (let made = 0; made < teachers[school.level]; made += 1) at(StaffRole.TEACHER, teacherStatus(random));
    at(StaffRole.COUNSELOR);
    at(StaffRole.SUPPORT_STAFF);
    if (school.level === 'ELEMENTARY') at(StaffRole.AIDE, teacherStatus(random));
  }
  return staff;
}

function buildStudents(random: SeededRandom, schools: BulkSchool[]): BulkStudent[] {
  const students: BulkStudent[] = [];
  const instagram = new Set<string>();
  const x = new Set<string>();
  let sequence = 0;
  for (const school of schools) {
    for (let made = 0; made < 5; made += 1) {
      sequence += 1;
      const first = asciiSlug(random.pick([...FEMININE, ...MASCULINE, ...NEUTRAL]));
      const initial = asciiSlug(random.pick(LAST_NAMES))[0];
      let instagramHandle: string | null = null;
      if (random.chance(0.45)) {
        instagramHandle = `${first}.${initial}.${random.pick(STUDENT_HOBBIES)}`;
        for (let suffix = 2; instagram.has(instagramHandle); suffix += 1) instagramHandle = `${first}.${initial}.${random.pick(STUDENT_HOBBIES)}${suffix}`;
        instagram.add(instagramHandle);
      }
      let xHandle: string | null = null;
      if (random.chance(0.3)) {
        xHandle = `${first.slice(0, 9)}${initial}_${pad(random.integer(0, 99), 2)}`;
        while (x.has(xHandle)) xHandle = `${first.slice(0, 9)}${initial}_${pad(random.integer(0, 99), 2)}`;
        x.add(xHandle);
      }
      students.push({
        studentId: `S-${pad(50_000 + sequence, 5)}`,
        schoolCode: school.code,
        mediaConsent: random.chance(0.7),
        displayName: `${first[0].toUpperCase()}${first.slice(1)} ${initial.toUpperCase()}`,
        instagramHandle,
        xHandle,
        xUserId: xHandle ? `15${pad(sequence, 17)}` : null,
      });
    }
  }
  return students;
}

let built: BulkDistrict | null = null;

/** The bulk district (built once; the same on every run). */
export function bulkDistrict(): BulkDistrict {
  if (built) return built;
  const random = new SeededRandom(DISTRICT_SEED);
  const people = new PeopleFactory(random);
  const schools = buildSchools(random);
  const staff = buildStaff(random, people, schools);
  const outsiders = Array.from({ length: 120 }, () => people.person({ schoolCode: null, role: null, staff: false }));
  built = {
    name: DISTRICT_NAME,
    emailDomain: EMAIL_DOMAIN,
    websiteUrl: `https://www.${EMAIL_DOMAIN}`,
    timeZone: 'America/Vancouver',
    policyProfileId: 'ap1311-social-media-for-learning',
    schools,
    staff,
    outsiders,
    students: buildStudents(random, schools),
  };
  return built;
}
