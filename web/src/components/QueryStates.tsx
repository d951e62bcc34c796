import type { ReactNode } from 'react';
import { errorMessage } from '../api/api-error';

export function LoadingState({ label = 'Loading…' }: { label?: string }) {
  return (
    <p className="loading" role="status">
      {label}
    </p>
  );
}

/** The API's own sentence, announced to screen readers. */
export function ErrorState({ error, title }: { error: unknown; title?: string }) {
  return (
    <div className="notice notice-error" role="alert">
      {title ? <strong>{title}: </strong> : null}
      {errorMessage(error)}
    </div>
  );
}

export function EmptyState({ children }: { children: ReactNode }) {
  return <p className="empty">{children}</p>;
}
