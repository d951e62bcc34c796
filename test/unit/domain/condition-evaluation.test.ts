/** A condition's predicates read against what the run knows: the branch, and why. */
import {
  conditionNeedsLoadedFacts,
  evaluateCondition,
  type ConditionAction,
  type ConditionFacts,
} from '../../../src/domain/condition-evaluation';
import type { ConditionPredicate } from '../../../src/domain/condition-predicate-schema';

const NOW = Date.parse('2026-12-10T12:00:00Z');
const HOUR = 3_600_000;

const facts = (extra: Partial<ConditionFacts> = {}): ConditionFacts => ({
  status: 'confirmed',
  startTime: new Date(NOW + 3 * HOUR).toISOString(),
  rescheduled: false,
  calendarId: 'cal-1',
  assignedUserId: 'host-1',
  contactHasEmail: true,
  contactHasPhone: false,
  ...extra,
});

const condition = (predicates: ConditionPredicate[], match: 'all' | 'any' = 'all'): ConditionAction => ({
  id: 'check',
  type: 'condition',
  match,
  if: predicates,
  then: 'yes',
  else: 'next',
});

const branchOf = (predicate: ConditionPredicate, given: Partial<ConditionFacts> = {}) =>
  evaluateCondition(condition([predicate]), facts(given), NOW).branch;

describe('each predicate', () => {
  test('status is one of', () => {
    expect(branchOf({ field: 'status', in: ['confirmed', 'showed'] })).toBe('then');
    expect(branchOf({ field: 'status', in: ['new'] })).toBe('else');
  });

  test('rescheduled since the run started', () => {
    expect(branchOf({ field: 'rescheduled', is: true }, { rescheduled: true })).toBe('then');
    expect(branchOf({ field: 'rescheduled', is: true }, { rescheduled: false })).toBe('else');
    expect(branchOf({ field: 'rescheduled', is: false }, { rescheduled: false })).toBe('then');
  });

  test('start before/after now plus an offset (the start is 3 h ahead)', () => {
    expect(branchOf({ field: 'start', before: '+4h' })).toBe('then');
    expect(branchOf({ field: 'start', before: '+3h' })).toBe('else'); // strictly before
    expect(branchOf({ field: 'start', before: '2h' })).toBe('else');
    expect(branchOf({ field: 'start', after: '+2h' })).toBe('then');
    expect(branchOf({ field: 'start', after: '+3h' })).toBe('else'); // strictly after
    expect(branchOf({ field: 'start', after: '-1h' }, { startTime: new Date(NOW - 30 * 60_000).toISOString() })).toBe(
      'then',
    );
    expect(branchOf({ field: 'start', before: '0m' }, { startTime: new Date(NOW - 1).toISOString() })).toBe('then');
  });

  test('calendar and assigned user are one of', () => {
    expect(branchOf({ field: 'calendarId', in: ['cal-2', 'cal-1'] })).toBe('then');
    expect(branchOf({ field: 'calendarId', in: ['cal-2'] })).toBe('else');
    expect(branchOf({ field: 'assignedUserId', in: ['host-1'] })).toBe('then');
    expect(branchOf({ field: 'assignedUserId', in: ['host-2'] })).toBe('else');
    expect(branchOf({ field: 'assignedUserId', in: ['host-1'] }, { assignedUserId: null })).toBe('else');
  });

  test('the contact has (or lacks) an e-mail or a phone', () => {
    expect(branchOf({ field: 'contact.email', exists: true })).toBe('then');
    expect(branchOf({ field: 'contact.email', exists: false })).toBe('else');
    expect(branchOf({ field: 'contact.phone', exists: true })).toBe('else');
    expect(branchOf({ field: 'contact.phone', exists: false })).toBe('then');
  });
});

describe('match', () => {
  const mixed: ConditionPredicate[] = [
    { field: 'status', in: ['confirmed'] },
    { field: 'contact.phone', exists: true },
  ];

  test('all: every predicate must hold', () => {
    expect(evaluateCondition(condition(mixed, 'all'), facts(), NOW).branch).toBe('else');
    expect(evaluateCondition(condition(mixed, 'all'), facts({ contactHasPhone: true }), NOW).branch).toBe('then');
  });

  test('any: one predicate is enough', () => {
    expect(evaluateCondition(condition(mixed, 'any'), facts(), NOW).branch).toBe('then');
    expect(evaluateCondition(condition(mixed, 'any'), facts({ status: 'new' }), NOW).branch).toBe('else');
  });
});

test('the outcome names the branch’s target and each predicate as written, with its result and what it read', () => {
  const outcome = evaluateCondition(
    condition([
      { field: 'status', in: ['confirmed'] },
      { field: 'start', before: '+1h' },
      { field: 'contact.email', exists: true },
    ]),
    facts(),
    NOW,
  );
  expect(outcome).toEqual({
    branch: 'else',
    target: 'next',
    predicates: [
      { field: 'status', in: ['confirmed'], result: true, actual: 'confirmed' },
      { field: 'start', before: '+1h', result: false, actual: '2026-12-10T15:00:00.000Z' },
      { field: 'contact.email', exists: true, result: true, actual: true },
    ],
  });
});

test('only predicates on the calendar, the host or the contact need facts loaded by an activity', () => {
  expect(
    conditionNeedsLoadedFacts(
      condition([
        { field: 'status', in: ['confirmed'] },
        { field: 'rescheduled', is: true },
        { field: 'start', after: '+1h' },
      ]),
    ),
  ).toBe(false);
  for (const predicate of [
    { field: 'calendarId', in: ['cal-1'] },
    { field: 'assignedUserId', in: ['host-1'] },
    { field: 'contact.email', exists: true },
    { field: 'contact.phone', exists: false },
  ] as ConditionPredicate[]) {
    expect(conditionNeedsLoadedFacts(condition([{ field: 'status', in: ['new'] }, predicate]))).toBe(true);
  }
});

test('a predicate that needs loaded facts refuses to guess without them', () => {
  const { calendarId: _calendarId, ...withoutCalendar } = facts();
  expect(() => evaluateCondition(condition([{ field: 'calendarId', in: ['cal-1'] }]), withoutCalendar, NOW)).toThrow(
    /needs the appointment's loaded facts/,
  );
});
