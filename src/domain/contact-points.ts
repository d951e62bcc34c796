/** Validation of the ways we reach people: e-mail addresses, E.164 phone numbers, IANA time zones. */
import { IANAZone } from 'luxon';
import { z } from 'zod';

export const E164_PATTERN = /^\+[1-9]\d{6,14}$/;

export const emailSchema = z
  .string()
  .trim()
  .max(254)
  .pipe(z.email({ error: 'must be an e-mail address' }));

export const phoneSchema = z
  .string()
  .trim()
  .regex(E164_PATTERN, 'must be a phone number in E.164 form, e.g. +14155550123');

export function isValidTimezone(zone: string): boolean {
  return IANAZone.isValidZone(zone);
}

export const timezoneSchema = z
  .string()
  .trim()
  .refine(isValidTimezone, 'must be an IANA time zone such as Europe/Paris');

/** A human name or label: non-empty, bounded, no control characters. */
export const nameSchema = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(200, 'must be at most 200 characters')
  // eslint-disable-next-line no-control-regex
  .refine((value) => !/[\u0000-\u001f\u007f]/.test(value), 'must not contain control characters');
