import express, { Router, type ErrorRequestHandler, type NextFunction, type Request, type Response } from 'express';
import type { DataSource } from 'typeorm';
import { ApiRole } from '../auth/api-role';
import type { Config } from '../config/config';
import { resumeRequestContext } from '../http/request-tracking';
import type { Logger } from '../logging/logger';
import type { RequestState } from '../logging/request-context';
import { safeError } from '../logging/safe-error';
import type { Services } from '../services';
import { TenantScope } from '../tenancy/tenant-scope';
import { SCIM_MAX_PAGE_SIZE, scimDiscoveryRoutes } from './scim-discovery';
import { parseUserFilter } from './scim-filter';
import { SCIM_CONTENT_TYPE } from './scim-schema-ids';
import { listResponse, toScimUser } from './scim-user.mapper';
import { ScimUserService } from './scim-user.service';
import { invalidSyntax, invalidValue, routeNotFound, ScimError, toScimError } from './scim.errors';

export interface ScimRouteDependencies {
  config: Config;
  dataSource: DataSource;
  services: Services;
  logger: Logger;
}

function send(response: Response, status: number, body?: object): void {
  response.status(status).setHeader('cache-control', 'no-store');
  if (body === undefined) response.end();
  else response.type(SCIM_CONTENT_TYPE).json(body);
}

const scopeOf = (response: Response) => response.locals.scope as TenantScope;

/** A paging parameter: absent gives the default, a non-integer is an error (RFC 7644 §3.4.2.4 clamps the rest). */
function integerParameter(value: unknown, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'string' || !/^-?\d{1,9}$/.test(value.trim())) throw invalidValue(`${name} must be an integer.`);
  return Number.parseInt(value, 10);
}

/**
 * SCIM 2.0 (RFC 7643/7644) for HR deprovisioning, mounted at /scim/v2: Users over the staff roster, and the
 * discovery endpoints. Only HR_SYSTEM keys may call it; every answer is application/scim+json.
 */
export function scimRoutes(dependencies: ScimRouteDependencies): Router {
  const { config, dataSource, services, logger } = dependencies;
  const baseUrl = `${config.http.publicUrl}/scim/v2`;
  const usersUrl = `${baseUrl}/Users`;
  const users = new ScimUserService(services.offboarding);
  const router = Router();

  // Authenticate before reading any body: an unauthenticated caller gets 401, not a parse error.
  router.use(async (request: Request, response: Response, next: NextFunction) => {
    const actor = await services.apiKeys.authenticate(request.headers.authorization);
    if (actor.role !== ApiRole.HR_SYSTEM) throw new ScimError(403, 'Only HR_SYSTEM keys may use SCIM.');
    const { requestId } = response.locals.requestState as RequestState;
    response.locals.scope = new TenantScope(actor, dataSource.manager, requestId);
    next();
  });
  router.use(express.json({ type: ['application/json', SCIM_CONTENT_TYPE] }), resumeRequestContext);
  router.use(scimDiscoveryRoutes(baseUrl, send));

  router.get('/Users', async (request, response) => {
    const filter = parseUserFilter(request.query.filter);
    // startIndex below 1 means 1, and a negative count means 0 (RFC 7644 §3.4.2.4).
    const startIndex = Math.max(1, integerParameter(request.query.startIndex, 'startIndex', 1));
    const count = Math.min(SCIM_MAX_PAGE_SIZE, Math.max(0, integerParameter(request.query.count, 'count', SCIM_MAX_PAGE_SIZE)));
    const { total, staff } = await users.list(scopeOf(response), filter, startIndex, count);
    send(response, 200, listResponse(staff.map((member) => toScimUser(member, usersUrl)), total, startIndex));
  });
  router.get('/Users/:id', async (request, response) => {
    send(response, 200, toScimUser(await users.get(scopeOf(response), request.params.id), usersUrl));
  });
  router.post('/Users', async (request, response) => {
    const staff = await users.create(scopeOf(response), request.body);
    response.setHeader('location', `${usersUrl}/${staff.id}`);
    send(response, 201, toScimUser(staff, usersUrl));
  });
  router.put('/Users/:id', async (request, response) => {
    send(response, 200, toScimUser(await users.replace(scopeOf(response), request.params.id, request.body), usersUrl));
  });
  router.patch('/Users/:id', async (request, response) => {
    send(response, 200, toScimUser(await users.patch(scopeOf(response), request.params.id, request.body), usersUrl));
  });
  router.delete('/Users/:id', async (request, response) => {
    await users.remove(scopeOf(response), request.params.id);
    send(response, 204);
  });

  router.use(() => {
    throw routeNotFound();
  });
  router.use(scimErrors(logger));
  return router;
}

/** Every failure as a SCIM Error message; unexpected ones are logged and answer 500 without details. */
function scimErrors(logger: Logger): ErrorRequestHandler {
  return (error, _request, response, _next) => {
    let scimError = toScimError(error);
    // express.json's own failures: unreadable JSON, too large, unsupported charset.
    if (!scimError && typeof error?.status === 'number' && error.status >= 400 && error.status < 500) {
      scimError = error.status === 400 ? invalidSyntax('The body is not valid JSON.') : new ScimError(error.status, 'The body could not be read.');
    }
    if (!scimError) {
      logger.error({ error: safeError(error) }, 'SCIM request failed');
      scimError = new ScimError(500, 'Internal server error.');
    }
    if (scimError.status === 401) response.setHeader('www-authenticate', 'Bearer realm="proctor-scim"');
    send(response, scimError.status, scimError.body());
  };
}
