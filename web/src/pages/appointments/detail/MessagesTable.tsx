import { EmptyState, ErrorState, LoadingState } from '../../../components/QueryStates';
import { StatusBadge } from '../../../components/StatusBadge';
import { formatDateTime } from '../../../format/date-time';
import { useAppointmentMessages } from '../../../queries/appointments';

const CHANNEL_LABELS: Record<string, string> = { email: 'E-mail', sms: 'SMS', in_app: 'In-app' };

/** Every message the appointment's automations produced, with what became of it. */
export function MessagesTable({ appointmentId }: { appointmentId: string }) {
  const messages = useAppointmentMessages(appointmentId);

  return (
    <section aria-labelledby="messages-heading">
      <h2 id="messages-heading">Messages</h2>
      {messages.isPending ? <LoadingState label="Loading messages…" /> : null}
      {messages.isError ? <ErrorState error={messages.error} /> : null}
      {messages.data?.length === 0 ? <EmptyState>No message has been sent for this appointment.</EmptyState> : null}
      {messages.data && messages.data.length > 0 ? (
        <div className="table-scroll" role="region" aria-label="Messages table" tabIndex={0}>
          <table className="table stack">
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Channel</th>
                <th scope="col">To</th>
                <th scope="col">Message</th>
                <th scope="col">Delivery</th>
              </tr>
            </thead>
            <tbody>
              {[...messages.data]
                .sort((a, b) => a.at.localeCompare(b.at))
                .map((message) => (
                  <tr key={`${message.runId}/${message.stepId}/${message.at}`}>
                    <td data-label="When" className="nowrap">
                      {formatDateTime(message.at)}
                    </td>
                    <td data-label="Channel">{CHANNEL_LABELS[message.channel] ?? message.channel}</td>
                    <td data-label="To">{message.to}</td>
                    <td data-label="Message">
                      <strong>{message.subject ?? message.body.slice(0, 80)}</strong>
                      <div className="muted">step {message.stepId}</div>
                    </td>
                    <td data-label="Delivery">
                      <StatusBadge status={message.status} />
                      {message.providerId ? (
                        // provider IDs are long and only for looking up: shortened, whole on hover
                        <div className="muted provider-id" title={message.providerId}>
                          id {message.providerId}
                        </div>
                      ) : null}
                    </td>
                  </tr>
                ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
