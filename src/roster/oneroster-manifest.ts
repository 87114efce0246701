import { parseRosterCsv } from './oneroster-csv';
import type { ProblemList } from './oneroster.errors';
import { RosterProblemCode, type FileMode, type RosterFileName, type RosterFiles, type RosterManifest } from './oneroster.types';

const FILE = 'manifest.csv';
const MODES: readonly FileMode[] = ['bulk', 'delta', 'absent'];

/**
 * manifest.csv (`propertyName,value`): `oneroster.version` must be 1.2; `file.users`, `file.roles` and
 * `file.orgs` say bulk, delta or absent (unlisted = absent). Returns null when the manifest is unusable.
 */
export function readManifest(files: RosterFiles, problems: ProblemList): RosterManifest | null {
  const data = files.get(FILE);
  if (!data) {
    problems.add(FILE, null, null, RosterProblemCode.MISSING_FILE, 'the export has no manifest.csv');
    return null;
  }
  const table = parseRosterCsv(FILE, data, { required: ['propertyName', 'value'] }, problems);
  if (!table) return null;
  const properties = new Map(table.rows.map((row) => [row.values.propertyName.toLowerCase(), row]));
  const before = problems.size;

  const version = properties.get('oneroster.version');
  if (!version) problems.add(FILE, null, 'propertyName', RosterProblemCode.BAD_MANIFEST, 'oneroster.version is missing; this import reads OneRoster 1.2');
  else if (version.values.value !== '1.2') {
    problems.add(FILE, version.line, 'value', RosterProblemCode.BAD_MANIFEST, `oneroster.version is "${version.values.value}"; this import reads OneRoster 1.2 only`);
  }

  const mode = (name: 'users' | 'roles' | 'orgs'): FileMode => {
    const row = properties.get(`file.${name}`);
    if (!row) return 'absent';
    const value = row.values.value.toLowerCase() as FileMode;
    if (MODES.includes(value)) return value;
    problems.add(FILE, row.line, 'value', RosterProblemCode.BAD_MANIFEST, `file.${name} must be bulk, delta or absent`);
    return 'absent';
  };
  const modes = { users: mode('users'), roles: mode('roles'), orgs: mode('orgs') };

  // A bulk users.csv removes whoever is missing; without every role the import cannot tell staff from students.
  if (modes.users === 'bulk' && modes.roles !== 'bulk') {
    problems.add(FILE, properties.get('file.roles')?.line ?? null, 'value', RosterProblemCode.BAD_MANIFEST, 'file.roles must be bulk when file.users is bulk (OneRoster 1.2 keeps roles in roles.csv)');
  }
  for (const [name, fileMode] of Object.entries(modes)) {
    if (fileMode !== 'absent' && !files.has(`${name}.csv` as RosterFileName)) {
      problems.add(`${name}.csv`, null, null, RosterProblemCode.MISSING_FILE, `the manifest lists ${name}.csv as ${fileMode} but the export has no such file`);
    }
  }
  if (problems.size > before) return null;
  const sourceSystem = properties.get('source.systemname')?.values.value || properties.get('source.systemcode')?.values.value || null;
  return { modes, sourceSystem };
}
