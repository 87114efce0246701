import { BadUserInputError, ConflictError } from '../errors/app-errors';

export const idempotencyKeyReused = () =>
  new ConflictError('This idempotency key was already used for another request.', 'IDEMPOTENCY_KEY_REUSED', [
    { path: 'input.idempotencyKey', constraint: 'unique', message: 'already used for another request' },
  ]);

export const badEffectiveAt = (message: string) => BadUserInputError.field('input.effectiveAt', 'range', message);
