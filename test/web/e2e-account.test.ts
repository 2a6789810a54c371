/**
 * Account, doctor and public screens end to end, in Debian's Chromium against `healthsync start` (one
 * server for the file): sessions and signing out other devices, changing and resetting a password (the
 * reset link read from the email the server sends to a loopback SMTP server), a doctor's date-specific
 * hours and time off as the patient's calendar shows them, emergency access to a chart, and the public
 * community alerts page. No console errors beyond the refusals the steps ask for; no serious axe findings.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publicAlertList } from '../../src/core/contracts/alerts.ts';
import { ensureWebBuild } from '../../src/server/http/web-build.ts';
import { startSmtpPeer, type SmtpPeer } from '../helpers/peers.ts';
import { launch, person, phoneWidth, seriousViolations, type Person } from './browser.ts';
import * as flow from './flows.ts';
import {
  ALERTS,
  freeDays,
  freeTimes,
  offered,
  resetLinkFor,
  signOut,
  signUp,
  STRONG,
} from './account-flows.ts';
import { startServer, type StartedServer } from './server.ts';

let server: StartedServer | undefined;
let browser: Browser | undefined;
let smtp: SmtpPeer | undefined;
let started: StartedServer;
const a11y: string[] = [];

const NEWER = 'violet-copper-orchard-tundra';

async function newPerson(): Promise<Person> {
  return person(browser!, started.url);
}

/** The axe check of the screen on show, once it has settled; then that it fits a 360 px phone. */
async function check(p: Person, name: string): Promise<void> {
  await p.page.waitForLoadState('networkidle');
  for (const v of await seriousViolations(p.page)) a11y.push(`${name}: ${v}`);
  const width = await phoneWidth(p.page);
  if (width > 360) a11y.push(`${name}: ${String(width)} px wide on a 360 px phone`);
}

/**
 * Console errors, minus the browser's own log line for a refusal the step provoked on purpose (e.g. the
 * 403 of a chart the doctor may not see yet): `expected` lists those statuses.
 */
const unexpected = (p: Person, ...expected: number[]) =>
  p.errors.filter(
    (e) =>
      !expected.some((s) =>
        e.includes(`Failed to load resource: the server responded with a status of ${String(s)}`),
      ),
  );

beforeAll(async () => {
  smtp = await startSmtpPeer();
  // The server reads these from its environment (server.ts passes ours on), so the demo sends real email.
  Object.assign(process.env, { SMTP_HOST: '127.0.0.1', SMTP_PORT: String(smtp.port), SMTP_SECURE: 'false' });
  await ensureWebBuild();
  [server, browser] = await Promise.all([startServer(), launch()]);
  started = server;
}, 300_000);

afterAll(async () => {
  if (server && /error|fatal/i.test(server.output())) console.log(server.output());
  await browser?.close();
  await server?.stop();
  await smtp?.close();
});

describe('account, doctor and public screens in a real browser', () => {
  it('shows community alerts to a visitor without signing in', async () => {
    const visitor = await newPerson();
    await visitor.page.goto('/');
    await visitor.page.getByRole('link', { name: 'Community health alerts' }).click();
    await visitor.page.getByRole('heading', { name: 'Community health alerts' }).waitFor();
    await visitor.page
      .getByText(/No current alerts|Counts below \d+ are never shown/)
      .first()
      .waitFor();
    await check(visitor, 'public-alerts');
    await visitor.page.getByLabel('Neighbourhood').fill('Nowhere At All');
    await visitor.page.getByRole('button', { name: 'Show alerts' }).click();
    await visitor.page.getByText('No current alerts in Nowhere At All.').waitFor();

    // The demo has no alerts yet: the page is shown an answer of the contract's shape, one count withheld.
    await visitor.page.route('**/api/v1/alerts*', (route) =>
      route.fulfill({ json: publicAlertList.parse(ALERTS) }),
    );
    await visitor.page.reload();
    const centro = visitor.page.getByRole('region', { name: 'Centro' });
    await centro.getByText('Cases: fewer than 5 on 2026-11-20.').waitFor();
    expect(await centro.textContent()).not.toMatch(/Cases on/);
    const penha = visitor.page.getByRole('region', { name: 'Jardim da Penha' });
    await penha.getByText('Cases on 2026-11-21: 12 (usually about 3.4 a day)').waitFor();
    await penha.getByText('Confirmed').waitFor();
    await check(visitor, 'public-alerts-list');
    expect(visitor.errors).toEqual([]);
  }, 60_000);

  it('lists sessions and signs out another device, which is then signed out', async () => {
    const { email, password } = started.accounts.admin;
    const [here, there] = [await newPerson(), await newPerson()];
    for (const p of [here, there]) await flow.signIn(p.page, email, password);
    await here.page.getByRole('link', { name: /Your account/ }).click();
    await here.page.getByRole('heading', { name: 'Your account' }).waitFor();
    const table = here.page.getByRole('table', { name: 'Active sessions' });
    const rows = table.locator('tbody tr');
    await table.getByText('This device').waitFor();
    expect(await rows.count()).toBe(2);
    await check(here, 'account');
    const signedOut = async (p: Person) => {
      await p.page.goto('/admin/users');
      await p.page.waitForURL('**/signin?**');
    };

    // The other device, by its own button.
    await table.getByRole('button', { name: /^Sign out / }).click();
    await flow.toast(here.page, 'That device is signed out.');
    await expect.poll(() => rows.count()).toBe(1);
    // There, the next screen's request is refused and the app goes to sign-in (no reload needed).
    await there.page.getByRole('link', { name: 'Users' }).click();
    await there.page.waitForURL('**/signin?**');

    // Signed in again there; then "all other devices".
    await flow.signIn(there.page, email, password);
    await here.page.reload();
    await expect.poll(() => rows.count()).toBe(2);
    await here.page.getByRole('button', { name: 'Sign out all other devices' }).click();
    await flow.toast(here.page, 'Signed out 1 other device.');
    await signedOut(there);
    await here.page.reload();
    await table.getByText('This device').waitFor();
    expect(await rows.count()).toBe(1);
    expect(unexpected(here)).toEqual([]);
    expect(unexpected(there, 401)).toEqual([]);
  }, 120_000);

  it('changes a password, explains a weak one, and signs in with the new one', async () => {
    const p = await newPerson();
    const { email } = await signUp(p.page, 'Lucia Campos Teste');
    await flow.signIn(p.page, email, STRONG);
    await p.page.goto('/account');
    await p.page.getByLabel('Current password').fill(STRONG);
    await p.page.getByLabel('New password').fill('password1234');
    await p.page.getByRole('button', { name: 'Change password' }).click();
    const newField = p.page.getByLabel('New password');
    await expect.poll(() => newField.getAttribute('aria-invalid')).toBe('true');
    const described = (await newField.getAttribute('aria-describedby')) ?? '';
    const words = p.page.locator(`[id="${described.split(' ').find((id) => id.endsWith('error'))!}"]`);
    expect(await words.textContent()).toMatch(/\w+ \w+ \w+/); // the server's reason, in words
    await check(p, 'account-weak-password');

    await p.page.getByLabel('Current password').fill(STRONG);
    await p.page.getByLabel('New password').fill(NEWER);
    await p.page.getByRole('button', { name: 'Change password' }).click();
    await p.page.getByText('Use the new password the next time you sign in.').waitFor();
    await signOut(p.page);
    const old = await p.page.request.post('/api/v1/auth/login', { data: { email, password: STRONG } });
    expect(old.status()).toBe(401);
    await flow.signIn(p.page, email, NEWER);
    expect(unexpected(p, 400)).toEqual([]);
  }, 90_000);

  it('resets a forgotten password with the emailed link, then signs in with the new one', async () => {
    const p = await newPerson();
    const { email } = await signUp(p.page, 'Renata Alves Teste');
    await p.page.goto('/signin');
    await p.page.getByRole('link', { name: 'Forgot your password?' }).click();
    await p.page.getByRole('heading', { name: 'Reset your password' }).waitFor();
    await p.page.getByLabel('Email').fill(email);
    await p.page.getByRole('button', { name: 'Send me a reset link' }).click();
    await p.page.getByText(`If an account exists for ${email}, we sent it a link`).waitFor();
    await check(p, 'forgot-password');

    const link = new URL(await resetLinkFor(smtp!, email));
    await p.page.goto(`${link.pathname}${link.search}`); // the server's public URL is not this test's port
    await p.page.getByRole('heading', { name: 'Choose a new password' }).waitFor();
    await p.page.getByLabel('New password').fill(NEWER);
    await check(p, 'reset-password');
    await p.page.getByRole('button', { name: 'Set new password' }).click();
    await p.page.getByRole('link', { name: 'Sign in with the new password' }).click();
    await p.page.waitForURL('**/signin');
    await flow.signIn(p.page, email, NEWER);

    // The link works once.
    await signOut(p.page);
    await p.page.goto(`${link.pathname}${link.search}`);
    await p.page.getByLabel('New password').fill(STRONG);
    await p.page.getByRole('button', { name: 'Set new password' }).click();
    await p.page.getByText('The reset link is invalid, used or expired.').waitFor();
    expect(unexpected(p, 400)).toEqual([]);
  }, 120_000);
  it('lets a doctor close a date and take time off, and the patient is not offered those days', async () => {
    const [doctor, patient] = [await newPerson(), await newPerson()];
    await flow.signIn(doctor.page, started.accounts.doctor.email, started.accounts.doctor.password);
    await flow.signIn(patient.page, started.accounts.patient.email, started.accounts.patient.password);
    const doctorId = await doctor.page.evaluate(async () => {
      const me = (await (await fetch('/api/v1/auth/me')).json()) as { user: { doctorId: string } };
      return me.user.doctorId;
    });
    const name = (
      (await (await patient.page.request.get(`/api/v1/doctors/${doctorId}`)).json()) as {
        name: string;
      }
    ).name;
    const days = await freeDays(patient.page, doctorId);
    expect(days.length).toBeGreaterThanOrEqual(4);
    const [kept, closed, away, short] = days as [string, string, string, string];

    await doctor.page.goto('/doctor/availability');
    await doctor.page.getByText(/Hours for one date \(\w+\/\w+\)/).waitFor(); // the clinic's zone, named
    await doctor.page.getByLabel(/^Date( \*)?$/).fill(closed);
    await doctor.page.getByRole('button', { name: 'Save hours for this date' }).click();
    await flow.toast(doctor.page, `Hours for ${closed} saved.`);
    await doctor.page
      .getByRole('table', { name: 'Date-specific hours' })
      .getByRole('row', { name: new RegExp(`${closed}.*Closed all day`) })
      .waitFor();
    // Another date with shorter hours than usual.
    await doctor.page.getByLabel(/^Date( \*)?$/).fill(short);
    await doctor.page.getByRole('radio', { name: 'Different hours' }).check();
    await doctor.page.getByLabel(/^Hours that day \(\w+\/\w+\)/).fill('10:00-11:00');
    await doctor.page.getByRole('button', { name: 'Save hours for this date' }).click();
    await flow.toast(doctor.page, `Hours for ${short} saved.`);
    await doctor.page
      .getByRole('table', { name: 'Date-specific hours' })
      .getByRole('row', { name: new RegExp(`${short}.*10:00-11:00`) })
      .waitFor();
    await doctor.page.getByLabel('From').fill(`${away}T00:00`);
    await doctor.page.getByLabel('Until').fill(`${away}T23:59`);
    await doctor.page.getByLabel('Reason (optional)').fill('Medical conference');
    await doctor.page.getByRole('button', { name: 'Add time off' }).click();
    await flow.toast(doctor.page, 'Time off added.');
    await doctor.page.getByRole('cell', { name: 'Medical conference' }).waitFor();
    await check(doctor, 'doctor-availability');

    await patient.page.goto('/find');
    await patient.page.getByLabel("Doctor's name").fill(name);
    await patient.page
      .getByRole('button', { name: `See free times of ${name}` })
      .first()
      .click();
    await patient.page.getByRole('list', { name: 'Free times' }).waitFor();
    expect(await offered(patient.page, kept)).toBe(true);
    expect(await offered(patient.page, closed)).toBe(false);
    expect(await offered(patient.page, away)).toBe(false);
    const after = await freeDays(patient.page, doctorId);
    expect(after).toContain(kept);
    expect(after).not.toContain(closed);
    expect(after).not.toContain(away);
    const times = await freeTimes(patient.page, doctorId, short);
    expect(times.length).toBeGreaterThan(0);
    expect(times.every((t) => t >= '10:00' && t < '11:00')).toBe(true);
    expect([...unexpected(doctor), ...unexpected(patient)]).toEqual([]);
  }, 120_000);

  it('opens a chart by emergency access with a reason, and the patient is told', async () => {
    const [doctor, patient] = [await newPerson(), await newPerson()];
    const patientName = 'Beatriz Lopes Teste';
    const { email, code } = await signUp(patient.page, patientName);
    await flow.signIn(doctor.page, started.accounts.doctor.email, started.accounts.doctor.password);
    // Not the doctor's patient: the code finds no one in "My patients", but the chart can be opened.
    await doctor.page.goto('/doctor/patients');
    await doctor.page.getByLabel('Search by name or code').fill(code);
    await doctor.page.getByRole('link', { name: `Open the chart of ${code} (emergency access)` }).click();
    await doctor.page.getByText('You do not have access to this chart').waitFor();
    const reason = doctor.page.getByLabel('Reason for emergency access');
    const open = doctor.page.getByRole('button', { name: 'Open the chart in an emergency' });
    await reason.fill('urgent');
    expect(await open.isDisabled()).toBe(true);
    await doctor.page.getByText('Write at least 10 characters.').waitFor();
    await reason.fill('Brought in unconscious; allergy history needed now.');
    await doctor.page
      .getByText(/audited/)
      .first()
      .waitFor();
    await check(doctor, 'emergency-access');
    await open.click();
    await doctor.page.getByRole('heading', { name: patientName }).waitFor();
    await doctor.page.getByText('You may edit this record').waitFor();
    await doctor.page.getByText(/Emergency access until/).waitFor();
    await check(doctor, 'emergency-chart');

    await flow.signIn(patient.page, email, STRONG);
    await patient.page.goto('/patient/inbox');
    await patient.page
      .getByText(/opened your medical record under emergency access/)
      .first()
      .waitFor();
    expect([...unexpected(doctor, 403), ...unexpected(patient)]).toEqual([]);
  }, 120_000);

  it('has no serious or critical accessibility violations, and fits a phone, on the new screens', () => {
    expect(a11y).toEqual([]);
  });
});
