import type { Platform } from '../src/accounts/account.enums';
import type { Config } from '../src/config/config';
import { CallMeter, PlatformHttp } from './http/platform-http';
import type { ConnectorContext, ProviderDefinition, ProviderUrls } from './provider';
import { PROVIDERS, providerFor } from './registry';
import { SIMULATOR_CLIENT } from './simulator/simulator-server';

/** Where the built-in simulators are mounted inside the API (`npm start`). */
export const SIMULATOR_MOUNT = '/simulators';

export interface ResolvedProvider {
  provider: ProviderDefinition;
  urls: ProviderUrls;
  clientId: string;
  clientSecret: string;
  /** False when neither env credentials nor the simulators are available: the platform cannot be connected. */
  configured: boolean;
  /** True when any endpoint is the built-in simulator. */
  simulated: boolean;
}

/**
 * The registry entry plus what the environment says (api.md: <P>_AUTHORIZE_URL, _TOKEN_URL, _API_URL,
 * _CLIENT_ID, _CLIENT_SECRET). Unset URLs are the real platform's, or with PLATFORM_SIMULATORS on, the
 * built-in simulator's; so a real platform needs only env.
 */
export function resolveProvider(config: Config, provider: ProviderDefinition): ResolvedProvider {
  const settings = config.platforms.settings[provider.envPrefix];
  const simulatorRoot = `${config.http.publicUrl}${SIMULATOR_MOUNT}/${provider.slug}`;
  const simulators = config.platforms.simulators;
  const pick = (explicit: string | undefined, real: string, simulated: string) =>
    explicit ?? (simulators ? simulatorRoot + simulated : real);
  const urls: ProviderUrls = {
    authorize: pick(settings.authorizeUrl, provider.urls.authorize, provider.simulatorPaths.authorize),
    token: pick(settings.tokenUrl, provider.urls.token, provider.simulatorPaths.token),
    api: pick(settings.apiUrl, provider.urls.api, provider.simulatorPaths.api),
  };
  const simulated = [urls.authorize, urls.token, urls.api].some((url) => url.startsWith(simulatorRoot));
  const clientId = settings.clientId ?? (simulators ? SIMULATOR_CLIENT.clientId : '');
  const clientSecret = settings.clientSecret ?? (simulators ? SIMULATOR_CLIENT.clientSecret : '');
  return { provider, urls, clientId, clientSecret, configured: clientId !== '' && clientSecret !== '', simulated };
}

export function resolveAllProviders(config: Config): ResolvedProvider[] {
  return PROVIDERS.map((provider) => resolveProvider(config, provider));
}

export function resolvePlatform(config: Config, platform: Platform): ResolvedProvider | null {
  const provider = providerFor(platform);
  return provider ? resolveProvider(config, provider) : null;
}

export function connectorContext(resolved: ResolvedProvider, meter: CallMeter = new CallMeter(), now: () => Date = () => new Date()): ConnectorContext {
  return {
    http: new PlatformHttp({ platform: resolved.provider.platform, meter }),
    apiUrl: resolved.urls.api,
    tokenUrl: resolved.urls.token,
    clientId: resolved.clientId,
    clientSecret: resolved.clientSecret,
    now,
  };
}
