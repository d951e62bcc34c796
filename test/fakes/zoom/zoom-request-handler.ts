/**
 * Every request to the Zoom fake: logged in its calls, then hit by a fault or routed to the OAuth
 * endpoints or the REST API, and answered (or, as a fault may have it, not).
 */
import { readBody, type FakeRequestHandler } from '../fake-http';
import type { FaultPlan } from '../fault-plan';
import { faultAnswer, type ZoomFault, type ZoomRequestMatch } from './zoom-faults';
import { apiError, sendZoomAnswer, type ZoomAnswer, type ZoomRequest } from './zoom-http';
import type { ZoomMeetingsApi } from './zoom-meetings-api';
import type { ZoomOAuth } from './zoom-oauth';
import type { FakeCall, ZoomState } from './zoom-state';

/** What a fault's `match` is checked against. */
export interface ZoomFaultTarget {
  method: string;
  /** the full path, e.g. `/v2/users/me/meetings` */
  path: string;
}

export interface ZoomEndpoints {
  state: ZoomState;
  oauth: ZoomOAuth;
  api: ZoomMeetingsApi;
  faults: FaultPlan<ZoomFault, ZoomFaultTarget, ZoomRequestMatch>;
  /** `http://127.0.0.1:PORT` */
  origin: string;
}

export function zoomRequestHandler({ state, oauth, api, faults, origin }: ZoomEndpoints): FakeRequestHandler {
  const route = (request: ZoomRequest): ZoomAnswer => {
    const { method, url } = request;
    if (url.pathname === '/oauth/authorize' && method === 'GET') return oauth.authorize(request);
    if (url.pathname === '/oauth/token' && method === 'POST') return oauth.token(request);
    if (url.pathname.startsWith('/v2/')) return api.route(request, url.pathname.slice('/v2'.length));
    return apiError(404, 404, `The Zoom fake has no route for ${method} ${url.pathname}.`);
  };

  return async (req, res) => {
    const url = new URL(req.url ?? '/', origin);
    const method = (req.method ?? 'GET').toUpperCase();
    const body = await readBody(req);
    const call: FakeCall = {
      method,
      path: url.pathname,
      accountId: state.bearerAccount(req.headers.authorization),
      status: null,
      at: state.now(),
    };
    state.calls.push(call);

    const hit = faults.take({ method, path: url.pathname });
    const fault = hit?.fault;
    if (fault) call.fault = fault.kind;
    if (fault?.kind === 'timeout') return; // never answered; close() destroys the socket
    if (fault?.kind === 'hold') await hit?.hold();
    let answer = fault && faultAnswer(fault, url.pathname);
    if (!answer) {
      try {
        answer = route({ method, url, headers: req.headers, body, call });
      } catch (error) {
        answer = apiError(500, 500, `Zoom fake failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    call.status = answer.status;
    if (fault?.kind === 'drop') {
      req.socket.destroy();
      return;
    }
    sendZoomAnswer(res, answer);
  };
}
