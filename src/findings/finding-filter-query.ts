import { assertValid } from '../validation/assert-valid';
import { FindingFilter } from './finding.inputs';

const KNOWN = ['schoolId', 'accountId', 'ruleId', 'severity', 'state', 'status'] as const;

/** The findings filter from URL query parameters (exports), validated like the GraphQL input. */
export async function validateFindingFilter(query: Record<string, unknown>): Promise<FindingFilter> {
  const picked = Object.fromEntries(KNOWN.filter((name) => typeof query[name] === 'string').map((name) => [name, query[name]]));
  const filter = Object.assign(new FindingFilter(), picked);
  await assertValid(filter, 'filter');
  return filter;
}
