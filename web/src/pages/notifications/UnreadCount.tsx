import { useNotifications } from '../../queries/notifications';
import { useUsers } from '../../queries/users';
import { useNotificationsUserId } from './notifications-user';

/** The unread in-app notifications of the user the Notifications page shows, for the navigation. */
export function UnreadCount() {
  const users = useUsers();
  const userId = useNotificationsUserId(users.data?.map((user) => user.id));
  const notifications = useNotifications(userId);
  const unread = notifications.data?.filter((notification) => !notification.read).length ?? 0;
  if (unread === 0) return null;
  return (
    <span className="count">
      {unread}
      <span className="visually-hidden"> unread</span>
    </span>
  );
}
