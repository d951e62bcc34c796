import { useState } from 'react';
import { errorMessage } from '../../api/api-error';
import type { User, ZoomConnection } from '../../api/api-types';
import { ErrorState, LoadingState } from '../../components/QueryStates';
import { formatDateTime } from '../../format/date-time';
import { useDisconnectZoom, useStartZoomConnection, useZoomConnection } from '../../queries/users';

export function ZoomConnectionCard({ user }: { user: User }) {
  const connection = useZoomConnection(user.id);
  const headingId = `user-${user.id}-heading`;

  return (
    <article className="panel" id={`user-${user.id}`} aria-labelledby={headingId}>
      <h2 id={headingId}>{user.name}</h2>
      <p className="muted">
        {user.email} · {user.timezone} · ID <code>{user.id}</code>
      </p>
      {connection.isPending ? <LoadingState label="Reading the Zoom connection…" /> : null}
      {connection.isError ? <ErrorState error={connection.error} /> : null}
      {connection.data ? <ConnectionStatus userId={user.id} connection={connection.data} /> : null}
    </article>
  );
}

function ConnectionStatus({ userId, connection }: { userId: string; connection: ZoomConnection }) {
  const start = useStartZoomConnection();
  const disconnect = useDisconnectZoom();
  const [confirming, setConfirming] = useState(false);

  const connect = () =>
    start.mutate(userId, {
      // Zoom's own pages ask the user to sign in and allow; its callback brings the browser back here.
      onSuccess: ({ authorizeUrl }) => window.location.assign(authorizeUrl),
    });

  return (
    <div className="zoom-status">
      <p>
        <strong>Zoom: </strong>
        {describe(connection)}
      </p>
      <div className="actions">
        {connection.connected ? (
          confirming ? (
            <>
              <span>Disconnect this Zoom account? New bookings get no meeting link until someone connects again.</span>
              <button
                type="button"
                className="button-danger"
                disabled={disconnect.isPending}
                onClick={() => disconnect.mutate(userId, { onSuccess: () => setConfirming(false) })}
              >
                Yes, disconnect
              </button>
              <button type="button" onClick={() => setConfirming(false)}>
                Keep it
              </button>
            </>
          ) : (
            <button type="button" onClick={() => setConfirming(true)}>
              Disconnect
            </button>
          )
        ) : (
          <button type="button" className="button-primary" disabled={start.isPending} onClick={connect}>
            {start.isPending ? 'Opening Zoom…' : 'broken' in connection && connection.broken ? 'Reconnect' : 'Connect'}
          </button>
        )}
        {'broken' in connection && connection.broken && !connection.connected ? (
          <button type="button" disabled={disconnect.isPending} onClick={() => disconnect.mutate(userId)}>
            Remove the broken connection
          </button>
        ) : null}
      </div>
      {start.isError ? (
        <p className="notice notice-error" role="alert">
          {errorMessage(start.error)}
        </p>
      ) : null}
      {disconnect.isError ? (
        <p className="notice notice-error" role="alert">
          {errorMessage(disconnect.error)}
        </p>
      ) : null}
    </div>
  );
}

function describe(connection: ZoomConnection): string {
  if (connection.connected) {
    return `connected as ${connection.zoomEmail} since ${formatDateTime(connection.connectedAt)}`;
  }
  if ('broken' in connection && connection.broken) {
    return `broken (${connection.zoomEmail}): ${connection.reason}. Reconnect to get meeting links again.`;
  }
  return 'not connected';
}
