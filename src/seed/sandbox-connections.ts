import type { DataSource } from 'typeorm';
import { providerFor } from '../../integrations/registry';
import type { SimulatorSet } from '../../integrations/simulator/simulator-server';
import { SocialAccount } from '../accounts/social-account.entity';
import type { Logger } from '../logging/logger';
import type { Services } from '../services';
import { systemActor } from '../tenancy/actor';
import { TenantScope } from '../tenancy/tenant-scope';

/**
 * Connects every sandbox account through the real OAuth flow, against the built-in simulators, with the
 * consent screen answered as each account's simulated owner; then reads and judges each once. So `npm start` shows
 * connected accounts with snapshots at once, and exercises the same path a principal's click does.
 */
export async function connectSandboxAccounts(
  districtId: string,
  dependencies: { dataSource: DataSource; services: Services; simulators: SimulatorSet; logger: Logger },
): Promise<{ connected: number; total: number }> {
  const { dataSource, services, simulators, logger } = dependencies;
  const scope = new TenantScope(systemActor(districtId, 'sandbox-seed'), dataSource.manager);
  const accounts = await scope.select(SocialAccount, 'account').getMany();
  let connected = 0;
  for (const account of accounts) {
    const provider = providerFor(account.platform);
    const simulator = provider ? simulators.simulators.get(provider.platform) : undefined;
    const userId = simulator?.consentUserFor(account.handle);
    if (!provider || !simulator || !userId) continue;
    try {
      const link = await services.connections.startConnection(scope, account.id);
      const toPlatform = await fetch(link.url, { redirect: 'manual' });
      simulator.control.consent = { decision: 'APPROVE', userId };
      const toCallback = await fetch(toPlatform.headers.get('location') ?? '', { redirect: 'manual' });
      simulator.control.consent = { decision: 'SHOW_PAGE' };
      const result = await fetch(toCallback.headers.get('location') ?? '', { redirect: 'manual' });
      if (result.headers.get('x-proctor-connect-result') === 'CONNECTED') connected += 1;
      else logger.warn({ platform: account.platform, result: result.headers.get('x-proctor-connect-result') }, 'sandbox account not connected');
    } catch (error) {
      logger.warn({ platform: account.platform, error: (error as Error).message }, 'sandbox account not connected');
    }
  }
  // Re-read: connecting recorded each account's platform id.
  const connectedAccounts = await scope.select(SocialAccount, 'account').getMany();
  await services.snapshots.fetchAndStore(scope, connectedAccounts, 'account.check');
  await services.compliance.judge(scope, connectedAccounts);
  return { connected, total: accounts.length };
}
