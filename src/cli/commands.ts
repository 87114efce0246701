import os from 'node:os';
import { ApiRole, ALL_ROLES } from '../auth/api-role';
import { NotFoundError } from '../errors/app-errors';
import type { Runtime } from '../runtime';
import { cliActor } from '../tenancy/actor';
import { TenantScope } from '../tenancy/tenant-scope';
import { printResult, UsageError, type CliIo } from './cli-io';
import { runOneRosterImport } from './oneroster-command';
import { runSync } from './sync-command';

export type Options = Record<string, string | boolean | undefined>;

export interface Command {
  summary: string;
  usage: string;
  options: Record<string, { type: 'string' | 'boolean' }>;
  /** Names of the positional arguments, for the commands that take some (oneroster:import PATH). */
  positionals?: string[];
  run(runtime: Runtime, options: Options, io: CliIo, positionals: string[]): Promise<void>;
}

const operator = () => os.userInfo().username;

function required(options: Options, name: string): string {
  const value = options[name];
  if (typeof value !== 'string' || value.trim() === '') throw new UsageError(`--${name} is required`);
  return value.trim();
}

async function districtScope(runtime: Runtime, slug: string): Promise<TenantScope> {
  const district = await runtime.services.districts.findBySlug(slug);
  if (!district) throw new NotFoundError(`District "${slug}"`, 'district');
  return new TenantScope(cliActor(district.id, operator()), runtime.dataSource.manager);
}

export const COMMANDS: Record<string, Command> = {
  'district:create': {
    summary: 'Create a district and its first DISTRICT_ADMIN key.',
    usage: 'district:create --name NAME --slug SLUG --domains a.org,b.org --profile PROFILE_ID [--website URL] [--time-zone ZONE] [--json]',
    options: { name: { type: 'string' }, slug: { type: 'string' }, domains: { type: 'string' }, profile: { type: 'string' }, website: { type: 'string' }, 'time-zone': { type: 'string' } },
    async run(runtime, options, io) {
      const created = await runtime.services.districts.create(
        {
          name: required(options, 'name'),
          slug: required(options, 'slug'),
          emailDomains: required(options, 'domains').split(','),
          policyProfileId: required(options, 'profile'),
          websiteUrl: typeof options.website === 'string' ? options.website : null,
          timeZone: typeof options['time-zone'] === 'string' ? options['time-zone'] : undefined,
        },
        (districtId) => cliActor(districtId, operator()),
      );
      printResult(
        io,
        options.json === true,
        { id: created.district.id, slug: created.district.slug, adminKey: created.adminKey },
        `Created district ${created.district.name} (${created.district.slug}, id ${created.district.id}).\nDISTRICT_ADMIN key (shown once):\n  ${created.adminKey}`,
      );
    },
  },

  'apikey:create': {
    summary: 'Create an API key for a district.',
    usage: `apikey:create --district SLUG --role ${ALL_ROLES.join('|')} [--school SCHOOL_ID] [--label TEXT] [--json]`,
    options: { district: { type: 'string' }, role: { type: 'string' }, school: { type: 'string' }, label: { type: 'string' } },
    async run(runtime, options, io) {
      const role = required(options, 'role').toUpperCase();
      if (!(ALL_ROLES as string[]).includes(role)) throw new UsageError(`--role must be one of ${ALL_ROLES.join(', ')}`);
      const scope = await districtScope(runtime, required(options, 'district'));
      const { key, apiKey } = await runtime.services.apiKeys.create(scope, {
        role: role as ApiRole,
        schoolId: typeof options.school === 'string' ? options.school : null,
        label: typeof options.label === 'string' ? options.label : null,
      });
      printResult(io, options.json === true, { key }, `${apiKey.role} key ${apiKey.keyId} (shown once):\n  ${key}`);
    },
  },

  'apikey:list': {
    summary: "List a district's API keys (never their secrets).",
    usage: 'apikey:list --district SLUG [--json]',
    options: { district: { type: 'string' } },
    async run(runtime, options, io) {
      const keys = await runtime.services.apiKeys.list(await districtScope(runtime, required(options, 'district')));
      const rows = keys.map((key) => ({
        keyId: key.keyId,
        role: key.role,
        schoolId: key.schoolId,
        label: key.label,
        createdAt: key.createdAt.toISOString(),
        lastUsedAt: key.lastUsedAt?.toISOString() ?? null,
        revokedAt: key.revokedAt?.toISOString() ?? null,
      }));
      printResult(
        io,
        options.json === true,
        { keys: rows },
        rows.map((row) => `${row.keyId}  ${row.role.padEnd(14)} ${row.revokedAt ? 'revoked' : 'active '}  ${row.label}`).join('\n') || '(no keys)',
      );
    },
  },

  'apikey:revoke': {
    summary: 'Revoke an API key at once.',
    usage: 'apikey:revoke --district SLUG --key-id KEY_ID [--json]',
    options: { district: { type: 'string' }, 'key-id': { type: 'string' } },
    async run(runtime, options, io) {
      const scope = await districtScope(runtime, required(options, 'district'));
      const key = await runtime.services.apiKeys.revoke(scope, required(options, 'key-id'));
      printResult(io, options.json === true, { keyId: key.keyId, revokedAt: key.revokedAt?.toISOString() }, `Revoked ${key.keyId}.`);
    },
  },

  sync: {
    summary: "Sync every account of a district now, with a progress bar (joins the run under way, if any).",
    usage: 'sync --district SLUG [--json]',
    options: { district: { type: 'string' } },
    async run(runtime, options, io) {
      await runSync(runtime, await districtScope(runtime, required(options, 'district')), io, options.json === true);
    },
  },

  'oneroster:import': {
    summary: 'Import a OneRoster 1.2 CSV export (a folder or a .zip): staff and students, in one transaction.',
    usage: 'oneroster:import PATH --district SLUG [--dry-run] [--allow-mass-removal] [--json]',
    options: { district: { type: 'string' }, 'dry-run': { type: 'boolean' }, 'allow-mass-removal': { type: 'boolean' } },
    positionals: ['PATH'],
    async run(runtime, options, io, [location]) {
      const scope = await districtScope(runtime, required(options, 'district'));
      await runOneRosterImport(runtime, scope, location, io, { json: options.json === true, dryRun: options['dry-run'] === true, allowMassRemoval: options['allow-mass-removal'] === true });
    },
  },

  migrate: {
    summary: 'Apply pending database migrations.',
    usage: 'migrate [--json]',
    options: {},
    async run(runtime, options, io) {
      // The runtime migrates on open; report what the database now has.
      const applied = await runtime.dataSource.query('SELECT name FROM migrations ORDER BY id');
      const names = (applied as { name: string }[]).map((row) => row.name);
      printResult(io, options.json === true, { migrations: names }, `Database is up to date (${names.length} migrations applied).`);
    },
  },
};
