/** What people do in the browser, step by step, as reusable flows for the end-to-end test. */
import type { Page } from 'playwright-core';

export async function signIn(page: Page, email: string, password: string): Promise<void> {
  await page.goto('/signin');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').first().fill(password);
  await page.getByRole('button', { name: 'Sign in' }).last().click();
  await page.waitForURL(/\/(patient|doctor|admin)/);
}

/** Waits for a notification (toast) with this text. */
export const toast = (page: Page, text: string | RegExp) =>
  page.locator('.mantine-Notification-root').filter({ hasText: text }).first().waitFor();

export async function me(page: Page): Promise<{ displayName: string; patientId: string | null }> {
  return page.evaluate(async () => {
    const res = await fetch('/api/v1/auth/me');
    const body = (await res.json()) as { user: { displayName: string; patientId: string | null } };
    return body.user;
  });
}

/** Chooses the last day with free times in the calendar's month (past the 24 h cancel cut-off). */
export async function pickLaterDay(page: Page): Promise<void> {
  const days = page
    .getByRole('dialog')
    .or(page.getByRole('main'))
    .last()
    .locator('table button:not([data-disabled])');
  await days.first().waitFor();
  await days.last().click();
}

/** Picks the n-th free time of the calendar on screen. */
export async function pickSlot(page: Page, n: number): Promise<string> {
  const slot = page.getByRole('list', { name: 'Free times' }).getByRole('listitem').nth(n);
  const label = (await slot.textContent()) ?? '';
  await slot.click();
  return label;
}

export async function signUpAndBook(page: Page): Promise<void> {
  await page.goto('/signup');
  await page.getByLabel('Full name').fill('Marina Duarte Teste');
  await page.getByLabel('Email').fill(`marina.${String(Date.now())}@example.org`);
  await page.getByLabel('Password').first().fill('lantern-harbor-violet-orchard');
  await page.getByLabel('Date of birth').fill('1990-04-12');
  await page.getByLabel('Neighbourhood').fill('Jardim da Penha');
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.waitForURL('**/find');
  await page
    .getByRole('button', { name: /^See free times of/ })
    .first()
    .click();
  await pickLaterDay(page);
  await pickSlot(page, 0);
  await page.getByRole('button', { name: 'Book this time' }).click();
  await page.waitForURL('**/patient');
  await toast(page, 'Booked:');
  await page.getByTestId('appointment').first().waitFor();
}

export async function rescheduleAndCancel(page: Page): Promise<{ before: string; after: string }> {
  const card = page.getByTestId('appointment').first();
  const before = (await card.textContent()) ?? '';
  await card.getByRole('button', { name: 'Reschedule' }).click();
  await pickLaterDay(page);
  await pickSlot(page, 1);
  await page.getByRole('button', { name: 'Move appointment' }).click();
  await toast(page, 'Moved to');
  const first = page.getByTestId('appointment').first();
  for (let i = 0; i < 300 && (await first.textContent()) === before; i++) await page.waitForTimeout(100);
  const after = (await first.textContent()) ?? '';
  await page.getByTestId('appointment').first().getByRole('button', { name: 'Cancel' }).click();
  await page.getByRole('button', { name: 'Cancel appointment' }).click();
  await toast(page, 'Appointment cancelled');
  return { before, after };
}

export async function rateFirstCompletedVisit(page: Page): Promise<void> {
  await page.goto('/patient');
  await page.getByRole('tab', { name: 'Past' }).click();
  await page.getByRole('button', { name: 'Rate this visit' }).first().click();
  await page.getByRole('dialog').locator('label').nth(3).click(); // the fourth star
  await page.getByLabel('Comment (optional)').fill('Clear explanations and on time.');
  await page.getByRole('button', { name: 'Send rating' }).click();
  await toast(page, 'Thank you');
}

/** The doctor opens the patient's chart from "My patients". */
export async function openChart(page: Page, patientName: string): Promise<void> {
  await page.goto('/doctor/patients');
  await page.getByLabel('Search by name or code').fill(patientName);
  await page.getByRole('link', { name: patientName }).first().click();
  await page.getByRole('heading', { name: patientName }).waitFor();
}

export async function readConsentCode(page: Page): Promise<string> {
  await page.goto('/patient/inbox');
  const message = page.getByText(/Your code is \d{6}/).first();
  await message.waitFor();
  const code = /Your code is (\d{6})/.exec((await message.textContent()) ?? '')?.[1];
  if (!code) throw new Error('no consent code in the inbox');
  return code;
}

export async function enterCode(page: Page, code: string): Promise<void> {
  await page.getByLabel('Digit 1 of the consent code').click();
  await page.keyboard.type(code);
  await page.getByRole('button', { name: 'Verify code' }).click();
  await page.getByText('You may edit this record').waitFor();
}

export async function addDiagnosisAndPrescription(page: Page): Promise<void> {
  await page.getByLabel('Diagnosis (ICD-10-CM)').first().fill('E11.9');
  await page.getByRole('option', { name: /^E11\.9/ }).click();
  await page.getByRole('button', { name: 'Add to record' }).click();
  await toast(page, 'Added to the record');
  await page.getByRole('tab', { name: 'Prescription' }).click();
  await page.getByLabel('Medication and strength').fill('Metformin 500 mg tablet');
  await page.getByLabel('Dose').fill('1 tablet');
  await page.getByLabel('Frequency').fill('twice a day with meals');
  await page.getByRole('button', { name: 'Add to record' }).click();
  // The chart's timeline shows the new entries once they are saved.
  await page.getByText('Metformin 500 mg tablet').waitFor();
  await page.getByText('E11.9').first().waitFor();
}
