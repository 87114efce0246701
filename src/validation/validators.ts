import { Matches, registerDecorator, type IsUrl, type ValidationOptions } from 'class-validator';

type IsURLOptions = NonNullable<Parameters<typeof IsUrl>[0]>;

/** Rejects strings that are empty or only whitespace. */
export const IsNotBlank = (options?: ValidationOptions) => Matches(/\S/, { message: '$property must not be blank', ...options });

export function isTimeZone(value: unknown): boolean {
  if (typeof value !== 'string' || value.length === 0) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

/** An IANA time zone name such as America/Vancouver. */
export function IsTimeZone(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isTimeZone',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: '$property must be an IANA time zone such as America/Vancouver', ...options },
      validator: { validate: isTimeZone },
    });
}

/** http(s) URL with a host, as a profile's website field would hold. */
export const WEB_URL_OPTIONS: IsURLOptions = { protocols: ['http', 'https'], require_protocol: true, require_tld: false };
