/**
 * The Zoom activities as the meeting slot calls them: a call whose retries all failed (Zoom down
 * for long) is answered as a refusal like any other, so the slot tells its members instead of failing.
 */
import { ActivityFailure, proxyActivities } from '@temporalio/workflow';
import type { ZoomActivities, ZoomCallRefused } from '../../activities/zoom-activity-types';
import { ZOOM_REFUSAL } from '../../domain/zoom-failure-types';

/** Attempts of one Zoom call before the slot gives up on it (about ten minutes of Zoom failing). */
const ZOOM_ATTEMPTS = 14;

const zoomActivities = proxyActivities<ZoomActivities>({
  startToCloseTimeout: '1 minute',
  // the activities heartbeat: a worker that died mid-call is noticed in seconds
  heartbeatTimeout: '30 seconds',
  // a booking waits for its link: retries stay at most a minute apart
  retry: { initialInterval: '2s', backoffCoefficient: 2, maximumInterval: '1 minute', maximumAttempts: ZOOM_ATTEMPTS },
});

export const zoom: ZoomActivities = {
  createZoomMeeting: (input) => refusedWhenExhausted(() => zoomActivities.createZoomMeeting(input)),
  updateZoomMeeting: (input) => refusedWhenExhausted(() => zoomActivities.updateZoomMeeting(input)),
  deleteZoomMeeting: (input) => refusedWhenExhausted(() => zoomActivities.deleteZoomMeeting(input)),
};

async function refusedWhenExhausted<T>(call: () => Promise<T>): Promise<T | ZoomCallRefused> {
  try {
    return await call();
  } catch (error) {
    if (!(error instanceof ActivityFailure)) throw error;
    const cause = error.cause?.message ?? error.message;
    return {
      ok: false,
      reason: ZOOM_REFUSAL.rejected,
      message: `Zoom did not complete the request after ${ZOOM_ATTEMPTS} attempts: ${cause}`,
    };
  }
}
