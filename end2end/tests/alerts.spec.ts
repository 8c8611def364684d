import { expect, expectNoAxeViolations, linkFromMail, moderatorPage, ready, test, uniqueEmail } from './helpers';

/** The decoded text of the newest mail to `email` that contains `needle`, waiting for it to be sent. */
async function mailWith(email: string, needle: string): Promise<string> {
  const fs = require('node:fs') as typeof import('node:fs');
  const dir = process.env.HUBBOARD_E2E_MAIL as string;
  // Quoted-printable bytes back to UTF-8 text.
  const decode = (raw: string) =>
    Buffer.from(
      raw.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, hex) => String.fromCharCode(parseInt(hex, 16))),
      'latin1',
    ).toString('utf8');
  for (let attempt = 0; attempt < 150; attempt++) {
    const texts = (fs.existsSync(dir) ? fs.readdirSync(dir) : [])
      .filter((f) => f.endsWith('.eml'))
      .map((f) => decode(fs.readFileSync(`${dir}/${f}`, 'latin1')))
      .filter((t) => t.includes(`To: ${email}`) && t.includes(needle));
    if (texts.length > 0) return texts[0];
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`no mail to ${email} containing ${needle}`);
}

/** The confirmation link of the mail that asks `email` to confirm the alert called `label`. */
async function confirmLink(email: string, label: string): Promise<string> {
  const mail = await mailWith(email, label);
  const match = mail.match(/https?:\/\/[^/\s]+(\/alerts\/confirm\/[A-Za-z0-9_-]+)/);
  if (!match) throw new Error(`no confirmation link in: ${mail}`);
  return match[1];
}

test('a guest subscribes from the sidebar, confirms by mail, gets the next article and unsubscribes', async ({ browser, page, playwright }, testInfo) => {
  const email = uniqueEmail(testInfo, 'reader');

  // Subscribing: a wrong address is marked next to the field, then the right one is asked to confirm.
  await page.goto('/news');
  await ready(page, testInfo);
  const box = page.getByRole('complementary').getByRole('region', { name: 'Subscribe to our email news alerts' });
  await box.getByLabel('Your email address').fill('reader@');
  await box.getByRole('button', { name: 'Subscribe' }).click();
  await expect(page.locator('#subscribe-email-error')).toContainText('email address');
  await ready(page, testInfo);
  await box.getByLabel('Your email address').fill(email);
  await box.getByLabel('How often').selectOption('immediate');
  await box.getByRole('button', { name: 'Subscribe' }).click();
  await expect(page.getByText('Please check your inbox')).toBeVisible();
  await expect(page).toHaveURL(/\/news\?notice=alert-check$/);

  // The link in the mail opens a page whose button confirms, then shows the address's alerts.
  // axe needs JavaScript in the page: the pages a mail links to are checked in the js project.
  const axe = async () => {
    if (testInfo.project.name === 'js') await expectNoAxeViolations(page);
  };
  await page.goto(await linkFromMail(email, '/alerts/confirm/'));
  await ready(page, testInfo);
  await expect(page.getByText('All Hubboard news')).toBeVisible();
  await axe();
  await page.getByRole('button', { name: 'Confirm my alert' }).click();
  await expect(page.getByText('Your alert is confirmed.')).toBeVisible();
  await expect(page.getByRole('heading', { level: 1, name: 'Your email alerts' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: 'All Hubboard news' })).toBeVisible();
  await ready(page, testInfo);
  await axe();

  // An editor publishes a story; the alert mail brings it.
  const title = `Alert test story ${testInfo.project.name} ${Date.now().toString(36)}`;
  const editor = await moderatorPage(browser, testInfo);
  await editor.goto('/news/new');
  await ready(editor, testInfo);
  await editor.getByLabel('Title').fill(title);
  await editor.getByLabel('Kind').selectOption('news');
  await editor.getByLabel('Standfirst').fill('A short story written to check that email alerts arrive after publication.');
  await editor.getByLabel('Text', { exact: true }).fill('Alerts go out as soon as a story is published.\n\nThis one proves it.');
  await editor.getByLabel('Author').fill('Test Desk');
  await editor.getByLabel('Marketing').check();
  await editor.getByRole('button', { name: 'Save draft' }).click();
  await expect(editor.getByText('The draft is saved.')).toBeVisible();
  await ready(editor, testInfo);
  await editor.getByRole('button', { name: 'Publish' }).click();
  await expect(editor.getByText('The article is published.')).toBeVisible();
  const digest = await mailWith(email, title);
  expect(digest).toContain('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
  const unsubscribe = digest.match(/List-Unsubscribe: <https?:\/\/[^/]+(\/alerts\/unsubscribe\/[^>]+)>/)?.[1];
  expect(unsubscribe).toBeTruthy();

  await page.goto(unsubscribe as string);
  await ready(page, testInfo);
  await expect(page.getByText('Stop these alerts?')).toBeVisible();
  await axe();
  if (testInfo.project.name === 'js') {
    // A mail program's one click: a POST with no cookie and no page.
    const provider = await playwright.request.newContext({ baseURL: new URL(page.url()).origin });
    const answer = await provider.post(unsubscribe as string, { form: { 'List-Unsubscribe': 'One-Click' } });
    expect(answer.status()).toBe(200);
    await provider.dispose();
    await page.reload();
    await expect(page.getByText('These alerts are stopped already')).toBeVisible();
  } else {
    await page.getByRole('button', { name: 'Unsubscribe' }).click();
    await expect(page.getByText('You are unsubscribed from those alerts.')).toBeVisible();
  }
  await page.goto(await linkFromMail(email, '/alerts/manage/'));
  await expect(page.getByText('No alerts are left at this address.')).toBeVisible();
  await editor.close();
});

test('the subscription centre offers alerts for a job search and follows a company', async ({ page }, testInfo) => {
  const email = uniqueEmail(testInfo, 'seeker');
  await page.goto('/jobs?q=writer&type=full-time');
  await ready(page, testInfo);
  await page.getByRole('link', { name: 'Email me jobs like these' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Email alerts' })).toBeVisible();
  await ready(page, testInfo);
  await expect(page.getByLabel('Alert me about')).toContainText('New jobs matching “writer” · Full-time');
  await page.getByLabel('Your email address').fill(email);
  await page.getByLabel('How often').selectOption('weekly');
  await page.getByRole('button', { name: 'Subscribe' }).click();
  await expect(page.getByText('Please check your inbox')).toBeVisible();
  await page.goto(await confirmLink(email, 'New jobs matching “writer” · Full-time'));
  await ready(page, testInfo);
  await page.getByRole('button', { name: 'Confirm my alert' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'New jobs matching “writer” · Full-time' })).toBeVisible();

  // Following a company from its page adds to the same address's alerts.
  await page.goto('/companies/fernbank-medical-communications');
  await page.getByRole('link', { name: 'Follow by email', exact: true }).click();
  await ready(page, testInfo);
  await page.getByLabel('Alert me about').selectOption({ label: 'New jobs at Fernbank Medical Communications' });
  await page.getByLabel('Your email address').fill(email);
  await page.getByRole('button', { name: 'Subscribe' }).click();
  await expect(page.getByText('Please check your inbox')).toBeVisible();
  await page.goto(await confirmLink(email, 'New jobs at Fernbank Medical Communications'));
  await ready(page, testInfo);
  await page.getByRole('button', { name: 'Confirm my alert' }).click();
  await expect(page.getByText('Your alert is confirmed.')).toBeVisible();

  // Changing how often and stopping one alert, from the page the mail links to.
  const alert = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: 'New jobs at Fernbank Medical Communications' }) });
  await ready(page, testInfo);
  await alert.getByLabel('How often').selectOption('daily');
  await alert.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText('Your alert has been changed.')).toBeVisible();
  await expect(alert.getByText('Now: A daily digest')).toBeVisible();
  const search = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: 'New jobs matching “writer” · Full-time' }) });
  await ready(page, testInfo);
  await search.getByRole('button', { name: 'Stop this alert' }).click();
  await expect(page.getByText('That alert has been stopped.')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'New jobs matching “writer” · Full-time' })).toHaveCount(0);
});
