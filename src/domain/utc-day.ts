/**
 * Zoom counts its daily limits per UTC day: the engine's budget, Zoom's 429 answers and the
 * meeting-slot's waits all reset at the same 00:00 UTC, so they share these two rules.
 *
 * Pure, no dependencies: workflow code may import it.
 */

/** The UTC calendar day of `at`, as `yyyy-MM-dd` (the key of a day's budget). */
export function utcDay(at: Date): string {
  return at.toISOString().slice(0, 10);
}

/** The first 00:00 UTC strictly after `at`: at exactly midnight, the next one. */
export function nextUtcMidnight(at: Date): Date {
  return new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate() + 1));
}
