import request from 'supertest';
import { createDistrict } from '../support/factories';
import { errorCode, graphql } from '../support/graphql';
import { startTestApp, type TestApp } from '../support/test-app';

// Depth 5: accounts > edges > node > school > name.
const DEPTH_FIVE = '{ accounts { edges { node { school { name } admins { email } } } } }';

describe('query limits (graphql-armor)', () => {
  let strict: TestApp;
  let defaults: TestApp;
  let strictKey: string;
  let defaultKey: string;

  beforeAll(async () => {
    defaults = await startTestApp();
    strict = await startTestApp({ GRAPHQL_MAX_DEPTH: '4', GRAPHQL_MAX_ALIASES: '3', GRAPHQL_MAX_TOKENS: '200', GRAPHQL_MAX_COST: '100' });
    defaultKey = (await createDistrict(defaults)).adminKey;
    strictKey = (await createDistrict(strict)).adminKey;
  });
  afterAll(async () => {
    await strict.close();
    await defaults.close();
  });

  it('runs the deepest query the schema offers under the default limits', async () => {
    expect((await graphql(defaults.app, defaultKey, DEPTH_FIVE)).errors).toBeUndefined();
  });

  it('refuses a query deeper than GRAPHQL_MAX_DEPTH before executing it', async () => {
    const response = await graphql(strict.app, strictKey, DEPTH_FIVE);
    expect(response.status).toBe(400);
    expect(errorCode(response)).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(response.data).toBeUndefined();
    // Fragments do not hide depth.
    const viaFragment = await graphql(strict.app, strictKey, '{ accounts { ...page } } fragment page on SocialAccountConnection { edges { node { school { name } } } }');
    expect(errorCode(viaFragment)).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('refuses more aliases than GRAPHQL_MAX_ALIASES', async () => {
    const aliases = Array.from({ length: 4 }, (_unused, index) => `v${index}: viewer { role }`).join(' ');
    expect(errorCode(await graphql(strict.app, strictKey, `{ ${aliases} }`))).toBe('GRAPHQL_VALIDATION_FAILED');
    expect((await graphql(strict.app, strictKey, '{ a: viewer { role } b: viewer { role } }')).errors).toBeUndefined();
  });

  it('refuses an operation over the cost budget', async () => {
    const costly = `{ viewer { ${Array.from({ length: 120 }, () => 'role').join(' ')} } }`;
    const response = await graphql(strict.app, strictKey, costly);
    expect(response.status).toBe(400);
    expect(errorCode(response)).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('refuses a document over the token budget', async () => {
    const long = `{ viewer { role } ${Array.from({ length: 100 }, (_unused, index) => `f${index}: __typename`).join(' ')} }`;
    const response = await graphql(strict.app, strictKey, long);
    expect(response.status).toBe(400);
    expect(errorCode(response)).toBe('GRAPHQL_PARSE_FAILED');
  });

  it('does not answer batched requests', async () => {
    const response = await request(defaults.app)
      .post('/graphql')
      .set('authorization', `Bearer ${defaultKey}`)
      .send([{ query: '{ viewer { role } }' }, { query: '{ viewer { role } }' }]);
    expect(response.status).toBe(400);
  });
});
