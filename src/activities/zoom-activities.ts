/**
 * Zoom meeting calls for the meeting-slot workflow. Each create/update/delete first takes one call
 * from the host's daily budget (never a 101st), answers expected refusals as values, and leaves
 * transient failures to Temporal's retries (a per-second 429 with Zoom's Retry-After as the delay).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { Context, log } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import { nextUtcMidnight } from '../domain/utc-day';
import { ZOOM_FAILURE_TYPE, ZOOM_REFUSAL, type ZoomRefusalReason } from '../domain/zoom-failure-types';
import type { ZoomApiClient, ZoomMeeting } from '../integrations/zoom/zoom-api-client';
import { ZoomError, ZoomMeetingNotFound, ZoomRateLimited } from '../integrations/zoom/zoom-errors';
import { findTaggedMeetings, survivingTaggedMeeting, taggedAgenda } from '../integrations/zoom/zoom-meeting-tag';
import type { UsersRepository } from '../store/users-repository';
import type { ZoomMeetingsRepository } from '../store/zoom-meetings-repository';
import type { ZoomQuotaRepository } from '../store/zoom-quota-repository';
import type {
  CreateZoomMeetingInput,
  DeleteZoomMeetingInput,
  UpdateZoomMeetingInput,
  ZoomActivities,
  ZoomCallRefused,
} from './zoom-activity-types';
import { whileHeartbeating } from './heartbeat';
import { ZoomNotConnected, type ZoomTokenProvider } from './zoom-token-provider';

export interface ZoomActivityDependencies {
  api: ZoomApiClient;
  tokens: ZoomTokenProvider;
  quota: ZoomQuotaRepository;
  users: UsersRepository;
  meetings: ZoomMeetingsRepository;
  now?: () => Date;
}

/**
 * Tries of one listing within an attempt. A listing is a free, idempotent read, and it comes after a
 * create that may have worked: a passing failure is tried again here rather than costing the whole
 * attempt (and its backoff).
 */
const LIST_TRIES = 3;
/** A per-second 429 asking for a longer pause than this fails the attempt: Temporal waits instead. */
const MAX_IN_ATTEMPT_PAUSE_MS = 5_000;

export function createZoomActivities(deps: ZoomActivityDependencies): ZoomActivities {
  const now = deps.now ?? (() => new Date());

  const quotaRefusal = (resetAt: Date): ZoomCallRefused => ({
    ok: false,
    reason: ZOOM_REFUSAL.quotaExhausted,
    message: `the host's daily budget of Zoom meeting requests is spent; it resets at ${resetAt.toISOString()}`,
    resetAt: resetAt.toISOString(),
  });
  const refused = (reason: ZoomRefusalReason, error: Error): ZoomCallRefused => ({
    ok: false,
    reason,
    message: error.message,
  });

  /** One budgeted Zoom call: reserve, call, map the outcome. */
  async function budgeted<T>(
    hostUserId: string,
    call: (accessToken: string) => Promise<T>,
  ): Promise<{ ok: true; value: T } | ZoomCallRefused> {
    let zoomUserId: string;
    try {
      zoomUserId = await deps.tokens.zoomUserId(hostUserId);
    } catch (error) {
      if (error instanceof ZoomNotConnected) return refused(ZOOM_REFUSAL.notConnected, error);
      throw error;
    }
    if (!(await deps.quota.reserve(zoomUserId, now()))) return quotaRefusal(nextUtcMidnight(now()));
    try {
      return { ok: true, value: await deps.tokens.withAccessToken(hostUserId, call) };
    } catch (error) {
      return refusalOrRethrow(error, zoomUserId);
    }
  }

  async function refusalOrRethrow(error: unknown, zoomUserId: string): Promise<ZoomCallRefused> {
    if (error instanceof ZoomNotConnected) return refused(ZOOM_REFUSAL.notConnected, error);
    if (error instanceof ZoomMeetingNotFound) return refused(ZOOM_REFUSAL.meetingMissing, error);
    if (error instanceof ZoomRateLimited) {
      if (error.daily) {
        // Zoom counted calls we did not (made elsewhere): nobody calls again for this user today.
        await deps.quota.markExhausted(zoomUserId, now());
        return quotaRefusal(error.retryAt ?? nextUtcMidnight(now()));
      }
      throw ApplicationFailure.create({
        message: error.message,
        type: ZOOM_FAILURE_TYPE.rateLimited,
        nextRetryDelay: error.retryAfterMs ?? 1_000,
      });
    }
    if (error instanceof ZoomError && !error.retryable) return refused(ZOOM_REFUSAL.rejected, error);
    throw error; // transient: Temporal retries
  }

  async function listMeetings(hostUserId: string): Promise<ZoomMeeting[]> {
    for (let tries = 1; ; tries++) {
      try {
        return await deps.tokens.withAccessToken(hostUserId, (token) => deps.api.listScheduledMeetings(token));
      } catch (error) {
        const pauseMs =
          error instanceof ZoomRateLimited
            ? error.daily
              ? undefined
              : (error.retryAfterMs ?? 1_000)
            : 250 * 2 ** tries;
        const passing =
          error instanceof ZoomError && error.retryable && pauseMs !== undefined && pauseMs <= MAX_IN_ATTEMPT_PAUSE_MS;
        if (!passing || tries >= LIST_TRIES) throw error;
        await sleep(pauseMs);
      }
    }
  }

  /**
   * The one meeting of this create among those Zoom lists (with `created`, the one this attempt just
   * made). When several attempts of the create all made one (an attempt was given up on while it still
   * ran), every attempt agrees on the earliest and deletes the others: no orphan, whichever attempt
   * Temporal takes the answer of.
   */
  async function keepOneTaggedMeeting(
    input: CreateZoomMeetingInput,
    listed: ZoomMeeting[],
    created: ZoomMeeting,
  ): Promise<ZoomMeeting>;
  async function keepOneTaggedMeeting(
    input: CreateZoomMeetingInput,
    listed: ZoomMeeting[],
  ): Promise<ZoomMeeting | undefined>;
  async function keepOneTaggedMeeting(
    input: CreateZoomMeetingInput,
    listed: ZoomMeeting[],
    created?: ZoomMeeting,
  ): Promise<ZoomMeeting | undefined> {
    const survivor = survivingTaggedMeeting(listed, input.tag) ?? created;
    if (!survivor) return undefined;
    const twins = [...findTaggedMeetings(listed, input.tag), ...(created ? [created] : [])].filter(
      (meeting) => meeting.id !== survivor.id,
    );
    for (const twin of new Map(twins.map((meeting) => [meeting.id, meeting])).values()) {
      const deleted = await budgeted(input.hostUserId, (token) => deps.api.deleteMeeting(token, twin.id));
      if (!deleted.ok && deleted.reason !== ZOOM_REFUSAL.meetingMissing) {
        log.warn('a duplicate Zoom meeting could not be deleted', {
          meetingId: twin.id,
          slotWorkflowId: input.slotWorkflowId,
          reason: deleted.reason,
        });
      }
    }
    return survivor;
  }

  const activities: ZoomActivities = {
    async createZoomMeeting(input: CreateZoomMeetingInput) {
      // A retry may follow a create whose answer we never recorded: look for our tag first.
      if (Context.current().info.attempt > 1) {
        try {
          const existing = await keepOneTaggedMeeting(input, await listMeetings(input.hostUserId));
          if (existing) {
            await deps.meetings.record(existing.id, input.slotWorkflowId, input.hostUserId);
            return { ok: true as const, meeting: { id: existing.id, joinUrl: existing.joinUrl } };
          }
        } catch (error) {
          const zoomUserId = await deps.tokens.zoomUserId(input.hostUserId).catch(() => '');
          return refusalOrRethrow(error, zoomUserId);
        }
      }
      const host = await deps.users.get(input.hostUserId);
      const result = await budgeted(input.hostUserId, (token) =>
        deps.api.createMeeting(token, {
          topic: input.topic,
          startTime: input.startTime,
          durationMinutes: input.durationMinutes,
          timezone: host?.timezone,
          agenda: taggedAgenda(input.tag),
        }),
      );
      if (!result.ok) return result;
      const meeting = await keepOneTaggedMeeting(input, await listMeetings(input.hostUserId), result.value);
      await deps.meetings.record(meeting.id, input.slotWorkflowId, input.hostUserId);
      return { ok: true as const, meeting: { id: meeting.id, joinUrl: meeting.joinUrl } };
    },

    async updateZoomMeeting(input: UpdateZoomMeetingInput) {
      const result = await budgeted(input.hostUserId, (token) =>
        deps.api.updateMeeting(token, input.meetingId, { topic: input.topic, durationMinutes: input.durationMinutes }),
      );
      return result.ok ? { ok: true as const } : result;
    },

    async deleteZoomMeeting(input: DeleteZoomMeetingInput) {
      const result = await budgeted(input.hostUserId, (token) => deps.api.deleteMeeting(token, input.meetingId));
      if (result.ok) return { ok: true as const, alreadyDeleted: result.value === 'already_deleted' };
      // Gone already is what we wanted.
      if (result.reason === ZOOM_REFUSAL.meetingMissing) return { ok: true as const, alreadyDeleted: true };
      return result;
    },
  };
  // Heartbeats let the slot notice a dead worker in seconds (its heartbeat timeout), not a minute.
  return {
    createZoomMeeting: (input) => whileHeartbeating(() => activities.createZoomMeeting(input)),
    updateZoomMeeting: (input) => whileHeartbeating(() => activities.updateZoomMeeting(input)),
    deleteZoomMeeting: (input) => whileHeartbeating(() => activities.deleteZoomMeeting(input)),
  };
}
