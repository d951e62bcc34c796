import { Link } from 'react-router';
import type { Automation, AutomationRunSummary } from '../../../api/api-types';
import { EmptyState } from '../../../components/QueryStates';
import { StatusBadge } from '../../../components/StatusBadge';

export function AutomationRunsTable({
  runs,
  automations,
}: {
  runs: readonly AutomationRunSummary[];
  automations: ReadonlyMap<string, Automation>;
}) {
  return (
    <section aria-labelledby="runs-heading">
      <h2 id="runs-heading">Automation runs</h2>
      {runs.length === 0 ? (
        <EmptyState>No automation has run for this appointment.</EmptyState>
      ) : (
        <div className="table-scroll" role="region" aria-label="Automation runs table" tabIndex={0}>
          <table className="table stack">
            <thead>
              <tr>
                <th scope="col">Automation</th>
                <th scope="col">Version</th>
                <th scope="col">Status</th>
                <th scope="col">Current step</th>
              </tr>
            </thead>
            <tbody>
              {runs.map((run) => (
                <tr key={run.runId}>
                  <td data-label="Automation">
                    <Link to={`/automations/${encodeURIComponent(run.automationId)}`}>
                      {automations.get(run.automationId)?.name ?? run.automationId}
                    </Link>
                  </td>
                  <td data-label="Version">{run.automationVersion}</td>
                  <td data-label="Status">
                    <StatusBadge status={run.status} />
                  </td>
                  <td data-label="Current step">{run.currentStep ? <code>{run.currentStep}</code> : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
