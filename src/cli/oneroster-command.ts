import { readRosterPath } from '../roster/oneroster-reader';
import type { RosterImportSummary } from '../roster/oneroster.types';
import type { Runtime } from '../runtime';
import type { TenantScope } from '../tenancy/tenant-scope';
import { printResult, type CliIo } from './cli-io';

export function describeImport(summary: RosterImportSummary): string {
  const { staff, students, guard, modes } = summary;
  const share = guard.active ? ((guard.removals * 100) / guard.active).toFixed(1) : '0.0';
  return [
    `OneRoster import${summary.sourceSystem ? ` from ${summary.sourceSystem}` : ''} (users ${modes.users}, roles ${modes.roles}, orgs ${modes.orgs})${summary.dryRun ? ': dry run, nothing was written' : ''}`,
    `  staff:    ${staff.created} created, ${staff.updated} updated, ${staff.unchanged} unchanged, ${staff.departed} departed`,
    `  students: ${students.created} created, ${students.updated} updated, ${students.unchanged} unchanged, ${students.withdrawn} withdrawn`,
    `  ignored:  ${summary.ignoredUsers} users neither staff nor students`,
    `  removals: ${guard.removals} of ${guard.active} active imported people (${share}%, limit ${guard.maxPercent}%${guard.overridden ? ', allowed by --allow-mass-removal' : ''})`,
  ].join('\n');
}

/**
 * Reads the export (folder or zip) and imports it into the district. A refused import throws (the problems
 * with file:line:column, or the removal guard), so the exit code is 1 and stderr lists why.
 */
export async function runOneRosterImport(
  runtime: Runtime,
  scope: TenantScope,
  location: string,
  io: CliIo,
  options: { json: boolean; dryRun: boolean; allowMassRemoval: boolean },
): Promise<void> {
  const files = await readRosterPath(location);
  const summary = await runtime.services.roster.import(scope, files, { dryRun: options.dryRun, allowMassRemoval: options.allowMassRemoval });
  printResult(io, options.json, summary, describeImport(summary));
}
