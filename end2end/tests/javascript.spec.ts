import { type Page } from '@playwright/test';
import { addCompanyViaUi, expect, PASSWORD, pngLogo, ready, registerViaUi, signInViaUi, signOutViaMenu, test, uniqueEmail } from './helpers';

// With JavaScript on, the site is never worse than with it off: each of these once went wrong only with it on.

/** Every script error and console error or warning of the page from now on. */
function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') errors.push(message.text());
  });
  return errors;
}

test('a wrong password on the account page is explained next to the field', async ({ page }, testInfo) => {
  const errors = watchErrors(page);
  const email = uniqueEmail(testInfo, 'wrongpass');
  await registerViaUi(page, testInfo, email);
  await page.goto('/account');

  await ready(page, testInfo);
  await page.getByLabel('Current password').fill('not the password at all');
  await page.getByLabel('New password').fill('another mossy lighthouse');
  await page.getByRole('button', { name: 'Change password' }).click();
  await expect(page.locator('#current_password-error')).toHaveText('That is not your current password.');

  await ready(page, testInfo);
  await page.getByLabel('Your password, to confirm').fill('not the password at all');
  await page.getByRole('button', { name: 'Delete my account' }).click();
  await expect(page.locator('#delete_password-error')).not.toBeEmpty();
  await expect(page.getByRole('banner').getByText(email)).toBeVisible();
  expect(errors).toEqual([]);
});

test('the skip link moves the focus to the main column', async ({ page }, testInfo) => {
  await page.goto('/jobs');
  await ready(page, testInfo);
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Skip to main content' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.locator('main#main')).toBeFocused();
  // The next Tab goes on from there, not back to the top of the page.
  await page.keyboard.press('Tab');
  expect(await page.evaluate(() => document.querySelector('main')?.contains(document.activeElement))).toBe(true);
});

test('after a refused logo the page goes on working, with no error and plain addresses', async ({ page }, testInfo) => {
  const errors = watchErrors(page);
  await registerViaUi(page, testInfo, uniqueEmail(testInfo, 'logo'));
  await addCompanyViaUi(page, testInfo, 'refused-logo');

  await ready(page, testInfo);
  await page.getByLabel('Upload a logo').setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: Buffer.from('not an image') });
  await page.getByRole('button', { name: 'Upload logo' }).click();
  await expect(page.locator('#logo-file-error')).toHaveText('This file is not an image. Upload a PNG, JPEG or WebP file.');

  // The next form is sent and answered as any other.
  await ready(page, testInfo);
  await page.getByLabel('Tagline').fill('Logos that pass the checks, eventually');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByText('Your changes have been saved.')).toBeVisible();
  expect(page.url()).not.toContain('__err');
  expect(page.url()).not.toContain('__path');
  expect(errors).toEqual([]);
});

test('pages carry no data for the browser outside their islands, and nothing after </html>', async ({ request }) => {
  for (const path of ['/', '/jobs', '/jobs/1-senior-medical-writer', '/companies/fernbank-medical-communications', '/news']) {
    const html = await (await request.get(path)).text();
    expect(html.trimEnd().endsWith('</html>'), path).toBe(true);
    // Resources read outside islands are the server's alone: nothing of them is sent.
    expect(html, path).not.toMatch(/__RESOLVED_RESOURCES=\[[^\]]/);
    expect(html, path).not.toContain('<!>');
  }
});

test('signing in and out, and a search with filters, work as without JavaScript', async ({ page }, testInfo) => {
  const errors = watchErrors(page);
  const email = uniqueEmail(testInfo, 'parity');
  await registerViaUi(page, testInfo, email);
  await page.goto('/jobs');
  await ready(page, testInfo);
  await page.getByLabel('Search jobs').fill('writer');
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(page).toHaveURL(/q=writer/);
  await ready(page, testInfo);
  await signOutViaMenu(page);
  await expect(page.getByText('You have signed out.')).toBeVisible();
  await signInViaUi(page, testInfo, email, PASSWORD);
  await expect(page.getByRole('banner').getByText(email)).toBeVisible();
  expect(errors).toEqual([]);
});

test('a field with a rule is checked as soon as it is left, by the same rule the server applies', async ({ page }, testInfo) => {
  const js = testInfo.project.name === 'js';
  await page.goto('/register');
  await ready(page, testInfo);
  const email = page.getByLabel('Email', { exact: true });
  await email.fill('someone@');
  await page.getByLabel('Password', { exact: true }).fill('short');
  await page.keyboard.press('Tab');
  const emailError = page.locator('#email-error');
  const passwordError = page.locator('#password-error');
  if (js) {
    // Before anything is sent.
    await expect(emailError).not.toBeEmpty();
    await expect(email).toHaveAttribute('aria-invalid', 'true');
    await expect(passwordError).toContainText('12 characters');
    // Put right, the message goes.
    await email.fill('someone@example.com');
    await page.keyboard.press('Tab');
    await expect(emailError).toBeEmpty();
  } else {
    await expect(emailError).toBeEmpty();
  }
  // Sent, the server says the same.
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(passwordError).toContainText('12 characters');
});

test('filters and pages of results give the same results, addresses and Back as page loads do', async ({ page }, testInfo) => {
  const errors = watchErrors(page);
  const withJs = testInfo.project.name === 'js';
  await page.goto('/jobs');
  await ready(page, testInfo);
  const count = page.locator('.result-count');
  const everything = (await count.innerText()).trim();
  // A mark on the window stays only while the page is not loaded anew.
  if (withJs) await page.evaluate(() => { (window as unknown as { stayed: boolean }).stayed = true; });

  // A filter: with JavaScript it searches as soon as it is chosen, in place, and focus stays on it.
  const workplace = page.getByLabel('Workplace');
  const choice = await workplace.locator('option').nth(1).getAttribute('value');
  await workplace.focus();
  await workplace.selectOption(choice!);
  if (!withJs) await page.getByRole('button', { name: 'Search' }).click();
  await expect(page).toHaveURL(new RegExp(`[?&]workplace=${choice}(&|$)`));
  await expect(count).not.toHaveText(everything);
  const filtered = (await count.innerText()).trim();
  await expect(page).toHaveTitle(/Jobs/);
  if (withJs) {
    await expect(workplace).toBeFocused();
    await expect(page.locator('#job-results-said')).toHaveText(filtered);
    // The address is the search's own, without the form's empty fields.
    expect(new URL(page.url()).search).toBe(`?workplace=${choice}`);
  }

  // Back: the first results again (with JavaScript the form too; without, the browser keeps what was chosen).
  await page.goBack();
  await expect(page).toHaveURL(/\/jobs$/);
  await expect(count).toHaveText(everything);
  if (withJs) await expect(workplace).toHaveValue('');

  // Another page of results, from the pagination's link.
  await page.getByRole('navigation', { name: 'Pages' }).getByRole('link', { name: 'Next' }).click();
  await expect(page).toHaveURL(/[?&]page=2(&|$)/);
  await expect(page.getByRole('navigation', { name: 'Pages' }).locator('[aria-current=page]')).toHaveText(/\b2$/);
  if (withJs) {
    await expect(count).toBeFocused();
    expect(await page.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).toBe(true);
  }
  expect(errors).toEqual([]);
});

test('a picture the server would refuse is told next to its field, and a chosen one is shown before it is sent', async ({ page }, testInfo) => {
  const errors = watchErrors(page);
  const withJs = testInfo.project.name === 'js';
  await registerViaUi(page, testInfo, uniqueEmail(testInfo, 'preview'));
  await addCompanyViaUi(page, testInfo, 'preview-logo');
  await ready(page, testInfo);
  const edit = page.url();
  const field = page.getByLabel('Upload a logo');
  const message = page.locator('#logo-file-error');

  // With JavaScript the file is refused as soon as it is chosen and the form is not sent; without, the server says
  // the same after the upload.
  await field.setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('minutes of the meeting') });
  await page.getByRole('button', { name: 'Upload logo' }).click();
  await expect(message).toHaveText('This file is not an image. Upload a PNG, JPEG or WebP file.');
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  if (withJs) expect(page.url()).toBe(edit);

  await ready(page, testInfo);
  await field.setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: pngLogo() });
  if (withJs) {
    await expect(page.getByRole('img', { name: 'The chosen picture, as it will be sent' })).toBeVisible();
    await expect(message).toHaveText('');
  }
  await page.getByRole('button', { name: 'Upload logo' }).click();
  await expect(page.getByText('The new logo is in place.')).toBeVisible();
  expect(errors).toEqual([]);
});
