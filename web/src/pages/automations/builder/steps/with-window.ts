import type { ActionOfType, WaitWindow } from '../../../../api/api-types';

type WaitAction = ActionOfType<'wait' | 'wait_for_appointment_time'>;

/** The wait with this window, or with none (the key left out: the API refuses `"window": null`). */
export function withWindow<A extends WaitAction>(action: A, window: WaitWindow | undefined): A {
  const { window: _previous, ...rest } = action;
  return (window ? { ...rest, window } : rest) as A;
}
