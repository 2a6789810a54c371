/**
 * The admin console end to end, in Debian's Chromium against `healthsync start` (one server for the file):
 * edit a clinic and its holidays, edit a doctor, queue a pipeline re-run and see it run, hide and show a
 * rating comment; errors appear in words next to their fields; no serious accessibility violations on any
 * of these screens or dialogs; no console errors but the failed requests the test provokes on purpose.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureWebBuild } from '../../src/server/http/web-build.ts';
import { launch, person, seriousViolations, type Person } from './browser.ts';
import * as flow from './flows.ts';
import { startServer, type StartedServer } from './server.ts';

// The worker's runs (the re-run below) with a small population, as the pre-start CLI run; the child
// process inherits this (each test file runs in its own worker, so nothing else sees it).
process.env.PIPELINE_PATIENTS = '300';

let server: StartedServer | undefined;
let browser: Browser | undefined;
let started: StartedServer;
let admin: Person;
const people: Person[] = [];
const a11y: string[] = [];
/** Requests this test makes fail on purpose (each shows once as a console error in Chromium), by status. */
const provoked: number[] = [];

/** In the page: every open dialog is fully opaque (typed loosely: the test's types have no DOM). */
function dialogsSettled(): boolean {
  const g = globalThis as unknown as {
    document: { querySelectorAll(selector: string): ArrayLike<unknown> };
    getComputedStyle(el: unknown): { opacity: string };
  };
  return Array.from(g.document.querySelectorAll('[role=dialog]')).every(
    (d) => g.getComputedStyle(d).opacity === '1',
  );
}

/** Axe on the screen (or dialog) on show, once it has settled. */
async function check(page: Page, name: string): Promise<void> {
  await page.waitForLoadState('networkidle');
  // A dialog fades in: judge its colours once the transition is over, not half-transparent.
  await page.waitForFunction(dialogsSettled);
  for (const v of await seriousViolations(page)) a11y.push(`${name}: ${v}`);
}

/** Console errors but one "failed to load resource" per provoked failure. */
function unexpectedErrors(): string[] {
  const left = [...provoked];
  return people
    .flatMap((p) => p.errors)
    .filter((e) => {
      const status = /responded with a status of (\d{3})/.exec(e)?.[1];
      const i = status ? left.indexOf(Number(status)) : -1;
      if (i < 0) return true;
      left.splice(i, 1);
      return false;
    });
}

const dialog = (page: Page) => page.getByRole('dialog');

beforeAll(async () => {
  await ensureWebBuild();
  [server, browser] = await Promise.all([startServer({ pipeline: true }), launch()]);
  started = server;
  admin = await person(browser, started.url);
  people.push(admin);
  await flow.signIn(admin.page, started.accounts.admin.email, started.accounts.admin.password);
}, 300_000);

afterAll(async () => {
  if (server && /error|fatal/i.test(server.output())) console.log(server.output());
  await browser?.close();
  await server?.stop();
});

describe('the admin console in a real browser', () => {
  it('edits a clinic (an error shows next to its field) and adds and removes a holiday', async () => {
    const page = admin.page;
    await page.goto('/admin/clinics');
    const edit = page.getByRole('button', { name: /^Edit / }).first();
    await edit.waitFor();
    await check(page, 'clinics');
    await edit.click();
    const name = `Clínica Renomeada ${String(Date.now() % 100_000)}`;
    await dialog(page).getByLabel('Name').fill(name);
    await dialog(page).getByLabel('Time zone (IANA)').fill('Mars/Olympus_Mons');
    await dialog(page).getByRole('button', { name: 'Save clinic' }).click();
    provoked.push(400);
    await dialog(page).getByText('must be an IANA time zone').waitFor();
    const zone = dialog(page).getByLabel('Time zone (IANA)');
    expect(await zone.getAttribute('aria-invalid')).toBe('true');
    await check(page, 'clinic-edit-dialog');
    await zone.fill('America/Sao_Paulo');
    await dialog(page).getByRole('button', { name: 'Save clinic' }).click();
    await flow.toast(page, `${name} saved.`);
    await page.getByRole('cell', { name, exact: true }).waitFor();

    await page.getByRole('button', { name: `Holidays of ${name}` }).click();
    await dialog(page)
      .getByText(/No holidays|Reopen/)
      .first()
      .waitFor();
    await dialog(page).getByLabel('Closed on').fill('2031-12-24');
    await dialog(page).getByLabel('Holiday name').fill('Véspera de Natal');
    await dialog(page).getByRole('button', { name: 'Add holiday' }).click();
    await flow.toast(page, `${name} is closed on 2031-12-24 (Véspera de Natal).`);
    const row = dialog(page).getByRole('row', { name: /2031-12-24 Véspera de Natal/ });
    await row.waitFor();
    await check(page, 'clinic-holidays-dialog');
    await dialog(page).getByRole('button', { name: 'Reopen on 2031-12-24 (Véspera de Natal)' }).click();
    await row.waitFor({ state: 'detached' });
    await page.keyboard.press('Escape');
    await dialog(page).waitFor({ state: 'detached' });
  }, 90_000);

  it('edits a doctor (a bad phone is named next to its field)', async () => {
    const page = admin.page;
    await page.goto('/admin/doctors');
    const edit = page.getByRole('button', { name: /^Edit / }).first();
    await edit.waitFor();
    await check(page, 'doctors');
    const before = ((await edit.getAttribute('aria-label')) ?? '').replace(/^Edit /, '');
    await edit.click();
    const renamed = `${before} Filho`;
    await dialog(page).getByLabel('Name').fill(renamed);
    // type=tel: no browser check, so the server's answer is what shows.
    await dialog(page).getByLabel('New phone (optional)').fill('call me');
    await dialog(page).getByRole('button', { name: 'Save doctor' }).click();
    provoked.push(400);
    const phone = dialog(page).getByLabel('New phone (optional)');
    await expect.poll(() => phone.getAttribute('aria-invalid')).toBe('true');
    await check(page, 'doctor-edit-dialog');
    await dialog(page).getByText('must be a phone number').waitFor();
    await phone.fill('');
    await dialog(page).getByRole('button', { name: 'Save doctor' }).click();
    await flow.toast(page, `${renamed} saved.`);
    await page.getByRole('cell', { name: renamed, exact: true }).waitFor();
  }, 60_000);

  it('moves a doctor to a clinic found by name past the first page of clinics', async () => {
    const page = admin.page;
    // 105 clinics after the demo's, alphabetically: the last is past the picker's first page and past the
    // 100 a single request can list.
    const created = await page.evaluate(async () => {
      const me = (await (await fetch('/api/v1/auth/me')).json()) as { csrfToken: string };
      const statuses: number[] = [];
      for (let i = 1; i <= 105; i++) {
        const res = await fetch('/api/v1/clinics', {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken },
          body: JSON.stringify({
            name: `Zeta Clínica ${String(i).padStart(3, '0')}`,
            neighbourhood: 'Centro',
            timezone: 'America/Sao_Paulo',
            emergencyPhone: '+55 27 3000-0000',
          }),
        });
        statuses.push(res.status);
      }
      return statuses;
    });
    expect(created.every((s) => s === 201)).toBe(true);
    await page.goto('/admin/doctors');
    const edit = page.getByRole('button', { name: /^Edit / }).first();
    await edit.waitFor();
    const name = ((await edit.getAttribute('aria-label')) ?? '').replace(/^Edit /, '');
    await edit.click();
    const clinic = dialog(page).getByLabel('Clinic');
    await clinic.fill('Zeta Clínica 105');
    await page.getByRole('option', { name: 'Zeta Clínica 105 — Centro', exact: true }).click();
    await expect.poll(() => clinic.inputValue()).toBe('Zeta Clínica 105 — Centro');
    await dialog(page).getByRole('button', { name: 'Save doctor' }).click();
    await flow.toast(page, `${name} saved.`);
    await dialog(page).waitFor({ state: 'detached' });
    const row = page.getByRole('row').filter({ hasText: name }).first();
    await row.getByRole('cell', { name: 'Zeta Clínica 105', exact: true }).waitFor();
    // Reopened, the picker shows the doctor's clinic although it is not among the first clinics.
    await page.getByRole('button', { name: `Edit ${name}` }).click();
    await expect.poll(() => clinic.inputValue()).toBe('Zeta Clínica 105 — Centro');
    await check(page, 'doctor-edit-dialog-far-clinic');
    await page.keyboard.press('Escape');
    await dialog(page).waitFor({ state: 'detached' });

    // The clinics list shows its first 100 alphabetically, then the rest on demand.
    await page.goto('/admin/clinics');
    const clinics = page.getByRole('table', { name: 'Clinics' });
    await clinics.getByRole('cell', { name: 'Zeta Clínica 001', exact: true }).waitFor();
    const far = clinics.getByRole('cell', { name: 'Zeta Clínica 105', exact: true });
    expect(await far.count()).toBe(0);
    expect(await clinics.getByRole('row').count()).toBe(101); // header + 100
    await page.getByText('Showing 100 clinics; there are more.').waitFor();
    await check(page, 'clinics-first-page');
    await page.getByRole('button', { name: 'Show more clinics' }).click();
    await far.waitFor();
    await page.getByRole('button', { name: 'Show more clinics' }).waitFor({ state: 'detached' });
  }, 90_000);

  it('queues a re-run of a pipeline date and follows it until it has run', async () => {
    const page = admin.page;
    await page.goto('/admin/pipeline');
    const rerun = page.getByRole('button', { name: /^Re-run / }).first();
    await rerun.waitFor();
    await check(page, 'pipeline');
    // A day that has not begun is refused, in words next to the date.
    await page.getByLabel('Run date').fill('2999-01-01');
    await page.getByRole('button', { name: 'Run now' }).click();
    provoked.push(422);
    await page.getByText(/must not be after today/).waitFor();
    await page.getByLabel('Run date').fill('');
    await page.getByText(/must not be after today/).waitFor({ state: 'detached' });

    const date = ((await rerun.getAttribute('aria-label')) ?? '').replace(/^Re-run /, '');
    const runsBefore = await page.getByRole('row', { name: new RegExp(`^${date}`) }).count();
    await rerun.click();
    await flow.toast(page, `Re-run of ${date} queued.`);
    await page.getByTestId('queued-run').getByText(`Queued: a run of ${date} (synthetic)`).waitFor();
    // The worker takes the job; the list (polling) shows the new run, then its end.
    const rows = page.getByRole('row', { name: new RegExp(`^${date}`) });
    await expect.poll(() => rows.count(), { timeout: 60_000 }).toBe(runsBefore + 1);
    await rows.first().getByText('admin · synthetic').waitFor();
    await page
      .getByTestId('queued-run')
      .getByText(/The run is (pending|running|succeeded)/)
      .waitFor();
    await rows.first().getByText('succeeded').waitFor({ timeout: 180_000 });
    await rows
      .first()
      .getByRole('button', { name: `Steps of the run of ${date}` })
      .click();
    await dialog(page)
      .getByRole('table', { name: `Steps of the run of ${date}` })
      .waitFor();
    expect(await dialog(page).getByRole('row').count()).toBe(8); // header + 7 steps
    await check(page, 'pipeline-steps-dialog');
    await page.keyboard.press('Escape');
  }, 300_000);

  it('hides a rating comment with a reason and shows it again', async () => {
    type Moderated = {
      id: string;
      doctorId: string;
      doctorName: string;
      comment: string | null;
      hidden: unknown;
    };
    const visible = async () =>
      (await (await admin.page.request.get('/api/v1/admin/ratings?limit=100')).json()) as {
        items: Moderated[];
      };
    // The demo has no ratings: the demo patient rates a completed visit first (a precondition, checked).
    if (!(await visible()).items.some((r) => r.comment && !r.hidden)) {
      const patient = await person(browser!, started.url);
      people.push(patient);
      await flow.signIn(patient.page, started.accounts.patient.email, started.accounts.patient.password);
      await flow.rateFirstCompletedVisit(patient.page);
    }
    const target = (await visible()).items.find((r) => r.comment && !r.hidden);
    expect(target, 'a rating with a visible comment to moderate').toBeDefined();
    const comment = target!.comment!;
    const page = admin.page;
    await page.goto('/admin/ratings');
    const row = page.getByRole('row').filter({ hasText: comment }).first();
    await row.waitFor();
    await row.getByRole('cell', { name: target!.doctorName, exact: true }).waitFor();
    await check(page, 'ratings-moderation');
    await row.getByRole('button', { name: 'Hide comment' }).click();
    await dialog(page).getByLabel('Reason').fill('Names another patient');
    await check(page, 'rating-hide-dialog');
    await dialog(page).getByRole('button', { name: 'Hide comment' }).click();
    await flow.toast(page, 'Comment hidden from the public.');
    await row.getByText('Names another patient').waitFor();
    const publicView = async () =>
      (
        (await (await page.request.get(`/api/v1/doctors/${target!.doctorId}/ratings?limit=100`)).json()) as {
          items: { id: string; comment: string | null }[];
        }
      ).items.find((r) => r.id === target!.id)?.comment;
    expect(await publicView()).toBeNull();
    await row.getByRole('button', { name: 'Show again' }).click();
    await flow.toast(page, 'Comment shown again.');
    await row.getByText('shown').waitFor();
    expect(await publicView()).toBe(comment);
  }, 90_000);

  it('lists notification deliveries in the shared table', async () => {
    await admin.page.goto('/admin/deliveries');
    await admin.page
      .getByRole('table', { name: 'Deliveries' })
      .or(admin.page.getByText('No deliveries match.'))
      .waitFor();
    await check(admin.page, 'deliveries');
  });

  it('had no serious accessibility violations and no unexpected console errors', () => {
    expect(a11y).toEqual([]);
    expect(unexpectedErrors()).toEqual([]);
  });
});
