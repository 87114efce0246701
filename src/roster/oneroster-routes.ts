import express, { Router, type NextFunction, type Request, type Response } from 'express';
import type { DataSource } from 'typeorm';
import { ApiRole } from '../auth/api-role';
import { AppError } from '../errors/app-errors';
import type { Logger } from '../logging/logger';
import { safeError } from '../logging/safe-error';
import type { RequestState } from '../logging/request-context';
import { resumeRequestContext } from '../http/request-tracking';
import type { Services } from '../services';
import type { Actor } from '../tenancy/actor';
import { TenantScope } from '../tenancy/tenant-scope';
import { readRosterArchive } from './oneroster-reader';
import { RosterFilesError, RosterRemovalGuardError } from './oneroster.errors';

const IMPORTERS = new Set<ApiRole>([ApiRole.SIS_SYSTEM, ApiRole.DISTRICT_ADMIN]);
/** A zipped 10 000-user export is well under 1 MB; the cap keeps a stray upload from filling memory. */
const MAX_UPLOAD = '50mb';

type Flag = boolean | 'invalid';

function flag(value: unknown): Flag {
  if (value === undefined) return false;
  if (value === 'true' || value === '1') return true;
  if (value === 'false' || value === '0') return false;
  return 'invalid';
}

const fail = (response: Response, status: number, code: string, message: string) => void response.status(status).json({ error: { code, message } });

/**
 * POST /oneroster/imports: the body is the export as a zip (`application/zip`); `?dryRun=true` plans without
 * writing, `?allowMassRemoval=true` lifts the removal guard. 200 with the summary; 422 with every problem as
 * { file, line, column, code, message }; 409 when the guard refuses; 401/403 as everywhere else.
 */
export function oneRosterRoutes(dependencies: { dataSource: DataSource; services: Services; logger: Logger }): Router {
  const router = Router();
  const answerError = (response: Response, error: unknown) => {
    if (error instanceof RosterFilesError) return void response.status(422).json({ errors: error.problems, total: error.total });
    if (error instanceof RosterRemovalGuardError) {
      return void response.status(409).json({ error: { code: 'CONFLICT', reason: 'ROSTER_REMOVAL_GUARD', message: error.message, guard: error.guard } });
    }
    if (error instanceof AppError) {
      const code = String(error.extensions.code);
      const status = code === 'UNAUTHENTICATED' ? 401 : code === 'CONFLICT' ? 409 : code === 'NOT_FOUND' ? 404 : 403;
      return void response.status(status).json({ error: { code, reason: error.extensions.reason, message: error.message } });
    }
    dependencies.logger.error({ error: safeError(error) }, 'OneRoster import failed');
    response.status(500).json({ error: { code: 'INTERNAL_SERVER_ERROR', message: 'Internal server error.' } });
  };
  router.post(
    '/oneroster/imports',
    // The key is checked before the body is read: an unknown caller cannot make the server take 50 MB.
    async (request: Request, response: Response, next: NextFunction) => {
      response.setHeader('cache-control', 'no-store');
      try {
        const actor = await dependencies.services.apiKeys.authenticate(request.headers.authorization);
        if (!IMPORTERS.has(actor.role)) return fail(response, 403, 'FORBIDDEN', 'This key may not import rosters (SIS_SYSTEM or DISTRICT_ADMIN only).');
        response.locals.rosterActor = actor;
        next();
      } catch (error) {
        answerError(response, error);
      }
    },
    express.raw({ type: ['application/zip', 'application/x-zip-compressed', 'application/octet-stream'], limit: MAX_UPLOAD }),
    resumeRequestContext,
    async (request: Request, response: Response) => {
      try {
        const dryRun = flag(request.query.dryRun);
        const allowMassRemoval = flag(request.query.allowMassRemoval);
        if (dryRun === 'invalid' || allowMassRemoval === 'invalid') return fail(response, 400, 'BAD_REQUEST', 'dryRun and allowMassRemoval take true or false.');
        if (!Buffer.isBuffer(request.body) || request.body.length === 0) return fail(response, 415, 'UNSUPPORTED_MEDIA_TYPE', 'Send the export as a zip archive (content-type: application/zip).');
        const files = readRosterArchive(request.body);
        const { requestId } = response.locals.requestState as RequestState;
        const scope = new TenantScope(response.locals.rosterActor as Actor, dependencies.dataSource.manager, requestId);
        response.status(200).json(await dependencies.services.roster.import(scope, files, { dryRun, allowMassRemoval }));
      } catch (error) {
        answerError(response, error);
      }
    },
  );
  return router;
}
