import { createBrowserRouter } from 'react-router';
import { AppLayout } from './components/AppLayout';
import { NotFoundPage } from './pages/NotFoundPage';
import { AppointmentDetailPage } from './pages/appointments/detail/AppointmentDetailPage';
import { AppointmentsPage } from './pages/appointments/AppointmentsPage';
import { AutomationBuilderPage } from './pages/automations/builder/AutomationBuilderPage';
import { AutomationsPage } from './pages/automations/AutomationsPage';
import { CalendarsPage } from './pages/calendars/CalendarsPage';
import { IntegrationsPage } from './pages/integrations/IntegrationsPage';
import { NotificationsPage } from './pages/notifications/NotificationsPage';
import { OverviewPage } from './pages/overview/OverviewPage';
import { SignInPage } from './pages/sign-in/SignInPage';
import { RequireSession } from './session/RequireSession';

export const router = createBrowserRouter([
  { path: '/sign-in', element: <SignInPage /> },
  {
    element: <RequireSession />,
    children: [
      {
        element: <AppLayout />,
        children: [
          { index: true, element: <OverviewPage /> },
          { path: 'integrations', element: <IntegrationsPage /> },
          { path: 'calendars', element: <CalendarsPage /> },
          { path: 'automations', element: <AutomationsPage /> },
          { path: 'automations/new', element: <AutomationBuilderPage /> },
          { path: 'automations/:automationId', element: <AutomationBuilderPage /> },
          { path: 'appointments', element: <AppointmentsPage /> },
          { path: 'appointments/:appointmentId', element: <AppointmentDetailPage /> },
          { path: 'notifications', element: <NotificationsPage /> },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
]);
