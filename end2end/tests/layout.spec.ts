import { type Page } from '@playwright/test';
import { expect, moderatorPage, ready, registerViaUi, signOutViaMenu, test, uniqueEmail } from './helpers';

// WCAG 2.2's Reflow criterion: at 320 CSS pixels wide nothing may need scrolling sideways. Checked on every page
// type, signed out, as a company's team and as an admin, with a company and a job whose names hold one word longer
// than a phone is wide.

const PHONE = { width: 320, height: 720 };

/** How far the page reaches past the screen's right edge, in CSS pixels (0 when nothing does), and the innermost
 * elements that reach past it. */
async function overflow(page: Page): Promise<{ by: number; culprits: string[] }> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const past = (element: Element) => element.getBoundingClientRect().right > width + 0.5;
    const culprits = [...document.body.querySelectorAll('*')]
      .filter((element) => past(element) && ![...element.children].some(past))
      .slice(0, 3)
      .map((element) => `${element.tagName.toLowerCase()}.${[...element.classList].join('.')}`);
    return { by: document.documentElement.scrollWidth - width, culprits };
  });
}

/** Visits each path at phone width and answers those that scroll sideways, with how far. */
async function sideways(page: Page, paths: string[]): Promise<string[]> {
  await page.setViewportSize(PHONE);
  const wide: string[] = [];
  for (const path of paths) {
    const response = await page.goto(path);
    expect([200, 404], `${path} answers`).toContain(response?.status());
    await page.waitForLoadState('load');
    const { by, culprits } = await overflow(page);
    if (by > 0) wide.push(`${path}: ${by}px too wide at ${culprits.join(', ')}`);
  }
  return wide;
}

test('no page scrolls sideways on a 320 px screen, whatever the length of the words in it', async ({ browser, page }, testInfo) => {
  test.setTimeout(240_000);
  const stamp = `${testInfo.project.name}${Date.now().toString(36)}`;
  // 61 letters without a space: wider than a phone in any of the site's type sizes.
  const word = `Thermo${'luminescent'.repeat(5)}`;
  const company = `${stamp} ${word}`;
  const title = `Principal ${word} Specialist`;

  await registerViaUi(page, testInfo, uniqueEmail(testInfo, 'reflow'));
  await page.goto('/companies/new');
  await ready(page, testInfo);
  await page.getByLabel('Company name').fill(company);
  await page.getByLabel('Tagline').fill(`Makers of ${word}`);
  await page.getByLabel('Description').fill(`${word} ${word}\n\nhttps://example.com/${word}/${word}`);
  await page.getByLabel('Website').fill(`https://${stamp}.example`);
  await page.getByLabel('Contact email').fill(`hello@${stamp}.example`);
  const city = word.slice(0, 60);
  await page.getByLabel('Headquarters city').fill(city);
  await page.getByLabel('Country').fill('United Kingdom');
  await page.getByLabel('Company size').selectOption('11-50');
  await page.getByLabel('Healthcare').check();
  await page.getByLabel('What the company does (optional)').fill(`${word}\n${word} ${word.slice(0, 50)}`);
  await page.getByLabel('Benefits for your people (optional)').fill(word);
  await page.getByLabel('Offices (optional)').fill(`${word}, ${word.slice(0, 16)}`);
  await page.getByRole('button', { name: 'Submit for review' }).click();
  await expect(page.getByText('Your company is waiting for a moderator’s review')).toBeVisible();
  // Adding a company leads to its edit page, for the logo and the team.
  const profile = new URL(page.url()).pathname.replace(/\/edit$/, '');

  const admin = await moderatorPage(browser, testInfo, 'admin');
  await admin.goto(profile);
  await ready(admin, testInfo);
  await admin.getByRole('button', { name: 'Approve' }).click();
  await expect(admin.getByText('The company is approved and listed in the directory.')).toBeVisible();

  await page.goto(`${profile}/jobs/new`);
  await ready(page, testInfo);
  await page.getByLabel('Job title').fill(title);
  await page.getByLabel('Description').fill(`${word} for ${word}.`);
  await page.getByLabel('Employment type').selectOption('full-time');
  await page.getByLabel('Seniority').selectOption('senior');
  await page.getByLabel('Sector', { exact: true }).selectOption('healthcare');
  await page.getByLabel('City 1').fill(city);
  await page.getByLabel('Country 1').fill('United Kingdom');
  await page.getByLabel('Workplace').selectOption('on-site');
  await page.getByLabel('Minimum, or the single figure').fill('52000');
  await page.getByLabel('Maximum').fill('61000');
  await page.getByLabel('Currency').selectOption('GBP');
  await page.getByLabel('Paid').selectOption('year');
  await page.getByLabel('Closing date').fill(new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10));
  await page.getByLabel('How to apply').fill(`jobs@${stamp}.example`);
  await page.getByRole('button', { name: 'Submit for review' }).click();
  await expect(page.getByText('The job is waiting for a moderator’s review.')).toBeVisible();
  const job = new URL(page.url()).pathname;
  await admin.goto(job);
  await ready(admin, testInfo);
  await admin.getByRole('button', { name: 'Approve and publish' }).click();
  await expect(admin.getByText('The job is approved and published.')).toBeVisible();
  await ready(admin, testInfo);
  await admin.getByLabel('Featured from').fill(new Date().toISOString().slice(0, 10));
  await admin.getByLabel('Featured until (inclusive)').fill(new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10));
  await admin.getByRole('button', { name: 'Feature this job' }).click();
  await expect(admin.getByText('The job is featured for the dates chosen.')).toBeVisible();

  // On the job's page its team finds their tools, and a reader the save button, before the description; the
  // closing date reads as one sentence.
  await page.goto(job);
  await ready(page, testInfo);
  const top = async (locator: ReturnType<Page['locator']>) => (await locator.boundingBox())?.y ?? Number.MAX_VALUE;
  const description = await top(page.getByRole('heading', { name: 'About the role' }));
  expect(await top(page.getByRole('heading', { name: 'For your team' }))).toBeLessThan(description);
  expect(await top(page.getByRole('button', { name: 'Save this job' }))).toBeLessThan(description);
  await expect(page.locator('.job-closes')).toHaveText(/^Applications close on \d{1,2} [A-Z][a-z]+ \d{4}\.$/);

  // As the company's team.
  const team = await sideways(page, ['/dashboard', `${profile}/edit`, `${profile}/jobs/new`, job, `${job}/edit`, '/account', '/saved-jobs', '/alerts']);
  // As an admin.
  const console = await sideways(admin, [
    '/admin', '/admin/queue/jobs', '/admin/queue/companies', '/admin/audit', '/admin/users', '/admin/domains', '/admin/search',
    '/news/desk', '/news/new',
  ]);
  // As a visitor.
  const visitor = await browser.newContext({ javaScriptEnabled: testInfo.project.name === 'js' });
  const reader = await visitor.newPage();
  const publicPages = await sideways(reader, [
    '/', '/jobs', `/jobs?q=${word}`, job, '/companies', `/companies?q=${word}`, profile, `${profile}/jobs`,
    '/news', '/news/what-ai-is-actually-doing-in-medical-writing-teams', '/news/where-trial-participants-come-from',
    '/infographics', '/tags/hiring', '/categories/medical-communications', '/alerts', '/signin', '/register', '/password/forgot',
    '/no/such/page',
  ]);
  expect([...publicPages, ...team, ...console]).toEqual([]);
});

test('signed-in people reach their own pages from the account menu, and sign out there', async ({ page }, testInfo) => {
  const email = uniqueEmail(testInfo, 'menu');
  await registerViaUi(page, testInfo, email);
  const header = page.getByRole('banner');
  // Closed until asked: the header stays one line.
  await expect(header.getByRole('link', { name: 'Saved jobs' })).toBeHidden();
  await header.locator('.account-menu summary').click();
  const menu = header.getByRole('navigation', { name: 'Your pages' });
  for (const [name, path] of [
    ['Your companies and jobs', '/dashboard'],
    ['Saved jobs', '/saved-jobs'],
    ['Email alerts', '/alerts'],
    ['Account settings', '/account'],
  ]) {
    await expect(menu.getByRole('link', { name })).toHaveAttribute('href', path);
  }
  await menu.getByRole('link', { name: 'Saved jobs' }).click();
  await expect(page).toHaveURL(/\/saved-jobs$/);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await signOutViaMenu(page);
  await expect(page.getByText('You have signed out.')).toBeVisible();
  await expect(header.getByText('Not currently logged in')).toBeVisible();
});

test('work pages take the whole width; pages people read keep the sidebar', async ({ browser, page }, testInfo) => {
  const admin = await moderatorPage(browser, testInfo, 'admin');
  await admin.setViewportSize({ width: 1366, height: 900 });
  for (const path of ['/admin/audit', '/admin/users', '/account']) {
    await admin.goto(path);
    await expect(admin.getByRole('complementary', { name: 'More from Hubboard' }), path).toHaveCount(0);
  }
  // Every button of the accounts page can be clicked where it is drawn: nothing lies over it.
  await admin.goto('/admin/users');
  await ready(admin, testInfo);
  for (const button of await admin.getByRole('main').getByRole('button').all()) {
    await button.click({ trial: true });
  }
  await page.setViewportSize({ width: 1366, height: 900 });
  for (const path of ['/', '/jobs', '/companies', '/news']) {
    await page.goto(path);
    await expect(page.getByRole('complementary', { name: 'More from Hubboard' }), path).toBeVisible();
  }
  await signOutViaMenu(admin);
});

test('a box or a round button sits on the line of its label, also when its group has an error', async ({ page }, testInfo) => {
  await registerViaUi(page, testInfo, uniqueEmail(testInfo, 'boxes'));
  await page.goto('/companies/new');
  await ready(page, testInfo);
  // Sent empty: the sectors come back with an error.
  await page.getByRole('button', { name: 'Submit for review' }).click();
  await expect(page.getByRole('alert').first()).toBeVisible();
  const box = page.getByLabel('Healthcare');
  const label = page.locator('label.checkbox', { hasText: 'Healthcare' });
  const boxArea = await box.boundingBox();
  const labelArea = await label.boundingBox();
  expect(boxArea && labelArea).toBeTruthy();
  if (!boxArea || !labelArea) return;
  // Its own size, not a text field's.
  expect(boxArea.height).toBeLessThanOrEqual(24);
  expect(boxArea.width).toBeLessThanOrEqual(24);
  // On the label's line: the label is no taller than one line of a comfortable target.
  expect(labelArea.height).toBeLessThanOrEqual(48);
  expect(boxArea.y).toBeGreaterThanOrEqual(labelArea.y);
  expect(boxArea.y + boxArea.height).toBeLessThanOrEqual(labelArea.y + labelArea.height);
});

test('the front page searches the jobs board by keywords and country, and leads with the newest story', async ({ page }, testInfo) => {
  await page.goto('/');
  await ready(page, testInfo);
  const lead = page.locator('.lead-story');
  await expect(lead.getByRole('heading', { level: 2 })).toBeVisible();
  await expect(lead.getByRole('link', { name: /^Read in full/ })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Latest intelligence' }).getByRole('listitem')).toHaveCount(4);
  await expect(page.getByRole('region', { name: 'Infographics' }).getByRole('link').first()).toBeVisible();

  const search = page.getByRole('search');
  await search.getByLabel('Keywords').fill('writer');
  const country = search.getByLabel('Where');
  const uk = await country.locator('option', { hasText: 'United Kingdom' }).first().getAttribute('value');
  expect(uk).toBe('United Kingdom');
  await country.selectOption(uk as string);
  await search.getByRole('button', { name: 'Search jobs' }).click();
  await expect(page).toHaveURL(/\/jobs\?q=writer&country=United\+Kingdom$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Jobs' })).toBeVisible();

  // Keywords alone: the empty country is left out of the address.
  await page.goto('/');
  await page.getByRole('search').getByLabel('Keywords').fill('nurse');
  await page.getByRole('search').getByRole('button', { name: 'Search jobs' }).click();
  await expect(page).toHaveURL(/\/jobs\?q=nurse$/);
});

test('on a phone the jobs board shows results first, with the filters folded under one line', async ({ page }, testInfo) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/jobs');
  await ready(page, testInfo);
  const firstResult = page.locator('.card-list > li').first();
  const box = await firstResult.boundingBox();
  expect(box && box.y < 844, 'the first result starts on the first screen').toBe(true);
  const sector = page.getByLabel('Sector', { exact: true });
  await expect(sector).toBeHidden();
  await page.getByText('Filter and sort').click();
  await expect(sector).toBeVisible();
  const value = await sector.locator('option').nth(1).getAttribute('value');
  await sector.selectOption(value as string);
  if (testInfo.project.name === 'no-js') await page.getByRole('button', { name: 'Show results' }).click();
  await expect(page).toHaveURL(new RegExp(`sector=${value}`));
  await expect(page.getByText('Filter and sort (1 chosen)')).toBeVisible();
  // With JavaScript the results change in place and the filters stay open for the next choice.
  if (testInfo.project.name === 'js') await expect(sector).toBeVisible();

  // On a wide screen the filters are always there.
  await page.setViewportSize({ width: 1366, height: 900 });
  await page.goto('/jobs');
  await expect(page.getByLabel('Sector', { exact: true })).toBeVisible();
  await expect(page.getByText('Filter and sort')).toBeHidden();
});

test('on a phone a job page keeps Apply in view while the job is read', async ({ page }, testInfo) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/jobs/1-senior-medical-writer');
  await ready(page, testInfo);
  const apply = page.getByRole('link', { name: /^Apply/ });
  await page.getByRole('heading', { name: 'Share this job' }).scrollIntoViewIfNeeded();
  const box = await apply.boundingBox();
  expect(box && box.y >= 0 && box.y + box.height <= 844, 'Apply is on the screen').toBe(true);
  // A link tabbed to below the bar is not hidden under it.
  await page.getByRole('link', { name: 'Link to this job' }).focus();
  const focused = await page.getByRole('link', { name: 'Link to this job' }).boundingBox();
  const bar = await page.locator('.job-actions').boundingBox();
  expect(focused && bar && focused.y >= bar.y + bar.height, 'the focused link is below the bar').toBe(true);
});

test('a job printed is the job and its address, without the site around it', async ({ page }, testInfo) => {
  await page.goto('/jobs/1-senior-medical-writer');
  await ready(page, testInfo);
  await expect(page.locator('.print-url')).toBeHidden();
  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('.print-url')).toHaveText(/^http:\/\/127\.0\.0\.1:\d+\/jobs\/1-senior-medical-writer$/);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  for (const frame of ['banner', 'complementary', 'contentinfo'] as const) {
    await expect(page.getByRole(frame).first()).toBeHidden();
  }
  await expect(page.getByRole('link', { name: /^Apply/ })).toBeHidden();
});
