import { BadUserInputError, ConflictError } from '../errors/app-errors';

export const unknownRule = () => BadUserInputError.field('input.ruleId', 'isKnownRule', 'ruleId is not a rule of the catalogue');

export const keyUsedForAnotherAction = () =>
  new ConflictError('This idempotency key was already used for another remediation.', 'IDEMPOTENCY_KEY_REUSED', [
    { path: 'input.idempotencyKey', constraint: 'unique', message: 'already used for another account or rule' },
  ]);
