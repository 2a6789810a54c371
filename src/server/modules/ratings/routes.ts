import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Db } from '../../db/client.ts';
import { ownPatientId, principalOf } from '../../http/access.ts';
import { problemResponses } from '../../http/openapi.ts';
import { auditContextOf } from '../audit/index.ts';
import {
  doctorParams,
  doctorRatings,
  hideBody,
  moderatedRating,
  moderationPage,
  moderationQuery,
  pageQuery,
  rateBody,
  ratingEdit,
  ratingPage,
  ratingParams,
  ratingSchema,
} from './schema.ts';
import * as service from './service.ts';

const tags = ['ratings'];

export const ratingRoutes: FastifyPluginAsyncZod<{ db: Db }> = async (app, { db }) => {
  app.post(
    '/ratings',
    {
      config: { access: { roles: ['patient'] } },
      schema: {
        tags,
        summary: 'Rate the doctor of your completed visit, 1–5 with an optional comment (once per visit)',
        body: rateBody,
        response: { 201: ratingSchema, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const rating = await service.rate(db, ownPatientId(request), request.body, auditContextOf(request));
      return reply.status(201).send(rating);
    },
  );
  app.patch(
    '/ratings/:id',
    {
      config: { access: { roles: ['patient'] } },
      schema: {
        tags,
        summary: 'Change your rating within 7 days of giving it',
        params: ratingParams,
        body: ratingEdit,
        response: { 200: ratingSchema, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    (request) =>
      service.edit(db, ownPatientId(request), request.params.id, request.body, auditContextOf(request)),
  );
  app.get(
    '/me/ratings',
    {
      config: { access: { roles: ['patient'] } },
      schema: {
        tags,
        summary: 'The ratings you gave, newest first',
        querystring: pageQuery,
        response: { 200: ratingPage, ...problemResponses(400, 401, 403) },
      },
    },
    (request) => service.mine(db, ownPatientId(request), request.query),
  );
  app.get(
    '/doctors/:id/ratings',
    {
      config: { access: 'public' },
      schema: {
        tags: ['directory', ...tags],
        summary: "A doctor's rating summary (count, mean, Bayesian score) and ratings, newest first",
        params: doctorParams,
        querystring: pageQuery,
        response: { 200: doctorRatings, ...problemResponses(400, 404) },
      },
    },
    (request) => service.ofDoctor(db, request.params.id, request.query),
  );
  app.get(
    '/admin/ratings',
    {
      config: { access: { roles: ['admin'] } },
      schema: {
        tags,
        summary: 'Ratings to moderate, newest first, with hidden comments and why',
        querystring: moderationQuery,
        response: { 200: moderationPage, ...problemResponses(400, 401, 403) },
      },
    },
    (request) => service.moderationQueue(db, request.query, auditContextOf(request)),
  );
  app.post(
    '/ratings/:id/hide',
    {
      config: { access: { roles: ['admin'] } },
      schema: {
        tags,
        summary: "Hide a rating's comment from the public, with a reason (the score still counts)",
        params: ratingParams,
        body: hideBody,
        response: { 200: moderatedRating, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    (request) =>
      service.hide(db, principalOf(request), request.params.id, request.body.reason, auditContextOf(request)),
  );
  app.delete(
    '/ratings/:id/hide',
    {
      config: { access: { roles: ['admin'] } },
      schema: {
        tags,
        summary: 'Show a hidden comment again (undo a moderation)',
        params: ratingParams,
        response: { 200: moderatedRating, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    (request) => service.unhide(db, request.params.id, auditContextOf(request)),
  );
};
