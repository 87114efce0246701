import type { AccountSnapshot } from '../../integrations/snapshot';
import { AccountKind, AccountScope, AccountStatus, Audience, Platform } from '../../src/accounts/account.enums';
import { StaffRole, StaffStatus } from '../../src/people/people.enums';
import type { AccountFacts, PeopleIndex, RuleDefinition, RuleInput, StaffFacts, StudentMatch } from '../../src/compliance/rule';

export const NOW = new Date('2026-11-22T12:00:00Z');

export function staff(overrides: Partial<StaffFacts> = {}): StaffFacts {
  return {
    employeeId: 'E1',
    name: 'Dana Whitford',
    email: 'dana.whitford@sd.example.org',
    schoolId: 'school-1',
    role: StaffRole.PRINCIPAL,
    status: StaffStatus.ACTIVE,
    departedAt: null,
    ...overrides,
  };
}

/**
 * A plain roster index for rule tests: exact lower-case email and employee id, handles without '@'. The real
 * index (src/compliance/people-index.ts) adds the normalisation and has its own tests.
 */
export function people(staffList: StaffFacts[] = [], students: Array<StudentMatch & { platform: Platform; handle: string }> = []): PeopleIndex {
  const byEmail = new Map(staffList.map((member) => [member.email.toLowerCase(), member]));
  const byId = new Map(staffList.map((member) => [member.employeeId, member]));
  const key = (platform: Platform, handle: string) => `${platform}:${handle.replace(/^@/, '').toLowerCase()}`;
  const byHandle = new Map(students.map((student) => [key(student.platform, student.handle), student]));
  return {
    staffByEmail: (email) => byEmail.get(email.toLowerCase()) ?? null,
    staffByEmployeeId: (employeeId) => byId.get(employeeId) ?? null,
    matchStaff: (person) =>
      (person.employeeId ? byId.get(person.employeeId) : undefined) ?? (person.email ? byEmail.get(person.email.toLowerCase()) : undefined) ?? null,
    studentByHandle: (platform, handle) => {
      const found = byHandle.get(key(platform, handle));
      return found ? { studentId: found.studentId, schoolId: found.schoolId, mediaConsent: found.mediaConsent } : null;
    },
    allStaff: () => staffList,
  };
}

export function account(overrides: Partial<AccountFacts> = {}): AccountFacts {
  return {
    id: 'account-1',
    platform: Platform.FACEBOOK,
    handle: 'mapleridge',
    displayName: 'Maple Ridge Secondary',
    scope: AccountScope.SCHOOL,
    audience: Audience.PUBLIC,
    publicJustification: 'School news for families.',
    kind: AccountKind.PLATFORM_ROLES,
    custodianEmail: 'dana.whitford@sd.example.org',
    loginEmail: null,
    status: AccountStatus.ACTIVE,
    registeredAt: new Date('2026-01-10T00:00:00Z'),
    approvedAt: new Date('2026-01-11T00:00:00Z'),
    approverRole: 'PRINCIPAL',
    platformCreatedAt: null,
    admins: [],
    formerAdmins: [],
    credentialRotations: [],
    ...overrides,
  };
}

export function snapshotData(overrides: Partial<AccountSnapshot> = {}): AccountSnapshot {
  return {
    platform: Platform.FACEBOOK,
    externalId: '1001',
    handle: 'mapleridge',
    displayName: 'Maple Ridge Secondary',
    profileText: 'Official page of Maple Ridge Secondary, Sandbox School District.',
    website: 'https://mapleridge.sd.example.org',
    profileLinks: [],
    audience: 'PUBLIC',
    comments: { mode: 'FILTERED', lastModeratedAt: '2026-11-22T08:00:00Z', heldForReviewCount: null },
    admins: [],
    recentPosts: [],
    following: [],
    lastPostAt: '2026-11-20T10:00:00Z',
    contactEmail: null,
    followerCount: 100,
    unavailable: [],
    ...overrides,
  };
}

/** A complete RuleInput with sensible compliant defaults; override what the test is about. */
export function ruleInput(rule: RuleDefinition, overrides: Partial<RuleInput> = {}): RuleInput {
  const parameters = Object.fromEntries(rule.parameters.map((parameter) => [parameter.name, parameter.default]));
  return {
    account: account(),
    snapshot: { id: 'snapshot-1', fetchedAt: new Date('2026-11-22T06:00:00Z'), data: snapshotData() },
    people: people([staff()]),
    district: { id: 'district-1', name: 'Sandbox School District', emailDomains: ['sd.example.org'], websiteUrl: 'https://www.sd.example.org' },
    school: { id: 'school-1', name: 'Maple Ridge Secondary', code: 'MRS', websiteUrl: 'https://mapleridge.sd.example.org' },
    now: NOW,
    ...overrides,
    parameters: { ...parameters, ...(overrides.parameters ?? {}) },
  };
}
