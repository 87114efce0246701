import request from 'supertest';
import { startTestApp, type TestApp } from '../support/test-app';

describe('health and transport', () => {
  let testApp: TestApp;
  beforeAll(async () => {
    testApp = await startTestApp();
  });
  afterAll(async () => {
    await testApp.close();
  });

  it('answers /healthz while the process is up', async () => {
    const response = await request(testApp.app).get('/healthz');
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ status: 'ok' });
  });

  it('is ready when the database answers and every migration is applied', async () => {
    const response = await request(testApp.app).get('/readyz');
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ status: 'ready', database: 'reachable', migrations: 'applied' });
  });

  it('reports not ready while draining for shutdown', async () => {
    testApp.lifecycle.shuttingDown = true;
    try {
      const response = await request(testApp.app).get('/readyz');
      expect(response.status).toBe(503);
      expect(response.body.status).toBe('shutting_down');
    } finally {
      testApp.lifecycle.shuttingDown = false;
    }
  });

  it('returns a request id, and keeps a well-formed one the caller sent', async () => {
    const generated = await request(testApp.app).get('/healthz');
    expect(generated.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const kept = await request(testApp.app).get('/healthz').set('x-request-id', 'trace-123');
    expect(kept.headers['x-request-id']).toBe('trace-123');
    const replaced = await request(testApp.app).get('/healthz').set('x-request-id', 'bad id with spaces');
    expect(replaced.headers['x-request-id']).not.toBe('bad id with spaces');
  });

  it('answers unknown routes with a JSON 404', async () => {
    const response = await request(testApp.app).get('/nope');
    expect(response.status).toBe(404);
    expect(response.body.error.code).toBe('NOT_FOUND');
  });

  it('answers malformed JSON with 400 BAD_REQUEST and no stack trace', async () => {
    const response = await request(testApp.app)
      .post('/graphql')
      .set('content-type', 'application/json')
      .send('{"query": ');
    expect(response.status).toBe(400);
    expect(response.body.errors[0].extensions.code).toBe('BAD_REQUEST');
    expect(JSON.stringify(response.body)).not.toMatch(/at .*\.(js|ts):\d+/);
  });
});
