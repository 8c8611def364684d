import { type Page, type TestInfo } from '@playwright/test';
import { expect, expectNoAxeViolations, moderatorPage, ready, registerViaUi, test, uniqueEmail } from './helpers';

/** Opens the item called `title` in a queue, through the queue's filter. */
async function openFromQueue(moderator: Page, testInfo: TestInfo, queue: string, title: string): Promise<void> {
  await moderator.goto(`/admin/queue/${queue}`);
  await ready(moderator, testInfo);
  await moderator.getByLabel('Filter by title or company').fill(title);
  await moderator.getByRole('button', { name: 'Filter' }).click();
  await moderator.getByRole('link', { name: title }).click();
  await expect(moderator.getByRole('heading', { name: 'Your decision' })).toBeVisible();
  await ready(moderator, testInfo);
}

test('a moderator refuses a job with a reason, the team corrects it, and the moderator approves what changed', async ({ browser, page }, testInfo) => {
  const stamp = `${testInfo.project.name}${Date.now().toString(36)}`;
  const company = `Quillwort Health ${stamp}`;
  const slug = `quillwort-health-${stamp}`.toLowerCase();
  const title = `Regulatory Writer ${stamp}`;
  const corrected = `Senior Regulatory Writer ${stamp}`;

  await registerViaUi(page, testInfo, uniqueEmail(testInfo, 'owner'));
  await page.goto('/companies/new');
  await ready(page, testInfo);
  await page.getByLabel('Company name').fill(company);
  await page.getByLabel('Tagline').fill('Regulatory documents for medicines, written clearly');
  await page.getByLabel('Description').fill('We write submission documents and summaries for medicines regulators.');
  await page.getByLabel('Website').fill(`https://www.${slug}.example`);
  await page.getByLabel('Contact email').fill(`hello@${slug}.example`);
  await page.getByLabel('Headquarters city').fill('Bristol');
  await page.getByLabel('Country').fill('United Kingdom');
  await page.getByLabel('Company size').selectOption('11-50');
  await page.getByLabel('Medical communications').check();
  await page.getByRole('button', { name: 'Submit for review' }).click();
  await expect(page.getByText('Your company is waiting for a moderator’s review')).toBeVisible();

  // The moderator approves the company from its queue, without leaving the keyboard's reach: a form, a button.
  const moderator = await moderatorPage(browser, testInfo);
  await moderator.goto('/admin');
  await expect(moderator.getByRole('navigation', { name: 'Moderation' })).toBeVisible();
  await openFromQueue(moderator, testInfo, 'companies', company);
  // No decision is chosen for them: sending the form as it comes decides nothing and says why, next to the choices
  // (with JavaScript before the form is sent).
  const review = moderator.url();
  await moderator.getByRole('button', { name: 'Decide and go to the next' }).click();
  await expect(moderator.locator('#decision-error')).toHaveText('Choose a decision.');
  if (testInfo.project.name === 'js') expect(moderator.url()).toBe(review);
  await ready(moderator, testInfo);
  await moderator.getByRole('radio', { name: /^Approve/ }).check();
  await moderator.getByRole('button', { name: 'Decide and go to the next' }).click();
  await expect(moderator.getByText('Approved; the submitter has been told.')).toBeVisible();

  // The team posts a job.
  await page.goto(`/companies/${slug}/jobs/new`);
  await ready(page, testInfo);
  await page.getByLabel('Job title').fill(title);
  await page.getByLabel('Description').fill('Write clinical overviews and summaries for marketing applications, with a senior reviewer.');
  await page.getByLabel('Employment type').selectOption('full-time');
  await page.getByLabel('Seniority').selectOption('mid');
  await page.getByLabel('Sector', { exact: true }).selectOption('medical-communications');
  await page.getByLabel('City 1').fill('Bristol');
  await page.getByLabel('Country 1').fill('United Kingdom');
  await page.getByLabel('Workplace').selectOption('hybrid');
  await page.getByLabel('Minimum, or the single figure').fill('42000');
  await page.getByLabel('Maximum').fill('50000');
  await page.getByLabel('Currency').selectOption('GBP');
  await page.getByLabel('Paid').selectOption('year');
  await page.getByLabel('Closing date').fill(new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10));
  await page.getByLabel('How to apply').fill(`jobs@${slug}.example`);
  await page.getByRole('button', { name: 'Submit for review' }).click();
  await expect(page.getByText('The job is waiting for a moderator’s review.')).toBeVisible();

  // The moderator refuses it: a refusal without a reason code is pointed out next to the field.
  await openFromQueue(moderator, testInfo, 'jobs', title);
  // With JavaScript the reason code is offered once the decision is a rejection.
  const reason = moderator.getByLabel('Reason code (for a rejection)');
  if (testInfo.project.name === 'js') await expect(reason).toBeHidden();
  await moderator.getByRole('radio', { name: /^Reject/ }).check();
  await expect(reason).toBeVisible();
  await moderator.getByRole('button', { name: 'Decide and go to the next' }).click();
  await expect(moderator.locator('#decision-reason-error')).toHaveText('Choose the reason for this decision.');
  await ready(moderator, testInfo);
  await moderator.getByRole('radio', { name: /^Reject/ }).check();
  await moderator.getByLabel('Reason code (for a rejection)').selectOption('misleading');
  await moderator.getByLabel('Note to the submitter').fill('The role is senior: say so in the title.');
  await moderator.getByRole('button', { name: 'Decide and go to the next' }).click();
  await expect(moderator.getByText('Decided; the submitter has been told the reason.')).toBeVisible();

  // The team sees the reason and the note on its jobs list, corrects the job and sends it again.
  await page.goto(`/companies/${slug}/jobs`);
  const row = page.getByRole('row', { name: new RegExp(title) });
  await expect(row).toContainText('Not approved');
  await expect(row).toContainText('Misleading or inaccurate');
  await expect(row).toContainText('The role is senior: say so in the title.');
  await row.getByRole('link', { name: title }).click();
  await page.getByRole('link', { name: 'Edit the job' }).click();
  await ready(page, testInfo);
  await page.getByLabel('Job title').fill(corrected);
  await page.getByRole('button', { name: 'Save and submit for review' }).click();
  await expect(page.getByText('The job is waiting for a moderator’s review.')).toBeVisible();

  // The moderator sees what changed since the refusal, and approves.
  await openFromQueue(moderator, testInfo, 'jobs', corrected);
  const diff = moderator.locator('.diff');
  await expect(diff.getByRole('heading', { name: 'What changed' })).toBeVisible();
  await expect(diff.locator('ins')).toContainText('Senior');
  if (testInfo.project.name === 'js') {
    await expectNoAxeViolations(moderator);
  }
  await moderator.getByRole('radio', { name: /^Approve/ }).check();
  await moderator.getByRole('button', { name: 'Decide and go to the next' }).click();
  await expect(moderator.getByText('Approved; the submitter has been told.')).toBeVisible();

  // Public now; anyone can report it, and the report reaches the moderators.
  const guest = await browser.newPage({ javaScriptEnabled: testInfo.project.name === 'js' });
  await guest.goto(`/companies/${slug}`);
  await guest.getByRole('link', { name: corrected }).first().click();
  await expect(guest.getByRole('heading', { level: 1, name: corrected })).toBeVisible();
  await ready(guest, testInfo);
  await guest.getByText('Report this job').click();
  await guest.getByLabel('What is wrong').selectOption('duplicate');
  await guest.getByLabel('Details (optional)').fill('The same role is posted twice.');
  await guest.getByRole('button', { name: 'Send the report' }).click();
  await expect(guest.getByText('Thank you. The moderators will look at your report.')).toBeVisible();
  await moderator.goto('/admin/queue/reports');
  await moderator.getByRole('link', { name: corrected }).click();
  await expect(moderator.getByText('The same role is posted twice.')).toBeVisible();
  await ready(moderator, testInfo);
  await moderator.getByRole('button', { name: 'Decide and go to the next' }).click();
  await expect(moderator.getByText('The reports are dismissed.')).toBeVisible();

  // Every decision is in the audit log.
  await moderator.goto(`/admin/audit?actor=${encodeURIComponent('moderator-')}`);
  await expect(moderator.getByRole('cell', { name: 'job.reject' }).first()).toBeVisible();
  await expect(moderator.getByRole('cell', { name: 'job.approve' }).first()).toBeVisible();

  if (testInfo.project.name === 'js') {
    for (const path of ['/admin', '/admin/queue/jobs', '/admin/queue/reports', '/admin/audit', '/admin/domains', '/admin/search']) {
      await moderator.goto(path);
      await ready(moderator, testInfo);
      await expectNoAxeViolations(moderator);
    }
  }
});

test('admins give roles and refuse email domains in the browser', async ({ browser }, testInfo) => {
  const admin = await moderatorPage(browser, testInfo, 'admin');
  const email = uniqueEmail(testInfo, 'promoted');
  const other = await browser.newPage({ javaScriptEnabled: testInfo.project.name === 'js' });
  await registerViaUi(other, testInfo, email);

  await admin.goto(`/admin/users?q=${encodeURIComponent(email)}`);
  await ready(admin, testInfo);
  await admin.getByLabel(`Role of ${email}`).selectOption('moderator');
  await admin.getByRole('button', { name: `Set role of ${email}` }).click();
  await expect(admin.getByText('The role has been changed.')).toBeVisible();
  await expect(admin.getByLabel(`Role of ${email}`)).toHaveValue('moderator');
  if (testInfo.project.name === 'js') {
    await expectNoAxeViolations(admin);
  }

  const domain = `${testInfo.project.name}-${Date.now().toString(36)}.example`;
  await admin.goto('/admin/domains');
  await ready(admin, testInfo);
  await admin.getByLabel('Domain', { exact: true }).fill('not a domain');
  await admin.getByRole('button', { name: 'Refuse the domain' }).click();
  await expect(admin.locator('#ban-domain-error')).toHaveText('Enter a domain such as example.com.');
  await ready(admin, testInfo);
  await admin.getByLabel('Domain', { exact: true }).fill(domain);
  await admin.getByRole('button', { name: 'Refuse the domain' }).click();
  await expect(admin.getByText('The domain is refused from now on.')).toBeVisible();
  await expect(admin.getByRole('rowheader', { name: domain })).toBeVisible();

  const refused = await browser.newPage({ javaScriptEnabled: testInfo.project.name === 'js' });
  await refused.goto('/register');
  await ready(refused, testInfo);
  await refused.getByLabel('Email', { exact: true }).fill(`someone@${domain}`);
  await refused.getByLabel('Password', { exact: true }).fill('mossy lighthouse tangent');
  await refused.getByRole('button', { name: 'Create account' }).click();
  await expect(refused.getByText('Addresses at this domain cannot be used here.')).toBeVisible();
});

test('moderators extend the search synonyms and a search uses them at once', async ({ browser }, testInfo) => {
  const moderator = await moderatorPage(browser, testInfo, 'moderator');
  await moderator.goto('/admin/search');
  await ready(moderator, testInfo);
  const field = moderator.getByLabel('Synonyms', { exact: true });
  const list = await field.inputValue();
  expect(list).toContain('clinical research associate');

  // A line with one phrase is refused next to the field; what was typed stays.
  await field.fill(`${list}\nlonely phrase`);
  await moderator.getByRole('button', { name: 'Save the synonyms' }).click();
  await expect(moderator.locator('#search-synonyms-error')).toContainText('a line needs at least two different phrases');
  await expect(moderator.getByLabel('Synonyms', { exact: true })).toHaveValue(/lonely phrase/);
  await ready(moderator, testInfo);

  // A word of our own for clinical research associates finds them.
  const word = `trialmonitor${testInfo.project.name.replace(/[^a-z]/g, '')}${Date.now().toString(36).replace(/[0-9]/g, '')}`;
  await moderator.getByLabel('Synonyms', { exact: true }).fill(`${list}\n${word}, clinical research associate`);
  await moderator.getByRole('button', { name: 'Save the synonyms' }).click();
  await expect(moderator.getByText('The synonyms are saved; searches use them from now on.')).toBeVisible();
  await expect(moderator.getByLabel('Synonyms', { exact: true })).toHaveValue(new RegExp(word));
  if (testInfo.project.name === 'js') {
    await expectNoAxeViolations(moderator);
  }

  const seeker = await browser.newPage({ javaScriptEnabled: testInfo.project.name === 'js' });
  await seeker.goto(`/jobs?q=${word}`);
  await ready(seeker, testInfo);
  await expect(seeker.locator('.result-count')).not.toHaveText('No open jobs match.');
  await expect(seeker.getByRole('main').getByRole('link', { name: 'Clinical Research Associate' }).first()).toBeVisible();
});

test('admins keep the exchange rates salaries are compared with', async ({ browser }, testInfo) => {
  const admin = await moderatorPage(browser, testInfo, 'admin');
  await admin.goto('/admin/search');
  await ready(admin, testInfo);
  const field = admin.getByLabel('Rates', { exact: true });
  const rates = await field.inputValue();
  expect(rates).toContain('EUR ');

  // A currency left out is refused next to the field; what was typed stays.
  await field.fill(rates.replace(/^JPY .*$/m, ''));
  await admin.getByRole('button', { name: 'Save the rates' }).click();
  await expect(admin.locator('#rates-error')).toHaveText('Give a rate for every currency: JPY missing.');
  await expect(admin.getByLabel('Rates', { exact: true })).not.toHaveValue(/JPY/);
  await ready(admin, testInfo);

  // The same rates, taken today: saved, and every salary compared at them (the same as before).
  const today = new Date().toISOString().slice(0, 10);
  await admin.getByLabel('Taken on').fill(today);
  await admin.getByLabel('Rates', { exact: true }).fill(rates);
  await admin.getByRole('button', { name: 'Save the rates' }).click();
  await expect(admin.getByText('The exchange rates are saved; every salary is compared at them from now on.')).toBeVisible();
  await expect(admin.getByLabel('Taken on')).toHaveValue(today);
  if (testInfo.project.name === 'js') {
    await expectNoAxeViolations(admin);
  }
});
