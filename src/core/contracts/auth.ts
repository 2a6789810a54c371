import { z } from 'zod';
import { idOrCode } from '../ids.ts';
import { PASSWORD_MAX } from '../vocab.ts';

const email = z.email().max(254).describe('Sign-in email');
/** Policy (length, guessability) is checked in the service, where the user's own words are known. */
const password = z.string().min(1).max(PASSWORD_MAX);

export const loginBody = z.object({ email, password });
export type LoginBody = z.infer<typeof loginBody>;

export const signupBody = z.object({
  email,
  password,
  name: z.string().trim().min(2).max(200),
  birthDate: z.iso.date().describe('YYYY-MM-DD'),
  gender: z.enum(['F', 'M', 'X']),
  neighbourhood: z.string().trim().min(1).max(100),
  phone: z
    .string()
    .trim()
    .regex(/^\+?[0-9 ()-]{6,20}$/, 'must be a phone number')
    .optional(),
  patientCode: idOrCode('P')
    .optional()
    .describe('The code on your clinic card, to link the account to your existing patient record.'),
});
export type SignupBody = z.infer<typeof signupBody>;

export const userSchema = z
  .object({
    id: z.uuid(),
    email: z.string(),
    role: z.enum(['patient', 'doctor', 'admin']),
    displayName: z.string(),
    doctorId: z.uuid().nullable(),
    patientId: z.uuid().nullable(),
  })
  .meta({ id: 'User' });
export type User = z.infer<typeof userSchema>;

export const sessionGrant = z
  .object({
    user: userSchema,
    token: z.string().describe('Bearer token: send as `Authorization: Bearer <token>`.'),
    csrfToken: z.string().describe('Send as `x-csrf-token` on writes authenticated by the session cookie.'),
    expiresAt: z.iso.datetime({ offset: true }),
  })
  .meta({ id: 'SessionGrant' });

export const meSchema = z.object({ user: userSchema, csrfToken: z.string() }).meta({ id: 'Me' });

export const sessionSchema = z
  .object({
    id: z.uuid(),
    current: z.boolean(),
    createdAt: z.iso.datetime({ offset: true }),
    lastSeenAt: z.iso.datetime({ offset: true }),
    expiresAt: z.iso.datetime({ offset: true }),
    ip: z.string().nullable(),
    userAgent: z.string().nullable(),
  })
  .meta({ id: 'Session' });

export const sessionList = z.object({ items: z.array(sessionSchema) }).meta({ id: 'SessionList' });
export const sessionIdParams = z.object({ id: z.uuid() });
export const revokedCount = z.object({ revoked: z.number().int() });
export const okSchema = z.object({ ok: z.literal(true) });

export const passwordChangeBody = z.object({ currentPassword: password, newPassword: password });
export const resetRequestBody = z.object({ email });
export const resetConfirmBody = z.object({ token: z.string().min(20).max(100), newPassword: password });
export const acceptedSchema = z.object({
  status: z.literal('accepted'),
  detail: z.string(),
});
