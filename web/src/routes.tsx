/**
 * Client routes. Each area is its own chunk (React.lazy): the landing page loads only the shell, and the
 * admin console, with its charts, loads only for admins.
 */
import { lazy, Suspense, type ReactNode } from 'react';
import { createBrowserRouter, Navigate } from 'react-router';
import { Shell } from './Shell.tsx';
import { Landing } from './Landing.tsx';
import { Loading } from './lib/ui.tsx';
import { homeOf, useSession, type Me } from './lib/session.tsx';

const SignIn = lazy(() => import('./features/auth/SignIn.tsx'));
const SignUp = lazy(() => import('./features/auth/SignUp.tsx'));
const FindDoctor = lazy(() => import('./features/doctors/FindDoctor.tsx'));
const PatientArea = lazy(() => import('./areas/PatientArea.tsx'));
const DoctorArea = lazy(() => import('./areas/DoctorArea.tsx'));
const AdminArea = lazy(() => import('./areas/AdminArea.tsx'));
const Account = lazy(() => import('./features/account/Account.tsx'));
const ForgotPassword = lazy(() => import('./features/auth/ForgotPassword.tsx'));
const ResetPassword = lazy(() => import('./features/auth/ResetPassword.tsx'));
const PublicAlerts = lazy(() => import('./features/alerts/PublicAlerts.tsx'));

const later = (node: ReactNode) => <Suspense fallback={<Loading />}>{node}</Suspense>;

function Guard({ role, children }: { role: Me['role']; children: ReactNode }) {
  const { user, ready } = useSession();
  if (!ready) return <Loading label="Checking your session…" />;
  if (!user) return <Navigate to={`/signin?next=${encodeURIComponent(location.pathname)}`} replace />;
  if (user.role !== role) return <Navigate to={homeOf(user.role)} replace />;
  return later(children);
}

/** Any signed-in role (the account screen). */
function SignedIn({ children }: { children: ReactNode }) {
  const { user, ready } = useSession();
  if (!ready) return <Loading label="Checking your session…" />;
  if (!user) return <Navigate to={`/signin?next=${encodeURIComponent(location.pathname)}`} replace />;
  return later(children);
}

export const router = createBrowserRouter([
  {
    element: <Shell />,
    children: [
      { path: '/', element: <Landing /> },
      { path: '/signin', element: later(<SignIn />) },
      { path: '/signup', element: later(<SignUp />) },
      { path: '/find', element: later(<FindDoctor />) },
      { path: '/forgot-password', element: later(<ForgotPassword />) },
      // The link in the password-reset email (src/server/modules/auth/accounts.ts builds it).
      { path: '/reset-password', element: later(<ResetPassword />) },
      { path: '/alerts', element: later(<PublicAlerts />) },
      {
        path: '/account',
        element: (
          <SignedIn>
            <Account />
          </SignedIn>
        ),
      },
      {
        path: '/patient/*',
        element: (
          <Guard role="patient">
            <PatientArea />
          </Guard>
        ),
      },
      {
        path: '/doctor/*',
        element: (
          <Guard role="doctor">
            <DoctorArea />
          </Guard>
        ),
      },
      {
        path: '/admin/*',
        element: (
          <Guard role="admin">
            <AdminArea />
          </Guard>
        ),
      },
      // Links in HealthSync's emails and messages (src/server/modules/notifications/fanout.ts, scans.ts).
      { path: '/me/access-log', element: <Navigate to="/patient/access" replace /> },
      { path: '/appointments/*', element: <Navigate to="/patient" replace /> },
      { path: '/doctors', element: <Navigate to="/find" replace /> },
      { path: '*', element: <Navigate to="/" replace /> },
    ],
  },
]);
