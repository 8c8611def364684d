import { expect, linkFromMail, PASSWORD, ready, registerViaUi, signInAfterRegistering, signInViaUi, signOutViaMenu, test, uniqueEmail } from './helpers';

test('register, sign out, sign in and delete the account', async ({ page }, testInfo) => {
  const email = uniqueEmail(testInfo, 'journey');

  await page.goto('/');
  await ready(page, testInfo);
  await expect(page.getByText('Not currently logged in')).toBeVisible();
  await page.getByRole('link', { name: 'register' }).click();

  await expect(page.getByRole('heading', { name: 'Create an account' })).toBeVisible();
  await ready(page, testInfo);
  await page.getByLabel('Email', { exact: true }).fill(email);
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: 'Create account' }).click();
  await signInAfterRegistering(page, testInfo, email);

  const header = page.getByRole('banner');
  await expect(header.getByText(email)).toBeVisible();
  await ready(page, testInfo);
  await signOutViaMenu(page);
  await expect(page.getByText('You have signed out.')).toBeVisible();
  await expect(header.getByText('Not currently logged in')).toBeVisible();

  await ready(page, testInfo);
  await header.getByRole('link', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await ready(page, testInfo);
  await page.getByLabel('Email', { exact: true }).fill(email.toUpperCase());
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(header.getByText(email)).toBeVisible();

  await header.locator('.account-menu summary').click();
  await header.getByRole('link', { name: 'Account settings' }).click();
  await expect(page.getByRole('heading', { name: 'Your account', exact: true })).toBeVisible();
  await ready(page, testInfo);
  await page.getByLabel('Your password, to confirm').fill(PASSWORD);
  await page.getByRole('button', { name: 'Delete my account' }).click();
  await expect(page.getByText('Your account and its data have been deleted.')).toBeVisible();
  await expect(header.getByText('Not currently logged in')).toBeVisible();

  // The account is really gone.
  await page.goto('/signin');
  await ready(page, testInfo);
  await page.getByLabel('Email', { exact: true }).fill(email);
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toContainText('do not match an account');
});

test('bad registration input is explained next to each field and the email is kept', async ({ page }, testInfo) => {
  await page.goto('/register');
  await ready(page, testInfo);
  await page.getByLabel('Email', { exact: true }).fill('someone@example.com');
  await page.getByLabel('Password', { exact: true }).fill('password1234');
  await page.getByRole('button', { name: 'Create account' }).click();

  await expect(page.locator('#password-error')).toHaveText('That password is too common. Try a few unrelated words together.');
  await expect(page.getByLabel('Password', { exact: true })).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByLabel('Email', { exact: true })).toHaveValue('someone@example.com');
  await expect(page.getByRole('alert')).toContainText('Please correct the fields marked below.');
});

test('a wrong password is refused without saying whether the account exists', async ({ page }, testInfo) => {
  await page.goto('/signin');
  await ready(page, testInfo);
  await page.getByLabel('Email', { exact: true }).fill(uniqueEmail(testInfo, 'nobody'));
  await page.getByLabel('Password', { exact: true }).fill('not the right password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toHaveText('That email and password do not match an account. Check both and try again.');
});

test('an unknown address shows the 404 page', async ({ page }) => {
  const response = await page.goto('/no/such/page');
  expect(response?.status()).toBe(404);
  await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
});

test('the address is confirmed with the mailed link, and a forgotten password is reset with another that works once', async ({ browser, page }, testInfo) => {
  const email = uniqueEmail(testInfo, 'forgetful');
  await registerViaUi(page, testInfo, email);
  await page.goto('/account');
  await expect(page.getByText('(not confirmed yet)')).toBeVisible();
  await page.goto(await linkFromMail(email, '/verify-email/'));
  await ready(page, testInfo);
  await page.getByRole('button', { name: 'Confirm my email address' }).click();
  await expect(page.getByText('your email address is confirmed')).toBeVisible();
  await expect(page.getByText('(confirmed)')).toBeVisible();

  const visitor = await browser.newPage({ javaScriptEnabled: testInfo.project.name === 'js' });
  await visitor.goto('/signin');
  await visitor.getByRole('link', { name: 'Forgotten your password?' }).click();
  await ready(visitor, testInfo);
  await visitor.getByLabel('Email', { exact: true }).fill(email);
  await visitor.getByRole('button', { name: 'Send me a link' }).click();
  await expect(visitor.getByText('a link to choose a new password is on its way')).toBeVisible();

  const reset = await linkFromMail(email, '/password/reset/');
  await visitor.goto(reset);
  await ready(visitor, testInfo);
  await visitor.getByLabel('New password').fill('short');
  await visitor.getByRole('button', { name: 'Save the new password' }).click();
  await expect(visitor.locator('#password-error')).not.toBeEmpty();
  await ready(visitor, testInfo);
  await visitor.getByLabel('New password').fill('copper kettle meadow');
  await visitor.getByRole('button', { name: 'Save the new password' }).click();
  await expect(visitor.getByText('Your new password is saved')).toBeVisible();

  // Every session ended, the first one too; the new password works and the link does not work twice.
  await page.goto('/account');
  await expect(page).toHaveURL(/\/signin/);
  await signInViaUi(visitor, testInfo, email, 'copper kettle meadow');
  await expect(visitor.getByRole('banner').getByText(email)).toBeVisible();
  await visitor.goto(reset);
  await expect(visitor.getByText('has been used already')).toBeVisible();
});
