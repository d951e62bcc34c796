/**
 * What every hostile-input suite (hostile-input-*.test.ts) shares. Each runs its own engine, with
 * the Zoom fake and a webhook secret, and the same reference data whose state must not move: a host,
 * an outsider (no team member), a contact, a calendar, an appointment booked on it, an automation.
 * A hostile request must be answered with a 4xx in the contract's error format, never a 5xx, and
 * change nothing: the database byte for byte, the booked appointment's view, no workflow started.
 */
import { WorkflowNotFoundError } from '@temporalio/client';
import fc from 'fast-check';
import { startZoomFake, type ZoomFake } from '../fakes/zoom-fake';
import type { ApiClient, ApiResponse } from '../harness/api-client';
import { appointmentBody, postBooking } from '../harness/bookings';
import { eventually, startTestEngine, uniqueId, zoomEnv, type TestEngine } from '../harness/engine';
import { createBookingSetup, hoursFromNow, plusMinutes } from '../harness/reference-data';
import { validAutomationBody, validCalendarBody, validUserBody } from '../harness/request-bodies';
import type { Body } from './hostile-input-generators';

export const WEBHOOK_SECRET = 'hostile-input-webhook-secret';
/** fast-check runs of a property, unless the test says otherwise */
const RUNS = 60;

/** What the setup created: the targets whose state must not move. */
export interface KnownTargets {
  hostId: string;
  /** a user who is not a team member of the calendar */
  outsiderId: string;
  contactId: string;
  calendarId: string;
  appointmentId: string;
  startTime: string;
  endTime: string;
  automationId: string;
}

export class HostileInputSuite {
  readonly known: KnownTargets = {
    hostId: '',
    outsiderId: '',
    contactId: '',
    calendarId: '',
    appointmentId: '',
    startTime: '',
    endTime: '',
    automationId: '',
  };
  /** appointments the suite books on purpose; any other appointment workflow is a leak */
  readonly bookedOnPurpose = new Set<string>();
  private zoom: ZoomFake | undefined;
  private t: TestEngine | undefined;

  get api(): ApiClient {
    return this.started().api;
  }

  get engine(): TestEngine['engine'] {
    return this.started().engine;
  }

  async start(): Promise<void> {
    this.zoom = await startZoomFake();
    this.t = await startTestEngine({ ...zoomEnv(this.zoom), ZOOM_WEBHOOK_SECRET_TOKEN: WEBHOOK_SECRET });
    const { known, api } = this;
    const setup = await createBookingSetup(api, { location: { type: 'static', value: 'Room 1' } });
    known.hostId = setup.hostId;
    known.contactId = setup.contactId;
    known.calendarId = setup.calendarId;
    known.outsiderId = uniqueId('outsider');
    expect((await api.put(`/v1/users/${known.outsiderId}`, validUserBody())).status).toBe(201);
    known.appointmentId = uniqueId('appt');
    known.startTime = hoursFromNow(100);
    known.endTime = plusMinutes(known.startTime, 30);
    const booked = await postBooking(api, known, known.startTime, { id: known.appointmentId, title: 'Intro' });
    expect(booked.status).toBe(201);
    this.bookedOnPurpose.add(known.appointmentId);
    const automation = await api.post('/v1/automations', validAutomationBody());
    expect(automation.status).toBe(201);
    known.automationId = automation.body.id;
  }

  async stop(): Promise<void> {
    await this.t?.stop();
    await this.zoom?.close();
  }

  /** A round-robin calendar of the known host. */
  validCalendar = () => validCalendarBody([this.known.hostId]);

  /** An appointment on the known calendar and contact, 200 hours out, every optional field set. */
  validAppointment = (id: string) =>
    appointmentBody(this.known, hoursFromNow(200), {
      id,
      title: 'Intro',
      notes: 'n',
      status: 'confirmed',
      eventType: 'one_time',
    });

  send = (method: string, path: string, body: Body | undefined, auth?: false): Promise<ApiResponse> => {
    const { api } = this;
    return body === undefined
      ? api.request(method, path, undefined, auth === false ? { auth } : {})
      : 'raw' in body
        ? api.request(method, path, undefined, { rawBody: body.raw, ...(auth === false ? { auth } : {}) })
        : api.request(method, path, body.json, auth === false ? { auth } : {});
  };

  /** Runs `hostile` and asserts that the database and the booked appointment are exactly as before. */
  expectNothingChanged = async (hostile: () => Promise<void>): Promise<void> => {
    const databaseBefore = await this.dumpDatabase();
    const viewBefore = await this.knownAppointmentView();
    await hostile();
    expect(await this.dumpDatabase()).toBe(databaseBefore);
    expect(await this.knownAppointmentView()).toEqual(viewBefore);
  };

  /** No appointment workflow exists under the ID the request named. */
  expectNoWorkflow = async (appointmentId: unknown): Promise<void> => {
    if (
      typeof appointmentId !== 'string' ||
      appointmentId.length === 0 ||
      appointmentId.length > 255 ||
      LONE_SURROGATE.test(appointmentId)
    )
      return;
    if (this.bookedOnPurpose.has(appointmentId)) return;
    try {
      await this.engine.client.workflow.getHandle(`appointment:${appointmentId}`).describe();
    } catch (error) {
      if (error instanceof WorkflowNotFoundError) return;
      throw error;
    }
    throw new Error(`a workflow appointment:${appointmentId} was started`);
  };

  /** Every row of every table, sorted, as text. */
  private async dumpDatabase(): Promise<string> {
    const { db } = this.engine;
    const tables = await db.query<{ table_name: string }>(
      "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name",
    );
    const dump: Record<string, string[]> = {};
    for (const { table_name: table } of tables) {
      const rows = await db.query(`SELECT * FROM "${table}"`);
      dump[table] = rows.map((row) => JSON.stringify(row)).sort();
    }
    return JSON.stringify(dump, null, 1);
  }

  private async knownAppointmentView(): Promise<unknown> {
    const response = await this.api.get(`/v1/appointments/${this.known.appointmentId}`);
    expect(response.status).toBe(200);
    return response.body;
  }

  private started(): TestEngine {
    if (!this.t) throw new Error('the hostile-input suite has not started: use useHostileInputSuite()');
    return this.t;
  }
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** The suite of this test file: started before its tests, stopped after them. */
export function useHostileInputSuite(): HostileInputSuite {
  const suite = new HostileInputSuite();
  beforeAll(() => suite.start());
  afterAll(() => suite.stop());
  return suite;
}

/**
 * The last test of each hostile-input file: whatever its tests sent, the only appointment workflows
 * on its engine are the ones it booked on purpose (and their slots and runs).
 */
export function testOnlyWorkflowsBookedOnPurpose(suite: HostileInputSuite): void {
  test('the only appointment workflows on this engine are the ones booked on purpose', async () => {
    const query = `TaskQueue = "${suite.engine.config.temporal.taskQueue}"`;
    const ids = await eventually('the workflows booked on purpose to be listed', async () => {
      const listed: string[] = [];
      for await (const execution of suite.engine.client.workflow.list({ query })) listed.push(execution.workflowId);
      return [...suite.bookedOnPurpose].every((id) => listed.includes(`appointment:${id}`)) ? listed : undefined;
    });
    const leaked = ids.filter(
      (workflowId) =>
        ![...suite.bookedOnPurpose].some((id) => workflowId === `appointment:${id}` || workflowId.includes(`:${id}:`)),
    );
    expect(leaked).toEqual([]);
  });
}

/** A 4xx with `{"error": {"code", "message", "issues"?}}`, as JSON. */
export function expectRefusal(response: ApiResponse, what: string): void {
  const context = `${what} → ${response.status} ${typeof response.body === 'string' ? response.body.slice(0, 300) : JSON.stringify(response.body).slice(0, 300)}`;
  if (response.status < 400 || response.status > 499) throw new Error(`expected a 4xx: ${context}`);
  if (!(response.headers.get('content-type') ?? '').includes('application/json'))
    throw new Error(`expected JSON: ${context}`);
  const body = response.body as { error?: { code?: unknown; message?: unknown; issues?: unknown } };
  if (typeof body !== 'object' || body === null || Object.keys(body).join() !== 'error')
    throw new Error(`expected {error}: ${context}`);
  const error = body.error ?? {};
  const extra = Object.keys(error).filter((key) => !['code', 'message', 'issues'].includes(key));
  if (typeof error.code !== 'string' || !/^[a-z][a-z0-9_]*$/.test(error.code))
    throw new Error(`expected a snake_case code: ${context}`);
  if (typeof error.message !== 'string' || error.message === '') throw new Error(`expected a message: ${context}`);
  if (extra.length > 0) throw new Error(`unexpected error fields ${extra.join()}: ${context}`);
  if (error.issues !== undefined) {
    const issues = error.issues as { path?: unknown; message?: unknown }[];
    if (
      !Array.isArray(issues) ||
      issues.some((issue) => typeof issue.path !== 'string' || typeof issue.message !== 'string')
    ) {
      throw new Error(`expected issues [{path, message}]: ${context}`);
    }
  }
}

export function describeRequest(method: string, path: string, body: unknown): string {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  return `${method} ${path.slice(0, 200)} ${text === undefined ? '' : text.slice(0, 200)}`;
}

/** Checks `check` on `numRuns` generated values; a failing one is shrunk to a small counterexample. */
export const assertProperty = <T>(arbitrary: fc.Arbitrary<T>, check: (value: T) => Promise<void>, numRuns = RUNS) =>
  fc.assert(fc.asyncProperty(arbitrary, check), { numRuns, endOnFailure: false });
