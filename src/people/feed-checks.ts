import type { FieldProblem } from '../errors/app-errors';
import { School } from '../schools/school.entity';
import type { TenantScope } from '../tenancy/tenant-scope';
import { unknownSchools } from './people.errors';

/** Rows that repeat an earlier row's key, each named by its path (`input.7.employeeId`). */
export function duplicates(values: string[], field: string): FieldProblem[] {
  const firstIndex = new Map<string, number>();
  return values.flatMap((value, index) => {
    const first = firstIndex.get(value);
    if (first === undefined) {
      firstIndex.set(value, index);
      return [];
    }
    return [{ path: `input.${index}.${field}`, constraint: 'unique', message: `${field} repeats input.${first}.${field}` }];
  });
}

/** Every school id in a feed must be one the caller can see; all unknown ones are named at once. */
export async function assertSchoolsVisible(scope: TenantScope, schoolIds: (string | null)[]): Promise<void> {
  const wanted = [...new Set(schoolIds.filter((id): id is string => Boolean(id)))];
  if (wanted.length === 0) return;
  const visible = await scope.select(School, 'school').select('school.id').andWhere('school.id IN (:...wanted)', { wanted }).getMany();
  const known = new Set(visible.map((school) => school.id));
  const unknownPaths = schoolIds.flatMap((id, index) => (id && !known.has(id) ? [`input.${index}.schoolId`] : []));
  if (unknownPaths.length) throw unknownSchools(unknownPaths);
}
