import { AccountStatus } from '../../accounts/account.enums';
import { SnapshotField } from '../../../integrations/snapshot';
import { instant, readable } from '../matching/time';
import { fail, manual, notApplicable, pass, type RuleDefinition } from '../rule';

const DAY_MS = 86_400_000;
const DEFAULT_MAX_DAYS = 180;

/** A registry Date → epoch ms; an invalid one counts as absent, so the next date in line is used. */
function knownMillis(value: Date | null | undefined): number | null {
  return value instanceof Date && !Number.isNaN(value.getTime()) ? value.getTime() : null;
}

const days = (ms: number): number => Math.round((ms / DAY_MS) * 100) / 100;

/**
 * account.active-use: the account posted within `maxDaysSinceLastPost` (default 180) of now; RETIRED accounts
 * are NOT_APPLICABLE.
 *
 * - The last post is the newest of snapshot.lastPostAt and the recent posts' createdAt (either may be missing).
 * - Window inclusive: a post exactly maxDays before now passes, one ms older fails; a post time after `now`
 *   (clock skew) counts as recent. Arithmetic in epoch milliseconds, zone-less times read as UTC.
 * - No post found: MANUAL when LAST_POST_AT or RECENT_POSTS is unavailable (the platform may hide them); when
 *   both are readable the account never posted: FAIL, except that an account that started (platform creation
 *   date, else registration) within the window has not had the chance yet: PASS with reason NO_POSTS_YET.
 * - A last-post time that cannot be read, with no other post date → MANUAL.
 */
export const accountActiveUseRule: RuleDefinition = {
  id: 'account.active-use',
  title: 'Account is in active use',
  severity: 'low',
  rationale: 'A dormant account should be retired rather than left open and unattended.',
  evidence: 'snapshot',
  parameters: [
    {
      name: 'maxDaysSinceLastPost',
      type: 'integer',
      description: 'Days allowed since the last post before the account counts as dormant.',
      default: DEFAULT_MAX_DAYS,
      min: 1,
      max: 3650,
    },
  ],
  remediation: {
    automatic: null,
    steps: [
      'If the account is still needed, post to it and agree who keeps it active.',
      'Otherwise close or archive it on the platform and retire it in Proctor.',
    ],
  },
  evaluate(input) {
    const { account } = input;
    if (account.status === AccountStatus.RETIRED) return notApplicable('The account is retired.', { status: account.status });
    const data = input.snapshot?.data ?? null;
    const daysParameter = input.parameters.maxDaysSinceLastPost;
    const maxDays = typeof daysParameter === 'number' && Number.isFinite(daysParameter) ? Math.max(0, daysParameter) : DEFAULT_MAX_DAYS;
    const nowMs = input.now.getTime();
    const unavailable = data?.unavailable ?? [];
    const lastPostHidden = data === null || unavailable.includes(SnapshotField.LAST_POST_AT);
    const postsHidden = data === null || data.recentPosts === null || unavailable.includes(SnapshotField.RECENT_POSTS);

    const fromField = lastPostHidden ? null : instant(data?.lastPostAt);
    const fromPosts = postsHidden ? [] : (data?.recentPosts ?? []).map((post) => instant(post.createdAt)).filter(readable);
    const candidates = [...(readable(fromField) ? [fromField] : []), ...fromPosts];
    const last = candidates.length > 0 ? Math.max(...candidates) : null;
    const evidence = {
      lastPostAt: last === null ? null : new Date(last).toISOString(),
      source: last === null ? null : readable(fromField) && fromField === last ? 'LAST_POST_AT' : 'RECENT_POSTS',
      daysSinceLastPost: last === null ? null : days(nowMs - last),
      maxDaysSinceLastPost: maxDays,
    };

    if (last !== null) {
      if (nowMs - last <= maxDays * DAY_MS) return pass('The account posted recently.', evidence);
      return fail('The account has not posted for a long time; post to it or retire it.', { ...evidence, reason: 'DORMANT' });
    }
    if (fromField !== null) {
      return manual('The last post time cannot be read; check the account by hand.', { ...evidence, rawLastPostAt: data?.lastPostAt ?? null });
    }
    if (lastPostHidden || postsHidden) {
      return manual('The platform does not show when the account last posted; check it by hand.', evidence);
    }
    const started = knownMillis(account.platformCreatedAt) ?? knownMillis(account.registeredAt);
    const startEvidence = { ...evidence, startedAt: started === null ? null : new Date(started).toISOString() };
    if (started !== null && nowMs - started <= maxDays * DAY_MS) {
      return pass('The account is new and has not posted yet.', { ...startEvidence, reason: 'NO_POSTS_YET' });
    }
    return fail('The account has never posted; post to it or retire it.', { ...startEvidence, reason: 'NEVER_POSTED' });
  },
};
