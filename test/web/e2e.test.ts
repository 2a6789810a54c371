/**
 * The web app end to end, in Debian's Chromium against `healthsync start` on a fresh embedded database:
 * patients, doctors and admins doing their main tasks, with no console errors, no serious accessibility
 * violations, and screenshots of the main screens for the README. Also the landing route's JS budget.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureWebBuild } from '../../src/server/http/web-build.ts';
import { launch, person, screenshot, seriousViolations, type Person } from './browser.ts';
import * as flow from './flows.ts';
import { startServer, type StartedServer } from './server.ts';

let server: StartedServer | undefined;
let browser: Browser | undefined;
/** The server, once up (tests run only after beforeAll succeeded). */
let started: StartedServer;
const people: Person[] = [];
const a11y: string[] = [];

async function newPerson(scheme: 'light' | 'dark' = 'light'): Promise<Person> {
  const p = await person(browser!, started.url, scheme);
  people.push(p);
  return p;
}

/** Screenshot (desktop + phone) and axe check of the screen on show, once it has settled. */
async function capture(p: Person, name: string): Promise<void> {
  await p.page.waitForLoadState('networkidle');
  await p.page
    .locator('[role=status]')
    .first()
    .waitFor({ state: 'detached' })
    .catch(() => undefined);
  for (const v of await seriousViolations(p.page)) a11y.push(`${name}: ${v}`);
  await screenshot(p.page, name);
}

beforeAll(async () => {
  await ensureWebBuild();
  [server, browser] = await Promise.all([startServer({ pipeline: true }), launch()]);
  started = server;
}, 300_000);

afterAll(async () => {
  if (server && /error|fatal/i.test(server.output())) console.log(server.output());
  await browser?.close();
  await server?.stop();
});

/**
 * The directory's clinic filter names each clinic with its neighbourhood (same-named clinics are told
 * apart), and choosing one lists only that clinic's doctors.
 */
async function filterByClinic(p: Person): Promise<void> {
  const listed = await p.page.request.get('/api/v1/clinics?limit=1');
  const clinic = ((await listed.json()) as { items: { name: string; neighbourhood: string }[] }).items[0]!;
  const label = `${clinic.name} — ${clinic.neighbourhood}`;
  const picker = p.page.getByRole('combobox', { name: 'Clinic' });
  await picker.click();
  await p.page.getByRole('option', { name: label, exact: true }).click();
  expect(await picker.inputValue()).toBe(label);
  await p.page.getByText(`${clinic.name}, ${clinic.neighbourhood}`, { exact: true }).first().waitFor();
  await p.page.waitForLoadState('networkidle');
  const cards = await p.page.getByRole('button', { name: /^See free times of/ }).count();
  expect(cards).toBeGreaterThan(0);
  const atClinic = p.page.getByText(`${clinic.name}, ${clinic.neighbourhood}`, { exact: true });
  expect(await atClinic.count()).toBe(cards);
}

describe('the web app in a real browser', () => {
  it('loads the landing route within 300 KB of gzipped JavaScript', () => {
    const dist = path.resolve(import.meta.dirname, '../../web/dist');
    const html = readFileSync(path.join(dist, 'index.html'), 'utf8');
    const scripts = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]!);
    expect(scripts.length).toBeGreaterThan(0);
    const bytes = scripts.reduce(
      (sum, file) => sum + gzipSync(readFileSync(path.join(dist, file))).length,
      0,
    );
    console.log(`landing route: ${String(scripts.length)} scripts, ${(bytes / 1024).toFixed(1)} KB gzipped`);
    expect(bytes).toBeLessThan(300 * 1024);
    // The admin console's charts are not part of it.
    expect(scripts.some((f) => /Dashboard|AdminArea/.test(f))).toBe(false);
  });

  it('lets a visitor sign up, book, reschedule and cancel', async () => {
    const visitor = await newPerson();
    await visitor.page.goto('/');
    await visitor.page.getByRole('heading', { name: /Care, booked/ }).waitFor();
    await capture(visitor, 'landing');
    await visitor.page.goto('/signup');
    await capture(visitor, 'signup');
    await flow.signUpAndBook(visitor.page);
    await capture(visitor, 'patient-appointments');
    const { before, after } = await flow.rescheduleAndCancel(visitor.page);
    expect(after).not.toBe(before);
    expect(after).toMatch(/\(America\/Sao_Paulo\)/); // times in the clinic's zone, zone named
    await visitor.page.goto('/find');
    await visitor.page
      .getByRole('button', { name: /^See free times of/ })
      .first()
      .waitFor();
    await capture(visitor, 'find-doctor');
    await filterByClinic(visitor);
    await visitor.page.goto('/find');
    await visitor.page
      .getByRole('button', { name: /^See free times of/ })
      .first()
      .click();
    await visitor.page.getByRole('list', { name: 'Free times' }).waitFor();
    await capture(visitor, 'free-times');
    // Discovery: from symptoms to specialties and doctors.
    await visitor.page.getByRole('button', { name: 'Back to the list' }).click();
    await visitor.page.getByRole('tab', { name: 'By symptoms' }).click();
    await visitor.page.getByLabel('What do you feel?').fill('chest pain and palpitations');
    await visitor.page.getByRole('button', { name: 'Find doctors' }).click();
    await visitor.page.getByText('Likely specialties:').waitFor();
    await visitor.page
      .getByRole('button', { name: /^See free times of/ })
      .first()
      .waitFor();
    expect(visitor.errors).toEqual([]);
  }, 150_000);

  it('lets a patient rate a completed visit', async () => {
    const patient = await newPerson('dark');
    await flow.signIn(patient.page, started.accounts.patient.email, started.accounts.patient.password);
    await flow.rateFirstCompletedVisit(patient.page);
    expect(patient.errors).toEqual([]);
  }, 90_000);

  it('gives a doctor edit access by code and by one click, and the patient sees the result', async () => {
    const [doctor, patient] = [await newPerson(), await newPerson()];
    await flow.signIn(doctor.page, started.accounts.doctor.email, started.accounts.doctor.password);
    await flow.signIn(patient.page, started.accounts.patient.email, started.accounts.patient.password);
    const [doctorMe, patientMe] = [await flow.me(doctor.page), await flow.me(patient.page)];
    await capture(doctor, 'doctor-agenda');

    // Code path: the code arrives in the patient's inbox; the patient reads it out to the doctor.
    await flow.openChart(doctor.page, patientMe.displayName);
    await doctor.page.getByRole('button', { name: 'Request edit access' }).click();
    const code = await flow.readConsentCode(patient.page);
    await capture(patient, 'patient-inbox');
    await flow.enterCode(doctor.page, code);

    // The patient revokes; the doctor asks again; the patient approves in one click.
    await patient.page.goto('/patient/consent');
    await patient.page.getByTestId('consent-grant').getByRole('button', { name: 'Revoke' }).click();
    await flow.toast(patient.page, 'Access revoked');
    await doctor.page.reload();
    await doctor.page.getByRole('button', { name: 'Request edit access' }).click();
    await patient.page.reload();
    await patient.page.getByTestId('consent-request').first().waitFor();
    await capture(patient, 'patient-consent');
    await patient.page
      .getByTestId('consent-request')
      .first()
      .getByRole('button', { name: 'Approve' })
      .click();
    await doctor.page.getByText('You may edit this record').waitFor();

    await flow.addDiagnosisAndPrescription(doctor.page);
    await capture(doctor, 'doctor-chart');

    await patient.page.goto('/patient/timeline');
    await patient.page.getByText('Metformin 500 mg tablet').waitFor();
    await patient.page.getByText('E11.9').first().waitFor();
    await capture(patient, 'patient-timeline');
    await patient.page.goto('/patient/access');
    await patient.page
      .getByRole('cell', { name: new RegExp(doctorMe.displayName) })
      .first()
      .waitFor();
    await capture(patient, 'patient-access-log');
    expect([...doctor.errors, ...patient.errors]).toEqual([]);
  }, 180_000);

  it('lets an admin add a doctor with an account and see the dashboard charts', async () => {
    const admin = await newPerson();
    await flow.signIn(admin.page, started.accounts.admin.email, started.accounts.admin.password);
    await admin.page.goto('/admin/doctors');
    await admin.page.getByLabel('Name').fill('Helena Prado Teste');
    await admin.page.getByLabel('Specialty').fill('Cardiology');
    await admin.page.getByLabel('Clinic').first().click();
    await admin.page.getByRole('option').first().click();
    await admin.page.getByRole('button', { name: 'Add doctor' }).click();
    await flow.toast(admin.page, /Helena Prado Teste added as D\d+/);

    await admin.page.goto('/admin/users');
    await admin.page.getByLabel('Doctor record').first().fill('Helena');
    await admin.page.getByRole('option', { name: /Helena Prado Teste/ }).click();
    await admin.page.getByLabel('Name').fill('Dr. Helena Prado');
    await admin.page.getByLabel('Email').fill(`helena.${String(Date.now())}@clinic.example.org`);
    await admin.page.getByLabel('Initial password').first().fill('copper-meadow-lantern-quartz');
    await admin.page.getByRole('button', { name: 'Create account' }).click();
    await flow.toast(admin.page, 'Account created for Dr. Helena Prado');
    await capture(admin, 'admin-users');

    await admin.page.goto('/admin');
    const months = admin.page.getByTestId('chart-monthly_aggregates').locator('.recharts-line-curve');
    const bands = admin.page.getByTestId('chart-no_show_by_age_band').locator('.recharts-bar-rectangle');
    await months.first().waitFor();
    await bands.first().waitFor();
    expect(await months.count()).toBe(3); // appointments, completed, no-shows
    expect(await bands.count()).toBeGreaterThan(3);
    const csv = await admin.page.request.get(
      (await admin.page.getByRole('link', { name: /Appointments per month as CSV/ }).getAttribute('href'))!,
    );
    expect(csv.headers()['content-type']).toMatch(/^text\/csv/);
    expect((await csv.text()).split('\n')[0]).toContain('month');
    await capture(admin, 'admin-dashboard');
    await admin.page.goto('/admin/pipeline');
    await admin.page.getByText('succeeded').first().waitFor();
    await capture(admin, 'admin-pipeline');
    expect(admin.errors).toEqual([]);
  }, 150_000);

  it('has no serious or critical accessibility violations on the main screens', () => {
    expect(a11y).toEqual([]);
  });
});
