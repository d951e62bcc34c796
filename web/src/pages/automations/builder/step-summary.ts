import type { AutomationAction, WaitWindow } from '../../../api/api-types';
import { describeDuration, splitDuration, splitOffset } from '../../../format/durations';
import { describeDays } from '../../../format/week-days';

const RECIPIENTS: Record<string, string> = { contact: 'the contact', assigned_user: 'the host' };

function recipient(to: string | { userId: string }): string {
  if (typeof to === 'object') return `user ${to.userId}`;
  return RECIPIENTS[to] ?? to;
}

const POLICIES: Record<string, string> = {
  next: 'continue',
  skip_outbound_until_next_wait: 'skip messages until the next wait',
};

/** ", then only Mon–Fri 09:00–17:00" */
function windowSummary(window: WaitWindow | undefined): string {
  if (!window) return '';
  const zone = window.timezone ? ` ${window.timezone}` : '';
  return `, then only ${describeDays(window.days)} ${window.from}–${window.to}${zone}`;
}

const jump = (target: string) => (target === 'next' ? 'continue with the next step' : `go to ${target}`);

/** One line that says what a collapsed step does. */
export function stepSummary(action: AutomationAction): string {
  switch (action.type) {
    case 'wait': {
      const split = splitDuration(action.duration);
      return `Wait ${split ? describeDuration(split) : action.duration}${windowSummary(action.window)}`;
    }
    case 'wait_for_appointment_time': {
      const split = splitOffset(action.offset);
      const when = split ? `${describeDuration(split)} ${split.direction} the start` : action.offset;
      const policy = typeof action.ifPassed === 'object' ? `go to ${action.ifPassed.goto}` : POLICIES[action.ifPassed];
      return `Until ${when}; if passed: ${policy ?? ''}${windowSummary(action.window)}`;
    }
    case 'send_email':
      return `E-mail to ${recipient(action.to)}: “${action.subject}”${action.attachCalendarInvite ? ' with an invite' : ''}`;
    case 'send_sms':
      return `SMS to ${recipient(action.to)}: “${action.body.slice(0, 60)}${action.body.length > 60 ? '…' : ''}”`;
    case 'internal_notification':
      return `${action.channel === 'in_app' ? 'In-app note' : action.channel === 'sms' ? 'SMS' : 'E-mail'} to ${recipient(
        action.to,
      )}: “${(action.subject ?? action.body).slice(0, 60)}”`;
    case 'condition': {
      const count = action.if.length;
      const what = count === 1 ? 'the condition holds' : `${action.match} of ${count} conditions hold`;
      return `If ${what}: ${jump(action.then)}; otherwise ${jump(action.else)}`;
    }
    default: {
      const unknown: never = action;
      return JSON.stringify(unknown);
    }
  }
}
