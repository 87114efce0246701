import { SnapshotField, type SnapshotPost } from '../../../integrations/snapshot';
import { Platform } from '../../../src/accounts/account.enums';
import { contentStudentTagsRule as rule } from '../../../src/compliance/rules/content-student-tags.rule';
import { people, ruleInput, snapshotData, staff } from '../../support/rule-fixtures';

const ada = { platform: Platform.FACEBOOK, handle: 'ada.lovelace09', studentId: 'S1', schoolId: 'school-1', mediaConsent: false };
const ben = { platform: Platform.FACEBOOK, handle: 'ben_k', studentId: 'S2', schoolId: 'school-1', mediaConsent: true };
const roster = people([staff()], [ada, ben]);

function post(id: string, overrides: Partial<SnapshotPost> = {}): SnapshotPost {
  return {
    externalId: id,
    createdAt: '2026-11-20T10:00:00Z',
    text: 'Great game tonight!',
    url: `https://facebook.com/posts/${id}`,
    mentions: [],
    tags: [],
    commentsEnabled: null,
    ...overrides,
  };
}

function judge(posts: SnapshotPost[] | null, extra: { unavailable?: SnapshotField[]; parameters?: Record<string, number> } = {}) {
  return rule.evaluate(
    ruleInput(rule, {
      people: roster,
      snapshot: { id: 'snapshot-1', fetchedAt: new Date('2026-11-22T06:00:00Z'), data: snapshotData({ recentPosts: posts, unavailable: extra.unavailable ?? [] }) },
      parameters: extra.parameters ?? {},
    }),
  );
}

describe('content.student-tags', () => {
  it('declares its contract', () => {
    expect(rule.id).toBe('content.student-tags');
    expect(rule.severity).toBe('critical');
    expect(rule.evidence).toBe('snapshot');
    expect(rule.parameters).toEqual([expect.objectContaining({ name: 'postsToScan', type: 'integer', default: 50 })]);
    expect(rule.remediation.automatic).toBe('HIDE_POST');
    expect(rule.remediation.steps.length).toBeGreaterThan(0);
  });

  it('passes when no post mentions or tags a student, and says photos were not reviewed', () => {
    const outcome = judge([post('p1', { mentions: ['mapleridge', 'sd_example'] }), post('p2')]);
    expect(outcome.status).toBe('PASS');
    expect(outcome.evidence).toMatchObject({ postsScanned: 2, taggedStudents: [], mediaReviewed: false });
  });

  it('passes on an account with no posts at all', () => {
    expect(judge([]).status).toBe('PASS');
  });

  it('fails on a mention of a student without media consent', () => {
    const outcome = judge([post('p1', { mentions: ['ada.lovelace09'] })]);
    expect(outcome.status).toBe('FAIL');
    expect(outcome.evidence).toMatchObject({
      postsWithStudents: 1,
      studentsWithoutConsent: 1,
      taggedStudents: [
        { postId: 'p1', postUrl: 'https://facebook.com/posts/p1', handle: 'ada.lovelace09', via: 'mention', studentId: 'S1', schoolId: 'school-1', mediaConsent: false },
      ],
    });
  });

  it('still fails when the tagged student has media consent (consent covers images, not tags)', () => {
    const outcome = judge([post('p1', { tags: ['ben_k'] })]);
    expect(outcome.status).toBe('FAIL');
    expect(outcome.evidence).toMatchObject({ studentsWithoutConsent: 0, taggedStudents: [expect.objectContaining({ studentId: 'S2', via: 'tag', mediaConsent: true })] });
  });

  it('matches handles whatever their case or a leading @, and reports one student once per post', () => {
    const outcome = judge([post('p1', { mentions: ['@Ada.Lovelace09 '], tags: ['ada.lovelace09'] })]);
    expect(outcome.status).toBe('FAIL');
    expect(outcome.evidence.taggedStudents).toEqual([expect.objectContaining({ handle: 'ada.lovelace09', via: 'mention' })]);
  });

  it('lists every post that names a student', () => {
    const outcome = judge([post('p1', { mentions: ['ada.lovelace09'] }), post('p2'), post('p3', { tags: ['ben_k'], mentions: ['ada.lovelace09'] })]);
    expect(outcome.status).toBe('FAIL');
    expect(outcome.evidence).toMatchObject({ postsWithStudents: 2 });
    expect((outcome.evidence.taggedStudents as Array<{ postId: string }>).map((t) => t.postId)).toEqual(['p1', 'p3', 'p3']);
  });

  it('looks handles up on the snapshot platform only', () => {
    const other = people([], [{ ...ada, platform: Platform.INSTAGRAM }]);
    const input = ruleInput(rule, {
      people: other,
      snapshot: { id: 's', fetchedAt: new Date('2026-11-22T06:00:00Z'), data: snapshotData({ recentPosts: [post('p1', { mentions: ['ada.lovelace09'] })] }) },
    });
    expect(rule.evaluate(input).status).toBe('PASS');
  });

  it('scans only the newest postsToScan posts, newest by createdAt even if the list is out of order', () => {
    const posts = [
      post('old', { createdAt: '2026-01-01T00:00:00Z', mentions: ['ada.lovelace09'] }),
      post('new', { createdAt: '2026-11-21T00:00:00Z' }),
      post('mid', { createdAt: '2026-06-01T00:00:00Z' }),
    ];
    expect(judge(posts, { parameters: { postsToScan: 2 } })).toMatchObject({ status: 'PASS', evidence: { postsScanned: 2, postsToScan: 2 } });
    expect(judge(posts, { parameters: { postsToScan: 3 } }).status).toBe('FAIL');
  });

  it('orders posts by time even when the times are not canonical UTC', () => {
    const posts = [
      post('old', { createdAt: '2026-01-01T00:00:00+01:00', mentions: ['ada.lovelace09'] }),
      post('new', { createdAt: '2026-11-21T00:00:00-05:00' }),
    ];
    expect(judge(posts, { parameters: { postsToScan: 1 } }).status).toBe('PASS');
    expect(judge(posts, { parameters: { postsToScan: 2 } }).status).toBe('FAIL');
  });

  it('answers MANUAL when the platform cannot show posts', () => {
    expect(judge([], { unavailable: [SnapshotField.RECENT_POSTS] }).status).toBe('MANUAL');
    expect(judge(null).status).toBe('MANUAL');
  });

  it('never throws on odd data (ids as tags, non-string entries, missing lists, bad dates)', () => {
    const odd = [
      post('p1', { tags: ['100012345678', 'urn:li:person:abc'], createdAt: 'not a date' }),
      { ...post('p2'), mentions: [42, null, ''] as unknown as string[], tags: undefined as unknown as string[] },
    ];
    expect(judge(odd).status).toBe('PASS');
    expect(rule.evaluate(ruleInput(rule, { people: roster, snapshot: null })).status).toBe('MANUAL');
  });

  it('keeps its evidence JSON-serialisable and free of student names', () => {
    const outcome = judge([post('p1', { mentions: ['ada.lovelace09'] })]);
    expect(JSON.parse(JSON.stringify(outcome.evidence))).toEqual(outcome.evidence);
    expect(JSON.stringify(outcome.evidence)).not.toMatch(/name/i);
  });
});
