/**
 * Debian's Chromium driven by playwright-core: one context per person, console errors collected,
 * screenshots of the main screens (desktop and a 360 px phone) and axe accessibility checks.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
export const SHOTS = path.resolve(import.meta.dirname, '../../docs/screenshots');
const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 360, height: 740 };

export const launch = (): Promise<Browser> => chromium.launch({ executablePath: CHROMIUM, args: ARGS });

export interface Person {
  context: BrowserContext;
  page: Page;
  /** Console errors and uncaught exceptions seen so far. */
  errors: string[];
}

export async function person(
  browser: Browser,
  baseURL: string,
  colorScheme: 'light' | 'dark' = 'light',
): Promise<Person> {
  const context = await browser.newContext({
    baseURL,
    viewport: DESKTOP,
    colorScheme,
    timezoneId: 'America/Sao_Paulo',
    locale: 'en-GB',
  });
  context.setDefaultTimeout(30_000);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`${page.url()}: ${m.text()}`);
  });
  page.on('pageerror', (err) => errors.push(`${page.url()}: ${err.message}`));
  return { context, page, errors };
}

/** The current screen at desktop width, then at phone width (back to desktop afterwards). */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, `${name}-desktop.png`) });
  await page.setViewportSize(PHONE);
  await page.waitForTimeout(150);
  await page.screenshot({ path: path.join(SHOTS, `${name}-phone.png`) });
  await page.setViewportSize(DESKTOP);
}

/** Serious and critical WCAG 2.x A/AA violations on the current page, as readable lines. */
export async function seriousViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.id} (${v.impact ?? ''}): ${v.help} — ${v.nodes
          .map((n) => n.target.join(' '))
          .slice(0, 3)
          .join(', ')}`,
    );
}

/**
 * The page's width on a 360 px phone (then the viewport is put back). The shell animates into its phone
 * layout, so the width is judged once it has settled (up to 3 s), not mid-way.
 */
export async function phoneWidth(page: Page): Promise<number> {
  const size = page.viewportSize()!;
  await page.setViewportSize({ width: 360, height: 740 });
  let width = Infinity;
  for (let waited = 0; waited < 3000 && width > 360; waited += 100) {
    await page.waitForTimeout(100);
    width = Number(await page.evaluate('document.documentElement.scrollWidth'));
  }
  await page.setViewportSize(size);
  return width;
}
