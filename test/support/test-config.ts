import os from 'node:os';
import path from 'node:path';
import { loadConfig, type Config } from '../../src/config/config';

export const TEST_HANDLE_HASH_KEY = Buffer.alloc(32, 7).toString('base64');

/** The environment a test process runs Proctor with: the shared test database, quiet logs, fixed secrets. */
export function testEnv(overrides: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return {
    NODE_ENV: 'test',
    DATABASE_URL: process.env.PROCTOR_TEST_DATABASE_URL,
    DATA_DIR: path.join(os.tmpdir(), 'proctor-test-data'),
    LOG_LEVEL: 'silent',
    HANDLE_HASH_KEY: TEST_HANDLE_HASH_KEY,
    MIGRATE_ON_START: 'false',
    SEED_DEMO: 'false',
    ...overrides,
  };
}

export function testConfig(overrides: NodeJS.ProcessEnv = {}): Config {
  return loadConfig(testEnv(overrides));
}
