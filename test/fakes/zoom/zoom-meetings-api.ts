/**
 * Zoom's REST API under /v2, what the engine uses of it: users/{id|me}, and scheduled meetings
 * create/get/update/delete/list, each user seeing only the meetings they host. Errors as Zoom sends
 * them: 401 code 124 "Invalid access token." / "Access token is expired."; 404 code 3001 for a missing
 * meeting; 400 code 300 for validation. The list returns `agenda` truncated to 250 characters, like
 * Zoom. Simplifications: a `start_time` without offset is read as UTC (Zoom reads it in `timezone`);
 * only scheduled meetings (type 2).
 */
import { randomBytes, randomInt } from 'node:crypto';
import { z } from 'zod';
import type { ZoomDailyLimit } from './zoom-daily-limit';
import { apiError, json, validationFailed, type ZoomAnswer, type ZoomRequest } from './zoom-http';
import { randomToken, type Account, type FakeMeeting, type ZoomState } from './zoom-state';
import { parseStartTime, zoomTime } from './zoom-time';

const LIST_AGENDA_MAX = 250;

/** Zoom takes numbers, and in practice numeric strings, for `duration`. */
const duration = z.union([z.number().int().positive(), z.string().regex(/^\d+$/).transform(Number)]);
const meetingFields = z.object({
  topic: z.string().max(200).optional(),
  type: z.number().int().optional(),
  start_time: z.string().optional(),
  duration: duration.optional(),
  timezone: z.string().optional(),
  agenda: z.string().max(2000).optional(),
});

export class ZoomMeetingsApi {
  private nextMeetingId = 81_000_000_000 + randomInt(0, 900_000_000);
  private readonly pageCursors = new Map<string, { accountId: string; afterKey: string }>();

  constructor(
    private readonly state: ZoomState,
    private readonly dailyLimit: ZoomDailyLimit,
    /** count DELETE /meetings/{id} in the daily limit too (Zoom does not) */
    private readonly countDeletes: boolean,
  ) {}

  /** `path` is the part after /v2. */
  route(request: ZoomRequest, path: string): ZoomAnswer {
    const auth = this.authenticate(request.headers.authorization);
    if ('status' in auth) return auth;
    const { method } = request;
    const account = auth.account;

    const user = /^\/users\/([^/]+)$/.exec(path);
    if (user && method === 'GET') return this.getUser(account, decodeURIComponent(user[1]!));
    if (path === '/users/me/meetings' && method === 'POST') {
      return this.dailyLimit.counting(account.id, 'Medium', () => this.createMeeting(account, request.body));
    }
    if (path === '/users/me/meetings' && method === 'GET') return this.listMeetings(account, request.url.searchParams);
    const meeting = /^\/meetings\/(\d+)$/.exec(path);
    if (meeting) {
      const id = meeting[1]!;
      if (method === 'GET') return this.getMeeting(account, id);
      if (method === 'PATCH')
        return this.dailyLimit.counting(account.id, 'Light', () => this.updateMeeting(account, id, request.body));
      if (method === 'DELETE') {
        return this.countDeletes
          ? this.dailyLimit.counting(account.id, 'Light', () => this.deleteMeeting(account, id))
          : this.deleteMeeting(account, id);
      }
    }
    return apiError(404, 404, `The Zoom fake has no route for ${method} /v2${path}.`);
  }

  private authenticate(authorization: string | undefined): { account: Account } | ZoomAnswer {
    const match = /^Bearer (.+)$/i.exec(authorization ?? '');
    const record = match ? this.state.accessTokens.get(match[1]!.trim()) : undefined;
    if (!record || record.revoked) return apiError(401, 124, 'Invalid access token.');
    if (record.forcedExpired || record.expiresAtMs <= this.state.now().getTime())
      return apiError(401, 124, 'Access token is expired.');
    return { account: this.state.account(record.accountId) };
  }

  private getUser(account: Account, userId: string): ZoomAnswer {
    if (userId !== 'me' && userId !== account.id && userId.toLowerCase() !== account.email.toLowerCase()) {
      return apiError(404, 1001, `User does not exist: ${userId}.`);
    }
    return json(200, {
      id: account.id,
      first_name: account.firstName,
      last_name: account.lastName,
      display_name: `${account.firstName} ${account.lastName}`.trim(),
      email: account.email,
      type: 2,
      pmi: account.pmi,
      timezone: '',
      verified: 1,
      language: 'en-US',
      status: 'active',
      account_id: account.zoomAccountId,
    });
  }

  private createMeeting(account: Account, rawBody: string): ZoomAnswer {
    const body = parseJsonObject(rawBody);
    if (body === undefined) return apiError(400, 300, 'Request Body should be a valid JSON object.');
    const fields = meetingFields.safeParse(body);
    if (!fields.success) return validationFailed(String(fields.error.issues[0]?.path[0] ?? 'body'));
    const input = fields.data;
    if (input.type !== undefined && input.type !== 2) return validationFailed('type');
    const start = input.start_time === undefined ? this.state.now() : parseStartTime(input.start_time);
    if (!start) return validationFailed('start_time');

    this.nextMeetingId += randomInt(1, 1000);
    const id = String(this.nextMeetingId);
    const password = randomBytes(4).toString('hex').slice(0, 6);
    const meeting: FakeMeeting = {
      id,
      uuid: `${randomBytes(16).toString('base64').slice(0, 22)}==`,
      hostId: account.id,
      topic: input.topic ?? 'Zoom meeting',
      startTime: zoomTime(start),
      duration: input.duration ?? 60,
      timezone: input.timezone ?? 'UTC',
      agenda: input.agenda ?? '',
      joinUrl: `https://zoom.us/j/${id}?pwd=${randomToken(24)}`,
      password,
      createdAt: zoomTime(this.state.now()),
    };
    this.state.meetings.set(id, meeting);
    return json(201, meetingJson(meeting, account));
  }

  private ownMeeting(account: Account, id: string): FakeMeeting | undefined {
    const meeting = this.state.meetings.get(id);
    return meeting && meeting.hostId === account.id ? meeting : undefined;
  }

  private getMeeting(account: Account, id: string): ZoomAnswer {
    const meeting = this.ownMeeting(account, id);
    if (!meeting) return apiError(404, 3001, `Meeting ${id} is not found or has expired.`);
    return json(200, meetingJson(meeting, account));
  }

  private updateMeeting(account: Account, id: string, rawBody: string): ZoomAnswer {
    const meeting = this.ownMeeting(account, id);
    if (!meeting) return apiError(404, 3001, `Meeting does not exist: ${id}.`);
    const body = parseJsonObject(rawBody);
    if (body === undefined) return apiError(400, 300, 'Request Body should be a valid JSON object.');
    const fields = meetingFields.safeParse(body);
    if (!fields.success) return validationFailed(String(fields.error.issues[0]?.path[0] ?? 'body'));
    const patch = fields.data;
    let start: Date | undefined;
    if (patch.start_time !== undefined) {
      start = parseStartTime(patch.start_time);
      if (!start) return validationFailed('start_time');
    }
    if (patch.topic !== undefined) meeting.topic = patch.topic;
    if (start) meeting.startTime = zoomTime(start);
    if (patch.duration !== undefined) meeting.duration = patch.duration;
    if (patch.timezone !== undefined) meeting.timezone = patch.timezone;
    if (patch.agenda !== undefined) meeting.agenda = patch.agenda;
    return { status: 204 };
  }

  private deleteMeeting(account: Account, id: string): ZoomAnswer {
    if (!this.ownMeeting(account, id)) return apiError(404, 3001, `Meeting does not exist: ${id}.`);
    this.state.meetings.delete(id);
    return { status: 204 };
  }

  /** `type` scheduled (default) or upcoming; `page_size` 1..300 (default 30); `next_page_token`. */
  private listMeetings(account: Account, query: URLSearchParams): ZoomAnswer {
    const pageSize = Math.min(300, Math.max(1, Number(query.get('page_size') ?? 30) || 30));
    const pageToken = query.get('next_page_token') ?? '';
    let afterKey = '';
    if (pageToken !== '') {
      const cursor = this.pageCursors.get(pageToken);
      if (!cursor || cursor.accountId !== account.id) return apiError(400, 300, 'Invalid next_page_token.');
      afterKey = cursor.afterKey;
    }
    const nowMs = this.state.now().getTime();
    const sortKey = (meeting: FakeMeeting) => `${meeting.startTime}|${meeting.id.padStart(20, '0')}`;
    const all = [...this.state.meetings.values()]
      .filter((meeting) => meeting.hostId === account.id)
      .filter(
        (meeting) =>
          query.get('type') !== 'upcoming' || Date.parse(meeting.startTime) + meeting.duration * 60_000 > nowMs,
      )
      .sort((a, b) => (sortKey(a) < sortKey(b) ? -1 : sortKey(a) > sortKey(b) ? 1 : 0));
    const remaining = all.filter((meeting) => sortKey(meeting) > afterKey);
    const page = remaining.slice(0, pageSize);
    let nextPageToken = '';
    if (remaining.length > pageSize) {
      nextPageToken = randomToken(24);
      this.pageCursors.set(nextPageToken, { accountId: account.id, afterKey: sortKey(page[page.length - 1]!) });
    }
    return json(200, {
      page_size: pageSize,
      total_records: all.length,
      next_page_token: nextPageToken,
      meetings: page.map((meeting) => ({
        uuid: meeting.uuid,
        id: Number(meeting.id),
        host_id: meeting.hostId,
        topic: meeting.topic,
        type: 2,
        start_time: meeting.startTime,
        duration: meeting.duration,
        timezone: meeting.timezone,
        ...(meeting.agenda !== '' ? { agenda: meeting.agenda.slice(0, LIST_AGENDA_MAX) } : {}),
        created_at: meeting.createdAt,
        join_url: meeting.joinUrl,
      })),
    });
  }
}

/** Zoom's meeting object, as the create and get answers carry it. */
function meetingJson(meeting: FakeMeeting, host: Account) {
  return {
    uuid: meeting.uuid,
    id: Number(meeting.id),
    host_id: meeting.hostId,
    host_email: host.email,
    topic: meeting.topic,
    type: 2,
    status: 'waiting',
    start_time: meeting.startTime,
    duration: meeting.duration,
    timezone: meeting.timezone,
    ...(meeting.agenda !== '' ? { agenda: meeting.agenda } : {}),
    created_at: meeting.createdAt,
    start_url: `https://zoom.us/s/${meeting.id}?zak=${randomToken(24)}`,
    join_url: meeting.joinUrl,
    password: meeting.password,
    h323_password: meeting.password.replace(/\D/g, '0'),
    pstn_password: meeting.password.replace(/\D/g, '0'),
    encrypted_password: meeting.joinUrl.split('pwd=')[1],
    pre_schedule: false,
    settings: {
      host_video: false,
      participant_video: false,
      join_before_host: false,
      mute_upon_entry: false,
      waiting_room: true,
      approval_type: 2,
      audio: 'both',
      auto_recording: 'none',
    },
  };
}

/** An empty body is `{}`; anything but a JSON object is undefined. */
function parseJsonObject(raw: string): unknown {
  if (raw.trim() === '') return {};
  try {
    const parsed: unknown = JSON.parse(raw);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}
