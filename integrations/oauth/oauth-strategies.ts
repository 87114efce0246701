import passportModule from 'passport';

export type OAuthPassport = InstanceType<typeof passportModule.Authenticator>;
import { Strategy as OAuth2Strategy, type StrategyOptionsWithRequest, type VerifyCallback } from 'passport-oauth2';
import type { Request } from 'express';
import type { CodeExchangeResult } from '../provider';
import type { ResolvedProvider } from '../provider-settings';
import type { AttemptStateStore } from './attempt-state-store';

/** passport-oauth2 with the provider's extra authorize parameters (Google's access_type=offline, prompt=consent). */
class ProviderStrategy extends OAuth2Strategy {
  constructor(
    options: StrategyOptionsWithRequest,
    private readonly extraAuthorizationParams: Record<string, string>,
  ) {
    super(options, (_request: Request, accessToken: string, refreshToken: string, params: Record<string, unknown>, _profile: unknown, done: VerifyCallback) => {
      // The "user" passport hands to the route is the token response; it only lives in memory until sealed.
      const exchange: CodeExchangeResult = { accessToken, refreshToken: refreshToken || null, params };
      done(null, exchange as unknown as Express.User);
    });
  }

  override authorizationParams(): object {
    return { ...this.extraAuthorizationParams };
  }
}

/**
 * One passport instance (not the global one) with a strategy per configured platform, named by its slug.
 * Strategies are built from the registry entries: URLs, scopes, PKCE, client authentication.
 */
export function createOAuthPassport(
  providers: readonly ResolvedProvider[],
  callbackUrl: (slug: string) => string,
  store: AttemptStateStore,
): OAuthPassport {
  const passport = new passportModule.Authenticator();
  for (const resolved of providers) {
    if (!resolved.configured) continue;
    const { provider } = resolved;
    const basic = provider.tokenEndpointAuth === 'CLIENT_SECRET_BASIC';
    const options: StrategyOptionsWithRequest = {
      authorizationURL: resolved.urls.authorize,
      tokenURL: resolved.urls.token,
      clientID: resolved.clientId,
      clientSecret: resolved.clientSecret,
      callbackURL: callbackUrl(provider.slug),
      scope: [...provider.scopes.read, ...provider.scopes.remediate],
      scopeSeparator: provider.scopeSeparator,
      // passport-oauth2 takes `true` as S256 (its typings only allow booleans).
      pkce: provider.pkce === 'S256',
      state: true,
      store: store as unknown as StrategyOptionsWithRequest['store'],
      skipUserProfile: true,
      passReqToCallback: true,
      customHeaders: basic
        ? { Authorization: `Basic ${Buffer.from(`${encodeURIComponent(resolved.clientId)}:${encodeURIComponent(resolved.clientSecret)}`).toString('base64')}` }
        : undefined,
    };
    passport.use(provider.slug, new ProviderStrategy(options, provider.authorizationParams));
  }
  return passport;
}
