/**
 * Authorization-matrix rules for the web app's routes (merged into RULES by authz-rules.ts): the page and
 * its assets are public; what the page shows comes from the API, which checks every call.
 */
import { PUBLIC, type Rule } from './authz-world.ts';

const SECTIONS = [
  ...['/signin', '/signup', '/find', '/patient', '/doctor', '/admin'],
  ...['/account', '/forgot-password', '/reset-password', '/alerts', '/me', '/appointments', '/doctors'],
];

export const WEB_RULES: Record<string, Rule> = {
  ...Object.fromEntries(
    SECTIONS.flatMap((section) => [
      [`GET ${section}`, { expect: PUBLIC }],
      [`GET ${section}/`, { expect: PUBLIC }],
      [`GET ${section}/*`, { expect: PUBLIC, params: () => ({ '*': 'some/client/route' }) }],
    ]),
  ),
  'GET /assets/': { expect: PUBLIC },
  'GET /assets/*': { expect: PUBLIC, params: () => ({ '*': 'no-such-file.js' }) },
  'GET /favicon.svg': { expect: PUBLIC },
};
