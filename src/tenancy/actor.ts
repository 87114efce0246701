import { ActorType } from '../audit/audit-entry.entity';
import { ApiRole } from '../auth/api-role';

/** Who is calling, in which district, with which role. Built once per request (or CLI command, or job). */
export interface Actor {
  type: ActorType;
  /** API key id, CLI user or job name. */
  id: string;
  label: string;
  role: ApiRole;
  districtId: string;
  /** A PRINCIPAL's school; null for district-wide roles. */
  schoolId: string | null;
}

/** The operator at the command line acts as a district admin of the district it names. */
export function cliActor(districtId: string, user: string): Actor {
  return { type: ActorType.CLI, id: user, label: `cli:${user}`, role: ApiRole.DISTRICT_ADMIN, districtId, schoolId: null };
}

export function systemActor(districtId: string, job: string): Actor {
  return { type: ActorType.SYSTEM, id: job, label: `proctor:${job}`, role: ApiRole.DISTRICT_ADMIN, districtId, schoolId: null };
}
