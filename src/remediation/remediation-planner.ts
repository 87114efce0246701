import { RemediationKind } from '../../integrations/provider';
import type { AccountSnapshot } from '../../integrations/snapshot';
import { Platform } from '../accounts/account.enums';
import type { AccountAdmin } from '../accounts/account-admin.entity';
import type { SocialAccount } from '../accounts/social-account.entity';
import type { RemediationOperation } from './remediation-action.entity';
import { RemediationActionKind, RemediationStatus } from './remediation.enums';

export interface PlanInput {
  account: SocialAccount;
  ruleId: string;
  /** The rule's latest result on the account: its evidence names what to change. */
  evidence: Record<string, unknown>;
  message: string;
  /** The rule's manual steps (the result's remediation). */
  steps: string[];
  snapshot: AccountSnapshot | null;
  /** The registry roster, current rows. */
  admins: AccountAdmin[];
  remediations: readonly RemediationKind[];
  connected: boolean;
}

export interface Plan {
  kind: RemediationActionKind;
  status: RemediationStatus;
  operations: RemediationOperation[];
  steps: string[];
  /** Registry rows the fix takes off the roster (departed staff, students, outsiders). */
  registryRemovals: string[];
}

/** Longest bio each platform takes (X 160, Facebook's about 255, YouTube 1 000, LinkedIn 2 000). */
const PROFILE_TEXT_LIMIT: Partial<Record<Platform, number>> = {
  [Platform.X]: 160,
  [Platform.FACEBOOK]: 255,
  [Platform.YOUTUBE]: 1000,
  [Platform.LINKEDIN]: 2000,
};

/** Platforms whose snapshot profile text joins several fields, of which the fix writes one. */
const COMPOSITE_PROFILE_TEXT = new Set<Platform>([Platform.FACEBOOK]);

const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string' && item !== '') : []);
const records = (value: unknown): Array<Record<string, unknown>> =>
  Array.isArray(value) ? value.filter((item): item is Record<string, unknown> => typeof item === 'object' && item !== null) : [];
const text = (value: unknown): string | null => (typeof value === 'string' && value.trim() !== '' ? value : null);

const operation = (kind: RemediationKind, params: RemediationOperation['params'], target: string): RemediationOperation => ({ kind, params, target, status: 'PENDING' });

/** The bio with the missing names added: kept as it is when they fit, else the identifying sentence alone. */
export function identifyingText(platform: Platform, current: string | null, missing: string[]): string | null {
  const sentence = `Official account of ${missing.join(', ')}.`;
  const limit = PROFILE_TEXT_LIMIT[platform] ?? 150;
  // A cut sentence would still miss a name: a person writes a shorter bio instead.
  if (sentence.length > limit) return null;
  // Facebook's profile text is about and description joined; the fix writes about alone, so it must not carry the description.
  if (COMPOSITE_PROFILE_TEXT.has(platform)) return sentence;
  const kept = (current ?? '').trim();
  const combined = kept === '' ? sentence : `${kept} ${sentence}`;
  return combined.length <= limit ? combined : sentence;
}

/** The platform operations that fix the rule, or null when the platform's API cannot (a manual task). */
function operationsFor(
  input: PlanInput,
): { kind: RemediationActionKind; operations: RemediationOperation[]; registryRemovals: string[]; steps?: string[] } | null {
  const { account, evidence } = input;
  const can = (kind: RemediationKind) => input.remediations.includes(kind);
  switch (input.ruleId) {
    case 'profile.identifying-language': {
      const missing = strings(evidence.missing);
      if (!can(RemediationKind.UPDATE_PROFILE_TEXT) || missing.length === 0) return null;
      const value = identifyingText(account.platform, text(evidence.profileText), missing);
      if (value === null) return null;
      return { kind: RemediationActionKind.UPDATE_PROFILE_TEXT, operations: [operation(RemediationKind.UPDATE_PROFILE_TEXT, { text: value }, 'profile text')], registryRemovals: [] };
    }
    case 'profile.website-link': {
      const site = text(evidence.expectedSite);
      if (!can(RemediationKind.UPDATE_WEBSITE) || !site) return null;
      return { kind: RemediationActionKind.UPDATE_WEBSITE, operations: [operation(RemediationKind.UPDATE_WEBSITE, { url: site }, 'website')], registryRemovals: [] };
    }
    case 'privacy.audience': {
      // YouTube's API sets one video's privacy, never the channel's (platforms.md §4.3): the channel is manual.
      const reasons = strings(evidence.reasons);
      if (!can(RemediationKind.SET_AUDIENCE_PRIVATE) || account.platform === Platform.YOUTUBE || !reasons.includes('PLATFORM_PUBLIC_REGISTERED_PRIVATE')) return null;
      return { kind: RemediationActionKind.SET_AUDIENCE_PRIVATE, operations: [operation(RemediationKind.SET_AUDIENCE_PRIVATE, {}, 'audience')], registryRemovals: [] };
    }
    case 'comments.moderated': {
      const posts = strings(evidence.openPostIds);
      if (!can(RemediationKind.DISABLE_POST_COMMENTS) || posts.length === 0) return null;
      return {
        kind: RemediationActionKind.DISABLE_POST_COMMENTS,
        operations: posts.map((postId) => operation(RemediationKind.DISABLE_POST_COMMENTS, { postId }, `post ${postId}`)),
        registryRemovals: [],
      };
    }
    case 'content.student-tags': {
      const posts = [...new Set(records(evidence.taggedStudents).map((tagged) => tagged.postId).filter((id): id is string => typeof id === 'string'))];
      if (!can(RemediationKind.HIDE_POST) || posts.length === 0) return null;
      return { kind: RemediationActionKind.HIDE_POST, operations: posts.map((postId) => operation(RemediationKind.HIDE_POST, { postId }, `post ${postId}`)), registryRemovals: [] };
    }
    case 'admins.current-staff-only': {
      const offenders = records(evidence.offenders);
      const removable = can(RemediationKind.REMOVE_ADMIN);
      // A platform that shows admins by id alone (LinkedIn's ACLs carry no name or email) cannot tell an outsider
      // from a registered admin whose platform id the registry lacks (the IT account, the person who connected):
      // such an id is removed only when every registered admin is known by platform id, else a person decides.
      const everyoneKnownById = input.admins.length > 0 && input.admins.every((admin) => admin.platformUserId);
      const identified = (offender: Record<string, unknown>) => everyoneKnownById || offender.reason !== 'UNKNOWN' || text(offender.name) !== null || text(offender.email) !== null;
      // Facebook's /roles people sit outside the business: Graph cannot remove them (platforms.md §1.3), so they stay manual.
      const sourceOf = new Map((input.snapshot?.admins ?? []).map((admin) => [admin.externalId, admin.source]));
      const apiCanRemove = (offender: Record<string, unknown>) =>
        !(input.account.platform === Platform.FACEBOOK && sourceOf.get(String(offender.platformAdminId ?? offender.platformUserId)) === 'roles');
      const userIdOf = (offender: Record<string, unknown>) => text(offender.platformAdminId) ?? text(offender.platformUserId);
      const byApi = removable ? offenders.filter((offender) => identified(offender) && apiCanRemove(offender) && userIdOf(offender) !== null) : [];
      const operations = byApi.map((offender) => {
        const userId = userIdOf(offender) as string;
        return operation(RemediationKind.REMOVE_ADMIN, { userId }, `admin ${text(offender.name) ?? userId}`);
      });
      // Whoever the API cannot take off is named, so the fix does not quietly leave them.
      const byHand = offenders
        .filter((offender) => !byApi.includes(offender))
        .map((offender) => `Remove ${text(offender.name) ?? text(offender.email) ?? userIdOf(offender) ?? 'the listed admin'} in the platform's settings: Proctor cannot through its API.`);
      const registryRemovals = input.admins
        .filter((admin) =>
          offenders.some(
            (offender) =>
              (offender.employeeId && offender.employeeId === admin.employeeId) ||
              (typeof offender.email === 'string' && admin.email !== null && offender.email.toLowerCase() === admin.email.toLowerCase()) ||
              (offender.platformUserId && offender.platformUserId === admin.platformUserId),
          ),
        )
        .map((admin) => admin.id);
      if (operations.length === 0) return null;
      return { kind: RemediationActionKind.REMOVE_ADMIN, operations, registryRemovals, steps: byHand };
    }
    case 'admins.it-service-account': {
      const service = input.admins.find((admin) => admin.isServiceAccount && admin.platformUserId);
      if (!can(RemediationKind.ADD_ADMIN) || !service?.platformUserId) return null;
      return {
        kind: RemediationActionKind.ADD_ADMIN,
        operations: [operation(RemediationKind.ADD_ADMIN, { userId: service.platformUserId }, `IT services account ${service.email ?? service.platformUserId}`)],
        registryRemovals: [],
      };
    }
    default:
      return null;
  }
}

/**
 * Picks the fix for one failing rule from the connector's capabilities (platforms.md §6) and the evidence of
 * the latest result: the exact posts, admins, text and link to change. Where the API cannot (or the account
 * is not connected), the action is a MANUAL task carrying the rule's steps. Pure: no I/O.
 */
export function planRemediation(input: PlanInput): Plan {
  const automatic = input.connected ? operationsFor(input) : null;
  if (!automatic) {
    const why = !input.connected ? ['Proctor cannot change it: the account is not connected to its platform.'] : [];
    return { kind: RemediationActionKind.MANUAL_STEPS, status: RemediationStatus.MANUAL, operations: [], steps: [...input.steps, ...why], registryRemovals: [] };
  }
  return { ...automatic, status: RemediationStatus.REQUESTED, steps: [...(automatic.steps ?? []), ...input.steps] };
}
