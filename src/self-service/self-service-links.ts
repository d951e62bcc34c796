/**
 * The links `{{appointment.cancel_link}}`, `{{appointment.confirm_link}}` and
 * `{{appointment.reschedule_link}}` render: pages of this engine under PUBLIC_BASE_URL for cancel and
 * confirm, the calendar's own booking page for reschedule. Computed when a message is rendered (in
 * an activity, never in workflow history).
 */
import { LinkTokens, type SelfServiceAction } from './link-tokens';

export interface SelfServiceLinkSet {
  cancel: string;
  confirm: string;
  /** '' when the calendar has no reschedule page */
  reschedule: string;
}

export const NO_SELF_SERVICE_LINKS: SelfServiceLinkSet = { cancel: '', confirm: '', reschedule: '' };

/** Where the contact's pages are served: `/a/{token}/cancel` and `/a/{token}/confirm`. */
export const selfServicePagePath = (token: string, action: Exclude<SelfServiceAction, 'reschedule'>) =>
  `/a/${token}/${action}`;

export class SelfServiceLinks {
  readonly tokens: LinkTokens;

  constructor(
    signingKey: Buffer,
    private readonly publicBaseUrl: string,
  ) {
    this.tokens = new LinkTokens(signingKey);
  }

  /** The links of one appointment; `reschedulePageUrl` is its calendar's, null when it has none. */
  of(appointmentId: string, reschedulePageUrl: string | null): SelfServiceLinkSet {
    const page = (action: 'cancel' | 'confirm') =>
      `${this.publicBaseUrl}${selfServicePagePath(this.tokens.sign(appointmentId, action), action)}`;
    return {
      cancel: page('cancel'),
      confirm: page('confirm'),
      reschedule: this.reschedule(appointmentId, reschedulePageUrl),
    };
  }

  /** The calendar's booking page with the appointment ID and a reschedule token appended as query parameters. */
  private reschedule(appointmentId: string, reschedulePageUrl: string | null): string {
    if (!reschedulePageUrl) return '';
    const url = new URL(reschedulePageUrl);
    url.searchParams.set('appointmentId', appointmentId);
    url.searchParams.set('token', this.tokens.sign(appointmentId, 'reschedule'));
    return url.toString();
  }
}
