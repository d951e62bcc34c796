import { useSyncExternalStore } from 'react';

/**
 * Whose notifications the console shows (the navigation's unread count follows the same user).
 * Remembered in localStorage: a user ID, nothing secret.
 */
const STORAGE_KEY = 'console.notificationsUserId';
const listeners = new Set<() => void>();

function read(): string | null {
  try {
    return window.localStorage.getItem(STORAGE_KEY);
  } catch {
    return null; // storage disabled: the choice lasts for the page only
  }
}

let current = read();

export function setNotificationsUserId(userId: string): void {
  current = userId;
  try {
    window.localStorage.setItem(STORAGE_KEY, userId);
  } catch {
    // storage disabled: keep the choice in memory
  }
  listeners.forEach((listener) => listener());
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The chosen user ID, or the first user's when none was chosen (or the chosen one is gone). */
export function useNotificationsUserId(userIds: readonly string[] | undefined): string | undefined {
  const chosen = useSyncExternalStore(subscribe, () => current);
  if (chosen && (!userIds || userIds.includes(chosen))) return chosen;
  return userIds?.[0];
}
