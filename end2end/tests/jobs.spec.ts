import { expect, moderatorPage, ready, registerViaUi, test, uniqueEmail } from './helpers';

test('a company posts a job, a moderator approves and features it, and a seeker finds and saves it', async ({ browser, page }, testInfo) => {
  const stamp = `${testInfo.project.name}${Date.now().toString(36)}`;
  const company = `Saltmarsh Analytics ${stamp}`;
  const slug = `saltmarsh-analytics-${stamp}`.toLowerCase();
  const title = `Evidence Synthesis Lead ${stamp}`;

  // A company, added and approved.
  await registerViaUi(page, testInfo, uniqueEmail(testInfo, 'owner'));
  await page.goto('/companies/new');
  await ready(page, testInfo);
  await page.getByLabel('Company name').fill(company);
  await page.getByLabel('Tagline').fill('Systematic reviews and evidence maps for health decisions');
  await page.getByLabel('Description').fill('We find, appraise and summarise the evidence that health decisions rest on.');
  await page.getByLabel('Website').fill(`https://www.${slug}.example`);
  await page.getByLabel('Contact email').fill(`hello@${slug}.example`);
  await page.getByLabel('Headquarters city').fill('York');
  await page.getByLabel('Country').fill('United Kingdom');
  await page.getByLabel('Company size').selectOption('11-50');
  await page.getByLabel('Market research').check();
  await page.getByRole('button', { name: 'Submit for review' }).click();
  await expect(page.getByText('Your company is waiting for a moderator’s review')).toBeVisible();
  const moderator = await moderatorPage(browser, testInfo);
  await moderator.goto(`/companies/${slug}`);
  await ready(moderator, testInfo);
  await moderator.getByRole('button', { name: 'Approve' }).click();
  await expect(moderator.getByText('The company is approved and listed in the directory.')).toBeVisible();

  // The team posts a job; a mistake is explained next to its field and what was typed is kept.
  await page.goto(`/companies/${slug}/jobs`);
  await page.getByRole('link', { name: 'Post a job' }).click();
  await expect(page.getByRole('heading', { name: `Post a job at ${company}` })).toBeVisible();
  await ready(page, testInfo);
  await page.getByLabel('Job title').fill(title);
  await page.getByLabel('Description').fill('Lead a small team running systematic reviews for public health clients, from protocol to report.');
  await page.getByLabel('Employment type').selectOption('full-time');
  await page.getByLabel('Seniority').selectOption('lead');
  await page.getByLabel('Sector', { exact: true }).selectOption('market-research');
  await page.getByLabel('City 1').fill('York');
  await page.getByLabel('Country 1').fill('United Kingdom');
  await page.getByLabel('Workplace').selectOption('remote');
  await page.getByLabel('Minimum, or the single figure').fill('52000');
  await page.getByLabel('Maximum').fill('60000');
  await page.getByLabel('Currency').selectOption('GBP');
  await page.getByLabel('Paid').selectOption('year');
  const closes = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
  await page.getByLabel('Closing date').fill(closes);
  await page.getByLabel('How to apply').fill(`jobs@${slug}.example`);
  await page.getByRole('button', { name: 'Submit for review' }).click();
  await expect(page.locator('#job-remote-eligibility-error')).toContainText('name the countries or regions applicants may live in');
  await expect(page.getByLabel('Job title')).toHaveValue(title);
  await ready(page, testInfo);
  await page.getByLabel('Remote: applicants may live in').fill('United Kingdom, Ireland');
  // A double click sends the form twice: it saves one job.
  await page.getByRole('button', { name: 'Save as draft and preview' }).dblclick();
  await expect(page.getByText('The job is saved as a draft.')).toBeVisible();
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await expect(page.getByText('this is a preview')).toBeVisible();
  const draftPath = new URL(page.url()).pathname;
  await page.goto(`/companies/${slug}/jobs`);
  await expect(page.locator('#main').getByRole('link', { name: title, exact: true })).toHaveCount(1);
  await page.goto(draftPath);
  await ready(page, testInfo);
  await page.getByRole('button', { name: 'Submit for review' }).click();
  await expect(page.getByText('The job is waiting for a moderator’s review.')).toBeVisible();
  const jobPath = new URL(page.url()).pathname;

  // The moderator approves it and features it for a week.
  await moderator.goto(jobPath);
  await ready(moderator, testInfo);
  await moderator.getByRole('button', { name: 'Approve and publish' }).click();
  await expect(moderator.getByText('The job is approved and published.')).toBeVisible();
  await ready(moderator, testInfo);
  const today = new Date().toISOString().slice(0, 10);
  const nextWeek = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
  await moderator.getByLabel('Featured from').fill(today);
  await moderator.getByLabel('Featured until (inclusive)').fill(nextWeek);
  await moderator.getByRole('button', { name: 'Feature this job' }).click();
  await expect(moderator.getByText('The job is featured for the dates chosen.')).toBeVisible();

  // It is among the featured jobs, and the sidebar box, which shows five at a time in turn, shows it too.
  const seeker = await browser.newPage({ javaScriptEnabled: testInfo.project.name === 'js' });
  await seeker.goto('/jobs?featured=1');
  await expect(seeker.locator('#main').getByRole('link', { name: title })).toBeVisible();
  const inSidebar = seeker.getByRole('complementary').getByRole('link', { name: title });
  // A page kept for visitors shows the box as it was rendered; each page rendered afresh shows the next ones in
  // turn, and featuring the job made every kept page stale.
  const pages = ['/', '/news', '/companies', '/jobs', '/infographics', '/alerts', '/jobs?sort=newest', '/jobs?sort=salary',
    '/companies?page=2', '/news?page=2', '/jobs?page=2', '/jobs?workplace=remote', '/jobs?workplace=hybrid', '/companies?q=clinical'];
  for (const path of pages) {
    if (await inSidebar.isVisible()) break;
    await seeker.goto(path);
  }
  await expect(inSidebar).toBeVisible();

  // A seeker finds it with words and two facets, opens it and saves it.
  await registerViaUi(seeker, testInfo, uniqueEmail(testInfo, 'seeker'));
  await seeker.goto('/jobs');
  await ready(seeker, testInfo);
  await seeker.getByLabel('Search jobs').fill(stamp);
  await seeker.getByRole('button', { name: 'Search' }).click();
  await expect(seeker.locator('.result-count')).toContainText('1 open job');
  await ready(seeker, testInfo);
  await seeker.getByLabel('Workplace').selectOption({ label: 'Remote (1)' });
  if (testInfo.project.name === 'no-js') await seeker.getByRole('button', { name: 'Search' }).click();
  await expect(seeker).toHaveURL(/workplace=remote/);
  await ready(seeker, testInfo);
  await seeker.getByLabel('Sector').selectOption({ label: 'Market research (1)' });
  if (testInfo.project.name === 'no-js') await seeker.getByRole('button', { name: 'Search' }).click();
  await expect(seeker).toHaveURL(/sector=market-research/);
  await expect(seeker.locator('.result-count')).toContainText('1 open job');
  await seeker.locator('#main').getByRole('link', { name: title }).click();
  await expect(seeker.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await expect(seeker.getByText('United Kingdom, Ireland')).toBeVisible();
  await expect(seeker.getByRole('link', { name: 'Apply by email' })).toBeVisible();
  await ready(seeker, testInfo);
  const jobPage = seeker.url();
  await seeker.getByRole('button', { name: 'Save this job' }).click();
  await expect(seeker.getByRole('button', { name: 'Saved · remove from my list' })).toBeVisible();
  await expect(seeker.getByText('The job is in your saved jobs.')).toBeVisible();
  // With JavaScript the job is saved in place; without, the form is posted and the page comes back with a notice.
  if (testInfo.project.name === 'js') expect(seeker.url()).toBe(jobPage);
  else expect(seeker.url()).toContain('notice=job-saved-to-list');
  await seeker.goto('/saved-jobs');
  await expect(seeker.locator('#main').getByRole('link', { name: title })).toBeVisible();
});
