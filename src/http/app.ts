import { expressMiddleware } from '@as-integrations/express5';
import express, { type ErrorRequestHandler, type Express } from 'express';
import type { GraphQLSchema } from 'graphql';
import type { DataSource } from 'typeorm';
import type { ApolloServer } from '@apollo/server';
import type { Config } from '../config/config';
import { AttemptStateStore } from '../../integrations/oauth/attempt-state-store';
import { createOAuthPassport } from '../../integrations/oauth/oauth-strategies';
import { resolveAllProviders, SIMULATOR_MOUNT } from '../../integrations/provider-settings';
import { oauthRoutes } from '../connections/oauth-routes';
import { findingsExportRoutes } from '../findings/findings-export';
import { oneRosterRoutes } from '../roster/oneroster-routes';
import { scimRoutes } from '../scim/scim-routes';
import { createApolloServer } from '../graphql/apollo';
import type { GraphQLContext } from '../graphql/context';
import { createLoaders } from '../graphql/loaders';
import type { Logger } from '../logging/logger';
import { safeError } from '../logging/safe-error';
import type { RequestState } from '../logging/request-context';
import type { Services } from '../services';
import { TenantScope } from '../tenancy/tenant-scope';
import { healthRoutes, type Lifecycle } from './health';
import { requestTracking, resumeRequestContext, type FinishedRequest } from './request-tracking';

export interface AppDependencies {
  config: Config;
  dataSource: DataSource;
  logger: Logger;
  services: Services;
  schema: GraphQLSchema;
  lifecycle?: Lifecycle;
  onRequestFinished?: (request: FinishedRequest) => void;
  /** The built-in platform simulators, served under /simulators (sandbox mode). */
  simulatorApp?: Express;
}

export interface ProctorApp {
  app: Express;
  apollo: ApolloServer<GraphQLContext>;
  lifecycle: Lifecycle;
}

export async function createApp(dependencies: AppDependencies): Promise<ProctorApp> {
  const { config, dataSource, logger, services, schema } = dependencies;
  const lifecycle = dependencies.lifecycle ?? { shuttingDown: false };
  const apollo = createApolloServer(schema, config, logger);
  await apollo.start();

  const app = express();
  app.disable('x-powered-by');
  app.use(requestTracking(logger, dependencies.onRequestFinished));
  app.use((_request, response, next) => {
    response.setHeader('x-content-type-options', 'nosniff');
    next();
  });
  app.use(healthRoutes(dataSource, lifecycle));
  if (dependencies.simulatorApp) app.use(SIMULATOR_MOUNT, dependencies.simulatorApp);
  const providers = resolveAllProviders(config);
  const signingKeys = () => {
    const all = services.vault.signingKeys();
    return { current: all[0], all };
  };
  const passport = createOAuthPassport(
    providers,
    (slug) => `${config.http.publicUrl}/oauth/${slug}/callback`,
    new AttemptStateStore(services.connections.attempts, signingKeys),
  );
  app.use(
    oauthRoutes({
      connections: services.connections,
      passport,
      configuredSlugs: new Set(providers.filter((resolved) => resolved.configured).map((resolved) => resolved.provider.slug)),
      signingKeys: () => services.vault.signingKeys(),
      logger,
    }),
  );
  app.use(findingsExportRoutes({ dataSource, services, logger }));
  app.use(oneRosterRoutes({ dataSource, services, logger }));
  app.use('/scim/v2', scimRoutes({ config, dataSource, services, logger }));
  app.use(
    '/graphql',
    express.json({ limit: '2mb' }),
    resumeRequestContext,
    (_request, response, next) => {
      response.setHeader('cache-control', 'no-store');
      next();
    },
    expressMiddleware(apollo, {
      context: async ({ req, res }): Promise<GraphQLContext> => {
        const { requestId } = res.locals.requestState as RequestState;
        const actor = await services.apiKeys.authenticate(req.headers.authorization);
        const scope = new TenantScope(actor, dataSource.manager, requestId);
        return { requestId, actor, scope, loaders: createLoaders(scope, services), services };
      },
    }),
  );
  app.use((_request, response) => {
    response.status(404).json({ error: { code: 'NOT_FOUND', message: 'No such route.' } });
  });
  app.use(jsonErrors(logger));
  return { app, apollo, lifecycle };
}

/** Malformed bodies and other transport errors answer in JSON, never with a stack trace. */
function jsonErrors(logger: Logger): ErrorRequestHandler {
  return (error, _request, response, _next) => {
    const status = typeof error?.status === 'number' && error.status >= 400 && error.status < 500 ? error.status : 500;
    if (status === 500) logger.error({ error: safeError(error) }, 'unhandled HTTP error');
    response.status(status).json({
      errors: [
        {
          message: status === 500 ? 'Internal server error.' : 'The request could not be read (malformed JSON or too large).',
          extensions: { code: status === 500 ? 'INTERNAL_SERVER_ERROR' : 'BAD_REQUEST' },
        },
      ],
    });
  };
}
