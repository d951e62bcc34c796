import { z } from 'zod';

/** IDs of users, contacts, calendars and appointments are the CRM's own: 1–128 chars of [A-Za-z0-9_.:-]. */
export const ENTITY_ID_PATTERN = /^[A-Za-z0-9_.:-]{1,128}$/;

export const entityIdSchema = z
  .string({ error: 'must be a string' })
  .regex(ENTITY_ID_PATTERN, 'must be 1–128 characters of A–Z, a–z, 0–9, _ . : -');
