/** The admin console (its own chunks; the dashboard's charts load only here). */
import { lazy } from 'react';
import { Route, Routes } from 'react-router';

const Dashboard = lazy(() => import('../features/analytics/Dashboard.tsx'));
const PipelineRuns = lazy(() => import('../features/analytics/PipelineRuns.tsx'));
const ManageClinics = lazy(() => import('../features/clinics/ManageClinics.tsx'));
const ManageDoctors = lazy(() => import('../features/doctors/ManageDoctors.tsx'));
const Users = lazy(() => import('../features/users/Users.tsx'));
const Deliveries = lazy(() => import('../features/notifications/Deliveries.tsx'));
const AuditSearch = lazy(() => import('../features/audit/AuditSearch.tsx'));
const Alerts = lazy(() => import('../features/alerts/Alerts.tsx'));
const Moderation = lazy(() => import('../features/ratings/Moderation.tsx'));
const Inbox = lazy(() => import('../features/notifications/Inbox.tsx'));

export default function AdminArea() {
  return (
    <Routes>
      <Route index element={<Dashboard />} />
      <Route path="pipeline" element={<PipelineRuns />} />
      <Route path="clinics" element={<ManageClinics />} />
      <Route path="doctors" element={<ManageDoctors />} />
      <Route path="users" element={<Users />} />
      <Route path="deliveries" element={<Deliveries />} />
      <Route path="audit" element={<AuditSearch />} />
      <Route path="alerts" element={<Alerts />} />
      <Route path="ratings" element={<Moderation />} />
      <Route path="inbox" element={<Inbox />} />
    </Routes>
  );
}
