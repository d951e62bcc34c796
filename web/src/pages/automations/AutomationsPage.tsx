import { Link } from 'react-router';
import { PageTitle } from '../../components/PageTitle';
import { EmptyState, ErrorState, LoadingState } from '../../components/QueryStates';
import { StatusBadge } from '../../components/StatusBadge';
import { formatDateTime } from '../../format/date-time';
import { useAutomations } from '../../queries/automations';
import { RecipeList } from './RecipeList';
import { triggerSummary } from './trigger-summary';

/** Step 2 of the article: the automations that confirm and remind, built from a recipe or blank. */
export function AutomationsPage() {
  const automations = useAutomations();

  return (
    <>
      <PageTitle>Automations</PageTitle>
      <div className="actions">
        <Link className="button button-primary" to="/automations/new">
          New blank automation
        </Link>
      </div>
      <section aria-labelledby="automations-heading">
        <h2 id="automations-heading">Your automations</h2>
        {automations.isPending ? <LoadingState label="Loading automations…" /> : null}
        {automations.isError ? <ErrorState error={automations.error} /> : null}
        {automations.data?.length === 0 ? (
          <EmptyState>No automation yet: start from a recipe below, or from a blank one.</EmptyState>
        ) : null}
        {automations.data && automations.data.length > 0 ? (
          <div className="table-scroll" role="region" aria-label="Automations table" tabIndex={0}>
            <table className="table stack">
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Status</th>
                  <th scope="col">Trigger</th>
                  <th scope="col">Steps</th>
                  <th scope="col">Version</th>
                  <th scope="col">Changed</th>
                </tr>
              </thead>
              <tbody>
                {automations.data.map((automation) => (
                  <tr key={automation.id}>
                    <td data-label="Name">
                      <Link to={`/automations/${encodeURIComponent(automation.id)}`}>{automation.name}</Link>
                    </td>
                    <td data-label="Status">
                      <StatusBadge status={automation.status} />
                    </td>
                    <td data-label="Trigger">{triggerSummary(automation.trigger)}</td>
                    <td data-label="Steps">{automation.actions.length}</td>
                    <td data-label="Version">{automation.version}</td>
                    <td data-label="Changed">{formatDateTime(automation.updatedAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
      </section>
      <RecipeList />
    </>
  );
}
