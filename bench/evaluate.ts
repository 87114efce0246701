import 'reflect-metadata';
import { Platform, AccountKind, AccountScope, AccountStatus, Audience } from '../src/accounts/account.enums';
import { evaluateAccount, preparePolicy, type AccountEvaluation } from '../src/compliance/engine';
import { createPeopleIndex } from '../src/compliance/people-index';
import { POLICY_PROFILES } from '../src/compliance/profiles';
import type { PolicyProfile } from '../src/compliance/policy-profile';
import type { StaffFacts } from '../src/compliance/rule';
import { RULES } from '../src/compliance/rules';
import { hashHandle } from '../src/people/handle-hash';
import { StaffRole, StaffStatus } from '../src/people/people.enums';
import { providerFor } from '../integrations/registry';
import { SnapshotField, type AccountSnapshot } from '../integrations/snapshot';

/**
 * bench:evaluate — judges ACCOUNTS accounts against all 16 rules (a profile with every rule on) with the real
 * engine, rules and people index, and prints the time and memory. Inputs are realistic in size: 50 recent posts
 * with mentions, a 200-account following list and a 5-person roster per account; 5 000 staff and 20 000 students
 * (40 000 hashed handles) in the district.
 */
const ACCOUNTS = Number(process.env.ACCOUNTS ?? 10_000);
const STAFF = 5_000;
const STUDENTS = 20_000;
const KEY = Buffer.alloc(32, 3);
const DISTRICT = 'district-bench';
const PLATFORMS = [Platform.FACEBOOK, Platform.INSTAGRAM, Platform.X, Platform.YOUTUBE, Platform.LINKEDIN];
const TEXTS = [
  'Great game tonight against @northview, thanks to everyone who came! Go Hawks.',
  'Reminder: picture day is Thursday. Order forms went home with @jordan.k.skates and classmates.',
  'Our grade 5 science fair projects are amazing. Join us for the potluck on Friday at 6.',
  'Vote for your student council reps this week. Mock election results posted Monday.',
  'Congratulations to the robotics team, provincial champions! #stem #proud',
];

function allRulesProfile(): PolicyProfile {
  const base = POLICY_PROFILES[1];
  return {
    ...base,
    id: 'bench-all-rules',
    rules: Object.fromEntries(RULES.map((rule) => [rule.id, { enabled: true, parameters: {}, citations: base.rules[rule.id]?.citations ?? [] }])),
  };
}

function snapshot(index: number, platform: Platform): AccountSnapshot {
  const unavailable = providerFor(platform)?.capabilities.unavailable ?? [];
  const posts = Array.from({ length: 50 }, (_unused, post) => ({
    externalId: `${index}-${post}`,
    createdAt: new Date(Date.now() - post * 86_400_000).toISOString(),
    text: TEXTS[(index + post) % TEXTS.length],
    url: null,
    mentions: post % 7 === 0 ? [`student${(index * 13 + post) % STUDENTS}`] : ['northview'],
    tags: [],
    commentsEnabled: post % 3 !== 0,
  }));
  return {
    platform,
    externalId: `ext-${index}`,
    handle: `account${index}`,
    displayName: `School ${index % 40}`,
    profileText: `Official account of School ${index % 40}, Bench School District. https://s${index % 40}.bench.example.org`,
    website: unavailable.includes(SnapshotField.WEBSITE) ? null : `https://s${index % 40}.bench.example.org/news`,
    profileLinks: [`https://s${index % 40}.bench.example.org`],
    audience: unavailable.includes(SnapshotField.AUDIENCE) ? null : index % 9 === 0 ? 'PRIVATE' : 'PUBLIC',
    comments: { mode: index % 2 ? 'PER_POST' : 'OPEN', lastModeratedAt: new Date(Date.now() - (index % 48) * 3_600_000).toISOString(), heldForReviewCount: null },
    admins: unavailable.includes(SnapshotField.ADMINS)
      ? null
      : Array.from({ length: 5 }, (_unused, admin) => ({ externalId: `p${index}-${admin}`, name: `Staff ${(index + admin) % STAFF}`, email: null, roles: ['MANAGE'], fullControl: admin === 0, source: 'roles' })),
    recentPosts: unavailable.includes(SnapshotField.RECENT_POSTS) ? null : posts,
    following: unavailable.includes(SnapshotField.FOLLOWING)
      ? null
      : Array.from({ length: 200 }, (_unused, follow) => ({ externalId: `f${follow}`, handle: follow % 50 === 0 ? `student${(index + follow) % STUDENTS}` : `org${follow}`, name: null })),
    lastPostAt: posts[0].createdAt,
    contactEmail: null,
    followerCount: 100 + index,
    unavailable,
  };
}

function main(): void {
  const staff: StaffFacts[] = Array.from({ length: STAFF }, (_unused, index) => ({
    employeeId: `E${index}`,
    name: `Staff ${index}`,
    email: `staff${index}@bench.example.org`,
    schoolId: `school-${index % 40}`,
    role: index % 50 === 0 ? StaffRole.PRINCIPAL : StaffRole.TEACHER,
    status: index % 25 === 0 ? StaffStatus.DEPARTED : StaffStatus.ACTIVE,
    departedAt: index % 25 === 0 ? new Date('2026-06-30T00:00:00Z') : null,
  }));
  const indexStarted = process.hrtime.bigint();
  const people = createPeopleIndex({
    staff,
    students: Array.from({ length: STUDENTS }, (_unused, index) => ({
      studentId: `S${index}`,
      schoolId: `school-${index % 40}`,
      mediaConsent: index % 3 !== 0,
      handleHashes: [Platform.INSTAGRAM, Platform.X].map((platform) => ({ platform, hash: hashHandle(KEY, DISTRICT, platform, `student${index}`) })),
    })),
    hashHandle: (platform, handle) => hashHandle(KEY, DISTRICT, platform, handle),
    allowPlusAddressing: false,
  });
  const indexMs = Number(process.hrtime.bigint() - indexStarted) / 1e6;

  const facts: AccountEvaluation[] = Array.from({ length: ACCOUNTS }, (_unused, index) => {
    const platform = PLATFORMS[index % PLATFORMS.length];
    return {
      account: {
        id: `account-${index}`,
        platform,
        handle: `account${index}`,
        displayName: `School ${index % 40}`,
        scope: index % 10 === 0 ? AccountScope.DISTRICT : AccountScope.SCHOOL,
        audience: Audience.PUBLIC,
        publicJustification: 'Community news.',
        kind: [AccountKind.PLATFORM_ROLES, AccountKind.SHARED_LOGIN, AccountKind.INDIVIDUAL][index % 3],
        custodianEmail: `staff${index % STAFF}@bench.example.org`,
        loginEmail: index % 3 === 0 ? null : `login${index}@bench.example.org`,
        status: AccountStatus.ACTIVE,
        registeredAt: new Date('2026-01-01T00:00:00Z'),
        approvedAt: new Date('2026-01-02T00:00:00Z'),
        approverRole: 'PRINCIPAL',
        platformCreatedAt: null,
        admins: Array.from({ length: 3 }, (_unused2, admin) => ({
          email: `staff${(index + admin) % STAFF}@bench.example.org`,
          name: `Staff ${(index + admin) % STAFF}`,
          employeeId: `E${(index + admin) % STAFF}`,
          platformUserId: `p${index}-${admin}`,
          platformRole: 'ADMIN',
          isServiceAccount: false,
          addedAt: new Date('2026-01-01T00:00:00Z'),
        })),
        formerAdmins: [],
        credentialRotations: index % 4 === 0 ? [] : [new Date('2026-08-01T00:00:00Z')],
      },
      snapshot: { id: `snapshot-${index}`, fetchedAt: new Date(), data: snapshot(index, platform) },
      fetchError: null,
      people,
      district: { id: DISTRICT, name: 'Bench School District', emailDomains: ['bench.example.org'], websiteUrl: 'https://www.bench.example.org' },
      school: { id: `school-${index % 40}`, name: `School ${index % 40}`, code: `S${index % 40}`, websiteUrl: `https://s${index % 40}.bench.example.org` },
      now: new Date(),
    };
  });
  const policy = preparePolicy({ rules: RULES, profile: allRulesProfile(), overrides: {}, remediationsOf: (platform) => providerFor(platform)?.capabilities.remediations ?? [] });
  global.gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  let peakHeap = heapBefore;
  const statuses = new Map<string, number>();
  const perRuleNs = new Map<string, bigint>();
  const started = process.hrtime.bigint();
  for (const [index, account] of facts.entries()) {
    for (const result of evaluateAccount(policy, account)) statuses.set(result.status, (statuses.get(result.status) ?? 0) + 1);
    if (index % 1000 === 0) peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
  }
  const totalMs = Number(process.hrtime.bigint() - started) / 1e6;
  peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);

  // Per rule, on a sample, to show where the time goes.
  for (const entry of policy.entries) {
    const ruleStarted = process.hrtime.bigint();
    for (const account of facts.slice(0, 2000)) entry.rule.evaluate({ ...account, parameters: entry.parameters });
    perRuleNs.set(entry.rule.id, process.hrtime.bigint() - ruleStarted);
  }
  console.log(`bench:evaluate  ${ACCOUNTS} accounts x ${policy.entries.length} rules = ${ACCOUNTS * policy.entries.length} results`);
  console.log(`people index (${STAFF} staff, ${STUDENTS} students, ${STUDENTS * 2} handles): ${indexMs.toFixed(0)} ms`);
  console.log(`evaluation: ${totalMs.toFixed(0)} ms total, ${((totalMs * 1000) / ACCOUNTS).toFixed(1)} µs per account`);
  console.log(`heap: ${(heapBefore / 1048576).toFixed(0)} MiB before (inputs), peak ${(peakHeap / 1048576).toFixed(0)} MiB during; RSS ${(process.memoryUsage().rss / 1048576).toFixed(0)} MiB`);
  console.log(`statuses: ${[...statuses].map(([status, count]) => `${status} ${count}`).join(', ')}`);
  console.log('per rule (2 000 accounts):');
  for (const [id, ns] of [...perRuleNs].sort((left, right) => Number(right[1] - left[1]))) console.log(`  ${id.padEnd(30)} ${(Number(ns) / 1e6).toFixed(1).padStart(7)} ms`);
}

main();
