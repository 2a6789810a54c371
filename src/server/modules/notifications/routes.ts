import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Registry } from 'prom-client';
import { z } from 'zod';
import { idOrCode } from '../../../core/ids.ts';
import type { NotificationSettings } from '../../config.ts';
import type { Db } from '../../db/client.ts';
import { principalOf } from '../../http/access.ts';
import { problemResponses } from '../../http/openapi.ts';
import * as admin from './admin.ts';
import { registerQueueGauge } from './metrics.ts';
import {
  clinicChannelsBody,
  clinicChannelsView,
  deliveryPage,
  deliveryQuery,
  deliveryView,
  idParams,
  inboxItem,
  inboxPage,
  inboxQuery,
  preferencesBody,
  preferencesView,
  tokenQuery,
  unsubscribeView,
} from './schema.ts';
import * as service from './service.ts';

export interface NotificationRouteDeps {
  db: Db;
  settings: Pick<NotificationSettings, 'secret'>;
  /** The app's metrics registry: the queue gauge is read from the database at scrape time. */
  metrics?: Registry | undefined;
}

const ANY = { roles: ['patient', 'doctor', 'admin'] } as const;
const ADMIN = { roles: ['admin'] } as const;
const tags = ['notifications'];

export const notificationRoutes: FastifyPluginAsyncZod<NotificationRouteDeps> = async (
  app,
  { db, settings, metrics },
) => {
  if (metrics) registerQueueGauge(metrics, db);
  // Mail clients' one-click unsubscribe posts `List-Unsubscribe=One-Click` as a form; the token is in the URL.
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string' },
    (_req, _body, done) => {
      done(null, undefined);
    },
  );

  app.get(
    '/me/notifications',
    {
      config: { access: ANY },
      schema: {
        tags,
        summary: 'My in-app messages, newest first',
        querystring: inboxQuery,
        response: { 200: inboxPage, ...problemResponses(400, 401) },
      },
    },
    (request) => service.inbox(db, principalOf(request).userId, request.query),
  );

  app.get(
    '/me/notifications/unread-count',
    {
      config: { access: ANY },
      schema: {
        tags,
        summary: 'How many of my in-app messages are unread',
        response: { 200: z.object({ unread: z.number().int() }), ...problemResponses(401) },
      },
    },
    (request) => service.unreadCount(db, principalOf(request).userId),
  );

  app.post(
    '/me/notifications/:id/read',
    {
      config: { access: ANY },
      schema: {
        tags,
        summary: 'Mark one of my messages read',
        params: idParams,
        response: { 200: inboxItem, ...problemResponses(400, 401, 404) },
      },
    },
    (request) => service.markRead(db, principalOf(request).userId, request.params.id),
  );

  app.post(
    '/me/notifications/read-all',
    {
      config: { access: ANY },
      schema: {
        tags,
        summary: 'Mark all my messages read',
        response: { 200: z.object({ marked: z.number().int() }), ...problemResponses(401) },
      },
    },
    (request) => service.markAllRead(db, principalOf(request).userId),
  );

  app.get(
    '/me/notification-preferences',
    {
      config: { access: ANY },
      schema: {
        tags,
        summary: 'My channels per message category, language, zone and quiet hours',
        response: { 200: preferencesView, ...problemResponses(401) },
      },
    },
    (request) => service.preferences(db, principalOf(request).userId),
  );

  app.put(
    '/me/notification-preferences',
    {
      config: { access: ANY },
      schema: {
        tags,
        summary: 'Change my notification preferences (only the fields sent)',
        body: preferencesBody,
        response: { 200: preferencesView, ...problemResponses(400, 401, 422) },
      },
    },
    (request) => service.updatePreferences(db, principalOf(request).userId, request.body),
  );

  app.get(
    '/notifications/unsubscribe',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'What an email unsubscribe link does (changes nothing)',
        querystring: tokenQuery,
        response: { 200: unsubscribeView, ...problemResponses(400) },
      },
    },
    (request) => service.unsubscribeStatus(db, settings.secret, request.query.token),
  );

  app.post(
    '/notifications/unsubscribe',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'Unsubscribe from emails of one category (RFC 8058 one-click)',
        querystring: tokenQuery,
        response: { 200: unsubscribeView, ...problemResponses(400) },
      },
    },
    (request) => service.unsubscribe(db, settings.secret, request.query.token),
  );

  app.get(
    '/admin/notifications/deliveries',
    {
      config: { access: ADMIN },
      schema: {
        tags,
        summary: 'Delivery log: filter by status (dead = failed), channel, message, event or user',
        querystring: deliveryQuery,
        response: { 200: deliveryPage, ...problemResponses(400, 401, 403) },
      },
    },
    (request) => admin.deliveries(db, request.query),
  );

  app.get(
    '/admin/notifications/deliveries/:id',
    {
      config: { access: ADMIN },
      schema: {
        tags,
        summary: 'One delivery: status, attempts, last error',
        params: idParams,
        response: { 200: deliveryView, ...problemResponses(400, 401, 403, 404) },
      },
    },
    (request) => admin.delivery(db, request.params.id),
  );

  app.post(
    '/admin/notifications/deliveries/:id/retry',
    {
      config: { access: ADMIN },
      schema: {
        tags,
        summary: 'Send a dead or expired delivery again',
        params: idParams,
        response: { 200: deliveryView, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    (request) => admin.retry(db, request.params.id, new Date()),
  );

  const clinicParams = z.object({ id: idOrCode('C') });
  app.get(
    '/clinics/:id/notification-channels',
    {
      config: { access: ADMIN },
      schema: {
        tags,
        summary: "A clinic's broadcast channels (closed-day notices, alerts)",
        params: clinicParams,
        response: { 200: clinicChannelsView, ...problemResponses(400, 401, 403, 404) },
      },
    },
    (request) => admin.clinicChannels(db, request.params.id),
  );

  app.put(
    '/clinics/:id/notification-channels',
    {
      config: { access: ADMIN },
      schema: {
        tags,
        summary: "Replace a clinic's broadcast channels",
        params: clinicParams,
        body: clinicChannelsBody,
        response: { 200: clinicChannelsView, ...problemResponses(400, 401, 403, 404) },
      },
    },
    (request) => admin.setClinicChannels(db, request.params.id, request.body.channels),
  );
};
