// The data source the app uses, for the TypeORM CLI after `npm run build`, e.g.
//   npx typeorm migration:show -d dist/ormconfig.js
// DATABASE_URL when set; otherwise the embedded database of a running `npm start`.
import 'reflect-metadata';
import { loadConfig } from './src/config/config';
import { embeddedDatabaseUrl } from './src/db/database';
import { createDataSource } from './src/db/data-source';

const config = loadConfig(process.env);

export const dataSource = createDataSource({ url: config.database.url ?? embeddedDatabaseUrl(config) });
export default dataSource;
