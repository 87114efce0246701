import 'reflect-metadata';
import { ComplianceResolver, SchoolStatusCountsResolver } from '../compliance/compliance.resolver';
import { AccountFindingsResolver, FindingResolver } from '../findings/finding.resolver';
import { ConnectionResolver } from '../connections/connection.resolver';
import { getNamedType, type GraphQLSchema } from 'graphql';
import { buildSchema, type AuthCheckerFn, type NonEmptyArray, type ValidatorFn } from 'type-graphql';
import { AccountResolver } from '../accounts/account.resolver';
import { CredentialRotationResolver } from '../accounts/credential-rotation.resolver';
import { AuditResolver } from '../audit/audit.resolver';
import type { ApiRole } from '../auth/api-role';
import { ViewerResolver } from '../auth/viewer.resolver';
import { BadUserInputError, ForbiddenError } from '../errors/app-errors';
import { PeopleResolver } from '../people/people.resolver';
import { SchoolResolver } from '../schools/school.resolver';
import { SyncResolver } from '../sync/sync.resolver';
import { OffboardingResolver } from '../offboarding/offboarding.resolver';
import { RemediationResolver } from '../remediation/remediation.resolver';
import { assertValid, nulCharacterProblems } from '../validation/assert-valid';
import type { GraphQLContext } from './context';

export const RESOLVERS: NonEmptyArray<Function> = [
  ViewerResolver,
  SchoolResolver,
  PeopleResolver,
  AccountResolver,
  AuditResolver,
  ConnectionResolver,
  ComplianceResolver,
  SchoolStatusCountsResolver,
  FindingResolver,
  AccountFindingsResolver,
  SyncResolver,
  CredentialRotationResolver,
  RemediationResolver,
  OffboardingResolver,
];

/** Authentication happens before any resolver runs (the context); here only the role is checked. */
const authChecker: AuthCheckerFn<GraphQLContext, ApiRole> = ({ context }, roles) => {
  if (roles.length === 0 || roles.includes(context.actor.role)) return true;
  throw new ForbiddenError(`A ${context.actor.role} key may not do that.`, 'ROLE_NOT_ALLOWED');
};

/**
 * class-validator on every input, reported with argument paths (`input.3.email`) so a feed sender can find
 * the bad row. type-graphql does not pass the argument's name, so it is matched by input type name.
 */
const validateFn: ValidatorFn = async (argValue, argType, resolverData) => {
  const field = resolverData.info.parentType.getFields()[resolverData.info.fieldName];
  const typeName = (argType as { name?: string }).name;
  const argument = field?.args.find((candidate) => getNamedType(candidate.type).name === typeName);
  if (argValue === null || typeof argValue !== 'object') {
    // Scalar arguments (an id, a note) carry no class-validator rules, but may still carry a NUL.
    const problems = nulCharacterProblems(argValue, argument?.name ?? 'argument');
    if (problems.length) throw new BadUserInputError(problems);
    return;
  }
  await assertValid(argValue, argument?.name ?? '');
};

export async function buildProctorSchema(): Promise<GraphQLSchema> {
  return buildSchema({
    resolvers: RESOLVERS,
    authChecker,
    validateFn,
  });
}
