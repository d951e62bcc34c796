/**
 * Zoom's per-user daily limit on meeting create/update requests: 100 per UTC day, reset at 00:00
 * UTC. Zoom's staff and observed X-RateLimit-Remaining headers say DELETE draws from the
 * account-wide quota, not from this one, so only POST /users/me/meetings and PATCH /meetings/{id}
 * are counted (deletes too with `countDeletes`). A request is counted when it is admitted
 * (authenticated, not faulted), whatever the operation then answers. The (limit+1)-th gets 429 with
 * `X-RateLimit-Type: Daily-limit`, `X-RateLimit-Limit`, `X-RateLimit-Remaining: 0`,
 * `Retry-After: <next 00:00 UTC as ISO 8601>` and Zoom's message.
 */
import { json, type ZoomAnswer } from './zoom-http';
import { nextUtcMidnight, utcDay, zoomTime } from './zoom-time';

export class ZoomDailyLimit {
  /** `<zoom user>|<utc day>` → requests counted */
  private readonly counted = new Map<string, number>();

  constructor(
    private readonly limit: number,
    private readonly now: () => Date,
  ) {}

  countedCalls(accountId: string, day = utcDay(this.now())): number {
    return this.counted.get(`${accountId}|${day}`) ?? 0;
  }

  /** Runs `operation` if the user has requests left today, counting it, with Zoom's headers on the answer. */
  counting(accountId: string, category: string, operation: () => ZoomAnswer): ZoomAnswer {
    const now = this.now();
    const key = `${accountId}|${utcDay(now)}`;
    const used = this.counted.get(key) ?? 0;
    if (used >= this.limit) {
      return json(
        429,
        {
          code: 429,
          message: `You have exceeded the daily rate limit (${this.limit}) of Meeting Create/Update API requests permitted for this particular user. You may resume these requests at GMT 00:00:00.`,
        },
        { ...this.headers(category, 0), 'retry-after': zoomTime(nextUtcMidnight(now)) },
      );
    }
    this.counted.set(key, used + 1);
    const answer = operation();
    return { ...answer, headers: { ...answer.headers, ...this.headers(category, this.limit - used - 1) } };
  }

  private headers(category: string, remaining: number): Record<string, string> {
    return {
      'x-ratelimit-category': category,
      'x-ratelimit-type': 'Daily-limit',
      'x-ratelimit-limit': String(this.limit),
      'x-ratelimit-remaining': String(remaining),
    };
  }
}
