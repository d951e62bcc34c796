/** The API's schemas of durations and offsets (zod: not for workflow code); the parsing is in durations.ts. */
import { z } from 'zod';
import { DURATION_FORMAT, OFFSET_FORMAT, parseDuration, parseOffset, type Parsed } from './durations';

function schemaOf(parse: (text: string) => Parsed, typeMessage: string) {
  return z.string({ error: typeMessage }).superRefine((text, ctx) => {
    const parsed = parse(text);
    if (!parsed.ok) ctx.addIssue({ code: 'custom', message: parsed.message });
  });
}

/** A positive delay of at most 365 days, e.g. `90s`, `1m`, `24h`, `2d`, `1w`. */
export const durationSchema = schemaOf(parseDuration, DURATION_FORMAT);

/** A time relative to the appointment's start, within ±365 days: `-24h` before, `+2h` or `2h` after, `0m` at it. */
export const offsetSchema = schemaOf(parseOffset, OFFSET_FORMAT);
