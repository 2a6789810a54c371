/**
 * The web app (web/dist, built by Vite) at `/`: hashed assets under /assets/ (cached for a year), and
 * index.html for the app's own client routes. Only those routes get the page, so an unknown URL under
 * /api, /fhir, /health or /metrics still gets its 404 problem. Before a build exists, `/` and the client
 * routes answer with the plain landing page instead.
 */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { AppError } from '../../core/errors.ts';
import { landingPage } from './home.ts';

const isFile = (file: string): Promise<boolean> =>
  stat(file).then(
    (s) => s.isFile(),
    () => false,
  );

export const WEB_DIST = path.resolve(import.meta.dirname, '../../../web/dist');

/**
 * Top-level paths of the web app's client routes (React Router); each also gets `<path>/*`. The last
 * three are the pages links in HealthSync's own messages open (access log, an appointment, booking): the
 * client sends them on to the screen that shows it.
 */
export const CLIENT_SECTIONS = [
  '/signin',
  '/signup',
  '/find',
  '/patient',
  '/doctor',
  '/admin',
  '/account',
  '/forgot-password',
  '/reset-password',
  '/alerts',
  '/me',
  '/appointments',
  '/doctors',
] as const;

const ONE_YEAR_MS = 365 * 86_400_000;

export async function registerWeb(
  app: FastifyInstance,
  options: { version: string; distDir?: string },
): Promise<void> {
  const distDir = options.distDir ?? WEB_DIST;
  const fallback = landingPage(options.version);
  // Read on each request (a small file): a rebuild while the server runs is picked up at once.
  const page = async (reply: FastifyReply) => {
    const index = await readFile(path.join(distDir, 'index.html'), 'utf8').catch(() => undefined);
    return reply
      .type('text/html; charset=utf-8')
      .header('cache-control', 'no-cache')
      .send(index ?? fallback);
  };
  await app.register(fastifyStatic, { root: distDir, serve: false, suppressWarning: true });
  const hidden = { config: { access: 'public' as const }, schema: { hide: true } };
  app.get('/', hidden, (_request, reply) => page(reply));
  // `<section>/` is registered too: besides answering it, it makes printRoutes() (which the route-walking
  // tests parse) draw `<section>/*` with its slash.
  for (const section of CLIENT_SECTIONS)
    for (const url of [section, `${section}/`, `${section}/*`])
      app.get(url, hidden, (_request, reply) => page(reply));
  const missing = () =>
    new AppError(404, 'route.not_found', 'Not found', { detail: 'There is nothing at this address.' });
  app.get('/assets/', hidden, () => {
    throw missing(); // no directory listing
  });
  app.get('/assets/*', hidden, async (request, reply) => {
    const file = path.normalize(`assets/${(request.params as { '*': string })['*']}`);
    // A name from an older build gets a 404 problem (not the router's 405 for a known pattern).
    if (!file.startsWith('assets/') || !(await isFile(path.join(distDir, file)))) throw missing();
    return reply.sendFile(file, distDir, { immutable: true, maxAge: ONE_YEAR_MS });
  });
  app.get('/favicon.svg', hidden, async (_request, reply) => {
    if (!(await isFile(path.join(distDir, 'favicon.svg')))) throw missing();
    return reply.sendFile('favicon.svg', distDir);
  });
}
