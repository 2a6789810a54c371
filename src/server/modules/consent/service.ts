/**
 * Consent by one-time code: a doctor asks, the patient receives a 6-digit code (or approves in the app),
 * the doctor enters it, and a time-limited grant lets that doctor write that patient's records.
 * Emergency access writes without consent, with a reason, audited and told to the patient.
 */
import { AppError, forbidden, notFound } from '../../../core/errors.ts';
import type { AuthSettings } from '../../config.ts';
import type { Db, Tx } from '../../db/client.ts';
import { enqueue } from '../../events/outbox.ts';
import { hasCareRelationship } from '../appointments/index.ts';
import { recordAudit, type AuditContext } from '../audit/index.ts';
import { findPatientRef } from '../patients/index.ts';
import * as repo from './repo.ts';
import { CODE_TTL_MS, EMERGENCY_HOURS, codeHash, newCode, verifyOutcome } from './rules.ts';
import type { Grant } from './schema.ts';

export interface ConsentDeps {
  db: Db;
  settings: Pick<AuthSettings, 'secret' | 'consentGrantHours'>;
}

async function patientOrThrow(db: Db, idOrCode: string) {
  const patient = await findPatientRef(db, idOrCode);
  if (!patient) throw notFound('patient.not_found', 'No patient has this id or code.');
  return patient;
}

export async function requestConsent(
  deps: ConsentDeps,
  doctorId: string,
  patientRef: string,
  ctx: AuditContext,
) {
  const patient = await patientOrThrow(deps.db, patientRef);
  if (!(await hasCareRelationship(deps.db, doctorId, patient.id))) {
    await recordAudit(deps.db, ctx, { action: 'consent.request', patientId: patient.id, outcome: 'denied' });
    throw forbidden('consent.no_relationship', 'You can ask for consent only from patients you care for.');
  }
  const code = newCode();
  const challengeId = crypto.randomUUID();
  const expiresAt = new Date(Date.now() + CODE_TTL_MS);
  await deps.db.transaction(async (tx) => {
    await repo.insertChallenge(tx, {
      id: challengeId,
      patientId: patient.id,
      doctorId,
      codeHash: codeHash(deps.settings.secret, challengeId, code),
      expiresAt,
    });
    if (patient.userId) {
      await enqueue(tx, {
        topic: 'consent.code_issued',
        recipientUserId: patient.userId,
        payload: { challengeId, code, doctorId, expiresAt: expiresAt.toISOString() },
      });
    }
    await recordAudit(tx, ctx, {
      action: 'consent.request',
      patientId: patient.id,
      outcome: 'allowed',
      details: { challengeId },
    });
  });
  return {
    id: challengeId,
    patientId: patient.id,
    expiresAt: expiresAt.toISOString(),
    delivered: patient.userId !== null,
  };
}

type VerifyResult = { grant: Grant } | { error: AppError };

/** Failed attempts must be counted even though the answer is an error: the error is thrown after commit. */
export async function verifyCode(
  deps: ConsentDeps,
  doctorId: string,
  challengeId: string,
  code: string,
  ctx: AuditContext,
) {
  const result = await deps.db.transaction(async (tx): Promise<VerifyResult> => {
    const c = await repo.challengeForUpdate(tx, challengeId);
    if (!c || c.doctorId !== doctorId)
      return { error: notFound('consent.challenge_not_found', 'No such consent request of yours.') };
    const matches = c.codeHash === codeHash(deps.settings.secret, c.id, code);
    const outcome = verifyOutcome(c, new Date(), matches);
    const audit = (ok: boolean, why: string) =>
      recordAudit(tx, ctx, {
        action: 'consent.verify',
        patientId: c.patientId,
        outcome: ok ? 'allowed' : 'denied',
        details: { challengeId, result: why },
      });
    switch (outcome.kind) {
      case 'granted': {
        await repo.updateChallenge(tx, c.id, { status: 'used', decidedAt: new Date() });
        await audit(true, 'granted');
        return { grant: await grant(tx, deps, c, 'consent') };
      }
      case 'wrong':
        await repo.updateChallenge(tx, c.id, { failedAttempts: c.failedAttempts + 1 });
        await audit(false, 'wrong_code');
        return {
          error: codeError(
            'consent.code_invalid',
            `The code is wrong: ${String(outcome.attemptsLeft)} tries left.`,
          ),
        };
      case 'burned':
        await repo.updateChallenge(tx, c.id, {
          failedAttempts: c.failedAttempts + 1,
          status: 'burned',
          decidedAt: new Date(),
        });
        await audit(false, 'burned');
        return {
          error: codeError(
            'consent.challenge_burned',
            'Too many wrong codes: ask the patient for consent again.',
          ),
        };
      case 'expired':
        await audit(false, 'expired');
        return {
          error: new AppError(410, 'consent.code_expired', 'Gone', {
            detail: 'The code has expired: ask again.',
          }),
        };
      case 'closed':
        await audit(false, outcome.status);
        return {
          error: new AppError(409, 'consent.challenge_closed', 'Conflict', {
            detail: `This request is already ${outcome.status}.`,
          }),
        };
    }
  });
  if ('error' in result) throw result.error;
  return result.grant;
}

const codeError = (code: string, detail: string) =>
  new AppError(422, code, 'Unprocessable content', {
    detail,
    errors: [{ path: 'body.code', message: detail }],
  });

async function grant(
  tx: Tx,
  deps: ConsentDeps,
  c: { id: string; patientId: string; doctorId: string },
  kind: 'consent',
) {
  const hours = deps.settings.consentGrantHours;
  const row = await repo.insertGrant(tx, {
    patientId: c.patientId,
    doctorId: c.doctorId,
    kind,
    challengeId: c.id,
    expiresAt: new Date(Date.now() + hours * 3_600_000),
  });
  const [withDoctor] = await repo.activeGrants(tx, new Date(), {
    patientId: c.patientId,
    doctorId: c.doctorId,
  });
  return toGrant(withDoctor ?? { grant: row, doctor: { id: c.doctorId, name: '', specialty: '' } });
}

export function toGrant(r: {
  grant: repo.GrantRow;
  doctor: { id: string; name: string; specialty: string };
}): Grant {
  return {
    id: r.grant.id,
    patientId: r.grant.patientId,
    doctor: r.doctor,
    kind: r.grant.kind,
    grantedAt: r.grant.grantedAt.toISOString(),
    expiresAt: r.grant.expiresAt.toISOString(),
  };
}

/** The patient answers a request in the app: approve grants at once, deny closes it. */
export async function decide(
  deps: ConsentDeps,
  patientId: string,
  challengeId: string,
  approve: boolean,
  ctx: AuditContext,
) {
  return deps.db.transaction(async (tx) => {
    const c = await repo.challengeForUpdate(tx, challengeId);
    if (!c || c.patientId !== patientId)
      throw notFound('consent.challenge_not_found', 'No such consent request for you.');
    const outcome = verifyOutcome(c, new Date(), true);
    if (outcome.kind === 'expired')
      throw new AppError(410, 'consent.code_expired', 'Gone', { detail: 'This request has expired.' });
    if (outcome.kind !== 'granted')
      throw new AppError(409, 'consent.challenge_closed', 'Conflict', {
        detail: 'This request is already answered.',
      });
    await repo.updateChallenge(tx, c.id, { status: approve ? 'approved' : 'denied', decidedAt: new Date() });
    await recordAudit(tx, ctx, {
      action: approve ? 'consent.approve' : 'consent.deny',
      patientId,
      outcome: 'allowed',
      details: { challengeId },
    });
    return approve ? { grant: await grant(tx, deps, c, 'consent') } : { grant: null };
  });
}

export async function emergencyAccess(
  deps: ConsentDeps,
  doctorId: string,
  patientRef: string,
  reason: string,
  ctx: AuditContext,
) {
  const patient = await patientOrThrow(deps.db, patientRef);
  return deps.db.transaction(async (tx) => {
    await repo.insertGrant(tx, {
      patientId: patient.id,
      doctorId,
      kind: 'emergency',
      reason,
      expiresAt: new Date(Date.now() + EMERGENCY_HOURS * 3_600_000),
    });
    if (patient.userId) {
      await enqueue(tx, {
        topic: 'consent.emergency_access',
        recipientUserId: patient.userId,
        payload: { doctorId },
      });
    }
    await recordAudit(tx, ctx, { action: 'consent.emergency', patientId: patient.id, outcome: 'allowed' });
    const [row] = await repo.activeGrants(tx, new Date(), { patientId: patient.id, doctorId });
    return toGrant(row!);
  });
}

export async function pendingRequests(db: Db, patientId: string) {
  const rows = await repo.pendingForPatient(db, patientId, new Date());
  return {
    items: rows.map((r) => ({
      id: r.challenge.id,
      doctor: r.doctor,
      createdAt: r.challenge.createdAt.toISOString(),
      expiresAt: r.challenge.expiresAt.toISOString(),
    })),
  };
}

export async function grantsOf(db: Db, by: { patientId?: string; doctorId?: string }) {
  return { items: (await repo.activeGrants(db, new Date(), by)).map(toGrant) };
}

export async function revoke(db: Db, patientId: string, grantId: string, ctx: AuditContext): Promise<void> {
  await db.transaction(async (tx) => {
    const n = await repo.revokeGrant(tx, patientId, grantId, new Date());
    if (n === 0) throw notFound('consent.grant_not_found', 'You have no active grant with this id.');
    await recordAudit(tx, ctx, {
      action: 'consent.revoke',
      patientId,
      outcome: 'allowed',
      details: { grantId },
    });
  });
}

export async function emergencyLog(db: Db) {
  const rows = await repo.emergencyGrants(db, 200);
  return {
    items: rows.map((r) => ({
      grantId: r.grant.id,
      patientId: r.grant.patientId,
      doctor: r.doctor,
      reason: r.grant.reason ?? '',
      grantedAt: r.grant.grantedAt.toISOString(),
      expiresAt: r.grant.expiresAt.toISOString(),
    })),
  };
}
