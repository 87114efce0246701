import 'reflect-metadata';
import { DataSource, type Logger as TypeOrmLogger } from 'typeorm';
import { MIGRATIONS } from '../../migrations';
import { ENTITIES } from './entities';
import { SLOW_QUERY_MS } from './query-logger';
import { SnakeNamingStrategy } from './snake-naming.strategy';

export interface DataSourceOptions {
  url: string;
  poolSize?: number;
  logger?: TypeOrmLogger;
  applicationName?: string;
}

export function createDataSource(options: DataSourceOptions): DataSource {
  return new DataSource({
    type: 'postgres',
    url: options.url,
    entities: ENTITIES,
    // Classes, not globs: the same list works under tsc, ts-jest and the compiled build.
    migrations: MIGRATIONS,
    migrationsTransactionMode: 'each',
    // Each where() / andWhere() is parenthesised, so a condition containing OR cannot escape the tenant predicate.
    isolateWhereStatements: true,
    synchronize: false,
    migrationsRun: false,
    namingStrategy: new SnakeNamingStrategy(),
    uuidExtension: 'pgcrypto',
    applicationName: options.applicationName ?? 'proctor',
    logger: options.logger,
    logging: options.logger ? ['query', 'error', 'warn', 'migration'] : false,
    maxQueryExecutionTime: SLOW_QUERY_MS,
    extra: { max: options.poolSize ?? 10 },
  });
}
