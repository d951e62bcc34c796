import { PageTitle } from '../../components/PageTitle';
import { EmptyState, ErrorState, LoadingState } from '../../components/QueryStates';
import { useUsers } from '../../queries/users';
import { ZoomConnectionCard } from './ZoomConnectionCard';
import { ZoomReturnNotice } from './ZoomReturnNotice';

/** Step 1 of the article: each user connects their own Zoom account (bound to the user ID). */
export function IntegrationsPage() {
  const users = useUsers();

  return (
    <>
      <PageTitle>Integrations</PageTitle>
      <p className="lead">
        Each user connects their own Zoom account. The connection belongs to the user ID, not the e-mail address: a Zoom
        account connected to one user cannot be connected to another until it is disconnected.
      </p>
      <ZoomReturnNotice users={users.data} />
      {users.isPending ? <LoadingState label="Loading users…" /> : null}
      {users.isError ? <ErrorState error={users.error} /> : null}
      {users.data?.length === 0 ? (
        <EmptyState>No users yet. The CRM creates them with PUT /v1/users/&#123;userId&#125;.</EmptyState>
      ) : null}
      {users.data && users.data.length > 0 ? (
        <ul className="card-list">
          {users.data.map((user) => (
            <li key={user.id}>
              <ZoomConnectionCard user={user} />
            </li>
          ))}
        </ul>
      ) : null}
    </>
  );
}
