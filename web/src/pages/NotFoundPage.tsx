import { Link } from 'react-router';
import { PageTitle } from '../components/PageTitle';

export function NotFoundPage() {
  return (
    <>
      <PageTitle>Page not found</PageTitle>
      <p>
        There is no page here. <Link to="/">Go to the overview</Link>.
      </p>
    </>
  );
}
