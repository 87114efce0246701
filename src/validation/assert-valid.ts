import { validate, type ValidationError } from 'class-validator';
import { BadUserInputError, type FieldProblem } from '../errors/app-errors';

/** Flattens class-validator's tree into `input.3.email`-style paths. */
export function fieldProblems(errors: ValidationError[], prefix: string): FieldProblem[] {
  return errors.flatMap((error) => {
    const path = prefix ? `${prefix}.${error.property}` : error.property;
    const own = Object.entries(error.constraints ?? {}).map(([constraint, message]) => ({ path, constraint, message }));
    return [...own, ...fieldProblems(error.children ?? [], path)];
  });
}

/**
 * PostgreSQL cannot store U+0000 in text (it answers with an error), so a NUL anywhere in an argument is refused
 * up front, wherever it sits in the input.
 */
export function nulCharacterProblems(value: unknown, path: string): FieldProblem[] {
  if (typeof value === 'string') {
    return value.includes('\u0000') ? [{ path, constraint: 'noNulCharacter', message: `${path || 'value'} must not contain NUL characters` }] : [];
  }
  if (Array.isArray(value)) return value.flatMap((item, index) => nulCharacterProblems(item, path ? `${path}.${index}` : String(index)));
  if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
    return Object.entries(value).flatMap(([key, item]) => nulCharacterProblems(item, path ? `${path}.${key}` : key));
  }
  return [];
}

/** Validates one object or a list of them (each item's index joins the path) and throws BAD_USER_INPUT. */
export async function assertValid(value: object | object[], path: string): Promise<void> {
  const items = Array.isArray(value) ? value.map((item, index) => ({ item, path: `${path}.${index}` })) : [{ item: value, path }];
  const problems: FieldProblem[] = nulCharacterProblems(value, path);
  for (const { item, path: itemPath } of items) {
    if (item === null || typeof item !== 'object') continue;
    const errors = await validate(item, { forbidUnknownValues: false, validationError: { target: false, value: false } });
    problems.push(...fieldProblems(errors, itemPath));
  }
  if (problems.length > 0) throw new BadUserInputError(problems);
}
