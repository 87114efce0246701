import type { DataSource } from 'typeorm';
import { resolvePlatform } from '../../integrations/provider-settings';
import type { Config } from '../config/config';
import type { JobDefinition } from '../jobs/job-runtime';
import type { Logger } from '../logging/logger';
import { safeError } from '../logging/safe-error';
import { ConnectionStatus } from './connection.enums';
import { PlatformConnection } from './platform-connection.entity';
import { ConnectionUnusable, type TokenRefresher } from './token-refresher';

/** Look this far ahead: the longest refresh margin (60-day tokens are renewed a week early). */
const HORIZON_DAYS = 8;
const BATCH = 500;

/**
 * Renews tokens before they lapse even when nobody reads the account (nightly reads do it too, but a token
 * must not depend on them). Each connection is refreshed under its own row lock, so this job, the sync and a
 * person's checkAccount never refresh one connection twice. Returns how many were looked at.
 */
export async function refreshExpiringConnections(
  dataSource: DataSource,
  config: Config,
  refresher: TokenRefresher,
  logger: Logger,
  options: { districtId?: string } = {},
): Promise<{ examined: number; unusable: number }> {
  // Across districts on purpose (unless one is named): this is Proctor's own upkeep, touching only each row's own credentials.
  const query = dataSource
    .getRepository(PlatformConnection)
    .createQueryBuilder('connection')
    .where('connection.status IN (:...statuses)', { statuses: [ConnectionStatus.CONNECTED, ConnectionStatus.REFRESH_FAILING] })
    .andWhere(`connection.accessTokenExpiresAt < now() + make_interval(days => ${HORIZON_DAYS})`)
    .orderBy('connection.accessTokenExpiresAt', 'ASC')
    .take(BATCH);
  if (options.districtId) query.andWhere('connection.districtId = :districtId', { districtId: options.districtId });
  const due = await query.getMany();
  let unusable = 0;
  for (const connection of due) {
    const resolved = resolvePlatform(config, connection.platform);
    if (!resolved?.configured) continue;
    try {
      await refresher.lease(connection, resolved);
    } catch (error) {
      if (error instanceof ConnectionUnusable) {
        unusable += 1;
        continue;
      }
      logger.error({ connectionId: connection.id, error: safeError(error) }, 'token refresh failed unexpectedly');
    }
  }
  return { examined: due.length, unusable };
}

export function refreshExpiringJob(dataSource: DataSource, config: Config, refresher: TokenRefresher, logger: Logger): JobDefinition {
  return {
    name: 'connections.refresh-expiring',
    schedule: '*/15 * * * *',
    // A run that overlaps the next tick would only find fresh tokens: keep one at a time.
    queue: { policy: 'singleton' },
    async handle() {
      const result = await refreshExpiringConnections(dataSource, config, refresher, logger);
      if (result.examined > 0) logger.info(result, 'expiring tokens refreshed');
    },
  };
}
