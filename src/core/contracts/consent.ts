import { z } from 'zod';
import { idOrCode } from '../ids.ts';

export const patientParams = z.object({ id: idOrCode('P') });
export const idParams = z.object({ id: z.uuid() });

export const challengeCreated = z
  .object({
    id: z.uuid(),
    patientId: z.uuid(),
    expiresAt: z.iso.datetime({ offset: true }),
    delivered: z.boolean().describe('False when the patient has no account to send the code to.'),
  })
  .meta({ id: 'ConsentChallengeCreated' });

export const verifyBody = z.object({ code: z.string().regex(/^\d{6}$/, 'must be the 6-digit code') });

export const grantSchema = z
  .object({
    id: z.uuid(),
    patientId: z.uuid(),
    doctor: z.object({ id: z.uuid(), name: z.string(), specialty: z.string() }),
    kind: z.enum(['consent', 'emergency']),
    grantedAt: z.iso.datetime({ offset: true }),
    expiresAt: z.iso.datetime({ offset: true }),
  })
  .meta({ id: 'ConsentGrant' });
export type Grant = z.infer<typeof grantSchema>;

export const grantList = z.object({ items: z.array(grantSchema) }).meta({ id: 'ConsentGrantList' });

export const pendingRequest = z
  .object({
    id: z.uuid(),
    doctor: z.object({ id: z.uuid(), name: z.string(), specialty: z.string() }),
    createdAt: z.iso.datetime({ offset: true }),
    expiresAt: z.iso.datetime({ offset: true }),
  })
  .meta({ id: 'ConsentRequest' });
export const pendingList = z.object({ items: z.array(pendingRequest) }).meta({ id: 'ConsentRequestList' });

export const emergencyBody = z.object({
  reason: z.string().trim().min(10, 'explain the emergency in at least 10 characters').max(1000),
});

export const emergencyEvent = z
  .object({
    grantId: z.uuid(),
    patientId: z.uuid(),
    doctor: z.object({ id: z.uuid(), name: z.string() }),
    reason: z.string(),
    grantedAt: z.iso.datetime({ offset: true }),
    expiresAt: z.iso.datetime({ offset: true }),
  })
  .meta({ id: 'EmergencyAccess' });
export const emergencyList = z.object({ items: z.array(emergencyEvent) }).meta({ id: 'EmergencyAccessList' });
