/**
 * Zoom's REST API (v2), the few calls the engine makes on behalf of a connected user: who they are,
 * and their scheduled meetings (create, update, delete, list). Every method takes the user's access
 * token first; refreshing it is the caller's job (on ZoomUnauthorized). Responses are parsed with
 * zod; failures are thrown as the classes of zoom-errors.ts, each with `retryable` (zoom-answers.ts
 * reads Zoom's error answers into them).
 */
import { z } from 'zod';
import { apiErrorFromAnswer, errorFromFetchFailure } from './zoom-answers';
import { ZoomMeetingNotFound, ZoomUnexpectedResponse } from './zoom-errors';

export interface ZoomUser {
  id: string;
  email: string;
  firstName?: string;
  lastName?: string;
  accountId?: string;
}

export interface ZoomMeeting {
  /** Zoom's numeric meeting ID, as a string (it exceeds 32 bits) */
  id: string;
  joinUrl: string;
  /** UTC, as Zoom writes it: `2026-03-10T15:00:00Z` */
  startTime: string;
  durationMinutes: number;
  topic: string;
  /** the listed agenda is truncated by Zoom to 250 characters */
  agenda?: string;
  /** when Zoom created it (UTC, to the second) */
  createdAt?: string;
}

export interface CreateMeetingInput {
  topic: string;
  /** ISO 8601 instant; sent to Zoom in UTC */
  startTime: string;
  durationMinutes: number;
  /** IANA name Zoom shows the time in (the start itself is sent in UTC) */
  timezone?: string;
  agenda?: string;
}

export type UpdateMeetingPatch = Partial<CreateMeetingInput>;

export interface ZoomApiClientOptions {
  /** `https://api.zoom.us/v2` in production */
  apiBaseUrl: string;
  /** per request, default 15 s */
  timeoutMs?: number;
  /** clock for rate-limit waits (Retry-After instants); tests pass the fake's */
  now?: () => Date;
}

const meetingId = z.union([z.number().int().nonnegative(), z.string().regex(/^\d+$/)]).transform(String);

const userAnswer = z.object({
  id: z.string().min(1),
  email: z.string(),
  first_name: z.string().optional(),
  last_name: z.string().optional(),
  account_id: z.string().optional(),
});

/** The fields we use of Zoom's meeting object (create answer and list items alike). */
const meetingAnswer = z.object({
  id: meetingId,
  join_url: z.string().min(1),
  start_time: z.string().optional(),
  duration: z.number().optional(),
  topic: z.string().optional(),
  agenda: z.string().optional(),
  created_at: z.string().optional(),
});

const meetingListAnswer = z.object({
  next_page_token: z.string().optional(),
  meetings: z.array(meetingAnswer),
});

type MeetingAnswer = z.infer<typeof meetingAnswer>;

const DEFAULT_TIMEOUT_MS = 15_000;
const LIST_PAGE_SIZE = 300;
/** 300 × 100 meetings: far beyond any host; stops a misbehaving cursor from looping forever. */
const MAX_LIST_PAGES = 100;

/** Zoom wants `yyyy-MM-ddTHH:mm:ssZ` for a UTC start. */
function zoomUtc(isoInstant: string): string {
  const at = new Date(isoInstant);
  if (Number.isNaN(at.getTime())) throw new RangeError(`not an ISO 8601 instant: ${isoInstant}`);
  return at.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function checkMeetingId(id: string): string {
  if (!/^\d+$/.test(id)) throw new RangeError(`not a Zoom meeting ID: ${id}`);
  return id;
}

function toMeeting(answer: MeetingAnswer & { start_time: string }): ZoomMeeting {
  return {
    id: answer.id,
    joinUrl: answer.join_url,
    startTime: answer.start_time,
    durationMinutes: answer.duration ?? 0,
    topic: answer.topic ?? '',
    ...(answer.agenda !== undefined && answer.agenda !== '' ? { agenda: answer.agenda } : {}),
    ...(answer.created_at !== undefined ? { createdAt: answer.created_at } : {}),
  };
}

function hasStartTime(answer: MeetingAnswer): answer is MeetingAnswer & { start_time: string } {
  return answer.start_time !== undefined;
}

interface Call {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  path: string;
  /** the path with IDs replaced, for messages */
  name: string;
  query?: Record<string, string>;
  body?: unknown;
}

export class ZoomApiClient {
  private readonly baseUrl: string;
  private readonly timeoutMs: number;
  private readonly now: () => Date;

  constructor(options: ZoomApiClientOptions) {
    this.baseUrl = options.apiBaseUrl.replace(/\/+$/, '');
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.now = options.now ?? (() => new Date());
  }

  async getMe(accessToken: string): Promise<ZoomUser> {
    const call: Call = { method: 'GET', path: '/users/me', name: 'GET /users/me' };
    const user = this.parse(call, userAnswer, await this.send(accessToken, call));
    return {
      id: user.id,
      email: user.email,
      ...(user.first_name ? { firstName: user.first_name } : {}),
      ...(user.last_name ? { lastName: user.last_name } : {}),
      ...(user.account_id ? { accountId: user.account_id } : {}),
    };
  }

  /** A scheduled meeting (type 2) hosted by the token's user. Not idempotent: tag it (zoom-meeting-tag.ts). */
  async createMeeting(accessToken: string, input: CreateMeetingInput): Promise<ZoomMeeting> {
    const call: Call = {
      method: 'POST',
      path: '/users/me/meetings',
      name: 'POST /users/me/meetings',
      body: {
        topic: input.topic,
        type: 2,
        start_time: zoomUtc(input.startTime),
        duration: input.durationMinutes,
        ...(input.timezone !== undefined ? { timezone: input.timezone } : {}),
        ...(input.agenda !== undefined ? { agenda: input.agenda } : {}),
      },
    };
    const meeting = this.parse(call, meetingAnswer, await this.send(accessToken, call));
    if (!hasStartTime(meeting))
      throw new ZoomUnexpectedResponse(`${call.name}: created meeting has no start_time`, 201, undefined);
    return toMeeting(meeting);
  }

  /**
   * Changes only the given fields. An empty patch sends nothing (a PATCH would still spend one of the
   * user's daily create/update requests). Throws ZoomMeetingNotFound when the meeting is gone.
   */
  async updateMeeting(accessToken: string, meetingId: string, patch: UpdateMeetingPatch): Promise<void> {
    const body = {
      ...(patch.topic !== undefined ? { topic: patch.topic } : {}),
      ...(patch.startTime !== undefined ? { start_time: zoomUtc(patch.startTime) } : {}),
      ...(patch.durationMinutes !== undefined ? { duration: patch.durationMinutes } : {}),
      ...(patch.timezone !== undefined ? { timezone: patch.timezone } : {}),
      ...(patch.agenda !== undefined ? { agenda: patch.agenda } : {}),
    };
    if (Object.keys(body).length === 0) return;
    const path = `/meetings/${checkMeetingId(meetingId)}`;
    await this.send(accessToken, { method: 'PATCH', path, name: 'PATCH /meetings/{id}', body });
  }

  /** Idempotent: a meeting Zoom no longer knows (404, code 3001) counts as deleted before. */
  async deleteMeeting(accessToken: string, meetingId: string): Promise<'deleted' | 'already_deleted'> {
    const path = `/meetings/${checkMeetingId(meetingId)}`;
    try {
      await this.send(accessToken, { method: 'DELETE', path, name: 'DELETE /meetings/{id}' });
      return 'deleted';
    } catch (error) {
      if (error instanceof ZoomMeetingNotFound) return 'already_deleted';
      throw error;
    }
  }

  /**
   * All of the user's scheduled meetings (past unexpired, live and upcoming), following
   * `next_page_token`. Meetings without a fixed time are left out: the engine creates none.
   */
  async listScheduledMeetings(accessToken: string): Promise<ZoomMeeting[]> {
    const meetings: ZoomMeeting[] = [];
    let pageToken = '';
    for (let page = 0; page < MAX_LIST_PAGES; page++) {
      const call: Call = {
        method: 'GET',
        path: '/users/me/meetings',
        name: 'GET /users/me/meetings',
        query: {
          type: 'scheduled',
          page_size: String(LIST_PAGE_SIZE),
          ...(pageToken ? { next_page_token: pageToken } : {}),
        },
      };
      const answer = this.parse(call, meetingListAnswer, await this.send(accessToken, call));
      meetings.push(...answer.meetings.filter(hasStartTime).map(toMeeting));
      pageToken = answer.next_page_token ?? '';
      if (pageToken === '') return meetings;
    }
    throw new ZoomUnexpectedResponse(`GET /users/me/meetings: more than ${MAX_LIST_PAGES} pages`, 200, undefined);
  }

  private parse<T extends z.ZodType>(call: Call, schema: T, json: unknown): z.infer<T> {
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      const fields = parsed.error.issues
        .map((issue) => `${issue.path.join('.') || '(body)'}: ${issue.message}`)
        .join('; ');
      throw new ZoomUnexpectedResponse(`${call.name}: unexpected answer (${fields})`, 200, undefined);
    }
    return parsed.data;
  }

  /** The parsed JSON body of a 2xx answer (undefined when empty, as for 204), or the matching ZoomError. */
  private async send(accessToken: string, call: Call): Promise<unknown> {
    const url = new URL(`${this.baseUrl}${call.path}`);
    for (const [name, value] of Object.entries(call.query ?? {})) url.searchParams.set(name, value);
    let status: number;
    let headers: Headers;
    let bodyText: string;
    try {
      const response = await fetch(url, {
        method: call.method,
        headers: {
          authorization: `Bearer ${accessToken}`,
          accept: 'application/json',
          ...(call.body !== undefined ? { 'content-type': 'application/json' } : {}),
        },
        ...(call.body !== undefined ? { body: JSON.stringify(call.body) } : {}),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      status = response.status;
      headers = response.headers;
      bodyText = await response.text();
    } catch (error) {
      throw errorFromFetchFailure(call.name, error, this.timeoutMs);
    }
    if (status < 200 || status > 299) throw apiErrorFromAnswer(call.name, { status, headers, bodyText }, this.now());
    if (bodyText === '') return undefined;
    try {
      return JSON.parse(bodyText);
    } catch {
      throw new ZoomUnexpectedResponse(`${call.name}: answer is not JSON`, status, undefined);
    }
  }
}
