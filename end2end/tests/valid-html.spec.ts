import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { type APIRequestContext, type Page } from '@playwright/test';
import { addCompanyViaUi, expect, moderatorPage, ready, registerViaUi, test, uniqueEmail } from './helpers';

// The W3C Nu HTML checker (vnu.jar from npm, run by Debian's Java) over every page type as the server sends it,
// signed out and signed in, with a form's errors shown. The markup is the same with JavaScript on or off, so the
// pages are checked once: the no-js project leaves this file out (playwright.config.ts).

const VNU = path.resolve(__dirname, '../../node_modules/vnu-jar/build/dist/vnu.jar');

/** The pages' HTML exactly as sent, saved one file per page; returns the files. */
async function save(request: APIRequestContext, dir: string, label: string, paths: string[]): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for (const page of paths) {
    const response = await request.get(page);
    expect([200, 404, 410], `${page} answers`).toContain(response.status());
    const file = path.join(dir, `${label}-${files.size}.html`);
    fs.writeFileSync(file, await response.text());
    files.set(file, `${label} ${page}`);
  }
  return files;
}

/** Every error the checker finds in the files, as "page: message (extract)". */
function errors(files: Map<string, string>): string[] {
  let report = '';
  try {
    execFileSync('java', ['-jar', VNU, '--errors-only', '--format', 'json', ...files.keys()], { encoding: 'utf8', stdio: 'pipe' });
  } catch (failed) {
    // Errors make the checker exit non-zero; its report is on standard error either way.
    report = (failed as { stderr?: string }).stderr ?? '';
  }
  if (!report.trim()) return [];
  const { messages } = JSON.parse(report) as { messages: { url: string; message: string; extract?: string }[] };
  return messages.map((m) => `${files.get(decodeURIComponent(new URL(m.url).pathname)) ?? m.url}: ${m.message} (${m.extract ?? ''})`);
}

/** The address of the first link under `/jobs/` or `/companies/` a page shows in its main column. */
async function firstLink(page: Page, prefix: string): Promise<string> {
  const href = await page.getByRole('main').locator(`a[href^="${prefix}"]`).first().getAttribute('href');
  expect(href).toBeTruthy();
  return href as string;
}

test('the W3C Nu HTML checker finds no error on any page type, signed out or in', async ({ browser, page, request }, testInfo) => {
  test.setTimeout(180_000);
  const dir = testInfo.outputPath('pages');
  fs.mkdirSync(dir, { recursive: true });
  const files = new Map<string, string>();
  const add = (more: Map<string, string>) => more.forEach((label, file) => files.set(file, label));

  add(
    await save(request, dir, 'visitor', [
      '/', '/jobs', '/jobs?q=writer&workplace=on-site&type=full-time&sort=newest', '/jobs?featured=1', '/jobs?page=2',
      '/jobs/1-senior-medical-writer', '/companies', '/companies?q=health&sector=healthcare', '/companies?letter=F',
      '/companies/fernbank-medical-communications', '/companies/fernbank-medical-communications/jobs',
      '/news', '/news/what-ai-is-actually-doing-in-medical-writing-teams', '/news/where-trial-participants-come-from',
      '/infographics', '/tags/hiring', '/categories/medical-communications', '/alerts', '/alerts?jobs=q%3Dwriter',
      '/signin', '/register', '/password/forgot', '/no/such/page', '/jobs/999999-gone',
    ]),
  );

  // A form sent back with its errors (the address carries them, signed by the server).
  await page.goto('/register');
  await ready(page, testInfo);
  await page.getByLabel('Email', { exact: true }).fill('not an address');
  await page.getByLabel('Password', { exact: true }).fill('short');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.locator('.field-invalid').first()).toBeVisible();
  add(await save(page.request, dir, 'errors', [new URL(page.url()).pathname + new URL(page.url()).search]));

  // A job seeker, and a company owner with a company waiting for review.
  await registerViaUi(page, testInfo, uniqueEmail(testInfo, 'valid'));
  const slug = await addCompanyViaUi(page, testInfo, 'valid-html');
  // A moderator and an admin: the admin approves the company, so its team can post jobs.
  const admin = await moderatorPage(browser, testInfo, 'admin');
  await admin.goto('/admin/queue/companies');
  const review = await firstLink(admin, '/admin/review/');
  add(await save(admin.request, dir, 'review', [review]));
  await admin.goto(`/companies/${slug}`);
  await ready(admin, testInfo);
  await admin.getByRole('button', { name: 'Approve' }).click();
  await expect(admin.getByText('The company is approved and listed in the directory.')).toBeVisible();
  add(
    await save(page.request, dir, 'member', [
      '/', '/account', '/saved-jobs', '/dashboard', '/alerts', '/companies/new', '/jobs/1-senior-medical-writer',
      `/companies/${slug}`, `/companies/${slug}/edit`, `/companies/${slug}/jobs`, `/companies/${slug}/jobs/new`,
    ]),
  );

  // The console, its queues, a review, the logs and settings, the news desk, editing as a moderator.
  add(
    await save(admin.request, dir, 'admin', [
      '/admin', '/admin/queue/companies', '/admin/queue/company-edits', '/admin/queue/jobs', '/admin/queue/job-edits',
      '/admin/queue/articles', '/admin/queue/reports', '/admin/audit',
      '/admin/users', '/admin/domains', '/admin/search', '/news/new', '/news/desk',
    ]),
  );

  expect(errors(files)).toEqual([]);
});
