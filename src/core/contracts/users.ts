import { z } from 'zod';
import { idOrCode } from '../ids.ts';
import { page, pageQuery } from '../pagination.ts';

export const createUserBody = z.object({
  email: z.email().max(254),
  role: z.enum(['doctor', 'admin']).describe('Patients sign up themselves.'),
  displayName: z.string().trim().min(2).max(200),
  password: z.string().min(1).max(256),
  doctor: idOrCode('D').optional().describe('For doctor accounts: the doctor record they sign in as.'),
});

export const userListQuery = pageQuery.extend({ role: z.enum(['patient', 'doctor', 'admin']).optional() });
export type UserListQuery = z.infer<typeof userListQuery>;

export const adminUser = z
  .object({
    id: z.uuid(),
    email: z.string(),
    role: z.enum(['patient', 'doctor', 'admin']),
    displayName: z.string(),
    disabled: z.boolean(),
    lockedUntil: z.iso.datetime({ offset: true }).nullable(),
    createdAt: z.iso.datetime({ offset: true }),
  })
  .meta({ id: 'AdminUser' });
export type AdminUser = z.infer<typeof adminUser>;

export const adminUserPage = page(adminUser).meta({ id: 'AdminUserPage' });
export const userIdParams = z.object({ id: z.uuid() });
