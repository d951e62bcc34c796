import type { Overview, User } from '../../api/api-types';
import { EmptyState } from '../../components/QueryStates';
import { userName } from '../../queries/users';

/** Zoom allows 100 create/update/delete calls per host per UTC day; the engine never sends the 101st. */
export function ZoomBudget({ budget, users }: { budget: Overview['zoomBudget']; users: User[] | undefined }) {
  return (
    <section className="panel panel-wide" aria-labelledby="overview-zoom-budget">
      <h2 id="overview-zoom-budget">Zoom calls today (UTC), per host</h2>
      {budget.length === 0 ? (
        <EmptyState>No host has a Zoom connection yet.</EmptyState>
      ) : (
        <ul className="budget-list">
          {budget.map((host) => {
            const name = userName(users, host.userId);
            const meterId = `zoom-budget-${host.userId}`;
            return (
              <li key={host.userId}>
                <label htmlFor={meterId}>{name}</label>
                <meter
                  id={meterId}
                  min={0}
                  max={host.limit}
                  low={host.limit * 0.7}
                  high={host.limit * 0.9}
                  optimum={0}
                  value={host.usedToday}
                >
                  {host.usedToday} of {host.limit}
                </meter>
                <span className="budget-figure">
                  {host.usedToday} of {host.limit}
                </span>
              </li>
            );
          })}
        </ul>
      )}
      <p className="hint">The budget resets at 00:00 UTC; past it, meetings wait for the reset or go without a link.</p>
    </section>
  );
}
