/**
 * build(deps) → a ready Fastify instance, without listening. The composition root (main.ts) and the
 * tests both build through here, so tests exercise the real plugin stack through `inject()`.
 */
import { randomUUID } from 'node:crypto';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyPluginAsync } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import pkg from '../../package.json' with { type: 'json' };
import type { Config } from './config.ts';
import type { Database } from './db/client.ts';
import { enforceAccess, requireAccessDeclarations } from './http/access.ts';
import { registerHome } from './http/home.ts';
import { createLogger } from './http/logging.ts';
import { registerHttpMetrics, type Metrics } from './http/metrics.ts';
import { registerNotFound } from './http/not-found.ts';
import { registerOpenApi } from './http/openapi.ts';
import { errorHandler } from './http/problem.ts';
import { systemRoutes } from './http/system.ts';
import type { Jobs } from './jobs/index.ts';
import { clinicRoutes } from './modules/clinics/index.ts';
import { doctorRoutes } from './modules/doctors/index.ts';

export interface AppDeps {
  config: Pick<Config, 'logLevel' | 'bodyLimit' | 'metricsAllow' | 'publicUrl'>;
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

  await app.register(helmet, {
    // Swagger UI sets its own CSP on its routes; the API answers JSON only.
    contentSecurityPolicy: {
      directives: { 'default-src': ["'self'"], 'style-src': ["'self'", "'unsafe-inline'"] },
    },
  });
  await app.register(cookie);
  enforceAccess(app, deps.config.metricsAllow);
  registerHttpMetrics(app, deps.metrics);
  await registerOpenApi(app, VERSION);

  await app.register(systemRoutes, { database: deps.database, jobs: deps.jobs, version: VERSION });
  registerHome(app, VERSION);
  await app.register(
    async (api) => {
      await api.register(clinicRoutes, { db: deps.database.db });
      await api.register(doctorRoutes, { db: deps.database.db });
      for (const plugin of deps.extraPlugins ?? []) await api.register(plugin);
    },
    { prefix: '/api/v1' },
  );
  await app.ready();
  return app;
}
