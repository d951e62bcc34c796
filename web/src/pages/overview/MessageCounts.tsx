import type { Overview } from '../../api/api-types';

const CHANNELS = [
  { key: 'email', label: 'E-mail' },
  { key: 'sms', label: 'SMS' },
  { key: 'in_app', label: 'In-app' },
] as const;

export function MessageCounts({ counts }: { counts: Overview['messages24h'] }) {
  return (
    <section className="panel" aria-labelledby="overview-messages">
      <h2 id="overview-messages">Messages in the last 24 hours</h2>
      <table className="table compact">
        <thead>
          <tr>
            <th scope="col">Channel</th>
            <th scope="col">Sent</th>
            <th scope="col">Failed</th>
          </tr>
        </thead>
        <tbody>
          {CHANNELS.map(({ key, label }) => (
            <tr key={key}>
              <th scope="row">{label}</th>
              <td>{counts[key].sent}</td>
              <td className={counts[key].failed > 0 ? 'text-bad' : undefined}>{counts[key].failed}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
