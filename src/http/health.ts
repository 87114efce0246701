import { Router } from 'express';
import type { DataSource } from 'typeorm';
import { hasPendingMigrations } from '../db/migrate';

export interface Lifecycle {
  shuttingDown: boolean;
}

/** /healthz: the process answers. /readyz: it can serve (database reachable, schema current, not draining). */
export function healthRoutes(dataSource: DataSource, lifecycle: Lifecycle): Router {
  const router = Router();
  router.get('/healthz', (_request, response) => {
    response.json({ status: 'ok' });
  });
  router.get('/readyz', async (_request, response) => {
    if (lifecycle.shuttingDown) {
      response.status(503).json({ status: 'shutting_down' });
      return;
    }
    try {
      await dataSource.query('SELECT 1');
    } catch {
      response.status(503).json({ status: 'unavailable', database: 'unreachable' });
      return;
    }
    const pending = await hasPendingMigrations(dataSource).catch(() => true);
    response.status(pending ? 503 : 200).json({
      status: pending ? 'unavailable' : 'ready',
      database: 'reachable',
      migrations: pending ? 'pending' : 'applied',
    });
  });
  return router;
}
