import { ConflictError } from '../errors/app-errors';

export const schoolCodeTaken = (code: string) =>
  new ConflictError(`Another school in this district already has code ${code}.`, 'SCHOOL_CODE_TAKEN', [
    { path: 'input.code', constraint: 'unique', message: 'code is taken' },
  ]);
