import { BadUserInputError, ConflictError, ForbiddenError, type FieldProblem } from '../errors/app-errors';

export const accountAlreadyRegistered = (platform: string, handle: string) =>
  new ConflictError(`${platform} account ${handle} is already registered in this district.`, 'ACCOUNT_ALREADY_REGISTERED', [
    { path: 'input.handle', constraint: 'unique', message: 'already registered' },
  ]);

export const accountNotPending = (status: string) =>
  new ConflictError(`Only an account awaiting approval can be approved (this one is ${status}).`, 'ACCOUNT_NOT_PENDING');

export const principalOutsideSchool = () =>
  new ForbiddenError('A principal key registers accounts of its own school only.', 'OUTSIDE_OWN_SCHOOL');

export const invalidRegistration = (fields: FieldProblem[]) => new BadUserInputError(fields);
