import { useEffect, useRef } from 'react';
import { useSearchParams } from 'react-router';
import type { User } from '../../api/api-types';
import { userName } from '../../queries/users';

/**
 * The outcome of Zoom's OAuth flow: the server's callback sends the browser back here with
 * `?zoom=connected|failed&userId=…` (and `code`, `message` when it failed).
 */
export function ZoomReturnNotice({ users }: { users: User[] | undefined }) {
  const [searchParams, setSearchParams] = useSearchParams();
  const outcome = searchParams.get('zoom');
  const userId = searchParams.get('userId');
  const notice = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (outcome) notice.current?.focus();
  }, [outcome]);

  if (outcome !== 'connected' && outcome !== 'failed') return null;
  const who = userName(users, userId);
  const dismiss = () =>
    setSearchParams(
      (params) => {
        for (const key of ['zoom', 'userId', 'code', 'message']) params.delete(key);
        return params;
      },
      { replace: true },
    );

  return (
    <div
      ref={notice}
      tabIndex={-1}
      className={outcome === 'connected' ? 'notice notice-success' : 'notice notice-error'}
      role={outcome === 'connected' ? 'status' : 'alert'}
    >
      {outcome === 'connected' ? (
        <p>Zoom is connected for {who}. Bookings on their group calendars now get their own meeting link.</p>
      ) : (
        <p>
          Zoom was not connected for {who}: {searchParams.get('message') ?? 'the authorization failed'}
          {searchParams.get('code') ? ` (${searchParams.get('code')})` : ''}.
        </p>
      )}
      <button type="button" className="button-small" onClick={dismiss}>
        Dismiss
      </button>
    </div>
  );
}
