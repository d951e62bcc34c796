/**
 * What each timeline entry means to a reader: its lane on the chart, its mark, and a sentence.
 * The `type` strings are the workflows' (src/workflows/appointment/ and automation-run/); an
 * unknown type still shows, in the booking lane, by its name.
 */
import type { TimelineEntry } from '../../../../api/api-types';
import { formatDateTime } from '../../../../format/date-time';
import { describeDays } from '../../../../format/week-days';

export const LANES = [
  { id: 'booking', label: 'Booking' },
  { id: 'contact', label: 'Contact' },
  { id: 'meeting', label: 'Meeting' },
  { id: 'automation', label: 'Automation' },
  { id: 'messages', label: 'Messages' },
  { id: 'reminders', label: 'Reminders due' },
] as const;
export type LaneId = (typeof LANES)[number]['id'];

/** Shapes repeat what colours say, for readers who cannot tell the colours apart. */
export type MarkShape = 'dot' | 'ring' | 'cross' | 'diamond';
export type Tone = 'booking' | 'meeting' | 'automation' | 'sent' | 'failed' | 'skipped' | 'planned' | 'warning';

export interface EntryKind {
  lane: LaneId;
  shape: MarkShape;
  tone: Tone;
  /** a few words, for the chart */
  short: string;
  /** the full sentence, for the table */
  text: string;
}

/** The entries a run or a planned reminder adds beyond the API's own ones. */
export interface PlannedReminder {
  at: string;
  type: 'reminder.scheduled';
  stepId: string;
  runId: string;
}

export type ChartEntry = TimelineEntry | PlannedReminder;

const CHANNEL_LABELS: Record<string, string> = { email: 'E-mail', sms: 'SMS', in_app: 'In-app note' };

function text(entry: ChartEntry, key: string): string | undefined {
  const value = (entry as Record<string, unknown>)[key];
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined;
}

const SOURCE_WORDS: Record<string, string> = {
  api: 'through the API',
  contact: 'by the contact',
  user: 'by a team member in the console',
  automation: 'by an automation',
};

/** " by the contact", from the `source` booking changes carry; empty when there is none. */
function bySource(entry: ChartEntry, names: EntryNames): string {
  const source = text(entry, 'source');
  if (!source) return '';
  const automationId = text(entry, 'sourceAutomationId');
  if (source === 'automation' && automationId) {
    return ` by the automation “${names.automation?.(automationId) ?? automationId}”`;
  }
  return ` ${SOURCE_WORDS[source] ?? `by ${source}`}`;
}

/** Who acted on the contact's side: "The contact" unless an entry says otherwise. */
function who(entry: ChartEntry): string {
  const source = text(entry, 'source');
  return source === undefined || source === 'contact' ? 'The contact' : `Someone (${source})`;
}

const LINK_ACTIONS: Record<string, string> = { cancel: 'cancel', confirm: 'confirm' };

const SMS_INTENTS: Record<string, string> = {
  confirm: 'confirms the appointment',
  opt_out: 'stops SMS to this number',
  opt_in: 'restarts SMS to this number',
};

interface WindowDetails {
  days?: string[];
  from?: string;
  to?: string;
  timezone?: string;
}

/** " (Mon–Fri 09:00–17:00, Europe/Paris)" */
function windowWords(entry: ChartEntry): string {
  const window = (entry as Record<string, unknown>).window as WindowDetails | undefined;
  if (!window || !Array.isArray(window.days)) return '';
  return ` (${describeDays(window.days)} ${window.from ?? '?'}–${window.to ?? '?'}${window.timezone ? `, ${window.timezone}` : ''})`;
}

interface PredicateDetails {
  field?: string;
  in?: string[];
  is?: boolean;
  exists?: boolean;
  before?: string;
  after?: string;
  result?: boolean;
  actual?: string | boolean | null;
}

/** One predicate of a condition as the run read it: "status was new (one of new)". */
function predicateWords(predicate: PredicateDetails): string {
  const held = predicate.result ? 'held' : 'did not hold';
  const actual = predicate.actual;
  switch (predicate.field) {
    case 'status':
    case 'calendarId':
    case 'assignedUserId': {
      const name =
        predicate.field === 'status' ? 'status' : predicate.field === 'calendarId' ? 'calendar' : 'assigned user';
      return `${name} was ${actual === null || actual === undefined ? 'none' : String(actual)}, wanted one of ${(predicate.in ?? []).join(', ') || 'none'}: ${held}`;
    }
    case 'rescheduled':
      return `${actual === true ? 'rescheduled' : 'not rescheduled'} since the run started, wanted ${predicate.is ? 'rescheduled' : 'not rescheduled'}: ${held}`;
    case 'start': {
      const comparison = predicate.before !== undefined ? 'before' : 'after';
      const offset = predicate.before ?? predicate.after ?? '?';
      const when = typeof actual === 'string' ? formatDateTime(actual) : '?';
      return `start ${when}, wanted ${comparison} now ${offset}: ${held}`;
    }
    case 'contact.email':
    case 'contact.phone': {
      const what = predicate.field === 'contact.email' ? 'an e-mail address' : 'a phone number';
      return `the contact ${actual === true ? 'had' : 'had no'} ${what}, wanted ${predicate.exists ? 'one' : 'none'}: ${held}`;
    }
    default:
      return `${predicate.field ?? '?'}: ${held}`;
  }
}

function automationName(entry: ChartEntry, names: EntryNames): string {
  const id = text(entry, 'automationId') ?? '?';
  return names.automation?.(id) ?? id;
}

function messageKind(entry: ChartEntry, outcome: 'sent' | 'failed' | 'skipped'): EntryKind {
  const channel = CHANNEL_LABELS[text(entry, 'channel') ?? ''] ?? 'Message';
  const step = text(entry, 'stepId');
  const to = text(entry, 'to');
  const reason = text(entry, 'reason');
  const verb = outcome === 'skipped' && reason && /cancel|delet/i.test(reason) ? 'silenced' : outcome;
  return {
    lane: 'messages',
    shape: outcome === 'sent' ? 'dot' : outcome === 'failed' ? 'cross' : 'ring',
    tone: outcome,
    short: `${channel} ${verb}`,
    text:
      `${channel} ${verb}` + (to ? ` to ${to}` : '') + (step ? ` (step ${step})` : '') + (reason ? `: ${reason}` : ''),
  };
}

/** Names the table can show instead of IDs; IDs when a name is unknown. */
export interface EntryNames {
  automation?: (automationId: string) => string | undefined;
}

export function kindOf(entry: ChartEntry, names: EntryNames = {}): EntryKind {
  const by = bySource(entry, names);
  const booking = (short: string, full = short): EntryKind => ({
    lane: 'booking',
    shape: 'dot',
    tone: 'booking',
    short,
    text: `${full}${by}`,
  });
  const meeting = (short: string, full: string, warning = false): EntryKind => ({
    lane: 'meeting',
    shape: warning ? 'cross' : 'dot',
    tone: warning ? 'warning' : 'meeting',
    short,
    text: full,
  });
  const reason = text(entry, 'reason');
  switch (entry.type) {
    case 'created':
      return booking('Booked', `Booked (${text(entry, 'status') ?? 'status unknown'})`);
    case 'rescheduled': {
      const to = (entry as Record<string, unknown>).to as { startTime?: string } | undefined;
      return booking('Rescheduled', to?.startTime ? `Rescheduled to ${formatDateTime(to.startTime)}` : 'Rescheduled');
    }
    case 'edited': {
      const fields = (entry as Record<string, unknown>).fields;
      return booking('Edited', Array.isArray(fields) ? `Edited: ${fields.join(', ')}` : 'Edited');
    }
    case 'status_changed':
      return booking(
        `Now ${text(entry, 'to') ?? '?'}`,
        `Status changed from ${text(entry, 'from') ?? '?'} to ${text(entry, 'to') ?? '?'}`,
      );
    case 'cancelled':
      return { ...booking('Cancelled'), shape: 'cross', tone: 'failed' };
    case 'deleted':
      return { ...booking('Deleted'), shape: 'cross', tone: 'failed' };
    case 'zoom.meeting_created':
      return meeting('Meeting created', `Zoom meeting created (${text(entry, 'meetingId') ?? 'no id'})`);
    case 'zoom.link_reused':
      return meeting('Link reused', 'Zoom link reused from another appointment in the same slot');
    case 'zoom.meeting_updated':
      return meeting('Meeting updated', 'Zoom meeting updated');
    case 'zoom.meeting_deleted':
      return meeting('Meeting deleted', 'Zoom meeting deleted');
    case 'zoom.meeting_kept':
      return meeting('Meeting kept', `Zoom meeting kept: still used by ${text(entry, 'sharedWith') ?? 'another'}`);
    case 'zoom.not_connected':
      return meeting('No link', `No Zoom link: ${reason ?? 'the host has no Zoom connection'}`, true);
    case 'zoom.quota_exhausted':
      return meeting('No link', `No Zoom link: ${reason ?? "the host's daily Zoom budget is used up"}`, true);
    case 'zoom.failed':
      return meeting('Zoom failed', `Zoom failed: ${reason ?? 'unknown error'}`, true);
    case 'link.opened':
    case 'link.refused': {
      const action = LINK_ACTIONS[text(entry, 'action') ?? ''] ?? text(entry, 'action') ?? 'self-service';
      const refused = entry.type === 'link.refused';
      return {
        lane: 'contact',
        shape: refused ? 'cross' : 'dot',
        tone: refused ? 'warning' : 'booking',
        short: `${action.charAt(0).toUpperCase()}${action.slice(1)} link ${refused ? 'refused' : 'opened'}`,
        text: refused
          ? `${who(entry)} opened the ${action} link, which was refused: it no longer works${reason ? ` (${reason})` : ''}`
          : `${who(entry)} opened the ${action} link`,
      };
    }
    case 'sms.reply_received': {
      const keyword = text(entry, 'keyword') ?? '?';
      const intent = SMS_INTENTS[text(entry, 'intent') ?? ''];
      return {
        lane: 'contact',
        shape: 'dot',
        tone: 'booking',
        short: `SMS reply ${keyword}`,
        text: `SMS reply “${keyword}” received from ${who(entry).toLowerCase()}${intent ? `, which ${intent}` : ''}`,
      };
    }
    case 'automation.triggered': {
      const status = text(entry, 'status');
      const cause =
        text(entry, 'trigger') === 'appointment_booked' ? 'on the booking' : status ? `on status ${status}` : '';
      return {
        lane: 'automation',
        shape: 'diamond',
        tone: 'automation',
        short: 'Automation started',
        text:
          `Automation “${automationName(entry, names)}” (version ${text(entry, 'automationVersion') ?? '?'}) triggered` +
          (cause ? ` ${cause}` : '') +
          (by ? `, a change made${by}` : ''),
      };
    }
    case 'automation.condition': {
      const branch = text(entry, 'branch');
      const to = text(entry, 'to');
      const predicates = (entry as Record<string, unknown>).predicates;
      const why = Array.isArray(predicates)
        ? ` (${text(entry, 'match') === 'any' ? 'any' : 'all'} of: ${(predicates as PredicateDetails[]).map(predicateWords).join('; ')})`
        : '';
      return {
        lane: 'automation',
        shape: 'diamond',
        tone: 'automation',
        short: branch === 'else' ? 'Condition: else' : 'Condition: then',
        text:
          `Step ${text(entry, 'stepId') ?? '?'}: condition took the “${branch === 'else' ? 'otherwise' : 'then'}” way ` +
          `because the conditions ${branch === 'else' ? 'did not hold' : 'held'}${why}, ` +
          (to === undefined || to === 'next'
            ? 'so the run went on with the next step'
            : `so the run went to step ${to}`),
      };
    }
    case 'automation.held_for_window': {
      const until = text(entry, 'until');
      return {
        lane: 'automation',
        shape: 'ring',
        tone: 'skipped',
        short: 'Held for window',
        text: `Step ${text(entry, 'stepId') ?? '?'}: the wait ended outside its business-hours window${windowWords(entry)}, so the run was held${
          until ? ` until ${formatDateTime(until)}` : ' until the window opens'
        }`,
      };
    }
    case 'automation.wait_passed':
      return {
        lane: 'automation',
        shape: 'ring',
        tone: 'skipped',
        short: 'Time had passed',
        text: `Step ${text(entry, 'stepId') ?? '?'}: its time had already passed, so ${text(entry, 'policy') ?? 'its policy applied'}`,
      };
    case 'automation.stopped':
    case 'automation.failed':
      return {
        lane: 'automation',
        shape: 'cross',
        tone: entry.type === 'automation.failed' ? 'failed' : 'skipped',
        short: entry.type === 'automation.failed' ? 'Run failed' : 'Run stopped',
        text: `Automation run ${entry.type === 'automation.failed' ? 'failed' : 'stopped'}${reason ? `: ${reason}` : ''}`,
      };
    case 'message.sent':
      return messageKind(entry, 'sent');
    case 'message.failed':
      return messageKind(entry, 'failed');
    case 'message.skipped':
      return messageKind(entry, 'skipped');
    case 'reminder.scheduled':
      return {
        lane: 'reminders',
        shape: 'ring',
        tone: 'planned',
        short: 'Reminder due',
        text: `Reminder due: step ${text(entry, 'stepId') ?? '?'} will continue its run then`,
      };
    default:
      return booking(entry.type);
  }
}
