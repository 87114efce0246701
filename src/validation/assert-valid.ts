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

/** Validates one object or a list of them (each item's index joins the path) and throws BAD_USER_INPUT. */
export async function assertValid(value: object | object[], path: string): Promise<void> {
  const items = Array.isArray(value) ? value.map((item, index) => ({ item, path: `${path}.${index}` })) : [{ item: value, path }];
  const problems: FieldProblem[] = [];
  for (const { item, path: itemPath } of items) {
    if (item === null || typeof item !== 'object') continue;
    const errors = await validate(item, { forbidUnknownValues: false, validationError: { target: false, value: false } });
    problems.push(...fieldProblems(errors, itemPath));
  }
  if (problems.length > 0) throw new BadUserInputError(problems);
}
