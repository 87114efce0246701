import { PROVIDERS } from '../registry';
import { SIMULATOR_CLIENT, type RunningSimulators } from './simulator-server';

/**
 * The platform env that points every provider at these simulators: exactly what an operator changes to reach
 * the real platforms (api.md: <P>_AUTHORIZE_URL, _TOKEN_URL, _API_URL, _CLIENT_ID, _CLIENT_SECRET).
 */
export function simulatorEnv(simulators: RunningSimulators, overrides: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const provider of PROVIDERS) {
    const urls = simulators.urls(provider.platform);
    env[`${provider.envPrefix}_AUTHORIZE_URL`] = urls.authorize;
    env[`${provider.envPrefix}_TOKEN_URL`] = urls.token;
    env[`${provider.envPrefix}_API_URL`] = urls.api;
    env[`${provider.envPrefix}_CLIENT_ID`] = SIMULATOR_CLIENT.clientId;
    env[`${provider.envPrefix}_CLIENT_SECRET`] = SIMULATOR_CLIENT.clientSecret;
  }
  return { ...env, ...overrides };
}
