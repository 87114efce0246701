import { SnapshotField, type SnapshotPost } from '../../../integrations/snapshot';
import type { ParameterValue, RuleOutcome } from '../../../src/compliance/rule';
import { contentProhibitedTopicsRule as rule, PROHIBITED_TOPIC_CATEGORIES } from '../../../src/compliance/rules/content-prohibited-topics.rule';
import terms from '../../../src/compliance/rules/prohibited-terms.json';
import { foldWords } from '../../../src/compliance/rules/topic-matcher';
import { ruleInput, snapshotData } from '../../support/rule-fixtures';

type Lists = { terms: string[]; allow: string[]; contexts: string[] };
const data = terms as unknown as Record<string, Lists>;

function post(id: string, text: string | null, createdAt = '2026-11-20T10:00:00Z'): SnapshotPost {
  return { externalId: id, createdAt, text, url: `https://x.com/sd/status/${id}`, mentions: [], tags: [], commentsEnabled: null };
}

function judgePosts(posts: SnapshotPost[] | null, parameters: Record<string, ParameterValue> = {}, unavailable: SnapshotField[] = []): RuleOutcome {
  return rule.evaluate(
    ruleInput(rule, { snapshot: { id: 'snapshot-1', fetchedAt: new Date('2026-11-22T06:00:00Z'), data: snapshotData({ recentPosts: posts, unavailable }) }, parameters }),
  );
}

const judge = (text: string, parameters: Record<string, ParameterValue> = {}) => judgePosts([post('p1', text)], parameters);
const matches = (outcome: RuleOutcome) => outcome.evidence.matches as Array<{ postId: string; category: string; terms: string[] }>;

describe('content.prohibited-topics', () => {
  it('declares its contract', () => {
    expect(rule).toMatchObject({ id: 'content.prohibited-topics', severity: 'medium', evidence: 'snapshot' });
    expect(rule.parameters.map((p) => [p.name, p.type, p.default])).toEqual([
      ['categories', 'string[]', ['ALCOHOL', 'DRUGS', 'TOBACCO', 'EXPLICIT', 'POLITICAL', 'RELIGION']],
      ['customTerms', 'string[]', []],
      ['postsToScan', 'integer', 50],
    ]);
    expect(rule.parameters[0].allowed).toEqual(PROHIBITED_TOPIC_CATEGORIES);
    expect(rule.remediation.automatic).toBeNull();
  });

  it('passes ordinary school posts', () => {
    const outcome = judgePosts([post('p1', 'Welcome back! Grade 9 orientation is Tuesday.'), post('p2', 'Congratulations to our senior band.')]);
    expect(outcome.status).toBe('PASS');
    expect(outcome.evidence).toMatchObject({ postsScanned: 2, postsWithoutText: 0, matches: [], suppressed: [] });
  });

  it.each([
    ['ALCOHOL', 'Staff social at the brewery Friday, craft beer on tap!', ['brewery', 'craft beer']],
    ['DRUGS', 'Cannabis tasting tips for the weekend', ['cannabis']],
    ['TOBACCO', 'New vape flavours in store', ['vape']],
    ['EXPLICIT', 'What the fuck was that call, ref', ['fuck']],
    ['POLITICAL', 'Vote NDP on October 20', ['vote ndp']],
    ['POLITICAL', 'Proud supporters of the New Democratic Party', ['new democratic party']],
    ['RELIGION', 'Pray with us this Sunday and join our church family', ['pray with us', 'join our church']],
  ])('flags %s for review: %s', (category, text, found) => {
    const outcome = judge(text);
    expect(outcome.status).toBe('FAIL');
    expect(matches(outcome)).toEqual([{ postId: 'p1', postUrl: 'https://x.com/sd/status/p1', category, terms: found }]);
  });

  it('is case-, accent- and punctuation-insensitive, and reads hashtags and hidden characters', () => {
    for (const text of ['BIÈRE froide', 'biere froide', 'Une Bière', 'CRAFT-BEER night', 'craft\nbeer', '#CraftBeer Friday', 'be\u00ADer', 'ｂｅｅｒ', 'BİÈRE']) {
      expect([text, judge(text).status]).toEqual([text, 'FAIL']);
    }
    expect(matches(judge('Go Bloc Quebecois!'))[0]).toMatchObject({ category: 'POLITICAL', terms: ['bloc quebecois'] });
    expect(matches(judge('#VoteNDP'))[0]).toMatchObject({ terms: ['vote ndp'] });
    expect(matches(judge('C\u00C2LISSE que c’est beau'))[0]).toMatchObject({ category: 'EXPLICIT' });
  });

  it('reports several categories of one post, and each post separately', () => {
    const outcome = judgePosts([post('p1', 'Beer and cigars after the Liberal Party fundraiser'), post('p2', 'Math contest'), post('p3', 'Wine wine WINE')]);
    expect(outcome.status).toBe('FAIL');
    expect(matches(outcome).map((m) => [m.postId, m.category, m.terms])).toEqual([
      ['p1', 'ALCOHOL', ['beer']],
      ['p1', 'TOBACCO', ['cigars']],
      ['p1', 'POLITICAL', ['liberal party']],
      ['p3', 'ALCOHOL', ['wine']],
    ]);
  });

  describe('avoids false positives', () => {
    it.each([
      'Potluck lunch for staff on Friday',
      'Let’s begin the new term strong',
      'Thank you to our devoted volunteers',
      'Field trip to Scunthorpe and Middlesex; classic assessment rubric attached',
      'Mushroom unit: shiitake, oyster and button mushrooms',
      'Wine gums and popcorn at the movie night',
      'Root beer floats and ginger beer at the fun fair',
      'History: Eli Whitney and the cotton gin',
      'Happy birthday party for our 100-day celebration',
      'Vote for your favourite book cover!',
      'Our Christmas concert is December 18; Diwali celebration in the gym; Eid Mubarak; Happy Hanukkah',
      'Church Street crosswalk is closed; prayer room available for students',
      'The heroine of our spring play takes a bow',
      'Pulling weeds in the school garden; a joint effort by Grade 5',
      'Stars visible to the naked eye tonight',
      'Staff dinner at The Keg; film club screens Bong Joon-ho’s Parasite',
      'Students who get high marks make the honour roll',
      'A conservative estimate: 300 guests. Liberal arts fair. Wear green for the green team!',
      'Cigar box guitars in music class',
      'Elders shared teachings about tobacco ties and smudging',
      'Drug and alcohol policy reminder for athletes',
      'Sex education night for parents',
    ])('%s', (text) => {
      expect(judge(text).status).toBe('PASS');
    });

    it('still flags the real word next to an allowed phrase', () => {
      expect(matches(judge('Wine gums for the kids, wine for the staff'))).toEqual([expect.objectContaining({ category: 'ALCOHOL', terms: ['wine'] })]);
      expect(judge('Let’s begin with a gin and tonic').status).toBe('FAIL');
    });

    it('keeps word boundaries for custom terms too', () => {
      const custom = { customTerms: ['DRUGS:pot', 'POLITICAL:vote'] };
      expect(judge('Potluck lunch; thank you devoted volunteers', custom).status).toBe('PASS');
      expect(matches(judge('Smoke pot and vote', custom)).map((m) => m.terms)).toEqual([['pot'], ['vote']]);
    });
  });

  describe('awareness and civics contexts', () => {
    it('does not flag a prevention post, and keeps the match in the evidence as suppressed', () => {
      const outcome = judge('Vaping Awareness Week: learn the facts about vaping');
      expect(outcome.status).toBe('PASS');
      expect(outcome.evidence.suppressed).toEqual([expect.objectContaining({ category: 'TOBACCO', terms: ['vaping'], context: 'awareness' })]);
    });

    it.each(['Dry grad: no beer, just fun all night', 'Student council election campaign starts Monday', 'Student Vote results: Liberal Party 31%, Green Party 22%'])(
      '%s',
      (text) => expect(judge(text).status).toBe('PASS'),
    );

    it('suppresses only the category the context belongs to', () => {
      const outcome = judge('Vaping awareness assembly, then pray with us in the gym');
      expect(outcome.status).toBe('FAIL');
      expect(matches(outcome)).toEqual([expect.objectContaining({ category: 'RELIGION' })]);
    });
  });

  describe('parameters', () => {
    it('looks only for enabled categories, and is NOT_APPLICABLE with none', () => {
      expect(judge('Pray with us', { categories: ['ALCOHOL'] }).status).toBe('PASS');
      expect(judge('Beer tonight', { categories: ['ALCOHOL'] }).status).toBe('FAIL');
      expect(judge('Beer tonight', { categories: [] })).toMatchObject({ status: 'NOT_APPLICABLE' });
    });

    it('adds custom terms to enabled categories and reports the ones it ignored', () => {
      const customTerms = ['ALCOHOL:mead', 'alcohol: Hydromel ', 'mead', 'FOOD:pizza', 'ALCOHOL:', 'RELIGION:sermon'];
      const outcome = judge('Mead and hydromel tasting', { customTerms, categories: ['ALCOHOL', 'DRUGS'] });
      expect(outcome.status).toBe('FAIL');
      expect(matches(outcome)).toEqual([expect.objectContaining({ category: 'ALCOHOL', terms: ['mead', 'hydromel'] })]);
      expect(outcome.evidence).toMatchObject({ customTermCount: 2, ignoredCustomTerms: ['mead', 'FOOD:pizza', 'ALCOHOL:', 'RELIGION:sermon'] });
      // Same custom terms again (cached), and the defaults stay untouched.
      expect(judge('Mead tasting', { customTerms }).status).toBe('FAIL');
      expect(judge('Mead tasting').status).toBe('PASS');
    });

    it('orders posts by time even when the times are not canonical UTC', () => {
      const posts = [post('old', 'Beer garden!', '2026-01-01T00:00:00+01:00'), post('new', 'Spirit week', '2026-11-21T00:00:00-05:00'), post('bad', 'Beer', 'yesterday')];
      expect(judgePosts(posts, { postsToScan: 1 })).toMatchObject({ status: 'PASS', evidence: { postsScanned: 1 } });
      expect(judgePosts(posts, { postsToScan: 2 }).status).toBe('FAIL');
    });

    it('scans only the newest postsToScan posts', () => {
      const posts = [post('old', 'Beer garden!', '2026-01-01T00:00:00Z'), post('new', 'Spirit week', '2026-11-21T00:00:00Z')];
      expect(judgePosts(posts, { postsToScan: 1 })).toMatchObject({ status: 'PASS', evidence: { postsScanned: 1 } });
      expect(judgePosts(posts, { postsToScan: 2 }).status).toBe('FAIL');
    });
  });

  it('answers MANUAL when posts or their text cannot be read', () => {
    expect(judgePosts([], {}, [SnapshotField.RECENT_POSTS]).status).toBe('MANUAL');
    expect(judgePosts(null).status).toBe('MANUAL');
    expect(judgePosts([post('p1', null), post('p2', null)]).status).toBe('MANUAL');
    expect(judgePosts([post('p1', null), post('p2', 'Hello')])).toMatchObject({ status: 'PASS', evidence: { postsWithoutText: 1 } });
    expect(judgePosts([]).status).toBe('PASS');
    expect(rule.evaluate(ruleInput(rule, { snapshot: null })).status).toBe('MANUAL');
  });

  it('keeps its evidence JSON-serialisable', () => {
    const outcome = judge('Beer and vaping awareness');
    expect(JSON.parse(JSON.stringify(outcome.evidence))).toEqual(outcome.evidence);
  });

  describe('folding (topic-matcher)', () => {
    it.each<[string, string[]]>([
      ['L’École Côte-des-Neiges', ['l', 'ecole', 'cote', 'des', 'neiges']],
      ['Œuvre STRAßE', ['oeuvre', 'strasse']],
      ['#CraftBeer #VoteNDP #NDPRally #Grade9Band #ok', ['craft', 'beer', 'vote', 'ndp', 'ndp', 'rally', 'grade9', 'band', 'ok']],
      ['CraftBeer outside a hashtag', ['craftbeer', 'outside', 'a', 'hashtag']],
      ['zero\u200Bwidth soft\u00ADhyphen', ['zerowidth', 'softhyphen']],
      ['party 🎉🎉 time…½', ['party', 'time', '1', '2']],
      ['İstanbul', ['istanbul']],
      ['', []],
    ])('%s', (text, words) => expect(foldWords(text)).toEqual(words));
  });

  describe('prohibited-terms.json', () => {
    it('has the six categories, each with terms, allow and contexts lists', () => {
      expect(Object.keys(data).filter((key) => !key.startsWith('$'))).toEqual([...PROHIBITED_TOPIC_CATEGORIES]);
      for (const category of PROHIBITED_TOPIC_CATEGORIES) {
        expect(data[category].terms.length).toBeGreaterThan(0);
        expect(Array.isArray(data[category].allow) && Array.isArray(data[category].contexts)).toBe(true);
        expect(new Set(data[category].terms.map((term) => term.toLowerCase())).size).toBe(data[category].terms.length);
      }
    });

    it('every term flags on its own, in its own category only', () => {
      for (const category of PROHIBITED_TOPIC_CATEGORIES) {
        for (const term of data[category].terms) {
          const outcome = judge(`Note: ${term}!`);
          expect([term, outcome.status, matches(outcome).map((m) => m.category)]).toEqual([term, 'FAIL', [category]]);
        }
      }
    });

    it('every allow phrase and context phrase passes on its own', () => {
      for (const category of PROHIBITED_TOPIC_CATEGORIES) {
        for (const phrase of [...data[category].allow, ...data[category].contexts]) {
          expect([phrase, judge(phrase).status]).toEqual([phrase, 'PASS']);
        }
      }
    });
  });
});
