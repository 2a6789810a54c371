/** The patient portal (its own chunk). */
import { lazy } from 'react';
import { Route, Routes } from 'react-router';

const MyAppointments = lazy(() => import('../features/appointments/MyAppointments.tsx'));
const MyTimeline = lazy(() => import('../features/records/MyTimeline.tsx'));
const MyConsent = lazy(() => import('../features/consent/MyConsent.tsx'));
const AccessLog = lazy(() => import('../features/audit/AccessLog.tsx'));
const Inbox = lazy(() => import('../features/notifications/Inbox.tsx'));
const Preferences = lazy(() => import('../features/notifications/Preferences.tsx'));

export default function PatientArea() {
  return (
    <Routes>
      <Route index element={<MyAppointments />} />
      <Route path="timeline" element={<MyTimeline />} />
      <Route path="consent" element={<MyConsent />} />
      <Route path="access" element={<AccessLog />} />
      <Route path="inbox" element={<Inbox />} />
      <Route path="settings" element={<Preferences />} />
    </Routes>
  );
}
