import { test as base, expect, type Browser, type Page, type TestInfo } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';

export { expect };

/**
 * Playwright's `test`, which also closes every browser context a test opened itself (second users, moderators,
 * readers) when it ends, passed or failed: no page of one test is left running into the next.
 */
export const test = base.extend<{ closeOwnContexts: void }>({
  closeOwnContexts: [
    async ({ browser }, use) => {
      const before = new Set(browser.contexts());
      await use();
      await Promise.all(browser.contexts().filter((context) => !before.has(context)).map((context) => context.close()));
    },
    { auto: true },
  ],
});

/** A password that passes every rule. */
export const PASSWORD = 'mossy lighthouse tangent';

/** An address no other test (or run, or project) uses. */
export function uniqueEmail(testInfo: TestInfo, label: string): string {
  const stamp = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;
  return `${label}-${testInfo.project.name}-${stamp}@example.com`;
}

/** With JavaScript on, waits until each of the page's islands is hydrated (marked live) and so does what it does. */
export async function ready(page: Page, testInfo: TestInfo): Promise<void> {
  await page.waitForLoadState('load');
  if (testInfo.project.name === 'js') {
    await page.waitForFunction(() => document.querySelectorAll('leptos-island:not([data-live])').length === 0, undefined, {
      timeout: 30_000,
    });
  }
}

/** axe-core finds no violations on the current page, in the light theme and in the dark one. */
export async function expectNoAxeViolations(page: Page): Promise<void> {
  const violations: string[] = [];
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    // Buttons ease from one theme's colours to the other's: check them once they are there.
    await page.evaluate(() => Promise.all(document.getAnimations().map((animation) => animation.finished)));
    const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']).analyze();
    violations.push(...results.violations.map((v) => `${colorScheme}: ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`));
  }
  await page.emulateMedia({ colorScheme: null });
  expect(violations).toEqual([]);
}

/** Registers a new account through the form, then signs in with it as the page that follows asks. */
export async function registerViaUi(page: Page, testInfo: TestInfo, email: string): Promise<void> {
  await page.goto('/register');
  await ready(page, testInfo);
  await page.getByLabel('Email', { exact: true }).fill(email);
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: 'Create account' }).click();
  await signInAfterRegistering(page, testInfo, email);
}

/** On the page registering leads to: the notice, then signing in with the new account. */
export async function signInAfterRegistering(page: Page, testInfo: TestInfo, email: string): Promise<void> {
  await expect(page.getByText('We have sent a link to your address')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await ready(page, testInfo);
  await page.getByLabel('Email', { exact: true }).fill(email);
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('banner').getByText(email)).toBeVisible();
}

/** Fills the "Add my company" form (already open) with a name and address made from `slug` and sites made from `label`. */
export async function fillCompanyForm(page: Page, slug: string, label: string): Promise<void> {
  await page.getByLabel('Company name').fill(`Company ${slug}`);
  await page.getByLabel('Page address').fill(slug);
  await page.getByLabel('Tagline').fill('Careful work for careful readers');
  await page.getByLabel('Description').fill('We do **careful work**, checked twice before it goes out.');
  await page.getByLabel('Website').fill(`https://${label}.example`);
  await page.getByLabel('Contact email').fill(`hello@${label}.example`);
  await page.getByLabel('Headquarters city').fill('Leeds');
  await page.getByLabel('Country').fill('United Kingdom');
  await page.getByLabel('Company size').selectOption('11-50');
  await page.getByLabel('Healthcare').check();
}

/** Adds a company through the form as its signed-in owner, with a name and address made from `label`; answers the address. */
export async function addCompanyViaUi(page: Page, testInfo: TestInfo, label: string): Promise<string> {
  const slug = `${label}-${testInfo.project.name}-${Date.now().toString(36)}`;
  await page.goto('/companies/new');
  await ready(page, testInfo);
  await fillCompanyForm(page, slug, label);
  await page.getByRole('button', { name: 'Submit for review' }).click();
  await expect(page.getByText('Your company is waiting for a moderator’s review')).toBeVisible();
  return slug;
}

/** Signs out from the account menu in the header (a disclosure: it is opened first). */
export async function signOutViaMenu(page: Page): Promise<void> {
  const header = page.getByRole('banner');
  await header.locator('.account-menu summary').click();
  await header.getByRole('button', { name: 'Sign out' }).click();
}

/** Signs in through the form. */
export async function signInViaUi(page: Page, testInfo: TestInfo, email: string, password: string): Promise<void> {
  await page.goto('/signin');
  await ready(page, testInfo);
  await page.getByLabel('Email', { exact: true }).fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Buffer): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A real PNG image, drawn here: a coloured square with a lighter disc, `size` pixels wide. */
export function pngLogo(size = 96): Buffer {
  return pngPicture(size, size);
}

/** A `width` × `height` PNG: a light disc on a blue ground. */
export function pngPicture(width: number, height: number): Buffer {
  const { deflateSync } = require('node:zlib') as typeof import('node:zlib');
  const rows: Buffer[] = [];
  const radius = Math.min(width, height) / 3;
  for (let y = 0; y < height; y++) {
    const row = Buffer.alloc(1 + width * 3);
    for (let x = 0; x < width; x++) {
      const inside = (x - width / 2) ** 2 + (y - height / 2) ** 2 < radius ** 2;
      row.set(inside ? [240, 200, 80] : [20, 80, 150], 1 + x * 3);
    }
    rows.push(row);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Creates a moderator with the command-line tool, as an admin would, and returns the one-time password. */
export function createModerator(email: string, role: 'moderator' | 'admin' = 'moderator'): string {
  const { execFileSync } = require('node:child_process') as typeof import('node:child_process');
  const path = require('node:path') as typeof import('node:path');
  const binary = process.env.HUBBOARD_BIN ?? path.resolve(__dirname, '../../target/debug/hubboard');
  const output = execFileSync(binary, ['admin', 'create', '--email', email, '--role', role], {
    env: { ...process.env, DATABASE_URL: `sqlite://${process.env.HUBBOARD_E2E_DB}?mode=rwc`, RUST_LOG: 'error' },
    encoding: 'utf8',
  });
  const match = output.match(/One-time password:\s+(\S+)/);
  if (!match) throw new Error(`no one-time password in: ${output}`);
  return match[1];
}

/** A new moderator (or admin), signed in through the form with the one-time password replaced, in a page of its own. */
export async function moderatorPage(
  browser: Browser,
  testInfo: TestInfo,
  role: 'moderator' | 'admin' = 'moderator',
): Promise<Page> {
  const email = uniqueEmail(testInfo, role);
  const oneTime = createModerator(email, role);
  // A context of its own (rather than browser.newPage) lets axe-core check its pages too.
  const context = await browser.newContext({ javaScriptEnabled: testInfo.project.name === 'js' });
  const moderator = await context.newPage();
  await signInViaUi(moderator, testInfo, email, oneTime);
  await expect(moderator.getByText('Please choose a new password')).toBeVisible();
  await ready(moderator, testInfo);
  await moderator.getByLabel('Current password').fill(oneTime);
  await moderator.getByLabel('New password').fill(PASSWORD);
  await moderator.getByRole('button', { name: 'Change password' }).click();
  await expect(moderator.getByText('Your password has been changed.')).toBeVisible();
  return moderator;
}

/** The site path of the first link to `path` in the newest mail to `email`, waiting for the mail to be sent. */
export async function linkFromMail(email: string, path: string): Promise<string> {
  const fs = require('node:fs') as typeof import('node:fs');
  const dir = process.env.HUBBOARD_E2E_MAIL as string;
  const decode = (raw: string) =>
    raw.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, hex) => String.fromCharCode(parseInt(hex, 16)));
  for (let attempt = 0; attempt < 100; attempt++) {
    const files = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.eml')) : [];
    const mails = files
      .map((f) => ({ at: fs.statSync(`${dir}/${f}`).mtimeMs, text: decode(fs.readFileSync(`${dir}/${f}`, 'utf8')) }))
      .filter((m) => m.text.includes(`To: ${email}`) && m.text.includes(path))
      .sort((a, b) => b.at - a.at);
    if (mails.length > 0) {
      const match = mails[0].text.match(new RegExp(`https?://[^/\\s]+(${path.replace(/\//g, '\\/')}[A-Za-z0-9_-]+)`));
      if (match) return match[1];
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`no mail to ${email} with a link to ${path} in ${dir}`);
}
