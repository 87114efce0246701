import { BadUserInputError, ConflictError } from '../errors/app-errors';

export const unknownRule = (path: string) => BadUserInputError.field(path, 'rule', 'not a rule of the catalogue');

export const badExpiry = (path: string) =>
  BadUserInputError.field(path, 'expiry', 'must be in the future and at most 366 days away');

export const ruleNotManual = (status: string) =>
  new ConflictError(`Only a rule the platform cannot show (MANUAL) can be attested; this one is ${status}.`, 'RULE_NOT_MANUAL');
