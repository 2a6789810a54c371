export * from './appointments.ts';
export * from './clinics.ts';
export * from './doctors.ts';
export * from './patients.ts';
export * from './users.ts';
