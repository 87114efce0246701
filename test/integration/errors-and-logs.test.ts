import { parseApiKey } from '../../src/auth/api-key.secret';
import { Writable } from 'node:stream';
import { GraphQLError } from 'graphql';
import request from 'supertest';
import { QueryFailedError } from 'typeorm';
import { formatError } from '../../src/graphql/format-error';
import { buildProctorSchema } from '../../src/graphql/schema';
import { createApp } from '../../src/http/app';
import { createLogger } from '../../src/logging/logger';
import { requestContext } from '../../src/logging/request-context';
import { createDistrict } from '../support/factories';
import { startTestApp, type TestApp } from '../support/test-app';

function memoryLogger() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  return { logger: createLogger('info', stream), lines };
}

describe('errors callers see, and what the logs keep', () => {
  let testApp: TestApp;
  beforeAll(async () => {
    testApp = await startTestApp();
  });
  afterAll(async () => {
    await testApp.close();
  });

  it('turns an unexpected failure into INTERNAL_SERVER_ERROR with a request id, hiding SQL, values and stack', () => {
    const { logger, lines } = memoryLogger();
    const failure = new QueryFailedError('INSERT INTO staff (email) VALUES ($1)', ['jane@example.org'], Object.assign(new Error('boom'), { code: '23502', table: 'staff' }));
    const wrapped = new GraphQLError(failure.message, { originalError: failure, path: ['upsertStaff'] });
    const formatted = requestContext.run({ requestId: 'req-42', sqlQueries: 0 }, () => formatError(logger)({ message: failure.message, path: ['upsertStaff'] }, wrapped));
    expect(formatted.extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR', requestId: 'req-42' });
    const shown = JSON.stringify(formatted);
    for (const secret of ['INSERT', 'jane@example.org', 'boom', 'staff', '.ts:']) expect(shown).not.toContain(secret);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ requestId: 'req-42', error: { type: 'QueryFailedError', code: '23502', table: 'staff' } });
    expect(JSON.stringify(lines[0])).not.toContain('jane@example.org');
  });

  it('logs one JSON line per request with its id, status, duration and SQL count, and never the key', async () => {
    const { adminKey } = await createDistrict(testApp);
    const { logger, lines } = memoryLogger();
    const proctor = await createApp({ config: testApp.config, dataSource: testApp.dataSource, logger, services: testApp.services, schema: await buildProctorSchema() });
    try {
      await request(proctor.app)
        .post('/graphql')
        .set('authorization', `Bearer ${adminKey}`)
        .set('x-request-id', 'trace-abc')
        .send({ query: '{ viewer { role } schools { id } }' })
        .expect(200);
      const line = lines.find((entry) => entry.msg === 'request' && entry.requestId === 'trace-abc');
      expect(line).toMatchObject({ method: 'POST', status: 200, requestId: 'trace-abc', service: 'proctor' });
      expect(line?.sqlQueries).toBeGreaterThan(0);
      expect(typeof line?.durationMs).toBe('number');
      expect(JSON.stringify(lines)).not.toContain(parseApiKey(adminKey)!.secret);
    } finally {
      await proctor.apollo.stop();
    }
  });
});
