import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { emitSchemaDefinitionFile } from 'type-graphql';
import { SCHEMA_FILE } from '../../src/graphql/emit-schema';
import { buildProctorSchema } from '../../src/graphql/schema';
import { projectRoot } from '../../src/project-root';

describe('schema/schema.graphql', () => {
  it('is what the code emits now (run `npm run schema:emit` and commit it when this fails)', async () => {
    const fresh = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'proctor-schema-')), 'schema.graphql');
    await emitSchemaDefinitionFile(fresh, await buildProctorSchema());
    const committed = fs.readFileSync(path.join(projectRoot(), SCHEMA_FILE), 'utf8');
    expect(committed).toEqual(fs.readFileSync(fresh, 'utf8'));
  });

  it('keeps the public names clients depend on (api.md)', () => {
    const sdl = fs.readFileSync(path.join(projectRoot(), SCHEMA_FILE), 'utf8');
    for (const name of [
      'enum Platform', 'enum AccountScope', 'enum Audience', 'enum ApiRole',
      'viewer: Viewer!', 'schools: [School!]!', 'accounts(', 'account(id: ID!): SocialAccount', 'auditLog(',
      'createSchool(input: CreateSchoolInput!)', 'upsertStaff(input: [StaffInput!]!)', 'importStudents(input: [StudentInput!]!)',
      'registerAccount(input: RegisterAccountInput!)', 'approveAccount(id: ID!, note: String)',
      'type SocialAccountConnection', 'totalCount: Int!', 'pageInfo: PageInfo!', 'endCursor: String', 'hasNextPage: Boolean!',
    ]) {
      expect(sdl).toContain(name);
    }
    for (const value of ['FACEBOOK', 'INSTAGRAM', 'X', 'YOUTUBE', 'LINKEDIN', 'OTHER', 'DISTRICT_ADMIN', 'PRINCIPAL', 'VIEWER', 'HR_SYSTEM', 'SIS_SYSTEM']) {
      expect(sdl).toMatch(new RegExp(`\\n  ${value}\\n`));
    }
  });
});
