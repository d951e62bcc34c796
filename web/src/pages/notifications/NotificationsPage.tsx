import { Link } from 'react-router';
import { errorMessage } from '../../api/api-error';
import type { Notification } from '../../api/api-types';
import { PageTitle } from '../../components/PageTitle';
import { EmptyState, ErrorState, LoadingState } from '../../components/QueryStates';
import { formatDateTime } from '../../format/date-time';
import { useMarkNotificationRead, useNotifications } from '../../queries/notifications';
import { useUsers } from '../../queries/users';
import { setNotificationsUserId, useNotificationsUserId } from './notifications-user';

/** In-app notifications: what automations told a user (a new booking, Zoom trouble). */
export function NotificationsPage() {
  const users = useUsers();
  const userId = useNotificationsUserId(users.data?.map((user) => user.id));
  const notifications = useNotifications(userId);
  const unread = notifications.data?.filter((notification) => !notification.read).length ?? 0;

  return (
    <>
      <PageTitle>Notifications</PageTitle>
      {users.isPending ? <LoadingState label="Loading users…" /> : null}
      {users.isError ? <ErrorState error={users.error} /> : null}
      {users.data?.length === 0 ? <EmptyState>No users yet, so no notifications.</EmptyState> : null}
      {users.data && users.data.length > 0 && userId ? (
        <>
          <div className="field field-inline">
            <label htmlFor="notifications-user">Notifications of</label>
            <select
              id="notifications-user"
              value={userId}
              onChange={(event) => setNotificationsUserId(event.target.value)}
            >
              {users.data.map((user) => (
                <option key={user.id} value={user.id}>
                  {user.name}
                </option>
              ))}
            </select>
          </div>
          {notifications.isPending ? <LoadingState label="Loading notifications…" /> : null}
          {notifications.isError ? <ErrorState error={notifications.error} /> : null}
          {notifications.data ? (
            <section aria-labelledby="notifications-heading">
              <h2 id="notifications-heading">{countHeading(unread, notifications.data.length)}</h2>
              {notifications.data.length === 0 ? (
                <EmptyState>No in-app notifications for this user yet.</EmptyState>
              ) : (
                <ul className="card-list">
                  {[...notifications.data]
                    .sort((a, b) => b.at.localeCompare(a.at))
                    .map((notification) => (
                      <li key={notification.id}>
                        <NotificationCard userId={userId} notification={notification} />
                      </li>
                    ))}
                </ul>
              )}
            </section>
          ) : null}
        </>
      ) : null}
    </>
  );
}

function countHeading(unread: number, total: number): string {
  if (total === 0) return 'No notifications';
  if (unread === 0) return `All ${total} read`;
  return `${unread} unread of ${total}`;
}

function NotificationCard({ userId, notification }: { userId: string; notification: Notification }) {
  const markRead = useMarkNotificationRead(userId);
  const title = notification.subject ?? 'Notification';

  return (
    <article className={notification.read ? 'panel notification' : 'panel notification unread'}>
      <h3>
        {notification.read ? null : <span className="badge badge-unread">unread</span>} {title}
      </h3>
      <p className="muted">{formatDateTime(notification.at)}</p>
      <p className="notification-body">{notification.body}</p>
      <div className="actions">
        {notification.appointmentId ? (
          <Link to={`/appointments/${encodeURIComponent(notification.appointmentId)}`}>See the appointment</Link>
        ) : null}
        {notification.read ? null : (
          <button
            type="button"
            aria-label={`Mark as read: ${title}`}
            disabled={markRead.isPending}
            onClick={() => markRead.mutate(notification.id)}
          >
            Mark as read
          </button>
        )}
      </div>
      {markRead.isError ? (
        <p className="notice notice-error" role="alert">
          {errorMessage(markRead.error)}
        </p>
      ) : null}
    </article>
  );
}
