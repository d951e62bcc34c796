/**
 * The names Zoom failures go by once they leave the code that detects them. Every string here is part
 * of a contract and never changes: refusal reasons are kept in workflow histories, failure types are
 * the error names Temporal records as an ApplicationFailure's type, and API error codes go over the
 * wire (shared/API.md). Code refers to them through these constants, never as bare strings.
 *
 * Pure, no dependencies: workflow code may import it.
 */

/** Why a Zoom meeting call was refused: answered as a value (`ZoomCallRefused.reason`) to the meeting-slot workflow. */
export const ZOOM_REFUSAL = {
  /** the host never connected Zoom, disconnected it, or the connection is broken */
  notConnected: 'not_connected',
  /** the host's daily budget of meeting requests is spent until the next 00:00 UTC */
  quotaExhausted: 'quota_exhausted',
  /** the meeting no longer exists at Zoom */
  meetingMissing: 'meeting_missing',
  /** Zoom refused the request itself; repeating it changes nothing */
  rejected: 'rejected',
} as const;
export type ZoomRefusalReason = (typeof ZOOM_REFUSAL)[keyof typeof ZOOM_REFUSAL];

/**
 * Names of the Zoom error classes. When an activity throws one, Temporal records its name as the
 * failure's type; the activities also use them for the ApplicationFailures they raise themselves.
 */
export const ZOOM_FAILURE_TYPE = {
  unauthorized: 'ZoomUnauthorized',
  rateLimited: 'ZoomRateLimited',
  serverError: 'ZoomServerError',
  requestRejected: 'ZoomRequestRejected',
  meetingNotFound: 'ZoomMeetingNotFound',
  refreshTokenInvalid: 'ZoomRefreshTokenInvalid',
  authorizationCodeInvalid: 'ZoomAuthorizationCodeInvalid',
  clientCredentialsInvalid: 'ZoomClientCredentialsInvalid',
  unexpectedResponse: 'ZoomUnexpectedResponse',
  networkError: 'ZoomNetworkError',
  timeout: 'ZoomTimeout',
  notConnected: 'ZoomNotConnected',
  accountInUse: 'ZoomAccountInUse',
  userHasOtherZoomAccount: 'UserHasOtherZoomAccount',
} as const;
export type ZoomFailureType = (typeof ZOOM_FAILURE_TYPE)[keyof typeof ZOOM_FAILURE_TYPE];

/** The API's error codes for connecting Zoom and receiving its webhooks (snake_case, per shared/API.md). */
export const ZOOM_API_ERROR_CODE = {
  /** 503: ZOOM_CLIENT_ID / ZOOM_CLIENT_SECRET are not set */
  notConfigured: 'zoom_not_configured',
  /** 400: the OAuth state is missing, malformed, unknown, expired or used */
  invalidState: 'invalid_state',
  /** 400: the user did not authorize the connection at Zoom */
  authorizationDenied: 'authorization_denied',
  /** 400: no authorization code, or Zoom refused it */
  invalidCode: 'invalid_code',
  /** 409: the Zoom account is connected to another user ID */
  accountInUse: 'zoom_account_in_use',
  /** 409: this user ID is connected to another Zoom account */
  userHasOtherZoomAccount: 'user_has_other_zoom_account',
  /** 502/503: Zoom could not complete the connection */
  unavailable: 'zoom_unavailable',
  /** 401: a webhook's signature is missing, stale or wrong */
  invalidSignature: 'invalid_signature',
} as const;
export type ZoomApiErrorCode = (typeof ZOOM_API_ERROR_CODE)[keyof typeof ZOOM_API_ERROR_CODE];
