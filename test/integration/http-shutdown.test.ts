import http from 'node:http';
import express from 'express';
import { listen } from '../../src/http/http-server';

function get(port: number, path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port, path, agent: new http.Agent({ keepAlive: true }) }, (response) => {
        let body = '';
        response.on('data', (chunk) => (body += chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
      })
      .on('error', reject);
  });
}

describe('graceful HTTP shutdown', () => {
  it('finishes in-flight requests, then refuses new connections', async () => {
    const app = express();
    let arrived!: () => void;
    const requestArrived = new Promise<void>((resolve) => (arrived = resolve));
    app.get('/slow', (_request, response) => {
      arrived();
      setTimeout(() => response.send('finished'), 300);
    });
    const running = await listen(app, 0, '127.0.0.1');
    const inFlight = get(running.port, '/slow');
    await requestArrived;
    const closed = running.close(5000);
    await expect(inFlight).resolves.toEqual({ status: 200, body: 'finished' });
    await closed;
    await expect(get(running.port, '/slow')).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });

  it('cuts requests still running when the timeout expires', async () => {
    const app = express();
    let arrived!: () => void;
    const requestArrived = new Promise<void>((resolve) => (arrived = resolve));
    app.get('/stuck', () => arrived());
    const running = await listen(app, 0, '127.0.0.1');
    const stuck = get(running.port, '/stuck');
    await requestArrived;
    const started = Date.now();
    await running.close(200);
    expect(Date.now() - started).toBeLessThan(2000);
    await expect(stuck).rejects.toMatchObject({ code: 'ECONNRESET' });
  });
});
