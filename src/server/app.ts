/**
 * build(deps) → a ready Fastify instance, without listening. The composition root (main.ts) and the
 * tests both build through here, so tests exercise the real plugin stack through `inject()`.
 */
import { randomUUID } from 'node:crypto';
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyPluginAsync } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Logger } from 'pino';
import pkg from '../../package.json' with { type: 'json' };
import type { Config } from './config.ts';
import type { Database } from './db/client.ts';
import { enforceAccess, requireAccessDeclarations } from './http/access.ts';
import { createLogger } from './http/logging.ts';
import { registerHttpMetrics, type Metrics } from './http/metrics.ts';
import { registerNotFound } from './http/not-found.ts';
import { registerOpenApi } from './http/openapi.ts';
import { registerSecurityHeaders } from './http/security-headers.ts';
import { errorHandler } from './http/problem.ts';
import { AppError } from '../core/errors.ts';
import { systemRoutes } from './http/system.ts';
import { registerWeb } from './http/web.ts';
import type { Jobs } from './jobs/index.ts';
import { clinicRoutes } from './modules/clinics/index.ts';
import { doctorRoutes } from './modules/doctors/index.ts';
import { appointmentRoutes, availabilityRoutes } from './modules/appointments/index.ts';
import { auditRoutes } from './modules/audit/index.ts';
import { authRoutes, registerAuthentication } from './modules/auth/index.ts';
import { consentRoutes } from './modules/consent/index.ts';
import { icd10Routes } from './modules/icd10/index.ts';
import { channelStatus, notificationRoutes } from './modules/notifications/index.ts';
import { patientRoutes } from './modules/patients/index.ts';
import { ratingRoutes } from './modules/ratings/index.ts';
import { recordRoutes } from './modules/records/index.ts';
import { userRoutes } from './modules/users/index.ts';
import { alertRoutes } from './modules/alerts/index.ts';
import { discoveryRoutes } from './modules/recommendations/index.ts';
import { analyticsRoutes } from './modules/analytics/index.ts';
import { snapshotDirOf } from '../pipeline/warehouse/snapshots.ts';

export interface AppDeps {
  config: Pick<
    Config,
    'logLevel' | 'bodyLimit' | 'metricsAllow' | 'publicUrl' | 'auth' | 'scheduling' | 'notifications'
  > &
    Partial<Pick<Config, 'alerts'>> &
    Partial<Pick<Config, 'pipeline'>>;
  database: Database;
  jobs: Jobs;
  metrics: Metrics;
  /** The process logger (main.ts); tests omit it and get one from `config.logLevel`. */
  logger?: FastifyBaseLogger;
  /** Extra plugins under /api/v1 (test-only routes): they get the same error handling and access checks. */
  extraPlugins?: FastifyPluginAsync[];
}

export const VERSION: string = pkg.version;

const REQUEST_ID_RE = /^[A-Za-z0-9._-]{1,64}$/;

export async function build(deps: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: deps.logger ?? createLogger(deps.config.logLevel),
    bodyLimit: deps.config.bodyLimit,
    // Trust an incoming X-Request-Id only when it is short and plain; otherwise make our own.
    genReqId: (req) => {
      const incoming = req.headers['x-request-id'];
      return typeof incoming === 'string' && REQUEST_ID_RE.test(incoming) ? incoming : randomUUID();
    },
    requestIdHeader: false,
    routerOptions: { maxParamLength: 200 },
    return503OnClosing: true,
    // Router-level errors (bad percent-encoding, overlong path segment) bypass setErrorHandler otherwise.
    frameworkErrors: (err, request, reply) => void errorHandler(err, request, reply),
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);
  requireAccessDeclarations(app);
  registerNotFound(app);
  app.addHook('onSend', async (request, reply) => {
    void reply.header('x-request-id', request.id);
  });

  registerSecurityHeaders(app);
  await app.register(cookie);
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_request, ctx) =>
      new AppError(429, 'request.rate_limited', 'Too many requests', {
        detail: `Too many attempts: try again in ${ctx.after}.`,
      }),
  });
  const db = deps.database.db;
  const authDeps = { db, settings: deps.config.auth, logger: app.log as unknown as Logger };
  registerAuthentication(app, authDeps);
  enforceAccess(app, deps.config.metricsAllow);
  registerHttpMetrics(app, deps.metrics);
  await registerOpenApi(app, VERSION);

  await app.register(systemRoutes, {
    database: deps.database,
    jobs: deps.jobs,
    version: VERSION,
    channels: channelStatus(deps.config.notifications),
  });
  await registerWeb(app, { version: VERSION });
  await app.register(
    async (api) => {
      await api.register(clinicRoutes, { db });
      await api.register(doctorRoutes, { db });
      await api.register(authRoutes, authDeps);
      await api.register(userRoutes, authDeps);
      await api.register(patientRoutes, { db });
      await api.register(consentRoutes, { db, settings: deps.config.auth });
      await api.register(auditRoutes, { db });
      await api.register(availabilityRoutes, { db });
      await api.register(appointmentRoutes, { db, settings: deps.config.scheduling });
      await api.register(icd10Routes, { db });
      await api.register(recordRoutes, { db });
      await api.register(ratingRoutes, { db });
      await api.register(notificationRoutes, {
        db,
        settings: deps.config.notifications,
        metrics: deps.metrics.registry,
      });
      await api.register(alertRoutes, { db, settings: deps.config.alerts });
      await api.register(discoveryRoutes, { db });
      await api.register(analyticsRoutes, {
        db,
        snapshotDir: deps.config.pipeline ? snapshotDirOf(deps.config.pipeline.dir) : undefined,
        jobs: deps.jobs,
        pipeline: deps.config.pipeline,
      });
      for (const plugin of deps.extraPlugins ?? []) await api.register(plugin);
    },
    { prefix: '/api/v1' },
  );
  await app.ready();
  return app;
}
