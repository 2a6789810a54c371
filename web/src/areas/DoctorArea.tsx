/** The doctor workspace (its own chunk). */
import { lazy } from 'react';
import { Route, Routes } from 'react-router';

const Agenda = lazy(() => import('../features/appointments/Agenda.tsx'));
const MyPatients = lazy(() => import('../features/patients/MyPatients.tsx'));
const Chart = lazy(() => import('../features/records/Chart.tsx'));
const AvailabilityEditor = lazy(() => import('../features/appointments/AvailabilityEditor.tsx'));
const DoctorRatingsPage = lazy(() => import('../features/ratings/DoctorRatingsPage.tsx'));
const Inbox = lazy(() => import('../features/notifications/Inbox.tsx'));

export default function DoctorArea() {
  return (
    <Routes>
      <Route index element={<Agenda />} />
      <Route path="patients" element={<MyPatients />} />
      <Route path="patients/:id" element={<Chart />} />
      <Route path="availability" element={<AvailabilityEditor />} />
      <Route path="ratings" element={<DoctorRatingsPage />} />
      <Route path="inbox" element={<Inbox />} />
    </Routes>
  );
}
