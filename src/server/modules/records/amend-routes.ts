/** POST /{kind}/{id}/amendments and GET /{kind}/{id}/history for each of the six kinds of entry. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import type { Db } from '../../db/client.ts';
import type { EntryKind } from '../../db/schema/index.ts';
import { principalOf } from '../../http/access.ts';
import { problemResponses } from '../../http/openapi.ts';
import { auditContextOf } from '../audit/index.ts';
import { amend, history, type AmendBody } from './amend.ts';
import { dtoOf } from './dto.ts';
import { KINDS, type EntryTable, type KindSpec } from './kinds.ts';
import { amendments, histories } from './amend-schema.ts';
import * as s from './schema.ts';

type App = Parameters<FastifyPluginAsyncZod>[0];

/** The response schemas are checked by the serializer at run time; `present` types the entry itself. */
interface KindSchemas<I> {
  body: z.ZodType<AmendBody<I>>;
  entry: z.ZodType;
  history: z.ZodType;
}

function kindRoutes<K extends EntryKind, T extends EntryTable, C extends object, I>(
  app: App,
  db: Db,
  spec: KindSpec<K, T, C, I>,
  schemas: KindSchemas<I>,
  present: (row: T['$inferSelect'], names: ReadonlyMap<string, string>) => unknown,
): void {
  const tags = ['records'];
  app.post(
    `/${spec.path}/:id/amendments`,
    {
      config: { access: { roles: ['doctor'] } },
      schema: {
        tags,
        summary: `Amend a ${spec.label}: the current version is kept in its history (doctors with consent)`,
        params: s.entryParams,
        body: schemas.body,
        response: { 200: schemas.entry, ...problemResponses(400, 401, 403, 404, 409, 410, 422) },
      },
    },
    (request) =>
      amend(
        db,
        spec,
        present,
        principalOf(request),
        request.params.id,
        request.body,
        auditContextOf(request),
      ),
  );
  app.get(
    `/${spec.path}/:id/history`,
    {
      config: { access: { roles: ['patient', 'doctor'] } },
      schema: {
        tags,
        summary: `Every version of a ${spec.label}: who wrote it, when, why, and what changed`,
        params: s.entryParams,
        response: { 200: schemas.history, ...problemResponses(400, 401, 403, 404) },
      },
    },
    (request) => history(db, spec, principalOf(request), request.params.id, auditContextOf(request)),
  );
}

export const amendmentRoutes: FastifyPluginAsyncZod<{ db: Db }> = async (app, { db }) => {
  kindRoutes(
    app,
    db,
    KINDS.encounter,
    { body: amendments.encounter, entry: s.encounterSchema, history: histories.encounter },
    (row, names) => ({ ...dtoOf(KINDS.encounter, row, names), appointmentId: row.appointmentId }),
  );
  const entry =
    <K extends EntryKind, T extends EntryTable, C extends object, I>(spec: KindSpec<K, T, C, I>) =>
    (row: T['$inferSelect'], names: ReadonlyMap<string, string>) =>
      dtoOf(spec, row, names);
  const { diagnosis, prescription, lab_result: lab, note, billing_line: billing } = KINDS;
  const h = histories;
  const a = amendments;
  kindRoutes(
    app,
    db,
    diagnosis,
    { body: a.diagnosis, entry: s.diagnosisSchema, history: h.diagnosis },
    entry(diagnosis),
  );
  kindRoutes(
    app,
    db,
    prescription,
    { body: a.prescription, entry: s.prescriptionSchema, history: h.prescription },
    entry(prescription),
  );
  kindRoutes(
    app,
    db,
    lab,
    { body: a.lab_result, entry: s.labResultSchema, history: h.lab_result },
    entry(lab),
  );
  kindRoutes(app, db, note, { body: a.note, entry: s.noteSchema, history: h.note }, entry(note));
  kindRoutes(
    app,
    db,
    billing,
    { body: a.billing_line, entry: s.billingLineSchema, history: h.billing_line },
    entry(billing),
  );
};
