import { BadUserInputError } from '../errors/app-errors';

export const principalNeedsSchool = () =>
  BadUserInputError.field('schoolId', 'required', 'a PRINCIPAL key needs the id of its school');

export const onlyPrincipalsHaveSchool = () =>
  BadUserInputError.field('schoolId', 'forbidden', 'only PRINCIPAL keys are limited to a school');
