import { AccountStatus } from '../../../src/accounts/account.enums';
import { SnapshotField, type AccountSnapshot, type SnapshotPost } from '../../../integrations/snapshot';
import { accountActiveUseRule as rule } from '../../../src/compliance/rules/account-active-use.rule';
import type { AccountFacts } from '../../../src/compliance/rule';
import { NOW, account, ruleInput, snapshotData } from '../../support/rule-fixtures';

const DAY_MS = 86_400_000;
const daysAgo = (days: number, extraMs = 0) => new Date(NOW.getTime() - days * DAY_MS - extraMs).toISOString();
const OLD_ACCOUNT = { registeredAt: new Date('2024-01-10T00:00:00Z') };

const post = (externalId: string, createdAt: string): SnapshotPost => ({
  externalId,
  createdAt,
  text: null,
  url: null,
  mentions: [],
  tags: [],
  commentsEnabled: null,
});

function judge(data: Partial<AccountSnapshot>, registry: Partial<AccountFacts> = OLD_ACCOUNT, parameters: Record<string, number> = {}) {
  return rule.evaluate(
    ruleInput(rule, {
      account: account(registry),
      snapshot: { id: 'snapshot-1', fetchedAt: NOW, data: snapshotData(data) },
      parameters,
    }),
  );
}

describe('account.active-use', () => {
  it('declares its parameter and no automatic remediation', () => {
    expect(rule.id).toBe('account.active-use');
    expect(rule.evidence).toBe('snapshot');
    expect(rule.severity).toBe('low');
    expect(rule.parameters.map((parameter) => [parameter.name, parameter.type, parameter.default])).toEqual([['maxDaysSinceLastPost', 'integer', 180]]);
    expect(rule.remediation.automatic).toBeNull();
  });

  it('passes an account that posted recently', () => {
    const outcome = judge({});
    expect(outcome.status).toBe('PASS');
    expect(outcome.evidence).toMatchObject({ lastPostAt: '2026-11-20T10:00:00.000Z', source: 'LAST_POST_AT', daysSinceLastPost: 2.08, maxDaysSinceLastPost: 180 });
  });

  it('window is inclusive: exactly 180 days passes, 180 days + 1 ms fails', () => {
    expect(judge({ lastPostAt: daysAgo(180) }).status).toBe('PASS');
    const dormant = judge({ lastPostAt: daysAgo(180, 1) });
    expect(dormant.status).toBe('FAIL');
    expect(dormant.evidence).toMatchObject({ reason: 'DORMANT', daysSinceLastPost: 180 });
  });

  it('honours maxDaysSinceLastPost', () => {
    expect(judge({ lastPostAt: daysAgo(200) }, OLD_ACCOUNT, { maxDaysSinceLastPost: 365 }).status).toBe('PASS');
    expect(judge({ lastPostAt: daysAgo(31) }, OLD_ACCOUNT, { maxDaysSinceLastPost: 30 }).status).toBe('FAIL');
  });

  it('reads offsets and zone-less times as absolute instants (zone-less = UTC)', () => {
    // NOW is 2026-11-22T12:00Z; 180 days earlier is 2026-05-26T12:00Z.
    expect(judge({ lastPostAt: '2026-05-26T12:00:00' }).status).toBe('PASS');
    expect(judge({ lastPostAt: '2026-05-26T11:59:59.999' }).status).toBe('FAIL');
    expect(judge({ lastPostAt: '2026-05-26T05:00:00-07:00' }).status).toBe('PASS');
    expect(judge({ lastPostAt: '2026-05-26T04:59:59-07:00' }).status).toBe('FAIL');
  });

  it('uses the newest of lastPostAt and the recent posts', () => {
    const outcome = judge({ lastPostAt: daysAgo(300), recentPosts: [post('p1', daysAgo(5)), post('p2', daysAgo(400))] });
    expect(outcome.status).toBe('PASS');
    expect(outcome.evidence).toMatchObject({ source: 'RECENT_POSTS', lastPostAt: daysAgo(5) });
  });

  it('falls back to the recent posts when the last-post field is hidden or unreadable', () => {
    expect(judge({ lastPostAt: null, unavailable: [SnapshotField.LAST_POST_AT], recentPosts: [post('p1', daysAgo(3))] }).status).toBe('PASS');
    expect(judge({ lastPostAt: 'last tuesday', recentPosts: [post('p1', daysAgo(3))] }).status).toBe('PASS');
  });

  it('counts a post time after now (clock skew) as recent', () => {
    expect(judge({ lastPostAt: '2026-11-22T12:30:00Z' }).status).toBe('PASS');
  });

  it('answers MANUAL when the platform cannot show posts', () => {
    const hidden = judge({ lastPostAt: null, recentPosts: null, unavailable: [SnapshotField.LAST_POST_AT, SnapshotField.RECENT_POSTS] });
    expect(hidden.status).toBe('MANUAL');
    expect(hidden.evidence).toMatchObject({ lastPostAt: null, daysSinceLastPost: null });
    expect(judge({ lastPostAt: null, recentPosts: [], unavailable: [SnapshotField.LAST_POST_AT] }).status).toBe('MANUAL');
    expect(judge({ lastPostAt: null, recentPosts: null, unavailable: [SnapshotField.RECENT_POSTS] }).status).toBe('MANUAL');
  });

  it('ignores a last-post value when the field is listed unavailable', () => {
    expect(judge({ lastPostAt: daysAgo(1), recentPosts: null, unavailable: [SnapshotField.LAST_POST_AT, SnapshotField.RECENT_POSTS] }).status).toBe('MANUAL');
  });

  it('answers MANUAL when the only post time cannot be read', () => {
    const outcome = judge({ lastPostAt: 'not-a-date', recentPosts: [] });
    expect(outcome.status).toBe('MANUAL');
    expect(outcome.evidence.rawLastPostAt).toBe('not-a-date');
  });

  it('fails an old account that never posted (posts readable and empty)', () => {
    const outcome = judge({ lastPostAt: null, recentPosts: [] });
    expect(outcome.status).toBe('FAIL');
    expect(outcome.evidence).toMatchObject({ reason: 'NEVER_POSTED', startedAt: '2024-01-10T00:00:00.000Z' });
  });

  it('passes a new account that has not posted yet; boundary inclusive at maxDays since it started', () => {
    const registeredAt = new Date(NOW.getTime() - 180 * DAY_MS);
    const fresh = judge({ lastPostAt: null, recentPosts: [] }, { registeredAt });
    expect(fresh.status).toBe('PASS');
    expect(fresh.evidence.reason).toBe('NO_POSTS_YET');
    expect(judge({ lastPostAt: null, recentPosts: [] }, { registeredAt: new Date(registeredAt.getTime() - 1) }).status).toBe('FAIL');
  });

  it('dates a never-posting account from its platform creation when known', () => {
    const outcome = judge({ lastPostAt: null, recentPosts: [] }, { registeredAt: new Date(NOW.getTime() - DAY_MS), platformCreatedAt: new Date('2023-01-01T00:00:00Z') });
    expect(outcome.status).toBe('FAIL');
    expect(outcome.evidence).toMatchObject({ reason: 'NEVER_POSTED', startedAt: '2023-01-01T00:00:00.000Z' });
  });

  it('fails a never-posting account whose start dates cannot be read', () => {
    expect(judge({ lastPostAt: null, recentPosts: [] }, { registeredAt: new Date('bad'), platformCreatedAt: null }).status).toBe('FAIL');
  });

  it('is not applicable to retired accounts', () => {
    expect(judge({ lastPostAt: null, recentPosts: [] }, { status: AccountStatus.RETIRED }).status).toBe('NOT_APPLICABLE');
  });

  it('copes with a null snapshot without throwing', () => {
    expect(rule.evaluate(ruleInput(rule, { snapshot: null })).status).toBe('MANUAL');
  });

  it('evidence is JSON-serialisable', () => {
    const outcome = judge({ lastPostAt: null, recentPosts: [] });
    expect(JSON.parse(JSON.stringify(outcome.evidence))).toEqual(outcome.evidence);
  });
});
