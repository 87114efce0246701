import 'reflect-metadata';
import path from 'node:path';
import { emitSchemaDefinitionFile } from 'type-graphql';
import { projectRoot } from '../project-root';
import { buildProctorSchema } from './schema';

export const SCHEMA_FILE = path.join('schema', 'schema.graphql');

/** `npm run schema:emit`: writes schema/schema.graphql (sorted), the committed public contract. */
async function main(): Promise<void> {
  const file = path.join(projectRoot(), SCHEMA_FILE);
  await emitSchemaDefinitionFile(file, await buildProctorSchema());
  console.log(`Wrote ${SCHEMA_FILE}.`);
}

if (require.main === module) {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
