import type { AccountSnapshot, SnapshotField } from '../../integrations/snapshot';
import type { RemediationKind } from '../../integrations/provider';
import type { AccountKind, AccountScope, AccountStatus, Audience, Platform } from '../accounts/account.enums';
import type { StaffRole, StaffStatus } from '../people/people.enums';

/**
 * The contract between the compliance engine and its rules (rules.md). A rule is a pure function of plain
 * facts: no I/O, no clock but `now`, no entities, so each is unit-tested on literals and 10 000 accounts judge
 * in well under a second.
 */

export type Severity = 'critical' | 'high' | 'medium' | 'low';

/** What a rule itself can conclude. EXEMPT and ERROR are the engine's (exceptions, failed fetches). */
export type RuleVerdict = 'PASS' | 'FAIL' | 'MANUAL' | 'NOT_APPLICABLE';

export type ParameterValue = string | number | boolean | string[];

export interface ParameterSpec {
  name: string;
  type: 'integer' | 'boolean' | 'string' | 'string[]';
  description: string;
  default: ParameterValue;
  /** For integers. */
  min?: number;
  max?: number;
  /** For strings and string lists: the allowed values, when closed. */
  allowed?: readonly string[];
}

export interface RuleRemediation {
  /** The platform action that fixes it where the platform's API can (see capabilities), else null. */
  automatic: RemediationKind | null;
  /** What a person does when it cannot be automatic, in order. */
  steps: string[];
}

/** The registry's record of the account (the district's intent). */
export interface AccountFacts {
  id: string;
  platform: Platform;
  handle: string;
  displayName: string | null;
  scope: AccountScope;
  audience: Audience;
  publicJustification: string | null;
  kind: AccountKind;
  custodianEmail: string;
  loginEmail: string | null;
  status: AccountStatus;
  registeredAt: Date;
  approvedAt: Date | null;
  /** Role of whoever approved (ApiRole value: DISTRICT_ADMIN, PRINCIPAL, ...). */
  approverRole: string | null;
  /** The account's creation date on the platform when known (earliest post, channel publishedAt, ...). */
  platformCreatedAt: Date | null;
  /** Registered roster (current members). */
  admins: RegistryAdmin[];
  /**
   * Access history: roster rows removed since (offboarding, a hand-over), most recent removal first. Someone removed
   * from the roster may still know a shared password, so the rotation rule still counts their departure.
   */
  formerAdmins: FormerRegistryAdmin[];
  /** Password rotations recorded for a shared login, newest first. */
  credentialRotations: Date[];
}

export interface RegistryAdmin {
  email: string | null;
  name: string | null;
  employeeId: string | null;
  platformUserId: string | null;
  platformRole: string;
  isServiceAccount: boolean;
  addedAt: Date;
}

export interface FormerRegistryAdmin extends RegistryAdmin {
  removedAt: Date;
}

export interface StaffFacts {
  employeeId: string;
  name: string;
  /** Lower case. */
  email: string;
  schoolId: string | null;
  role: StaffRole;
  status: StaffStatus;
  departedAt: Date | null;
}

export interface StudentMatch {
  studentId: string;
  schoolId: string;
  mediaConsent: boolean;
}

/** The rosters, indexed. Built once per district per evaluation (people-index.ts). */
export interface PeopleIndex {
  /** By normalised email (see matching/email.ts): case, and plus-addressing when the district allows it. */
  staffByEmail(email: string): StaffFacts | null;
  staffByEmployeeId(employeeId: string): StaffFacts | null;
  /** A registry admin or snapshot admin → staff member, by employee id first, then normalised email. */
  matchStaff(person: { email?: string | null; employeeId?: string | null }): StaffFacts | null;
  /** A platform handle (any case, with or without '@') → the student it belongs to, or null. */
  studentByHandle(platform: Platform, handle: string): StudentMatch | null;
  /** Every staff member (for departures). */
  allStaff(): readonly StaffFacts[];
}

export interface DistrictFacts {
  id: string;
  name: string;
  /** Lower case. */
  emailDomains: string[];
  websiteUrl: string | null;
}

export interface SchoolFacts {
  id: string;
  name: string;
  code: string;
  websiteUrl: string | null;
}

export interface SnapshotFacts {
  id: string;
  fetchedAt: Date;
  data: AccountSnapshot;
}

export interface RuleInput {
  account: AccountFacts;
  /** The latest successful snapshot, or null when there is none (the engine turns that into ERROR for snapshot rules). */
  snapshot: SnapshotFacts | null;
  people: PeopleIndex;
  district: DistrictFacts;
  /** The account's school; null for district-wide accounts. */
  school: SchoolFacts | null;
  /** This rule's parameters: the profile's values with the district's overrides applied, validated. */
  parameters: Record<string, ParameterValue>;
  now: Date;
}

export interface RuleOutcome {
  status: RuleVerdict;
  /** One line a principal understands. */
  message: string;
  /** The values the verdict rests on (field values, matched people, counts). JSON-serialisable; no secrets. */
  evidence: Record<string, unknown>;
}

export interface RuleDefinition {
  /** Stable id from rules.md, e.g. 'profile.identifying-language'. */
  id: string;
  title: string;
  severity: Severity;
  /** Why the rule exists, in a sentence. */
  rationale: string;
  /** 'registry' rules judge without a snapshot; 'snapshot' rules answer ERROR when there is none. */
  evidence: 'registry' | 'snapshot';
  /**
   * For registry rules that also read the snapshot when there is one (the platform roster): those fields. When
   * the platform can show them but the latest read failed, the engine answers ERROR rather than let the rule
   * fall back to MANUAL (which an attestation could turn into PASS).
   */
  snapshotFields?: readonly SnapshotField[];
  parameters: readonly ParameterSpec[];
  remediation: RuleRemediation;
  evaluate(input: RuleInput): RuleOutcome;
}

export const pass = (message: string, evidence: Record<string, unknown> = {}): RuleOutcome => ({ status: 'PASS', message, evidence });
export const fail = (message: string, evidence: Record<string, unknown> = {}): RuleOutcome => ({ status: 'FAIL', message, evidence });
export const manual = (message: string, evidence: Record<string, unknown> = {}): RuleOutcome => ({ status: 'MANUAL', message, evidence });
export const notApplicable = (message: string, evidence: Record<string, unknown> = {}): RuleOutcome => ({
  status: 'NOT_APPLICABLE',
  message,
  evidence,
});
