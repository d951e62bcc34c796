import { Link } from 'react-router';
import type { Overview } from '../../api/api-types';
import { PageTitle } from '../../components/PageTitle';
import { EmptyState, ErrorState, LoadingState } from '../../components/QueryStates';
import { useOverview } from '../../queries/overview';
import { userName, useUsers } from '../../queries/users';
import { MessageCounts } from './MessageCounts';
import { ZoomBudget } from './ZoomBudget';

/** The operator's morning question: are bookings coming in, do messages go out, is Zoom healthy? */
export function OverviewPage() {
  const overview = useOverview();
  const users = useUsers();

  return (
    <>
      <PageTitle>Overview</PageTitle>
      {overview.isPending ? <LoadingState /> : null}
      {overview.isError ? <ErrorState error={overview.error} /> : null}
      {overview.data ? (
        <div className="overview-grid">
          <Bookings bookings={overview.data.bookings} />
          <section className="panel" aria-labelledby="overview-failing">
            <h2 id="overview-failing">Automation runs failing</h2>
            <p className={overview.data.failingRuns > 0 ? 'figure figure-bad' : 'figure'}>
              {overview.data.failingRuns}
            </p>
            <p className="hint">Runs whose last step failed; open an appointment to see which step.</p>
          </section>
          <MessageCounts counts={overview.data.messages24h} />
          <ZoomBudget budget={overview.data.zoomBudget} users={users.data} />
          <section className="panel" aria-labelledby="overview-broken">
            <h2 id="overview-broken">Broken Zoom connections</h2>
            {overview.data.brokenZoomConnections.length === 0 ? (
              <EmptyState>None: every connected host can get meeting links.</EmptyState>
            ) : (
              <ul className="plain-list">
                {overview.data.brokenZoomConnections.map((userId) => (
                  <li key={userId}>
                    <Link to={`/integrations#user-${encodeURIComponent(userId)}`}>
                      {userName(users.data, userId)}: reconnect Zoom
                    </Link>
                  </li>
                ))}
              </ul>
            )}
          </section>
        </div>
      ) : null}
    </>
  );
}

function Bookings({ bookings }: { bookings: Overview['bookings'] }) {
  return (
    <section className="panel" aria-labelledby="overview-bookings">
      <h2 id="overview-bookings">Bookings</h2>
      <dl className="figures">
        <div>
          <dt>Today</dt>
          <dd className="figure">{bookings.today}</dd>
        </div>
        <div>
          <dt>Next 7 days</dt>
          <dd className="figure">{bookings.next7Days}</dd>
        </div>
      </dl>
      <Link to="/appointments">See the appointments</Link>
    </section>
  );
}
