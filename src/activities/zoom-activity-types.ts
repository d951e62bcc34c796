/** What the Zoom activities answer: expected refusals are values, not exceptions, so workflows can decide. */
import type { ZoomMeetingRef } from '../domain/appointment';
import type { ZoomRefusalReason } from '../domain/zoom-failure-types';

export type ZoomCallRefused = {
  ok: false;
  /** one of ZOOM_REFUSAL: 'not_connected' | 'quota_exhausted' | 'meeting_missing' | 'rejected' */
  reason: ZoomRefusalReason;
  message: string;
  /** quota_exhausted: when the host's daily budget resets (next 00:00 UTC) */
  resetAt?: string;
};

export interface CreateZoomMeetingInput {
  hostUserId: string;
  /** the meeting slot that will own the meeting (recorded for Zoom's webhooks) */
  slotWorkflowId: string;
  topic: string;
  /** UTC ISO */
  startTime: string;
  durationMinutes: number;
  /** marks the meeting so a retry after a crash finds it instead of creating a second one */
  tag: string;
}

export interface UpdateZoomMeetingInput {
  hostUserId: string;
  meetingId: string;
  topic: string;
  durationMinutes: number;
}

export interface DeleteZoomMeetingInput {
  hostUserId: string;
  meetingId: string;
}

export interface ZoomActivities {
  createZoomMeeting(input: CreateZoomMeetingInput): Promise<{ ok: true; meeting: ZoomMeetingRef } | ZoomCallRefused>;
  updateZoomMeeting(input: UpdateZoomMeetingInput): Promise<{ ok: true } | ZoomCallRefused>;
  deleteZoomMeeting(input: DeleteZoomMeetingInput): Promise<{ ok: true; alreadyDeleted: boolean } | ZoomCallRefused>;
}
