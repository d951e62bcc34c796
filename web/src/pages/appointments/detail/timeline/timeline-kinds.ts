/**
 * What each timeline entry means to a reader: its lane on the chart, its mark, and a sentence.
 * The `type` strings are the workflows' (src/workflows/appointment/ and automation-run/); an
 * unknown type still shows, in the booking lane, by its name.
 */
import type { TimelineEntry } from '../../../../api/api-types';
import { formatDateTime } from '../../../../format/date-time';

export const LANES = [
  { id: 'booking', label: 'Booking' },
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
  api: 'the CRM',
  contact: 'the contact',
  user: 'a user in the console',
  automation: 'an automation',
};

/** " by the contact", from the `source` booking changes carry; empty when there is none. */
function bySource(entry: ChartEntry): string {
  const source = text(entry, 'source');
  return source ? ` by ${SOURCE_WORDS[source] ?? source}` : '';
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
  const by = bySource(entry);
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
    case 'automation.triggered':
      return {
        lane: 'automation',
        shape: 'diamond',
        tone: 'automation',
        short: 'Automation started',
        text: `Automation “${automationName(entry, names)}” (version ${text(entry, 'automationVersion') ?? '?'}) triggered`,
      };
    case 'automation.condition': {
      const branch = text(entry, 'branch');
      const to = text(entry, 'to');
      return {
        lane: 'automation',
        shape: 'diamond',
        tone: 'automation',
        short: branch === 'else' ? 'Condition: else' : 'Condition: then',
        text:
          `Step ${text(entry, 'stepId') ?? '?'}: the conditions ${branch === 'else' ? 'did not hold' : 'held'}, ` +
          (to === undefined || to === 'next' ? 'so the run went on with the next step' : `so the run went to ${to}`),
      };
    }
    case 'automation.held_for_window': {
      const until = text(entry, 'until');
      return {
        lane: 'automation',
        shape: 'ring',
        tone: 'skipped',
        short: 'Held for window',
        text: `Step ${text(entry, 'stepId') ?? '?'} ended outside its window: held${
          until ? ` until ${formatDateTime(until)}` : ''
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
