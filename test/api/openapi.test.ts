/**
 * The OpenAPI document matches the API (issue 13): `GET /v1/openapi.json` is public OpenAPI 3.1
 * and names every route the catalogue defines and Fastify registers; every documented operation
 * has a happy-path scenario here, run through a real engine (with the Zoom fake), whose answers
 * have a documented status and a body valid against the documented schema, and whose requests are
 * valid against the documented request schemas; and bodies the document refuses, the engine
 * refuses too. A new route without a scenario fails this file.
 */
import { createHmac } from 'node:crypto';
import { WorkflowNotFoundError } from '@temporalio/client';
import Ajv2020, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2020';
import { startTwilioFake, type TwilioFake } from '../fakes/twilio-fake';
import { startZoomFake, type ZoomFake } from '../fakes/zoom-fake';
import type { ApiResponse, RequestOptions } from '../harness/api-client';
import {
  automationDefinition,
  internalNotification,
  sendEmail,
  sendSms,
  wait,
  waitForAppointmentTime,
  condition,
  weekdayWindow,
} from '../harness/automation-definitions';
import { publishAutomation } from '../harness/automation-publishing';
import { appointmentBody, book } from '../harness/bookings';
import { asBrowser, signIn } from '../harness/console-session';
import { eventually, startTestEngine, TEST_API_KEY, uniqueId, zoomEnv, type TestEngine } from '../harness/engine';
import { createBookingSetup, hoursFromNow, plusMinutes } from '../harness/reference-data';
import { validCalendarBody, validContactBody, validUserBody } from '../harness/request-bodies';
import { INBOUND_SMS_PATH, inboundSmsFields, postInboundSms } from '../harness/twilio-inbound';
import { hostWithZoom } from '../harness/zoom-connect';
import { buildApiServer } from '../../src/api/server';
import { API_ROUTES } from '../../src/api/routes';
import { createZoomClients } from '../../src/integrations/zoom/zoom-clients';
import { createLogger } from '../../src/logging';
import { createRepositories } from '../../src/store/repositories';

const WEBHOOK_SECRET = 'openapi-test-webhook-secret';
const DOCUMENT_ID = 'https://engine.test/openapi.json';
const METHODS = ['get', 'put', 'post', 'patch', 'delete'] as const;

// --- the document, as far as this test reads it ------------------------------------------------

interface MediaType {
  schema?: unknown;
}
interface Parameter {
  name: string;
  in: 'path' | 'query';
  required: boolean;
  schema: unknown;
}
interface Operation {
  operationId: string;
  parameters?: Parameter[];
  requestBody?: { content: Record<string, MediaType> };
  responses: Record<string, { description: string; content?: Record<string, MediaType> }>;
}
interface OpenApiDocument {
  openapi: string;
  info: { title: string; version: string };
  paths: Record<string, Partial<Record<(typeof METHODS)[number], Operation>>>;
  components: { schemas: Record<string, unknown> };
}

/** One documented operation: `GET /v1/users/{userId}`, and where it sits in the document. */
interface DocumentedOperation {
  key: string;
  method: string;
  path: string;
  operation: Operation;
  /** JSON pointer segments to the operation */
  at: string[];
}

function documentedOperations(document: OpenApiDocument): DocumentedOperation[] {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    METHODS.filter((method) => item[method]).map((method) => ({
      key: `${method.toUpperCase()} ${path}`,
      method: method.toUpperCase(),
      path,
      operation: item[method] as Operation,
      at: ['paths', path, method],
    })),
  );
}

/** `/v1/users/:userId` → `/v1/users/{userId}`, written here rather than taken from the code under test */
const documentedPath = (fastifyUrl: string) => fastifyUrl.replace(/:([A-Za-z0-9_]+)/g, '{$1}');

// --- the engine and its fixture ------------------------------------------------------------------

let zoom: ZoomFake;
let twilio: TwilioFake;
let t: TestEngine;
let document: OpenApiDocument;
let operations: DocumentedOperation[];
let ajv: Ajv2020;

/** What the scenarios read: a host with Zoom, a booking that has its meeting, messages and a run. */
const fx = {
  hostId: '',
  contactId: '',
  calendarId: '',
  zoomUserId: '',
  appointmentId: '',
  automationId: '',
};

beforeAll(async () => {
  zoom = await startZoomFake();
  twilio = await startTwilioFake();
  t = await startTestEngine({
    ...zoomEnv(zoom),
    ZOOM_WEBHOOK_SECRET_TOKEN: WEBHOOK_SECRET,
    TWILIO_ACCOUNT_SID: twilio.accountSid,
    TWILIO_AUTH_TOKEN: twilio.authToken,
    TWILIO_FROM_NUMBER: '+15005550006',
    TWILIO_API_BASE_URL: twilio.baseUrl,
  });
  const response = await t.api.get('/v1/openapi.json', { auth: false });
  if (response.status !== 200) throw new Error(`GET /v1/openapi.json answered ${response.status}`);
  document = response.body as OpenApiDocument;
  operations = documentedOperations(document);
  ajv = new Ajv2020({ strict: false, allErrors: true });
  ajv.addFormat('date-time', { type: 'string', validate: (value: string) => !Number.isNaN(Date.parse(value)) });
  ajv.addSchema(document as object, DOCUMENT_ID);

  const setup = await hostWithZoom(t.api, zoom);
  const automationId = await publishAutomation(t.api, setup, [
    sendEmail('confirm'),
    sendSms('confirm-sms'),
    internalNotification('tell-host'),
    waitForAppointmentTime('day-before', '-24h'),
    sendSms('remind'),
  ]);
  const appointmentId = await book(t.api, setup, hoursFromNow(72), { notes: 'first visit' });
  Object.assign(fx, { ...setup, appointmentId, automationId });
  await eventually('the booking to have its meeting, its three messages and the host’s notification', async () => {
    const view = (await t.api.get(`/v1/appointments/${appointmentId}`)).body;
    const messages = (await t.api.get(`/v1/appointments/${appointmentId}/messages`)).body as unknown[];
    const notifications = (await t.api.get(`/v1/users/${setup.hostId}/notifications`)).body as unknown[];
    return view.zoomMeeting && view.automationRuns.length > 0 && messages.length >= 3 && notifications.length > 0
      ? true
      : undefined;
  });
});
afterAll(async () => {
  await t?.stop();
  await zoom?.close();
  await twilio?.close();
});

// --- validation against the document -------------------------------------------------------------

const pointer = (segments: string[]) =>
  `${DOCUMENT_ID}#/${segments.map((segment) => encodeURIComponent(segment.replace(/~/g, '~0').replace(/\//g, '~1'))).join('/')}`;

const validators = new Map<string, ValidateFunction>();
function validatorAt(segments: string[]): ValidateFunction {
  const ref = pointer(segments);
  let validate = validators.get(ref);
  if (!validate) {
    validate = ajv.compile({ $ref: ref });
    validators.set(ref, validate);
  }
  return validate;
}

function schemaErrors(segments: string[], value: unknown): string[] {
  const validate = validatorAt(segments);
  if (validate(value)) return [];
  return (validate.errors ?? []).map(
    (error: ErrorObject) => `${error.instancePath || '(root)'} ${error.message} ${JSON.stringify(error.params)}`,
  );
}

/** The documented operation a request went to: a literal path before one with parameters. */
function operationOf(method: string, url: string): DocumentedOperation | undefined {
  const pathname = url.split('?')[0] as string;
  const candidates = operations.filter(
    (candidate) =>
      candidate.method === method &&
      new RegExp(`^${candidate.path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+')}$`).test(
        pathname,
      ),
  );
  return candidates.sort((a, b) => a.path.split('{').length - b.path.split('{').length)[0];
}

/** One request of a scenario and what it got. */
interface Exchange {
  method: string;
  url: string;
  /** the JSON body sent, if any */
  body?: unknown;
  response: ApiResponse;
}

async function send(method: string, url: string, body?: unknown, options?: RequestOptions): Promise<Exchange> {
  return { method, url, body, response: await t.api.request(method, url, body, options) };
}

/** Everything wrong with an exchange in the document's eyes; empty when it conforms. */
function nonConformities(exchange: Exchange): string[] {
  const { method, url, body, response } = exchange;
  const documented = operationOf(method, url);
  if (!documented) return [`${method} ${url} is not a documented operation`];
  const { operation, at } = documented;
  const problems: string[] = [];

  // the request: path parameters, query parameter names, the body
  const parameters = operation.parameters ?? [];
  const pathname = url.split('?')[0] as string;
  const templateSegments = documented.path.split('/');
  pathname.split('/').forEach((segment, index) => {
    const name = /^\{(.+)\}$/.exec(templateSegments[index] ?? '')?.[1];
    if (name === undefined) return;
    const position = parameters.findIndex((parameter) => parameter.in === 'path' && parameter.name === name);
    if (position === -1) return problems.push(`path parameter ${name} is not documented`);
    for (const error of schemaErrors([...at, 'parameters', String(position), 'schema'], decodeURIComponent(segment)))
      problems.push(`path parameter ${name}: ${error}`);
  });
  const query = new URL(url, 'http://engine.test').searchParams;
  for (const name of new Set(query.keys())) {
    if (!parameters.some((parameter) => parameter.in === 'query' && parameter.name === name))
      problems.push(`query parameter ${name} is not documented`);
  }
  if (body !== undefined) {
    if (!operation.requestBody?.content['application/json'])
      problems.push('sent a JSON body the document does not take');
    else
      for (const error of schemaErrors([...at, 'requestBody', 'content', 'application/json', 'schema'], body))
        problems.push(`request body: ${error}`);
  }

  // the answer: a documented status, then its content
  const status = String(response.status);
  const answer = operation.responses[status];
  if (!answer) {
    const documentedStatuses = Object.keys(operation.responses).filter((key) => key !== 'default');
    return [
      ...problems,
      `status ${status} is not one of the documented ${documentedStatuses.join(', ')}: ${JSON.stringify(response.body).slice(0, 300)}`,
    ];
  }
  const contentType = response.headers.get('content-type') ?? '';
  const json = answer.content?.['application/json'];
  if (json?.schema !== undefined) {
    if (!contentType.startsWith('application/json')) problems.push(`content-type ${contentType}, documented JSON`);
    for (const error of schemaErrors(
      [...at, 'responses', status, 'content', 'application/json', 'schema'],
      response.body,
    ))
      problems.push(`answer: ${error}`);
  } else if (answer.content && Object.keys(answer.content).length > 0) {
    const types = Object.keys(answer.content);
    if (!types.some((type) => contentType.startsWith(type)))
      problems.push(`content-type ${contentType}, documented ${types.join(' or ')}`);
  } else if (response.body !== '') {
    problems.push(`a body where the document says none: ${JSON.stringify(response.body).slice(0, 200)}`);
  }
  return problems;
}

// --- the happy paths ---------------------------------------------------------------------------

type Scenario = () => Promise<Exchange[]>;

function signedWebhook(event: object): Promise<Exchange> {
  const raw = JSON.stringify(event);
  const timestamp = String(Math.floor(Date.now() / 1000));
  const signature = `v0=${createHmac('sha256', WEBHOOK_SECRET).update(`v0:${timestamp}:${raw}`).digest('hex')}`;
  return t.api
    .request('POST', '/v1/webhooks/zoom', undefined, {
      auth: false,
      rawBody: raw,
      headers: { 'x-zm-signature': signature, 'x-zm-request-timestamp': timestamp },
    })
    .then((response) => ({ method: 'POST', url: '/v1/webhooks/zoom', body: event, response }));
}

/** A Zoom flow up to the callback; `returnTo: 'console'` as the console starts it. */
async function zoomCallback(body?: { returnTo: 'console' }): Promise<Exchange[]> {
  const setup = await createBookingSetup(t.api);
  const zoomUserId = uniqueId('zu');
  zoom.addAccount({ id: zoomUserId, email: `${zoomUserId}@zoom.example` });
  const authorize = await send('POST', `/v1/users/${setup.hostId}/integrations/zoom/authorize`, body);
  zoom.approveAs(zoomUserId);
  const consent = await fetch(authorize.response.body.authorizeUrl, { redirect: 'manual' });
  const location = new URL(consent.headers.get('location') as string);
  const callback = await send('GET', `${location.pathname}${location.search}`, undefined, { auth: false });
  return [authorize, callback];
}

const draftAutomation = (name: string) =>
  automationDefinition(
    [
      { ...wait('settle'), window: weekdayWindow({ timezone: 'Europe/Paris' }) },
      sendEmail('confirm'),
      condition(
        'confirmed',
        [
          { field: 'status', in: ['confirmed'] },
          { field: 'start', after: '+2h' },
        ],
        {
          then: 'next',
          else: 'sms',
        },
      ),
      waitForAppointmentTime('remind', '-2h'),
      sendSms('sms'),
    ],
    {
      name,
      status: 'draft',
    },
  );

/** The appointment's cancel or confirm link, as a message renders it (through the template preview), as a path. */
async function contactLink(appointmentId: string, action: 'cancel' | 'confirm'): Promise<string> {
  const preview = await t.api.post('/v1/templates/preview', {
    channel: 'sms',
    body: `{{appointment.${action}_link}}`,
    appointmentId,
  });
  const url = new URL(preview.body.body as string);
  return url.pathname;
}

/** The same link with its signature altered. */
const tampered = (path: string) => path.replace(/\.(.)/, (_, first: string) => `.${first === 'A' ? 'B' : 'A'}`);

/** The page as a browser opens it (GET) or posts its form (POST, form-encoded, empty), with no key. */
const sendPage = (method: 'GET' | 'POST', path: string) =>
  send(
    method,
    path,
    undefined,
    method === 'POST'
      ? { auth: false, rawBody: '', contentType: 'application/x-www-form-urlencoded' }
      : { auth: false },
  );

/** A happy path per documented operation, `METHOD /path/{param}`; each returns the exchanges it checks. */
const SCENARIOS: Record<string, Scenario> = {
  'GET /healthz': async () => [await send('GET', '/healthz', undefined, { auth: false })],
  'GET /v1/openapi.json': async () => [await send('GET', '/v1/openapi.json', undefined, { auth: false })],

  'POST /v1/session': async () => [await send('POST', '/v1/session', { apiKey: TEST_API_KEY }, { auth: false })],
  'GET /v1/session': async () => [
    await send('GET', '/v1/session'),
    await send('GET', '/v1/session', undefined, asBrowser(await signIn(t.api))),
  ],
  'DELETE /v1/session': async () => [
    await send('DELETE', '/v1/session', undefined, asBrowser(await signIn(t.api))),
    await send('DELETE', '/v1/session', undefined, { auth: false }),
  ],

  'PUT /v1/users/{userId}': async () => {
    const id = uniqueId('user');
    return [
      await send('PUT', `/v1/users/${id}`, validUserBody()),
      await send('PUT', `/v1/users/${id}`, { ...validUserBody(), phone: null }),
    ];
  },
  'GET /v1/users/{userId}': async () => [await send('GET', `/v1/users/${fx.hostId}`)],
  'GET /v1/users': async () => [await send('GET', '/v1/users')],

  'PUT /v1/contacts/{contactId}': async () => {
    const id = uniqueId('contact');
    return [
      await send('PUT', `/v1/contacts/${id}`, { firstName: 'Bob' }),
      await send('PUT', `/v1/contacts/${id}`, validContactBody()),
    ];
  },
  'GET /v1/contacts/{contactId}': async () => [await send('GET', `/v1/contacts/${fx.contactId}`)],

  'PUT /v1/calendars/{calendarId}': async () => {
    const id = uniqueId('cal');
    return [
      await send('PUT', `/v1/calendars/${id}`, validCalendarBody([fx.hostId])),
      await send('PUT', `/v1/calendars/${id}`, {
        ...validCalendarBody([fx.hostId]),
        type: 'collective',
        meetingLocation: { type: 'zoom' },
      }),
    ];
  },
  'GET /v1/calendars/{calendarId}': async () => [await send('GET', `/v1/calendars/${fx.calendarId}`)],
  'GET /v1/calendars': async () => [await send('GET', '/v1/calendars')],

  'POST /v1/appointments': async () => {
    const body = appointmentBody(fx, hoursFromNow(120), { notes: 'n', status: 'new', eventType: 'recurring' });
    return [await send('POST', '/v1/appointments', body), await send('POST', '/v1/appointments', body)];
  },
  'GET /v1/appointments': async () => {
    const second = await book(t.api, fx, hoursFromNow(75));
    const from = hoursFromNow(1);
    const to = hoursFromNow(24 * 30);
    const filtered = `/v1/appointments?hostUserId=${fx.hostId}&calendarId=${fx.calendarId}&status=confirmed&from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}&pageSize=10`;
    const listed = await eventually('both bookings to be listed', async () => {
      const exchange = await send('GET', filtered);
      const ids = ((exchange.response.body?.items ?? []) as { id: string }[]).map((item) => item.id);
      return ids.includes(fx.appointmentId) && ids.includes(second) ? exchange : undefined;
    });
    // two bookings, pages of one: a first page with a token, and the page it leads to
    const first = await send('GET', `/v1/appointments?calendarId=${fx.calendarId}&pageSize=1`);
    const token = first.response.body?.nextPageToken;
    if (typeof token !== 'string') throw new Error(`a first page of one out of two has no nextPageToken: ${token}`);
    const next = await send('GET', `/v1/appointments?calendarId=${fx.calendarId}&pageSize=1&pageToken=${token}`);
    return [listed, first, next];
  },
  'GET /v1/appointments/{appointmentId}': async () => [await send('GET', `/v1/appointments/${fx.appointmentId}`)],
  'PATCH /v1/appointments/{appointmentId}': async () => {
    const start = hoursFromNow(130);
    const id = await book(t.api, fx, start);
    const later = plusMinutes(start, 60);
    return [
      await send('PATCH', `/v1/appointments/${id}`, { startTime: later, endTime: plusMinutes(later, 30) }),
      await send('PATCH', `/v1/appointments/${id}`, { title: 'Follow-up', notes: null }),
      await send('PATCH', `/v1/appointments/${id}`, { status: 'cancelled' }),
    ];
  },
  'DELETE /v1/appointments/{appointmentId}': async () => {
    const id = await book(t.api, fx, hoursFromNow(140));
    return [
      await send('DELETE', `/v1/appointments/${id}`),
      // the deleted appointment's view (from the archive) and a repeated delete are happy paths too
      await send('GET', `/v1/appointments/${id}`),
      await send('DELETE', `/v1/appointments/${id}`),
    ];
  },
  'GET /v1/appointments/{appointmentId}/messages': async () => [
    await send('GET', `/v1/appointments/${fx.appointmentId}/messages`),
  ],

  'POST /v1/users/{userId}/integrations/zoom/authorize': async () => {
    const setup = await createBookingSetup(t.api);
    return [
      await send('POST', `/v1/users/${setup.hostId}/integrations/zoom/authorize`),
      await send('POST', `/v1/users/${setup.hostId}/integrations/zoom/authorize`, {}),
      await send('POST', `/v1/users/${setup.hostId}/integrations/zoom/authorize`, { returnTo: 'console' }),
    ];
  },
  'GET /v1/integrations/zoom/callback': async () => [
    ...(await zoomCallback()),
    ...(await zoomCallback({ returnTo: 'console' })),
  ],
  'GET /v1/users/{userId}/integrations/zoom': async () => {
    const unconnected = await createBookingSetup(t.api);
    return [
      await send('GET', `/v1/users/${fx.hostId}/integrations/zoom`),
      await send('GET', `/v1/users/${unconnected.hostId}/integrations/zoom`),
    ];
  },
  'DELETE /v1/users/{userId}/integrations/zoom': async () => {
    const connected = await hostWithZoom(t.api, zoom);
    return [
      await send('DELETE', `/v1/users/${connected.hostId}/integrations/zoom`),
      await send('GET', `/v1/users/${connected.hostId}/integrations/zoom`),
    ];
  },
  'POST /v1/webhooks/zoom': async () => {
    const leaving = await hostWithZoom(t.api, zoom);
    return [
      await signedWebhook({ event: 'endpoint.url_validation', payload: { plainToken: 'qgg8vlvZRS6UYooatFL8Aw' } }),
      await signedWebhook({
        event: 'app_deauthorized',
        event_ts: Date.now(),
        payload: { user_id: leaving.zoomUserId, account_id: 'acct' },
      }),
      await signedWebhook({ event: 'meeting.started', payload: { object: { id: '123' } } }),
    ];
  },

  'POST /v1/webhooks/twilio/sms': async () => {
    const target = { api: t.api, publicBaseUrl: t.engine.config.publicBaseUrl, authToken: twilio.authToken };
    const nobodys = '+15550001234'; // no contact's: opting out and back in touches no appointment
    const reply = async (text: string): Promise<Exchange> => ({
      method: 'POST',
      url: INBOUND_SMS_PATH,
      response: await postInboundSms(target, inboundSmsFields(nobodys, text)),
    });
    return [await reply('STOP'), await reply('START'), await reply('hello')];
  },

  'GET /v1/users/{userId}/notifications': async () => [await send('GET', `/v1/users/${fx.hostId}/notifications`)],
  'PATCH /v1/users/{userId}/notifications/{notificationId}': async () => {
    const notifications = (await t.api.get(`/v1/users/${fx.hostId}/notifications`)).body as { id: string }[];
    const id = notifications[0]?.id as string;
    return [await send('PATCH', `/v1/users/${fx.hostId}/notifications/${encodeURIComponent(id)}`, { read: true })];
  },

  'POST /v1/automations': async () => {
    const chosen = { id: uniqueId('automation'), ...draftAutomation('Chosen ID') };
    return [
      await send('POST', '/v1/automations', draftAutomation('New')),
      await send('POST', '/v1/automations', chosen),
      await send('POST', '/v1/automations', chosen),
    ];
  },
  'PUT /v1/automations/{automationId}': async () => {
    const created = await t.api.post('/v1/automations', draftAutomation('Before'));
    return [await send('PUT', `/v1/automations/${created.body.id}`, draftAutomation('After'))];
  },
  'GET /v1/automations': async () => [await send('GET', '/v1/automations')],
  'GET /v1/automations/{automationId}': async () => [await send('GET', `/v1/automations/${fx.automationId}`)],
  'GET /v1/recipes': async () => [await send('GET', '/v1/recipes')],
  'GET /v1/merge-fields': async () => [await send('GET', '/v1/merge-fields')],

  'POST /v1/templates/preview': async () => [
    await send('POST', '/v1/templates/preview', {
      channel: 'email',
      subject: 'Your meeting on {{appointment.only_start_date}}',
      html: '<p>Hi {{contact.first_name}}, join at {{appointment.meeting_location}}</p>',
      text: 'Join at {{appointment.meeting_location}}',
      appointmentId: fx.appointmentId,
    }),
    await send('POST', '/v1/templates/preview', { channel: 'sms', body: 'Hi {{contact.first_name}}' }),
  ],
  'GET /a/{token}/cancel': async () => {
    const live = await contactLink(await book(t.api, fx, hoursFromNow(150)), 'cancel');
    const cancelled = await book(t.api, fx, hoursFromNow(151));
    await t.api.patch(`/v1/appointments/${cancelled}`, { status: 'cancelled' });
    return [
      await sendPage('GET', live),
      await sendPage('GET', tampered(live)),
      await sendPage('GET', await contactLink(cancelled, 'cancel')),
    ];
  },
  'POST /a/{token}/cancel': async () => {
    const link = await contactLink(await book(t.api, fx, hoursFromNow(152)), 'cancel');
    return [await sendPage('POST', link), await sendPage('POST', link), await sendPage('POST', tampered(link))];
  },
  'GET /a/{token}/confirm': async () => {
    const link = await contactLink(await book(t.api, fx, hoursFromNow(153), { status: 'new' }), 'confirm');
    const confirmed = await contactLink(await book(t.api, fx, hoursFromNow(154)), 'confirm');
    return [await sendPage('GET', link), await sendPage('GET', tampered(link)), await sendPage('GET', confirmed)];
  },
  'POST /a/{token}/confirm': async () => {
    const link = await contactLink(await book(t.api, fx, hoursFromNow(155), { status: 'new' }), 'confirm');
    return [await sendPage('POST', link), await sendPage('POST', link), await sendPage('POST', tampered(link))];
  },
  'GET /v1/overview': async () => [
    await send('GET', '/v1/overview'),
    await send('GET', '/v1/overview?timezone=America%2FNew_York'),
  ],
};

// --- the tests ---------------------------------------------------------------------------------

test('GET /v1/openapi.json needs no key and is OpenAPI 3.1.0, with its schemas as components', async () => {
  const response = await t.api.get('/v1/openapi.json', { auth: false });
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^application\/json/);
  expect(response.body).toEqual(document);
  expect(document.openapi).toBe('3.1.0');
  expect(document.info.version).toEqual(expect.any(String));
  expect(Object.keys(document.components.schemas).length).toBeGreaterThan(0);
  // every reference resolves: ajv compiles each operation's answers (and throws on a dangling $ref)
  for (const { at, operation } of operations)
    for (const status of Object.keys(operation.responses))
      if (operation.responses[status]?.content?.['application/json'])
        expect(() => validatorAt([...at, 'responses', status, 'content', 'application/json', 'schema'])).not.toThrow();
});

test('the document names every route of the catalogue, and nothing else', () => {
  const catalogue = API_ROUTES.map((route) => `${route.method} ${documentedPath(route.url)}`).sort();
  expect(operations.map((operation) => operation.key).sort()).toEqual(catalogue);
  expect(new Set(operations.map((operation) => operation.operation.operationId)).size).toBe(operations.length);
});

test('every route Fastify registers under /v1 is in the document, and every documented one is registered', async () => {
  const { config, db, client } = t.engine;
  // the server the engine runs, built again from the same dependencies (the engine keeps its own to itself)
  const app = buildApiServer({
    config,
    db,
    temporal: client,
    logger: createLogger('silent'),
    repositories: createRepositories(db, config.encryptionKey),
    zoom: createZoomClients(config.zoom),
  });
  try {
    await app.ready();
    const registered = registeredRoutes(app.printRoutes({ commonPrefix: false }));
    // the tree parsed at all: routes known to exist are in it
    expect(registered).toEqual(expect.arrayContaining(['GET /healthz', 'POST /v1/appointments', 'GET /docs']));
    const underV1 = registered.filter((route) => route.split(' ')[1]!.startsWith('/v1'));
    const documented = operations.map((operation) => operation.key);
    expect(underV1.filter((route) => !documented.includes(route))).toEqual([]);
    expect(documented.filter((route) => !registered.includes(route))).toEqual([]);
  } finally {
    await app.close();
  }
});

/** Fastify's route tree (printRoutes) as `METHOD /path/{param}` lines, HEAD left out (Fastify adds it to GETs). */
function registeredRoutes(tree: string): string[] {
  const prefixes: string[] = [];
  const routes: string[] = [];
  for (const line of tree.split('\n')) {
    const branch = line.indexOf('── ');
    if (branch === -1) continue;
    const depth = (branch - 1) / 4;
    const [, segment = '', methods = ''] = /^(.*?)(?: \(([A-Z, ]+)\))?$/.exec(line.slice(branch + 3)) ?? [];
    prefixes[depth] = (depth > 0 ? (prefixes[depth - 1] ?? '') : '') + segment;
    for (const method of methods.split(',').map((name) => name.trim())) {
      if (method && method !== 'HEAD') routes.push(`${method} ${documentedPath(prefixes[depth] as string)}`);
    }
  }
  return routes;
}

test('each operation documents exactly the path parameters its path names', () => {
  for (const { key, path, operation } of operations) {
    const inPath = [...path.matchAll(/\{([^}]+)\}/g)].map((match) => match[1]).sort();
    const documented = (operation.parameters ?? [])
      .filter((parameter) => parameter.in === 'path')
      .map((parameter) => parameter.name)
      .sort();
    expect({ key, parameters: documented }).toEqual({ key, parameters: inPath });
  }
});

test('every documented operation has a happy-path scenario in this file', () => {
  expect(operations.filter((operation) => !SCENARIOS[operation.key]).map((operation) => operation.key)).toEqual([]);
});

test('the conformance check itself flags what is outside the document', async () => {
  const real = await send('GET', `/v1/users/${fx.hostId}`);
  expect(nonConformities(real)).toEqual([]);
  const answering = (exchange: Exchange, status: number, body: unknown, contentType = 'application/json') => ({
    ...exchange,
    response: { status, body, headers: new Headers({ 'content-type': contentType }) },
  });
  const user = real.response.body as Record<string, unknown>;
  const { id: _id, ...withoutId } = user;
  const flagged = {
    'an extra field': answering(real, 200, { ...user, password: 'x' }),
    'a missing field': answering(real, 200, withoutId),
    'a field of the wrong type': answering(real, 200, { ...user, phone: 42 }),
    'an undocumented status': answering(real, 201, user),
    'an error status': answering(real, 500, { error: { code: 'internal_error', message: 'x' } }),
    'HTML instead of JSON': answering(real, 200, '<html></html>', 'text/html'),
    'an undocumented query parameter': { ...real, url: `${real.url}?secret=1` },
    'a path parameter outside its schema': { ...real, url: '/v1/users/bad%20id' },
    'a request body the document refuses': { ...real, method: 'PUT', body: { name: 1 } },
    'a body where none is documented': answering(
      { method: 'DELETE', url: `/v1/appointments/${fx.appointmentId}`, response: real.response },
      204,
      { deleted: true },
    ),
    'an undocumented operation': { ...real, method: 'POST' },
  };
  for (const [what, exchange] of Object.entries(flagged))
    expect({ what, flagged: nonConformities(exchange as Exchange).length > 0 }).toEqual({ what, flagged: true });
  // components behind $ref are checked too, deep inside the answer
  const view = await send('GET', `/v1/appointments/${fx.appointmentId}`);
  expect(nonConformities(view)).toEqual([]);
  const broken = structuredClone(view.response.body) as { timeline: Record<string, unknown>[] };
  delete broken.timeline[0]!.type;
  expect(nonConformities(answering(view, 200, broken))).not.toEqual([]);
});

/** `METHOD /path status` of every answer the happy paths got */
const seenAnswers = new Set<string>();

describe('every happy path answers inside the document', () => {
  // one test per route of the catalogue, which the tests above show to be the document's operations
  test.each(API_ROUTES.map((route) => `${route.method} ${documentedPath(route.url)}`))('%s', async (key) => {
    const scenario = SCENARIOS[key];
    if (!scenario) throw new Error(`no happy-path scenario for ${key}: add one to SCENARIOS`);
    const exchanges = await scenario();
    expect(exchanges.some((exchange) => operationOf(exchange.method, exchange.url)?.key === key)).toBe(true);
    for (const exchange of exchanges) {
      seenAnswers.add(`${operationOf(exchange.method, exchange.url)?.key} ${exchange.response.status}`);
      const what = `${exchange.method} ${exchange.url} → ${exchange.response.status}`;
      expect({ what, problems: nonConformities(exchange) }).toEqual({ what, problems: [] });
    }
  });
});

test('the happy paths got every documented answer (but the health check’s 503)', () => {
  const documented = operations.flatMap(({ key, operation }) =>
    Object.keys(operation.responses)
      .filter((status) => status !== 'default')
      .map((status) => `${key} ${status}`),
  );
  expect(documented.filter((answer) => !seenAnswers.has(answer) && answer !== 'GET /healthz 503')).toEqual([]);
});

describe('a body the document refuses is refused by the route', () => {
  /** A valid booking on the fixture's calendar, with `fields` replaced (undefined: left out). */
  const appointment = (fields: Record<string, unknown>) => ({
    ...appointmentBody(fx, hoursFromNow(200), { id: uniqueId('appt-refused') }),
    ...fields,
  });

  /** [operation, what is wrong, the field the engine names, the body] */
  const ALL_SAMPLES: [string, string, string, () => Record<string, unknown>][] = [
    ['POST /v1/appointments', 'no id', 'id', () => appointment({ id: undefined })],
    ['POST /v1/appointments', 'an id with a space', 'id', () => appointment({ id: 'bad id' })],
    ['POST /v1/appointments', 'a status it cannot be booked in', 'status', () => appointment({ status: 'cancelled' })],
    [
      'POST /v1/appointments',
      'a start without an offset',
      'startTime',
      () => appointment({ startTime: '2030-01-01T10:00:00' }),
    ],
    ['POST /v1/appointments', 'a title over 300 characters', 'title', () => appointment({ title: 'x'.repeat(301) })],
    ['POST /v1/appointments', 'a calendarId that is a number', 'calendarId', () => appointment({ calendarId: 42 })],
    ['POST /v1/appointments', 'an unknown event type', 'eventType', () => appointment({ eventType: 'weekly' })],
    ['PUT /v1/users/{userId}', 'no email', 'email', () => ({ ...validUserBody(), email: undefined })],
    ['PUT /v1/users/{userId}', 'a phone not in E.164', 'phone', () => ({ ...validUserBody(), phone: '0155 555' })],
    [
      'PUT /v1/calendars/{calendarId}',
      'an unknown meeting location',
      'meetingLocation',
      () => ({ ...validCalendarBody([fx.hostId]), meetingLocation: { type: 'carrier_pigeon' } }),
    ],
    ['POST /v1/automations', 'no trigger', 'trigger', () => ({ ...draftAutomation('No trigger'), trigger: undefined })],
    ['PATCH /v1/appointments/{appointmentId}', 'a status that does not exist', 'status', () => ({ status: 'pending' })],
    ['PATCH /v1/users/{userId}/notifications/{notificationId}', 'read: false', 'read', () => ({ read: false })],
    ['POST /v1/session', 'an empty key', 'apiKey', () => ({ apiKey: '' })],
    [
      'POST /v1/users/{userId}/integrations/zoom/authorize',
      'an unknown returnTo',
      'returnTo',
      () => ({ returnTo: 'elsewhere' }),
    ],
    ['POST /v1/templates/preview', 'an unknown channel', 'channel', () => ({ channel: 'fax', body: 'Hi' })],
  ];
  // looked up by the catalogue's operations (which the document shows): samples of a route not there are unused
  const catalogue = new Set(API_ROUTES.map((route) => `${route.method} ${documentedPath(route.url)}`));
  const SAMPLES = ALL_SAMPLES.filter(([key]) => catalogue.has(key));

  function urlOf(key: string): string {
    const values: Record<string, string> = {
      userId: uniqueId('user-refused'),
      calendarId: uniqueId('cal-refused'),
      appointmentId: fx.appointmentId,
      notificationId: 'no-such-notification',
    };
    return key.split(' ')[1]!.replace(/\{(\w+)\}/g, (_, name: string) => values[name] as string);
  }

  test.each(SAMPLES)(
    '%s with %s: the document refuses it and the engine answers 400 naming %s',
    async (key, _what, field, make) => {
      const documented = operations.find((operation) => operation.key === key);
      if (!documented) throw new Error(`${key} is not documented`);
      const body = JSON.parse(JSON.stringify(make())) as Record<string, unknown>; // undefined fields dropped
      const refusals = schemaErrors([...documented.at, 'requestBody', 'content', 'application/json', 'schema'], body);
      expect(refusals).not.toEqual([]);
      const viewBefore = (await t.api.get(`/v1/appointments/${fx.appointmentId}`)).body;
      const url = urlOf(key);
      const response = await t.api.request(
        documented.method,
        url,
        body,
        key === 'POST /v1/session' ? { auth: false } : {},
      );
      expect({ status: response.status, code: response.body?.error?.code }).toEqual({
        status: 400,
        code: expect.stringMatching(/^invalid_/),
      });
      expect(
        schemaErrors(
          [...documented.at, 'responses', 'default', 'content', 'application/json', 'schema'],
          response.body,
        ),
      ).toEqual([]);
      const paths = ((response.body.error.issues ?? []) as { path: string }[]).map((issue) => issue.path);
      expect(paths.some((path) => path === field || path.startsWith(`${field}.`) || path.startsWith(`${field}[`))).toBe(
        true,
      );
      // nothing was made of it
      if (key === 'POST /v1/appointments' && typeof body.id === 'string')
        await expect(t.engine.client.workflow.getHandle(`appointment:${body.id}`).describe()).rejects.toBeInstanceOf(
          WorkflowNotFoundError,
        );
      if (key.startsWith('PUT ')) expect((await t.api.get(url)).status).toBe(404);
      expect((await t.api.get(`/v1/appointments/${fx.appointmentId}`)).body).toEqual(viewBefore);
    },
  );

  test('the samples cover the operations that take a body, wherever they are documented', () => {
    const sampled = new Set(SAMPLES.map(([key]) => key));
    const taking = operations.filter((operation) => operation.operation.requestBody).map((operation) => operation.key);
    // the webhooks' bodies are Zoom's and Twilio's, refused by signature first; the upserts of contacts are like users';
    // the self-service pages' forms have no fields, so there is nothing in them to refuse
    const exempt = [
      'POST /v1/webhooks/zoom',
      'POST /v1/webhooks/twilio/sms',
      'POST /a/{token}/cancel',
      'POST /a/{token}/confirm',
      'PUT /v1/contacts/{contactId}',
      'PUT /v1/automations/{automationId}',
    ];
    expect(taking.filter((key) => !sampled.has(key) && !exempt.includes(key))).toEqual([]);
  });
});

test('a body the route cannot do without is documented as required, and an optional one is not', async () => {
  const fill: Record<string, string> = {
    userId: fx.hostId,
    calendarId: uniqueId('cal-nobody'),
    contactId: uniqueId('contact-nobody'),
    appointmentId: fx.appointmentId,
    automationId: fx.automationId,
    notificationId: 'no-such-notification',
  };
  const mismatches: string[] = [];
  // the webhooks check the signature over the body before anything else: not a question of the document
  const signed = ['POST /v1/webhooks/zoom', 'POST /v1/webhooks/twilio/sms'];
  for (const { key, method, path, operation } of operations.filter(
    (candidate) => candidate.operation.requestBody && !signed.includes(candidate.key),
  )) {
    // a self-service page acts on a live link of its own action (a new appointment's), key or not
    const page = /^\/a\/\{token\}\/(cancel|confirm)$/.exec(path)?.[1] as 'cancel' | 'confirm' | undefined;
    const url = page
      ? await contactLink(await book(t.api, fx, hoursFromNow(160), { status: 'new' }), page)
      : path.replace(/\{(\w+)\}/g, (_, name: string) => fill[name] as string);
    const response = await t.api.request(method, url, undefined, key === 'POST /v1/session' ? { auth: false } : {});
    const engineRequires = response.status === 400;
    if (!engineRequires && (response.status < 200 || response.status > 299))
      mismatches.push(`${key} without a body answered ${response.status}: neither refused as invalid nor accepted`);
    const documentRequires = (operation.requestBody as { required?: boolean }).required === true;
    if (engineRequires !== documentRequires)
      mismatches.push(
        `${key}: without a body the engine ${engineRequires ? 'answers 400' : `answers ${response.status}`}, the document says required: ${documentRequires}`,
      );
  }
  expect(mismatches).toEqual([]);
});
