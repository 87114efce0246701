import { AccountKind, AccountScope, Audience, Platform } from '../../src/accounts/account.enums';
import { StaffRole, StaffStatus } from '../../src/people/people.enums';
import type { FacebookFixture, PageTask } from '../facebook/simulator-data';
import type { InstagramFixtureInput } from '../instagram/simulator-data';
import type { LinkedinFixture, OrganizationRole, RoleState } from '../linkedin/simulator-data';
import type { ReplySetting, XFixture } from '../x/simulator-data';
import type { YouTubeFixture } from '../youtube/simulator-data';
import {
  CLASSES,
  CLUB_TOPICS,
  commentText,
  DEPARTMENT_TOPICS,
  DISTRICT_TOPICS,
  postText,
  profileText,
  type Category,
  type Identification,
  type Theme,
  type Topic,
} from './bulk-content';
import { asciiSlug, bulkDistrict, type BulkDistrict, type BulkPerson, type BulkSchool } from './bulk-district';
import { SeededRandom } from './seeded-random';

export type { Identification } from './bulk-content';
export { bulkDistrict, type BulkDistrict, type BulkPerson, type BulkSchool, type BulkStudent } from './bulk-district';

/**
 * Large, varied simulator fixtures for the five platforms, generated in memory from a seed, and the registry
 * entries that go with them (bench/sync-seed.ts seeds those, connected). Accounts belong to the bulk district
 * (bulk-district.ts): school, club, classroom and department accounts with bios that do or do not name the
 * school and district, websites (mostly the school's), recent posts with comments (some hidden or held), admin
 * rosters that mostly match the registry, some dormant accounts, a few X follows.
 *
 * Each account costs about what a sandbox account costs to read: every list the connectors page through
 * (Facebook roles and posts, Instagram media, X posts and follows, YouTube uploads, LinkedIn ACLs and posts) fits
 * on its first page.
 */

export type BulkPlatform = Exclude<Platform, Platform.OTHER>;
export const BULK_PLATFORMS: readonly BulkPlatform[] = [Platform.FACEBOOK, Platform.INSTAGRAM, Platform.X, Platform.YOUTUBE, Platform.LINKEDIN];

/** One person on the registry's roster of an account, as registerAccount takes it. */
export interface BulkAdmin {
  name: string;
  email: string | null;
  employeeId: string | null;
  platformUserId: string | null;
  platformRole: string;
  isServiceAccount: boolean;
}

export interface BulkAccount {
  platform: BulkPlatform;
  /** As the registry stores it: no '@', lower case. */
  handle: string;
  /** The platform's id: page id, Instagram user_id, X user id, channel id, organization id. */
  externalId: string;
  displayName: string;
  /** The simulated person who manages the account and consents for it (Instagram and X: the account itself). */
  ownerUserId: string;
  /** What the profile shows as its website (YouTube: the link in the description); absent when none. */
  websiteUrl?: string;
  scope: AccountScope;
  /** Null for the district's own accounts. */
  schoolCode: string | null;
  audience: Audience;
  publicJustification: string | null;
  kind: AccountKind;
  custodianEmail: string;
  loginEmail: string | null;
  /** The registry's roster: mostly the platform's, with the drift real registries have. */
  admins: BulkAdmin[];
  /** What the profile text names: school and district, the school only, or neither. */
  identification: Identification;
  /** No post in the last 180 days (or none at all). */
  dormant: boolean;
}

export interface BulkFixtureSet {
  [Platform.FACEBOOK]: FacebookFixture;
  [Platform.INSTAGRAM]: InstagramFixtureInput;
  [Platform.X]: XFixture;
  [Platform.YOUTUBE]: YouTubeFixture;
  [Platform.LINKEDIN]: LinkedinFixture;
}

export interface BulkFixtures {
  /** One fixture per platform, each valid for its simulator's schema: `startSimulators(..., { fixtures })`. */
  fixtures: BulkFixtureSet;
  /** perPlatform accounts of each platform, platform by platform in BULK_PLATFORMS order. */
  accounts: BulkAccount[];
  district: BulkDistrict;
}

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;
const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const YOUTUBE_ID_CHARACTERS = `${ALPHANUMERIC}_-`;
const DISTRICT_BUSINESS_ID = '2232000000000001';
const FULL_PAGE_TASKS: PageTask[] = ['MANAGE', 'CREATE_CONTENT', 'MODERATE', 'MESSAGING', 'ADVERTISE', 'ANALYZE'];
const PAGE_ROLES: Array<{ tasks: PageTask[]; registryRole: string; weight: number }> = [
  { tasks: ['CREATE_CONTENT', 'MODERATE', 'ANALYZE'], registryRole: 'EDITOR', weight: 50 },
  { tasks: ['MODERATE', 'ANALYZE'], registryRole: 'MODERATOR', weight: 30 },
  { tasks: ['ANALYZE'], registryRole: 'ANALYST', weight: 20 },
];
const CATEGORY_WEIGHTS: Record<BulkPlatform, Array<[Category, number]>> = {
  [Platform.FACEBOOK]: [['DISTRICT', 5], ['SCHOOL', 10], ['DEPARTMENT', 25], ['CLUB', 40], ['CLASSROOM', 20]],
  [Platform.INSTAGRAM]: [['DISTRICT', 4], ['SCHOOL', 9], ['DEPARTMENT', 17], ['CLUB', 35], ['CLASSROOM', 35]],
  [Platform.X]: [['DISTRICT', 4], ['SCHOOL', 9], ['DEPARTMENT', 17], ['CLUB', 35], ['CLASSROOM', 35]],
  [Platform.YOUTUBE]: [['DISTRICT', 5], ['SCHOOL', 10], ['DEPARTMENT', 25], ['CLUB', 35], ['CLASSROOM', 25]],
  // Classrooms keep off LinkedIn.
  [Platform.LINKEDIN]: [['DISTRICT', 5], ['SCHOOL', 20], ['DEPARTMENT', 40], ['CLUB', 35]],
};
const JUSTIFICATIONS = [
  'News and events for families and the community.',
  'Celebrating student work for families who cannot attend in person.',
  'Schedules and results for families and the league.',
  'Program information for prospective students and families.',
];
const X_COMMUNITY: Array<[string, string]> = [
  ['riverbendnews', 'Riverbend Gazette'],
  ['rbparksrec', 'Riverbend Parks & Rec'],
  ['rblibrary', 'Riverbend Public Library'],
  ['valleyhssports', 'Valley HS Athletics'],
  ['bcschoolsports', 'BC School Sports'],
  ['rbfirerescue', 'Riverbend Fire Rescue'],
  ['cityofriverbend', 'City of Riverbend'],
  ['rbtransit', 'Riverbend Transit'],
  ['valleyscience', 'Valley Science Centre'],
  ['rbartscouncil', 'Riverbend Arts Council'],
  ['rbfoodbank', 'Riverbend Food Bank'],
  ['rbyouthsoccer', 'Riverbend Youth Soccer'],
  ['rbweather', 'Riverbend Weather'],
  ['valleymuseum', 'Valley Museum'],
  ['rbrotary', 'Riverbend Rotary Club'],
];

const pad = (value: number, width: number) => String(value).padStart(width, '0');
/** ISO time without milliseconds, as the platforms write it. */
const iso = (milliseconds: number) => `${new Date(milliseconds).toISOString().slice(0, 19)}Z`;
const honorificSlug = (person: BulkPerson) => person.honorific.replace('.', '').toLowerCase();

/** Facebook and YouTube style: "cedarheightsrobotics", "mschen.gr4", "riverbendschooldistrict". */
function compactHandle(plan: Plan): string {
  if (plan.category === 'CLASSROOM') return `${honorificSlug(plan.custodian)}${asciiSlug(plan.custodian.lastName)}.${plan.topic.short}`;
  if (plan.category === 'DEPARTMENT' || plan.category === 'CLUB') return `${asciiSlug(plan.school!.shortName)}${asciiSlug(plan.topic.label)}`;
  return asciiSlug(plan.displayName);
}

/** What one account is, before any platform shape. */
interface Plan {
  platform: BulkPlatform;
  category: Category;
  school: BulkSchool | null;
  topic: Topic;
  teacher: BulkPerson | null;
  displayName: string;
  custodian: BulkPerson;
  /** Others who hold access, 0-3 (current staff of the same school or office). */
  coAdmins: BulkPerson[];
  audience: Audience;
  kind: AccountKind;
  identification: Identification;
  website: string | null;
  dormant: boolean;
  /** Epoch ms, newest first. */
  postTimes: number[];
}

interface SchoolPeople {
  leaders: BulkPerson[];
  teachers: BulkPerson[];
  departed: BulkPerson[];
  others: BulkPerson[];
}

/** Everything one generation run shares: the seed's sequence, the district, and what each platform has used. */
class Generator {
  readonly random: SeededRandom;
  readonly district = bulkDistrict();
  readonly now: number;
  private readonly bySchool = new Map<string, SchoolPeople>();
  private readonly office: { communications: BulkPerson[]; leaders: BulkPerson[]; it: BulkPerson[] };
  readonly serviceAccount: BulkPerson;
  private readonly takenHandles = new Map<BulkPlatform, Set<string>>();
  private readonly takenNames = new Map<BulkPlatform, Set<string>>();
  private readonly schoolsWithMain = new Map<BulkPlatform, Set<string>>();
  private readonly districtTopicsUsed = new Map<BulkPlatform, number>();
  private readonly takenIds = new Set<string>();
  private previousPost = '';

  constructor(seed: number, now: Date) {
    this.random = new SeededRandom(seed);
    this.now = now.getTime();
    const staff = this.district.staff;
    for (const school of this.district.schools) {
      const at = staff.filter((person) => person.schoolCode === school.code);
      this.bySchool.set(school.code, {
        leaders: at.filter((person) => person.role === StaffRole.PRINCIPAL || person.role === StaffRole.VICE_PRINCIPAL),
        teachers: at.filter((person) => person.role === StaffRole.TEACHER && person.status === StaffStatus.ACTIVE),
        departed: at.filter((person) => person.status === StaffStatus.DEPARTED),
        others: at.filter((person) => person.role !== StaffRole.TEACHER && person.status === StaffStatus.ACTIVE),
      });
    }
    const office = staff.filter((person) => person.schoolCode === null && !person.isServiceAccount);
    this.office = {
      communications: office.filter((person) => person.role === StaffRole.COMMUNICATIONS),
      leaders: office.filter((person) => person.role === StaffRole.DISTRICT_ADMINISTRATOR || person.role === StaffRole.SUPERVISOR),
      it: office.filter((person) => person.role === StaffRole.IT_DIRECTOR || person.role === StaffRole.IT_STAFF),
    };
    this.serviceAccount = staff.find((person) => person.isServiceAccount)!;
    for (const platform of BULK_PLATFORMS) {
      this.takenHandles.set(platform, new Set());
      this.takenNames.set(platform, new Set());
      this.schoolsWithMain.set(platform, new Set());
      this.districtTopicsUsed.set(platform, 0);
    }
  }

  peopleAt(school: BulkSchool): SchoolPeople {
    return this.bySchool.get(school.code)!;
  }

  communications(): BulkPerson[] {
    return this.office.communications;
  }

  /** What `make` gives, made again until it is an id not handed out before in this run. */
  uniqueId(make: () => string): string {
    let id = make();
    while (this.takenIds.has(id)) id = make();
    this.takenIds.add(id);
    return id;
  }

  /** `base` if free on the platform, else base + 2, 3, ... cut to `maxLength`. */
  handle(platform: BulkPlatform, base: string, maxLength: number): string {
    const taken = this.takenHandles.get(platform)!;
    // Platforms refuse a handle ending in a separator.
    const cut = (length: number) => base.slice(0, length).replace(/[._-]+$/, '');
    let candidate = cut(maxLength);
    for (let suffix = 2; taken.has(candidate); suffix += 1) candidate = `${cut(maxLength - String(suffix).length)}${suffix}`;
    taken.add(candidate);
    return candidate;
  }

  plan(platform: BulkPlatform): Plan {
    const { random, district } = this;
    let category = random.weighted(CATEGORY_WEIGHTS[platform]);
    let school: BulkSchool | null = null;
    let topic: Topic;
    const districtTopic = this.districtTopicsUsed.get(platform)!;
    const mains = this.schoolsWithMain.get(platform)!;
    if (category === 'DISTRICT' && districtTopic >= DISTRICT_TOPICS.length) category = 'CLUB';
    if (category === 'SCHOOL' && mains.size >= district.schools.length) category = 'CLUB';
    if (category === 'DISTRICT') {
      topic = DISTRICT_TOPICS[districtTopic];
      this.districtTopicsUsed.set(platform, districtTopic + 1);
    } else if (category === 'SCHOOL') {
      school = random.pick(district.schools.filter((candidate) => !mains.has(candidate.code)));
      mains.add(school.code);
      topic = { label: '', short: '', theme: 'NEWS' };
    } else {
      school = random.pick(district.schools);
      const level = school.level === 'ELEMENTARY' ? 'ELEMENTARY' : 'OTHER';
      topic =
        category === 'DEPARTMENT'
          ? random.pick(DEPARTMENT_TOPICS[level])
          : category === 'CLUB'
            ? random.pick(CLUB_TOPICS[level])
            : random.pick(CLASSES[school.level]);
    }

    const people = school ? this.peopleAt(school) : null;
    let custodian: BulkPerson;
    if (!people) custodian = topic.label === '' ? this.office.communications[0] : random.pick([...this.office.communications, ...this.office.leaders]);
    else if (category === 'SCHOOL') custodian = random.chance(0.7) ? people.leaders[0] : random.pick([...people.leaders, ...people.others]);
    // An account left with someone who has since gone: it happens.
    else if (people.departed.length > 0 && random.chance(0.03)) custodian = random.pick(people.departed);
    else custodian = random.pick(people.teachers);
    const teacher = category === 'CLASSROOM' ? custodian : null;
    const colleagues = people ? [...people.teachers, ...people.leaders, ...people.others] : [...this.office.communications, ...this.office.leaders, ...this.office.it];
    // Facebook and LinkedIn rosters hold 2-4 people; a classroom's shared login may be the teacher's alone.
    const alone = category === 'CLASSROOM' && platform !== Platform.FACEBOOK;
    const coAdmins = random.sample(
      colleagues.filter((person) => person !== custodian),
      random.integer(alone ? 0 : 1, 3),
    );

    const displayName = this.displayName(platform, category, school, topic, custodian);
    const audience = random.chance({ DISTRICT: 1, SCHOOL: 1, DEPARTMENT: 0.8, CLUB: 0.6, CLASSROOM: 0.25 }[category]) ? Audience.PUBLIC : Audience.PRIVATE;
    const kind = this.kindOf(platform, category);
    const identification: Identification = random.weighted([
      ['FULL', 70],
      [school ? 'SCHOOL_ONLY' : 'FULL', 12],
      ['NONE', 18],
    ] as const);
    const dormant = random.chance(0.1);
    return {
      platform,
      category,
      school,
      topic,
      teacher,
      displayName,
      custodian,
      coAdmins,
      audience,
      kind,
      identification,
      website: this.website(school, topic),
      dormant,
      postTimes: this.postTimes(dormant),
    };
  }

  private displayName(platform: BulkPlatform, category: Category, school: BulkSchool | null, topic: Topic, custodian: BulkPerson): string {
    const { random, district } = this;
    let name: string;
    if (category === 'DISTRICT') name = topic.label === '' ? district.name : `Riverbend Schools ${topic.label}`;
    else if (category === 'SCHOOL') name = school!.name;
    else if (category === 'DEPARTMENT') name = `${school!.name} ${topic.label}`;
    else if (category === 'CLUB') name = `${random.chance(0.7) ? school!.shortName : school!.initials.toUpperCase()} ${topic.label}`;
    else name = `${custodian.honorific} ${custodian.lastName}'s ${topic.label}`;
    // X allows 50 characters; the same cap everywhere keeps a display name the same on every platform.
    const fit = (text: string) => text.slice(0, 50).trim();
    const taken = this.takenNames.get(platform)!;
    let candidate = fit(name);
    if (taken.has(candidate)) candidate = fit(`${name} (${custodian.honorific} ${custodian.lastName})`);
    for (let suffix = 2; taken.has(candidate); suffix += 1) candidate = `${fit(name).slice(0, 50 - String(suffix).length - 1)} ${suffix}`;
    taken.add(candidate);
    return candidate;
  }

  private kindOf(platform: BulkPlatform, category: Category): AccountKind {
    if (platform === Platform.FACEBOOK || platform === Platform.LINKEDIN) return AccountKind.PLATFORM_ROLES;
    const individual = category === 'CLASSROOM' ? 0.7 : platform === Platform.YOUTUBE ? 0.1 : 0.15;
    return this.random.chance(individual) ? AccountKind.INDIVIDUAL : AccountKind.SHARED_LOGIN;
  }

  /** Mostly the school's site (a page below it, sometimes), else the district's, a link page, or nothing. */
  private website(school: BulkSchool | null, topic: Topic): string | null {
    const { random, district } = this;
    const own = school?.websiteUrl ?? district.websiteUrl;
    const choice = random.weighted([
      ['OWN', 70],
      ['DISTRICT', 8],
      ['ELSEWHERE', 7],
      ['NONE', 15],
    ] as const);
    if (choice === 'NONE') return null;
    if (choice === 'DISTRICT') return district.websiteUrl;
    if (choice === 'ELSEWHERE') {
      const slug = asciiSlug(`${school?.shortName ?? 'riverbend'}${topic.short}`) || 'riverbend';
      return random.chance(0.5) ? `https://linktr.ee/${slug}` : `https://sites.google.com/view/${slug}`;
    }
    return topic.short && random.chance(0.4) ? `${own}/${topic.short}` : own;
  }

  /** Active accounts posted in the last few weeks; dormant ones long ago, or never. */
  private postTimes(dormant: boolean): number[] {
    const { random, now } = this;
    if (dormant && random.chance(0.5)) return [];
    const count = dormant ? random.integer(1, 3) : random.integer(1, 8);
    let time = now - (dormant ? random.integer(200, 900) : random.integer(0, 20)) * DAY_MS - random.integer(60, 600) * MINUTE_MS;
    const times: number[] = [];
    for (let made = 0; made < count; made += 1) {
      times.push(time);
      time -= random.integer(2, 14) * DAY_MS + random.integer(0, 600) * MINUTE_MS;
    }
    return times;
  }

  /** Up to 3 comments after the post (never in the future); about one in eight unwanted. */
  comments(postTime: number): Array<{ time: number; text: string; unwanted: boolean }> {
    const { random, now } = this;
    return Array.from({ length: random.integer(0, 3) }, () => {
      const unwanted = random.chance(0.12);
      return { time: Math.min(now - MINUTE_MS, postTime + random.integer(5, 2000) * MINUTE_MS), text: commentText(random, unwanted), unwanted };
    }).sort((left, right) => right.time - left.time);
  }

  /**
   * A post's text; now and then it names a student's handle on this platform, rarely a prohibited topic. Not the
   * same as the account's previous post.
   */
  postText(theme: Theme, school: BulkSchool | null, handleOf: ((student: BulkDistrict['students'][number]) => string | null) | null): string {
    const { random } = this;
    if (random.chance(0.01)) return postText(random, theme, { prohibited: true });
    if (school && handleOf && random.chance(0.02)) {
      const handles = this.district.students.filter((student) => student.schoolCode === school.code).flatMap((student) => handleOf(student) ?? []);
      if (handles.length > 0) return postText(random, theme, { mention: random.pick(handles) });
    }
    let text = postText(random, theme);
    if (text === this.previousPost) text = postText(random, theme);
    this.previousPost = text;
    return text;
  }

  bio(plan: Plan, maxLength: number): string {
    return profileText({
      random: this.random,
      category: plan.category,
      theme: plan.topic.theme,
      subject: plan.displayName,
      schoolName: plan.school?.name ?? null,
      districtName: this.district.name,
      identification: plan.identification,
      maxLength,
    });
  }

  /** The registry row of a person on one account. */
  admin(person: BulkPerson, platformRole: string, platformUserId: string | null = null): BulkAdmin {
    return {
      name: person.isServiceAccount ? 'IT Services' : person.name,
      email: person.email,
      employeeId: person.employeeId,
      platformUserId,
      platformRole,
      isServiceAccount: person.isServiceAccount,
    };
  }

  /** A departed colleague at the account's school, if the school has one. */
  departedAt(school: BulkSchool | null): BulkPerson | null {
    const departed = school ? this.peopleAt(school).departed : [];
    return departed.length > 0 ? this.random.pick(departed) : null;
  }

  /** The account's core registry fields; each platform adds its roster. */
  account(plan: Plan, fields: Pick<BulkAccount, 'handle' | 'externalId' | 'ownerUserId' | 'admins'>): BulkAccount {
    const { random, district } = this;
    const scope: AccountScope =
      plan.category === 'DISTRICT'
        ? plan.topic.label === ''
          ? AccountScope.DISTRICT
          : AccountScope.DEPARTMENT
        : ({ SCHOOL: AccountScope.SCHOOL, DEPARTMENT: AccountScope.DEPARTMENT, CLUB: AccountScope.CLUB, CLASSROOM: AccountScope.CLASSROOM } as const)[plan.category];
    let loginEmail: string | null = null;
    if (plan.kind === AccountKind.SHARED_LOGIN) {
      const local = fields.handle.replace(/[^a-z0-9.]+/g, '.').replace(/^\.+|\.+$/g, '');
      loginEmail = random.chance(0.85) ? `${local}@${district.emailDomain}` : `${local}.club@gmail.com`;
    } else if (plan.kind === AccountKind.INDIVIDUAL) {
      loginEmail = random.chance(0.9) ? plan.custodian.email : `${asciiSlug(plan.custodian.name)}.teaches@gmail.com`;
    }
    return {
      platform: plan.platform,
      ...fields,
      displayName: plan.displayName,
      ...(plan.website ? { websiteUrl: plan.website } : {}),
      scope,
      schoolCode: plan.school?.code ?? null,
      audience: plan.audience,
      publicJustification: plan.audience === Audience.PUBLIC ? random.pick(JUSTIFICATIONS) : null,
      kind: plan.kind,
      custodianEmail: plan.custodian.email,
      loginEmail,
      identification: plan.identification,
      dormant: plan.dormant,
    };
  }

  /** Shared-login and individual accounts: who knows the password, as the district recorded it. */
  sharedRoster(plan: Plan): BulkAdmin[] {
    const { random } = this;
    if (plan.kind === AccountKind.INDIVIDUAL) return [this.admin(plan.custodian, 'OWNER')];
    const roster = [this.admin(plan.custodian, 'ADMIN'), ...plan.coAdmins.slice(0, 2).map((person) => this.admin(person, 'ADMIN'))];
    const departed = random.chance(0.05) ? this.departedAt(plan.school) : null;
    if (departed && departed !== plan.custodian) roster.push(this.admin(departed, 'ADMIN'));
    if (random.chance(0.4)) roster.push(this.admin(this.serviceAccount, 'ADMIN'));
    return roster;
  }
}

/** Collects each platform's people as accounts reference them. */
class Referenced<T> {
  private readonly items = new Map<string, T>();
  add(id: string, make: () => T): void {
    if (!this.items.has(id)) this.items.set(id, make());
  }
  values(): T[] {
    return [...this.items.values()];
  }
}

function facebook(generator: Generator, count: number): { fixture: FacebookFixture; accounts: BulkAccount[] } {
  const { random } = generator;
  const people = new Referenced<FacebookFixture['people'][number]>();
  const person = (member: BulkPerson) =>
    people.add(member.facebookId, () => ({ id: member.facebookId, name: member.name, kind: member.isServiceAccount ? 'SYSTEM_USER' : 'PERSON' }));
  const pages: FacebookFixture['pages'] = [];
  const accounts: BulkAccount[] = [];
  let commentSequence = 0;
  for (let index = 0; index < count; index += 1) {
    const plan = generator.plan(Platform.FACEBOOK);
    const id = `1082${pad(index + 1, 11)}`;
    const handle = generator.handle(Platform.FACEBOOK, compactHandle(plan), 50);

    // The platform's roster (2-4 people with Page roles) and the registry's view of it.
    const roles: FacebookFixture['pages'][number]['roles'] = [{ userId: plan.custodian.facebookId, tasks: FULL_PAGE_TASKS }];
    const registry: BulkAdmin[] = [];
    const recordsIds = random.chance(0.5);
    const register = (member: BulkPerson, role: string) => registry.push(generator.admin(member, role, recordsIds ? member.facebookId : null));
    person(plan.custodian);
    register(plan.custodian, 'ADMIN');
    for (const member of plan.coAdmins) {
      const role = random.weighted(PAGE_ROLES.map((candidate) => [candidate, candidate.weight] as const));
      roles.push({ userId: member.facebookId, tasks: role.tasks });
      person(member);
      register(member, role.registryRole);
    }
    const departed = random.chance(0.08) ? generator.departedAt(plan.school) : null;
    if (departed && !roles.some((row) => row.userId === departed.facebookId) && roles.length < 4) {
      roles.push({ userId: departed.facebookId, tasks: PAGE_ROLES[0].tasks });
      person(departed);
      if (random.chance(0.5)) register(departed, 'EDITOR');
    }
    if (random.chance(0.04) && roles.length < 4) {
      const outsider = random.pick(generator.district.outsiders);
      roles.push({ userId: outsider.facebookId, tasks: PAGE_ROLES[0].tasks });
      person(outsider);
    }
    const inBusiness = random.chance(0.55);
    if (inBusiness) {
      person(generator.serviceAccount);
      register(generator.serviceAccount, 'ADMIN');
    }

    const about = generator.bio(plan, 255);
    const posts = plan.postTimes.map((time, position) => {
      const postId = `${id}_${pad(position + 1, 4)}`;
      return {
        id: postId,
        createdTime: iso(time),
        message: generator.postText(plan.topic.theme, plan.school, null),
        isHidden: random.chance(0.02),
        messageTags: [],
        comments: generator.comments(time).map((comment) => {
          commentSequence += 1;
          const author = random.pick(generator.district.outsiders);
          return {
            id: `${postId}_${commentSequence}`,
            createdTime: iso(comment.time),
            fromId: author.facebookId,
            fromName: author.name,
            message: comment.text,
            isHidden: comment.unwanted && random.chance(0.8),
          };
        }),
      };
    });
    pages.push({
      id,
      username: handle,
      name: plan.displayName,
      category: { DISTRICT: 'School District', SCHOOL: 'School', DEPARTMENT: 'Education', CLUB: 'Community Organization', CLASSROOM: 'Education' }[plan.category],
      about,
      description: random.chance(0.4) ? "This page is moderated under the district's social media procedure." : null,
      website: plan.website,
      emails: random.chance(0.5) ? [plan.custodian.email] : [],
      phone: random.chance(0.3) ? `+1 604 555 ${pad(random.integer(100, 9999), 4)}` : null,
      isPublished: plan.audience === Audience.PUBLIC || random.chance(0.3),
      followersCount: random.integer(20, 5000),
      fanCount: random.integer(20, 5000),
      businessId: inBusiness ? DISTRICT_BUSINESS_ID : null,
      roles,
      assignedUsers: inBusiness ? [{ userId: generator.serviceAccount.facebookId, tasks: FULL_PAGE_TASKS }] : [],
      settings: [
        { setting: 'PROFANITY_FILTER', value: random.weighted([['OFF', 40], ['MEDIUM', 35], ['STRONG', 25]] as const) },
        ...(random.chance(0.3) ? [{ setting: 'BLOCKED_KEYWORDS', value: ['fight video', 'free followers'] }] : []),
      ],
      posts,
    });
    accounts.push(generator.account(plan, { handle, externalId: id, ownerUserId: plan.custodian.facebookId, admins: registry }));
  }
  return {
    fixture: { people: people.values(), businesses: [{ id: DISTRICT_BUSINESS_ID, name: generator.district.name }], pages },
    accounts,
  };
}

function instagram(generator: Generator, count: number): { fixture: InstagramFixtureInput; accounts: BulkAccount[] } {
  const { random } = generator;
  const fixtureAccounts: InstagramFixtureInput['accounts'] = [];
  const accounts: BulkAccount[] = [];
  let mediaSequence = 0;
  let commentSequence = 0;
  for (let index = 0; index < count; index += 1) {
    const plan = generator.plan(Platform.INSTAGRAM);
    const userId = `17841${pad(index + 1, 12)}`;
    const handleBase =
      plan.category === 'CLASSROOM'
        ? `${honorificSlug(plan.custodian)}.${asciiSlug(plan.custodian.lastName)}.${plan.topic.short}`
        : plan.category === 'SCHOOL' || plan.category === 'DISTRICT'
          ? plan.displayName.toLowerCase().replace(/[^a-z0-9]+/g, '.').replace(/^\.|\.$/g, '')
          : `${asciiSlug(plan.school?.shortName ?? 'riverbend')}.${asciiSlug(plan.topic.label)}`;
    const handle = generator.handle(Platform.INSTAGRAM, handleBase, 30);
    const media = plan.postTimes.map((time) => {
      mediaSequence += 1;
      return {
        id: `18${pad(mediaSequence, 15)}`,
        caption: generator.postText(plan.topic.theme, plan.school, (student) => student.instagramHandle),
        mediaType: random.weighted([['IMAGE', 60], ['CAROUSEL_ALBUM', 25], ['VIDEO', 15]] as const),
        mediaProductType: random.chance(0.15) ? ('REELS' as const) : ('FEED' as const),
        timestamp: iso(time),
        commentEnabled: random.chance(0.9),
        likeCount: random.integer(0, 300),
        comments: generator.comments(time).map((comment) => {
          commentSequence += 1;
          const author = random.pick(generator.district.outsiders);
          return {
            id: `179${pad(commentSequence, 14)}`,
            text: comment.text,
            username: `${asciiSlug(author.firstName)}.${asciiSlug(author.lastName)}`,
            timestamp: iso(comment.time),
            hidden: comment.unwanted && random.chance(0.7),
          };
        }),
      };
    });
    fixtureAccounts.push({
      id: `93${pad(index + 1, 14)}`,
      userId,
      username: handle,
      name: plan.displayName,
      accountType: random.chance(0.85) ? 'BUSINESS' : 'MEDIA_CREATOR',
      biography: generator.bio(plan, 150),
      website: plan.website,
      followersCount: random.integer(30, 3000),
      followsCount: random.integer(0, 300),
      media,
    });
    accounts.push(generator.account(plan, { handle, externalId: userId, ownerUserId: userId, admins: generator.sharedRoster(plan) }));
  }
  return { fixture: { accounts: fixtureAccounts }, accounts };
}

function x(generator: Generator, count: number): { fixture: XFixture; accounts: BulkAccount[] } {
  const { random, district } = generator;
  const users: XFixture['users'] = [];
  const accounts: BulkAccount[] = [];
  const plans: Plan[] = [];
  let tweetSequence = 0;
  for (let index = 0; index < count; index += 1) {
    const plan = generator.plan(Platform.X);
    plans.push(plan);
    const id = `14${pad(index + 1, 17)}`;
    const handleBase =
      plan.category === 'CLASSROOM'
        ? `${honorificSlug(plan.custodian)}${asciiSlug(plan.custodian.lastName).slice(0, 7)}_${plan.topic.short}`
        : plan.category === 'DISTRICT'
          ? plan.topic.short
            ? `rbsd_${plan.topic.short}`
            : 'riverbendsd'
          : plan.category === 'SCHOOL'
            ? `${asciiSlug(plan.school!.shortName).slice(0, 13)}_${plan.school!.level[0].toLowerCase()}`
            : `${plan.school!.initials}_${plan.topic.short}`;
    const handle = generator.handle(Platform.X, handleBase, 15);
    const protectedAccount = plan.audience === Audience.PRIVATE ? random.chance(0.9) : random.chance(0.03);
    users.push({
      id,
      username: handle,
      name: plan.displayName.slice(0, 50),
      description: generator.bio(plan, 160),
      website: plan.website,
      location: random.chance(0.6) ? 'Riverbend, BC' : null,
      protected: protectedAccount,
      createdAt: iso(generator.now - random.integer(200, 4000) * DAY_MS),
      followersCount: random.integer(10, 4000),
      listedCount: random.integer(0, 40),
      likeCount: random.integer(0, 2000),
      following: [],
      tweets: plan.postTimes.map((time) => {
        tweetSequence += 1;
        return {
          id: `20${pad(tweetSequence, 17)}`,
          text: generator.postText(plan.topic.theme, plan.school, (student) => student.xHandle).slice(0, 280),
          createdAt: iso(time),
          replySettings: random.weighted<ReplySetting>([['everyone', 70], ['following', 15], ['mentionedUsers', 15]]),
        };
      }),
    });
    accounts.push(generator.account(plan, { handle, externalId: id, ownerUserId: id, admins: generator.sharedRoster(plan) }));
  }

  // The people and organisations district accounts follow: the community, the district's and school's own accounts, now and then a student.
  const community = X_COMMUNITY.map(([username, name], index) => ({
    id: `13${pad(index + 1, 17)}`,
    username,
    name,
    description: `${name}. Serving Riverbend and the valley.`,
    createdAt: iso(generator.now - (3000 + index * 40) * DAY_MS),
    followersCount: 500 + index * 731,
  }));
  const students = district.students.filter((student) => student.xHandle && student.xUserId);
  const studentUsers = students.map((student) => ({
    id: student.xUserId!,
    username: student.xHandle!,
    name: student.displayName,
    description: 'just me',
    createdAt: iso(generator.now - 400 * DAY_MS),
    followersCount: 120,
  }));
  const districtMain = accounts.find((account) => account.scope === AccountScope.DISTRICT)?.externalId ?? null;
  const schoolMain = new Map(
    plans.flatMap((plan, index) => (plan.category === 'SCHOOL' && plan.school ? [[plan.school.code, accounts[index].externalId] as const] : [])),
  );
  users.forEach((user, index) => {
    const plan = plans[index];
    const candidates = [
      ...(districtMain && districtMain !== user.id ? [districtMain] : []),
      ...(plan.school && schoolMain.get(plan.school.code) !== user.id && schoolMain.has(plan.school.code) ? [schoolMain.get(plan.school.code)!] : []),
      ...random.sample(community, 3).map((candidate) => candidate.id),
    ];
    const following = random.sample(candidates, random.integer(plan.dormant ? 0 : 1, 4));
    const schoolStudents = students.filter((student) => student.schoolCode === plan.school?.code);
    if (schoolStudents.length > 0 && random.chance(0.03)) following.unshift(random.pick(schoolStudents).xUserId!);
    user.following = following;
  });
  return { fixture: { users: [...users, ...community, ...studentUsers] }, accounts };
}

function youtube(generator: Generator, count: number): { fixture: YouTubeFixture; accounts: BulkAccount[] } {
  const { random } = generator;
  const users = new Referenced<YouTubeFixture['users'][number]>();
  const user = (member: BulkPerson) => users.add(member.googleId, () => ({ id: member.googleId, name: member.name, email: member.email }));
  const channels: YouTubeFixture['channels'] = [];
  const accounts: BulkAccount[] = [];
  const channelId = () => generator.uniqueId(() => `UC${random.characters(YOUTUBE_ID_CHARACTERS, 22)}`);
  const commenters = Array.from({ length: 60 }, () => ({ name: random.pick(generator.district.outsiders).name, channelId: channelId() }));
  for (let index = 0; index < count; index += 1) {
    const plan = generator.plan(Platform.YOUTUBE);
    const id = channelId();
    const handle = generator.handle(Platform.YOUTUBE, compactHandle(plan), 30);
    const managers = plan.coAdmins.slice(0, random.integer(0, 2));
    // The district's IT account manages some channels (a Brand Account manager, as the policy asks).
    if (random.chance(0.4)) managers.push(generator.serviceAccount);
    user(plan.custodian);
    managers.forEach(user);
    const bio = generator.bio(plan, 600);
    const description = plan.website ? `${bio}\n\nWebsite: ${plan.website}` : bio;
    const channelPrivacy =
      plan.audience === Audience.PUBLIC ? 'public' : random.weighted([['unlisted', 50], ['private', 30], ['public', 20]] as const);
    channels.push({
      id,
      ownerUserId: plan.custodian.googleId,
      managerUserIds: managers.map((manager) => manager.googleId),
      title: plan.displayName,
      customUrl: `@${handle}`,
      description,
      keywords: `"${plan.displayName}" "${generator.district.name}"`,
      country: 'CA',
      defaultLanguage: 'en',
      publishedAt: iso(generator.now - random.integer(300, 3000) * DAY_MS),
      privacyStatus: channelPrivacy,
      madeForKids: false,
      subscriberCount: random.integer(5, 2500),
      hiddenSubscriberCount: random.chance(0.1),
      viewCount: random.integer(100, 90_000),
      videos: plan.postTimes.map((time) => {
        const text = generator.postText(plan.topic.theme, plan.school, null);
        return {
          id: generator.uniqueId(() => random.characters(YOUTUBE_ID_CHARACTERS, 11)),
          title: text.split(/[.!]/)[0].slice(0, 100),
          description: text,
          publishedAt: iso(time),
          privacyStatus: random.weighted([['public', 80], ['unlisted', 20]] as const),
          commentsDisabled: random.chance(0.1),
          viewCount: random.integer(10, 3000),
          comments: generator.comments(time).map((comment) => {
            const author = random.pick(commenters);
            return {
              id: generator.uniqueId(() => `Ugx${random.characters(ALPHANUMERIC, 20)}AaABAg`),
              authorDisplayName: author.name,
              authorChannelId: author.channelId,
              text: comment.text,
              publishedAt: iso(comment.time),
              moderationStatus: comment.unwanted ? random.weighted([['heldForReview', 70], ['likelySpam', 20], ['published', 10]] as const) : ('published' as const),
            };
          }),
        };
      }),
    });
    const registry = [generator.admin(plan.custodian, 'OWNER'), ...managers.map((manager) => generator.admin(manager, 'MANAGER'))];
    accounts.push(generator.account(plan, { handle, externalId: id, ownerUserId: plan.custodian.googleId, admins: registry }));
  }
  return { fixture: { dailyQuotaUnits: null, users: users.values(), channels }, accounts };
}

function linkedin(generator: Generator, count: number): { fixture: LinkedinFixture; accounts: BulkAccount[] } {
  const { random } = generator;
  const members = new Referenced<LinkedinFixture['members'][number]>();
  const member = (person: BulkPerson) => members.add(person.linkedinId, () => ({ id: person.linkedinId, name: person.name, email: person.email }));
  const organizations: LinkedinFixture['organizations'] = [];
  const accounts: BulkAccount[] = [];
  const escape = (text: string) => text.replace(/([|{}@[\]()<>#\\*_~])/g, '\\$1');
  const commenters = Array.from({ length: 60 }, () => `urn:li:person:${generator.uniqueId(() => random.characters(ALPHANUMERIC, 10))}`);
  let postSequence = 0;
  for (let index = 0; index < count; index += 1) {
    const plan = generator.plan(Platform.LINKEDIN);
    const id = 91_000_000 + index + 1;
    const handleBase = plan.displayName
      .normalize('NFKD')
      .replace(/\p{M}+/gu, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '');
    const handle = generator.handle(Platform.LINKEDIN, handleBase, 100);
    // Pages are connected by the district's communications team, a handful of people: their tokens read many
    // pages each, as in a real district (and LinkedIn's organization lookup costs per distinct token).
    const owner = random.pick(generator.communications());
    const acls: LinkedinFixture['organizations'][number]['acls'] = [];
    const registry: BulkAdmin[] = [];
    const grant = (person: BulkPerson, role: OrganizationRole, state: RoleState = 'APPROVED', registered = state === 'APPROVED') => {
      if (acls.some((acl) => acl.member === person.linkedinId && acl.role === role)) return;
      acls.push({ member: person.linkedinId, role, state });
      member(person);
      if (registered && !registry.some((admin) => admin.name === person.name || (person.isServiceAccount && admin.isServiceAccount))) {
        registry.push(generator.admin(person, role, `urn:li:person:${person.linkedinId}`));
      }
    };
    // 2-4 people: the owner, the custodian, colleagues, now and then someone who has left; the IT account besides.
    grant(owner, 'ADMINISTRATOR');
    if (plan.custodian !== owner) grant(plan.custodian, random.chance(0.7) ? 'ADMINISTRATOR' : 'CONTENT_ADMINISTRATOR');
    const departed = random.chance(0.06) ? generator.departedAt(plan.school) : null;
    const room = 4 - acls.length - (departed ? 1 : 0);
    for (const colleague of plan.coAdmins.slice(0, random.integer(acls.length === 1 ? 1 : 0, room))) {
      grant(colleague, random.weighted([['CONTENT_ADMINISTRATOR', 40], ['ANALYST', 35], ['CURATOR', 25]] as const));
    }
    if (departed) grant(departed, 'ADMINISTRATOR', 'APPROVED', random.chance(0.5));
    if (random.chance(0.05)) grant(random.pick(generator.district.outsiders), 'ADMINISTRATOR', 'REQUESTED');
    if (random.chance(0.5)) grant(generator.serviceAccount, 'ADMINISTRATOR');
    organizations.push({
      id,
      vanityName: handle,
      localizedName: plan.displayName,
      description: generator.bio(plan, 600),
      website: plan.website,
      organizationType: 'EDUCATIONAL',
      primaryOrganizationType: plan.category === 'DISTRICT' ? 'SCHOOL_DISTRICT' : 'SCHOOL',
      followerCount: random.integer(20, 4000),
      acls,
      posts: plan.postTimes.map((time) => {
        postSequence += 1;
        const postId = `74${pad(postSequence, 17)}`;
        return {
          id: `urn:li:share:${postId}`,
          commentary: escape(generator.postText(plan.topic.theme, plan.school, null)),
          createdAt: iso(time),
          publishedAt: iso(time),
          commentsState: random.chance(0.9) ? ('OPEN' as const) : ('CLOSED' as const),
          comments: generator.comments(time).map((comment, position) => ({
            id: `${postId}${position + 1}`,
            actor: random.pick(commenters),
            message: comment.text,
            createdAt: iso(comment.time),
          })),
        };
      }),
    });
    accounts.push(generator.account(plan, { handle, externalId: String(id), ownerUserId: owner.linkedinId, admins: registry }));
  }
  return {
    fixture: { application: { refreshTokens: true, dailyCallLimitPerMember: null }, members: members.values(), organizations },
    accounts,
  };
}

/**
 * `perPlatform` accounts on each of the five platforms, their simulator fixtures, and the district they belong
 * to. The same seed and `now` give the same result; posts are dated relative to `now`.
 */
export function bulkFixtures(perPlatform: number, options: { seed?: number; now?: Date } = {}): BulkFixtures {
  if (!Number.isInteger(perPlatform) || perPlatform < 1) throw new Error('perPlatform must be a positive integer');
  const generator = new Generator(options.seed ?? 1, options.now ?? new Date());
  const built = {
    [Platform.FACEBOOK]: facebook(generator, perPlatform),
    [Platform.INSTAGRAM]: instagram(generator, perPlatform),
    [Platform.X]: x(generator, perPlatform),
    [Platform.YOUTUBE]: youtube(generator, perPlatform),
    [Platform.LINKEDIN]: linkedin(generator, perPlatform),
  };
  return {
    fixtures: {
      [Platform.FACEBOOK]: built[Platform.FACEBOOK].fixture,
      [Platform.INSTAGRAM]: built[Platform.INSTAGRAM].fixture,
      [Platform.X]: built[Platform.X].fixture,
      [Platform.YOUTUBE]: built[Platform.YOUTUBE].fixture,
      [Platform.LINKEDIN]: built[Platform.LINKEDIN].fixture,
    },
    accounts: BULK_PLATFORMS.flatMap((platform) => built[platform].accounts),
    district: generator.district,
  };
}
