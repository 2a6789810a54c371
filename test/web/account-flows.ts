/**
 * Steps and fixtures of the account, doctor and public screens' browser test (e2e-account.test.ts): new
 * accounts, the reset email, a doctor's free days and times as the public slot API and the calendar show.
 */
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import type { SmtpPeer } from '../helpers/peers.ts';

/** The password of accounts made by signUp. */
export const STRONG = 'quartz-lantern-meadow-harbor';

/** An answer of GET /api/v1/alerts (the demo has none yet): one count withheld, one shown. */
export const ALERTS = {
  suppressBelow: 5,
  items: [
    {
      id: '3f1f1c52-6f55-4c3e-9d0e-1a1f8e2b7c01',
      neighbourhood: 'Centro',
      condition: 'Dengue fever',
      status: 'open',
      since: '2026-11-18',
      lastAlarmOn: '2026-11-20',
      observed: null,
      expected: null,
      suppressed: true,
      advice: 'Empty standing water around your home.',
    },
    {
      id: '3f1f1c52-6f55-4c3e-9d0e-1a1f8e2b7c02',
      neighbourhood: 'Jardim da Penha',
      condition: 'Influenza-like illness',
      status: 'confirmed',
      since: '2026-11-19',
      lastAlarmOn: '2026-11-21',
      observed: 12,
      expected: 3.4,
      suppressed: false,
      advice: 'Stay home when feverish; wash hands often.',
    },
  ],
};

/** A new patient account, made through the API from this browser context, then signed out again. */
export async function signUp(page: Page, name: string): Promise<{ email: string; code: string }> {
  const email = `${name.split(' ')[0]!.toLowerCase()}.${String(Date.now())}@example.org`;
  const res = await page.request.post('/api/v1/auth/signup', {
    data: { email, password: STRONG, name, birthDate: '1985-02-03', gender: 'F', neighbourhood: 'Centro' },
  });
  expect(res.status(), await res.text()).toBe(201);
  const body = (await res.json()) as { user: { patientId: string }; csrfToken: string };
  const record = await page.request.get(`/api/v1/patients/${body.user.patientId}`);
  const { code } = (await record.json()) as { code: string };
  await page.request.post('/api/v1/auth/logout', { headers: { 'x-csrf-token': body.csrfToken } });
  await page.context().clearCookies();
  return { email, code };
}

export async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Sign out', exact: true }).click();
  await page.waitForURL((u) => u.pathname === '/');
}

/** The reset link in the newest email to `to`, as the person would click it in their mail program. */
export async function resetLinkFor(smtp: SmtpPeer, to: string): Promise<string> {
  for (let i = 0; i < 600; i++) {
    const mail = [...smtp.mails].reverse().find((m) => JSON.stringify(m.to ?? '').includes(to));
    const link = mail && /https?:\/\/\S+\/reset-password\?token=[\w-]+/.exec(mail.text ?? '')?.[0];
    if (link) return link;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no reset email to ${to}`);
}

/** The local calendar dates (YYYY-MM-DD) with free times of a doctor, as the public slot API lists them. */
export async function freeDays(page: Page, doctorId: string): Promise<string[]> {
  const to = new Date(Date.now() + 28 * 86_400_000).toISOString();
  const res = await page.request.get(`/api/v1/doctors/${doctorId}/slots?to=${encodeURIComponent(to)}`);
  const body = (await res.json()) as { timezone: string; items: { start: string }[] };
  const day = new Intl.DateTimeFormat('en-CA', { timeZone: body.timezone, dateStyle: 'short' });
  return [...new Set(body.items.map((s) => day.format(new Date(s.start))))];
}

/** The local start times (HH:MM) of a doctor's free slots on one local date. */
export async function freeTimes(page: Page, doctorId: string, date: string): Promise<string[]> {
  const to = new Date(Date.now() + 28 * 86_400_000).toISOString();
  const res = await page.request.get(`/api/v1/doctors/${doctorId}/slots?to=${encodeURIComponent(to)}`);
  const body = (await res.json()) as { timezone: string; items: { start: string }[] };
  const day = new Intl.DateTimeFormat('en-CA', { timeZone: body.timezone, dateStyle: 'short' });
  const time = new Intl.DateTimeFormat('en-GB', { timeZone: body.timezone, timeStyle: 'short' });
  return body.items
    .filter((s) => day.format(new Date(s.start)) === date)
    .map((s) => time.format(new Date(s.start)));
}

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
/** The calendar's name for a day button, e.g. "3 December 2026". */
const dayLabel = (iso: string) => {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return `${String(d)} ${MONTHS[m - 1]!} ${String(y)}`;
};

/** Whether the slot calendar on screen offers this day (turning to its month first). */
export async function offered(page: Page, iso: string): Promise<boolean> {
  const button = page.getByRole('button', { name: dayLabel(iso), exact: true });
  for (let i = 0; i < 3 && !(await button.isVisible()); i++)
    await page.getByRole('button', { name: 'Next month' }).click();
  return (await button.getAttribute('data-disabled')) === null;
}
