import { expect, fillCompanyForm, moderatorPage, pngLogo, pngPicture, ready, registerViaUi, test, uniqueEmail } from './helpers';

test('a company is added with a logo, reviewed by a moderator and then listed', async ({ browser, page }, testInfo) => {
  const stamp = `${testInfo.project.name}${Date.now().toString(36)}`;
  const name = `Harbourlight Health ${stamp}`;
  const slug = `harbourlight-health-${stamp}`.toLowerCase();
  const owner = uniqueEmail(testInfo, 'owner');
  await registerViaUi(page, testInfo, owner);

  // The sidebar's button leads to the form.
  await ready(page, testInfo);
  await page.getByRole('complementary').getByRole('link', { name: 'Add my company' }).click();
  await expect(page.getByRole('heading', { name: 'Add my company' })).toBeVisible();
  await ready(page, testInfo);
  await page.getByLabel('Company name').fill(name);
  await page.getByLabel('Tagline').fill('Patient education that people actually read');
  await page.getByLabel('Description').fill('We write and test **patient materials** with the people who use them.\n\n- Leaflets\n- Videos');
  await page.getByLabel('Website').fill('javascript:alert(1)');
  await page.getByLabel('Contact email').fill('hello@harbourlight.example');
  await page.getByLabel('Headquarters city').fill('Bristol');
  await page.getByLabel('Country').fill('United Kingdom');
  await page.getByLabel('Company size').selectOption('11-50');
  await page.getByLabel('Healthcare').check();
  await page.getByLabel('Medical communications').check();
  await page.getByLabel('What the company does (optional)').fill('- Patient leaflets\n- Explainer films');
  await page.getByLabel('Benefits for your people (optional)').fill('Four-day weeks in August');
  await page.getByLabel('Offices (optional)').fill('Cardiff, United Kingdom');
  await page.getByRole('button', { name: 'Submit for review' }).click();

  // A bad website is explained next to the field, and what was typed is kept.
  await expect(page.locator('#company-website-error')).toHaveText('Enter a web address such as https://www.example.com.');
  await expect(page.getByLabel('Company name')).toHaveValue(name);
  await expect(page.getByLabel('Healthcare')).toBeChecked();
  await ready(page, testInfo);
  await page.getByLabel('Website').fill('https://www.harbourlight.example');
  await page.getByRole('button', { name: 'Submit for review' }).click();

  await expect(page.getByText('Your company is waiting for a moderator’s review')).toBeVisible();
  await expect(page.getByRole('heading', { name: `Edit ${name}` })).toBeVisible();

  // A file that is not an image is refused next to the field; a real one is taken.
  await page.getByLabel('Upload a logo').setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: Buffer.from('not an image') });
  await page.getByRole('button', { name: 'Upload logo' }).click();
  await expect(page.locator('#logo-file-error')).toHaveText('This file is not an image. Upload a PNG, JPEG or WebP file.');
  await page.getByLabel('Upload a logo').setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: pngLogo() });
  await page.getByRole('button', { name: 'Upload logo' }).click();
  await expect(page.getByText('The new logo is in place.')).toBeVisible();
  await expect(page.getByRole('img', { name: `${name} logo` })).toBeVisible();

  // A cover too small to span the page is refused next to its field; a wide one is cut and shown.
  await page.getByLabel('Upload a cover').setInputFiles({ name: 'cover.png', mimeType: 'image/png', buffer: pngLogo() });
  await page.getByRole('button', { name: 'Upload cover' }).click();
  await expect(page.locator('#cover-file-error')).toContainText('A cover must be at least 600 pixels wide and 200 high');
  await page.getByLabel('Upload a cover').setInputFiles({ name: 'cover.png', mimeType: 'image/png', buffer: pngPicture(1200, 500) });
  await page.getByRole('button', { name: 'Upload cover' }).click();
  await expect(page.getByText('The new cover is in place.')).toBeVisible();
  await expect(page.getByRole('img', { name: 'The current cover' })).toBeVisible();

  await page.goto('/dashboard');
  const row = page.getByRole('row', { name: new RegExp(name) });
  await expect(row).toContainText('Waiting for review');

  // The public cannot see it yet.
  const visitor = await browser.newPage();
  expect((await visitor.goto(`/companies/${slug}`))?.status()).toBe(404);

  // A moderator signs in for the first time, chooses a password and approves it.
  const moderator = await moderatorPage(browser, testInfo);
  await moderator.goto(`/companies/${slug}`);
  await ready(moderator, testInfo);
  await expect(moderator.getByText('Waiting for review').first()).toBeVisible();
  await moderator.getByRole('button', { name: 'Approve' }).click();
  await expect(moderator.getByText('The company is approved and listed in the directory.')).toBeVisible();

  // Now everyone finds it in the directory and on its page.
  await visitor.goto('/companies');
  await ready(visitor, testInfo);
  await visitor.getByLabel('Search companies').fill(stamp);
  await visitor.getByRole('button', { name: 'Search' }).click();
  await expect(visitor.getByText('1 company')).toBeVisible();
  await visitor.locator('#main').getByRole('link', { name }).click();
  await expect(visitor.getByRole('heading', { level: 1, name })).toBeVisible();
  await expect(visitor.getByRole('img', { name: `${name} logo` })).toBeVisible();
  await expect(visitor.getByText('Patient education that people actually read', { exact: true })).toBeVisible();
  await expect(visitor.locator('.prose strong')).toHaveText('patient materials');

  // The profile's sections, reached from the links under its header, and the cover across its top.
  const cover = visitor.locator('img.profile-cover');
  await expect(cover).toHaveJSProperty('complete', true);
  expect(await cover.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
  await visitor.getByRole('navigation', { name: 'On this page' }).getByRole('link', { name: 'What we do' }).click();
  await expect(visitor).toHaveURL(/#services-title$/);
  await expect(visitor.getByRole('heading', { name: 'What we do' })).toBeVisible();
  await expect(visitor.getByRole('listitem').filter({ hasText: 'Explainer films' })).toBeVisible();
  await expect(visitor.getByRole('listitem').filter({ hasText: 'Four-day weeks in August' })).toBeVisible();
  const offices = visitor.locator('.office-list li');
  await expect(offices).toHaveText(['Bristol, United Kingdom Headquarters', 'Cardiff, United Kingdom']);
});

test('a double click on a form that adds a company adds one company', async ({ page }, testInfo) => {
  const slug = `doubled-${testInfo.project.name}-${Date.now().toString(36)}`;
  await registerViaUi(page, testInfo, uniqueEmail(testInfo, 'owner'));
  await page.goto('/companies/new');
  await ready(page, testInfo);
  await fillCompanyForm(page, slug, 'doubled');
  await page.getByRole('button', { name: 'Submit for review' }).dblclick();
  await expect(page.getByText('Your company is waiting for a moderator’s review')).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`/companies/${slug}/edit`));

  await page.goto('/dashboard');
  await expect(page.getByRole('link', { name: `Company ${slug}`, exact: true })).toHaveCount(1);
});
