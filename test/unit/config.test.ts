import { ConfigError, loadConfig } from '../../src/config/config';

describe('configuration', () => {
  it('has working defaults for a trial install', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      environment: 'development',
      http: { port: 4000, publicUrl: 'http://localhost:4000' },
      database: { url: undefined, embeddedPort: 54329, migrateOnStart: true },
      seedDemo: true,
      graphql: { maxPageSize: 100, maxDepth: 8, introspection: true },
    });
    expect(config.dataDir).toMatch(/\.data$/);
  });

  it('lists every bad variable at once', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', SEED_DEMO: 'maybe', HANDLE_HASH_KEY: 'c2hvcnQ=', GRAPHQL_MAX_DEPTH: '1' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const variables = (error as ConfigError).problems.map((problem) => problem.split(':')[0]).sort();
    expect(variables).toEqual(['DATABASE_URL', 'GRAPHQL_MAX_DEPTH', 'HANDLE_HASH_KEY', 'PORT', 'SEED_DEMO']);
  });

  it('requires real secrets and a real database in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(ConfigError);
    try {
      loadConfig({ NODE_ENV: 'production' });
    } catch (error) {
      expect((error as ConfigError).problems.map((problem) => problem.split(':')[0]).sort()).toEqual(['DATABASE_URL', 'HANDLE_HASH_KEY', 'TOKEN_ENCRYPTION_KEYS']);
    }
    const config = loadConfig({
      NODE_ENV: 'production',
      DATABASE_URL: 'postgres://u:p@db/proctor',
      HANDLE_HASH_KEY: Buffer.alloc(32, 1).toString('base64'),
      TOKEN_ENCRYPTION_KEYS: `k1:${Buffer.alloc(32, 2).toString('base64')}`,
    });
    expect(config.graphql.introspection).toBe(false);
    expect(config.secrets.handleHashKey).toHaveLength(32);
    // A production database belongs to a real district: no sandbox unless asked for.
    expect(config.seedDemo).toBe(false);
    // Nor simulated platforms: every platform URL is the real one unless set.
    expect(config.platforms.simulators).toBe(false);
  });

  it('treats empty strings as unset and parses booleans and URLs', () => {
    const config = loadConfig({ PORT: '', SEED_DEMO: 'false', PUBLIC_URL: 'https://proctor.district.org/', GRAPHQL_INTROSPECTION: 'yes' });
    expect(config.http.port).toBe(4000);
    expect(config.seedDemo).toBe(false);
    expect(config.http.publicUrl).toBe('https://proctor.district.org');
    expect(config.graphql.introspection).toBe(true);
  });
});
