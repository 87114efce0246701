import { RowReader } from './oneroster-fields';
import type { ProblemList } from './oneroster.errors';
import { RosterProblemCode, type CsvTable, type FileMode } from './oneroster.types';

export const ORG_COLUMNS = { required: ['sourcedId', 'status', 'dateLastModified', 'name', 'type', 'identifier', 'parentSourcedId'] } as const;
const ORG_TYPES = ['department', 'school', 'district', 'local', 'state', 'national'] as const;
export const ROW_STATUSES = ['active', 'tobedeleted'] as const;

interface Org {
  type: (typeof ORG_TYPES)[number];
  identifier: string | null;
  parentSourcedId: string | null;
}

export type OrgResolution = { schoolId: string | null } | { unknown: string };

/**
 * Which Proctor school an org is. A school org is the school whose code is the org's identifier (or, failing
 * that, its sourcedId); a department is its parent school's; district, local, state and national orgs are
 * no school (district office staff). An org missing from orgs.csv may still name a school by its code.
 */
export class OrgDirectory {
  constructor(
    private readonly orgs: Map<string, Org>,
    private readonly schoolIdByCode: Map<string, string>,
    private readonly orgsMode: FileMode,
  ) {}

  resolve(orgSourcedId: string): OrgResolution {
    const org = this.orgs.get(orgSourcedId);
    if (!org) {
      const bySourcedId = this.schoolIdByCode.get(orgSourcedId.toUpperCase());
      if (bySourcedId) return { schoolId: bySourcedId };
      return { unknown: this.orgsMode === 'bulk' ? `org ${orgSourcedId} is not in orgs.csv` : `org ${orgSourcedId} is not in orgs.csv and is no school code` };
    }
    if (org.type === 'department' && org.parentSourcedId && this.orgs.get(org.parentSourcedId)?.type === 'school') {
      return this.resolve(org.parentSourcedId);
    }
    if (org.type !== 'school') return { schoolId: null };
    const schoolId = (org.identifier && this.schoolIdByCode.get(org.identifier.toUpperCase())) || this.schoolIdByCode.get(orgSourcedId.toUpperCase());
    if (schoolId) return { schoolId };
    return { unknown: `school org ${orgSourcedId} (identifier ${org.identifier ?? 'blank'}) matches no Proctor school code` };
  }
}

export function readOrgs(table: CsvTable | null, mode: FileMode, problems: ProblemList): Map<string, Org> {
  const orgs = new Map<string, Org>();
  const lines = new Map<string, number>();
  for (const row of table?.rows ?? []) {
    const reader = new RowReader('orgs.csv', row, problems);
    const sourcedId = reader.text('sourcedId', { required: true, max: 255 });
    reader.oneOf('status', ROW_STATUSES, { required: mode === 'delta' });
    const type = reader.oneOf('type', ORG_TYPES, { required: true });
    const identifier = reader.text('identifier', { max: 255 });
    const parentSourcedId = reader.text('parentSourcedId', { max: 255 });
    if (sourcedId === null || type === null) continue;
    const first = lines.get(sourcedId);
    if (first !== undefined) {
      reader.report('sourcedId', RosterProblemCode.DUPLICATE_ID, `org ${sourcedId} is already on line ${first}`);
      continue;
    }
    lines.set(sourcedId, row.line);
    orgs.set(sourcedId, { type, identifier, parentSourcedId });
  }
  return orgs;
}
