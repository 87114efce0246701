import { Router, type NextFunction, type Request, type Response } from 'express';
import { verifyState } from '../../integrations/oauth/oauth-state';
import type { StateFailure, StateSuccess } from '../../integrations/oauth/attempt-state-store';
import type { OAuthPassport } from '../../integrations/oauth/oauth-strategies';
import type { CodeExchangeResult } from '../../integrations/provider';
import { providerBySlug } from '../../integrations/registry';
import type { Logger } from '../logging/logger';
import { safeError } from '../logging/safe-error';
import { ConnectFailure, type ConnectionService } from './connection.service';
import { sendConnectResult } from './oauth-result-page';

/** How platforms say "the person cancelled": RFC 6749's access_denied, LinkedIn's own codes. */
const CANCELLED = new Set(['access_denied', 'user_cancelled_authorize', 'user_cancelled_login']);

export interface OAuthRouteDependencies {
  connections: ConnectionService;
  passport: OAuthPassport;
  /** Platforms with a strategy (client credentials or simulators available). */
  configuredSlugs: ReadonlySet<string>;
  signingKeys: () => Buffer[];
  logger: Logger;
}

/**
 * GET /oauth/<platform>/connect?ticket=… (the startConnection link) and GET /oauth/<platform>/callback (where
 * the platform returns). Every failure ends on a result page and changes nothing but the attempt's own record.
 * Query strings carry secrets (ticket, code, state): they are never logged.
 */
export function oauthRoutes(dependencies: OAuthRouteDependencies): Router {
  const { connections, passport, logger } = dependencies;
  const router = Router();

  router.get('/oauth/:slug/connect', async (request: Request, response: Response, next: NextFunction) => {
    const slug = String(request.params.slug);
    const provider = providerBySlug(slug);
    if (!provider) return sendConnectResult(response, 'UNKNOWN_PLATFORM');
    let attemptId: string;
    try {
      attemptId = (await connections.claimLink(slug, request.query.ticket)).id;
    } catch (error) {
      if (error instanceof ConnectFailure) return sendConnectResult(response, error.code, { platform: provider.name });
      return next(error);
    }
    if (!dependencies.configuredSlugs.has(slug)) {
      await connections.failAttempt(attemptId, 'PLATFORM_ERROR');
      return sendConnectResult(response, 'PLATFORM_NOT_CONFIGURED', { platform: provider.name });
    }
    passport.authenticate(slug, { session: false, state: { attemptId } } as object)(request, response, next);
  });

  router.get('/oauth/:slug/callback', (request: Request, response: Response, next: NextFunction) => {
    const slug = String(request.params.slug);
    const provider = providerBySlug(slug);
    if (!provider || !dependencies.configuredSlugs.has(slug)) return sendConnectResult(response, 'UNKNOWN_PLATFORM');
    const signedAttemptId = verifyState(request.query.state, dependencies.signingKeys());
    const finishFailed = async (code: ConnectFailure['code'], burnState: boolean) => {
      // A denial or platform error still spends the state, so the same callback URL cannot be replayed later.
      if (burnState && signedAttemptId) await connections.attempts.consumeState(signedAttemptId);
      await connections.failAttempt(signedAttemptId, code);
      sendConnectResult(response, code, { platform: provider.name });
    };
    if (typeof request.query.error === 'string') {
      return void finishFailed(CANCELLED.has(request.query.error) ? 'CONSENT_DENIED' : 'PLATFORM_ERROR', true).catch(next);
    }
    // Without a code passport would treat the request as a new authorization and redirect again.
    if (typeof request.query.code !== 'string') return void finishFailed('BAD_STATE', false).catch(next);
    const done = async (error: unknown, user: unknown, info: unknown) => {
      if (error) {
        logger.warn({ platform: provider.platform, error: safeError(error) }, 'OAuth token exchange failed');
        return finishFailed('TOKEN_EXCHANGE_FAILED', false);
      }
      if (!user) {
        const failure = info as StateFailure | undefined;
        const code = failure?.code === 'STATE_USED_OR_EXPIRED' ? 'STATE_USED_OR_EXPIRED' : 'BAD_STATE';
        // A replay must not fail the attempt that already completed.
        return sendConnectResult(response, code, { platform: provider.name });
      }
      const state = (info as { state?: StateSuccess }).state;
      if (!state?.attemptId) return finishFailed('BAD_STATE', false);
      try {
        await connections.completeConnection(state.attemptId, user as CodeExchangeResult);
        sendConnectResult(response, 'CONNECTED', { platform: provider.name });
      } catch (failure) {
        if (!(failure instanceof ConnectFailure)) {
          logger.error({ platform: provider.platform, error: safeError(failure) }, 'storing a connection failed');
          await connections.failAttempt(state.attemptId, 'PLATFORM_ERROR');
          return sendConnectResult(response, 'PLATFORM_ERROR', { platform: provider.name });
        }
        await connections.failAttempt(state.attemptId, failure.code);
        sendConnectResult(response, failure.code, { platform: provider.name });
      }
    };
    passport.authenticate(slug, { session: false }, (error: unknown, user: unknown, info: unknown) => {
      done(error, user, info).catch(next);
    })(request, response, next);
  });

  return router;
}
