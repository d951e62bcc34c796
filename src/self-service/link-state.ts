/**
 * Whether a cancel or confirm link still works, read from the appointment as it is when the link is
 * used: it stops once the appointment has started, was deleted or cancelled, and a confirm link
 * once the appointment is confirmed. Pure: the pages pass the clock.
 */
import type { AppointmentView } from '../domain/appointment';

export type PageAction = 'cancel' | 'confirm';

/** Why a link no longer works: 404 when it leads nowhere, 410 when it did and no longer does. */
export interface LinkRefusal {
  status: 404 | 410;
  /** a sentence for the contact */
  reason: string;
}

export const UNKNOWN_LINK: LinkRefusal = {
  status: 404,
  reason: 'This link is not valid. Please use the link from your most recent message, or contact us.',
};

export function linkRefusal(view: AppointmentView, action: PageAction, now: number): LinkRefusal | null {
  if (view.deleted) return gone('This appointment no longer exists.');
  if (view.status === 'cancelled') {
    return gone(
      action === 'cancel'
        ? 'This appointment is already cancelled.'
        : 'This appointment was cancelled, so it can no longer be confirmed.',
    );
  }
  if (now >= Date.parse(view.startTime))
    return gone('This appointment has already started, so this link no longer works.');
  if (view.status !== 'new' && view.status !== 'confirmed')
    return gone('This appointment can no longer be changed here.');
  if (action === 'confirm' && view.status === 'confirmed') return gone('This appointment is already confirmed.');
  return null;
}

const gone = (reason: string): LinkRefusal => ({ status: 410, reason });
