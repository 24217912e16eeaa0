import { z } from 'zod';
import { DomainError } from '../domain/index.js';

const Email = z.email();

/** A visitor's email address, trimmed and checked; a clear 422 otherwise. */
export function normaliseEmail(input: string): string {
  const address = input.trim();
  if (address.length > 254 || !Email.safeParse(address).success) {
    throw new DomainError('validation_failed', 'That is not an email address. Write it like name@example.com.', { field: 'address' });
  }
  return address;
}

/**
 * A mobile number in E.164 form (`+358401234567`). Spaces, dashes, dots and brackets are ignored; a number written
 * with a leading 0 and no country code gets the hall's `defaultCountryCode`. Anything else is a clear 422.
 */
export function normalisePhone(input: string, defaultCountryCode?: string): string {
  const compact = input.trim().replace(/[\s().-]/g, '');
  let e164: string | null = null;
  if (/^\+[1-9]\d{6,14}$/.test(compact)) e164 = compact;
  else if (/^00[1-9]\d{6,14}$/.test(compact)) e164 = `+${compact.slice(2)}`;
  else if (defaultCountryCode && /^0\d{5,13}$/.test(compact)) e164 = `${defaultCountryCode}${compact.slice(1)}`;
  if (e164 === null || e164.length > 16) {
    throw new DomainError(
      'validation_failed',
      defaultCountryCode
        ? `That is not a mobile number. Write it like ${defaultCountryCode} 40 123 4567 or 040 123 4567.`
        : 'That is not a mobile number. Write it with its country code, like +358 40 123 4567.',
      { field: 'address' },
    );
  }
  return e164;
}

/** `jane.doe@example.org` → `j•••@example.org`: enough for staff to recognise it with the visitor, no more. */
export function maskEmail(address: string): string {
  const at = address.lastIndexOf('@');
  return `${address.slice(0, 1)}•••${address.slice(at)}`;
}

/** `+358401234567` → `+358 ••• ••67`. */
export function maskPhone(e164: string): string {
  return `${e164.slice(0, 4)} ••• ••${e164.slice(-2)}`;
}

/** A push subscription names a browser, not a person: staff see only the push service's host. */
export function maskPush(endpoint: string): string {
  try {
    return `push via ${new URL(endpoint).host}`;
  } catch {
    return 'push';
  }
}
