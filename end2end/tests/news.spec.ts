import { expect, moderatorPage, pngLogo, ready, test } from './helpers';

test('an editor publishes an article linked to a company and a job; it shows in the sidebar, on the company page and on its tag hub', async ({ browser, page }, testInfo) => {
  const stamp = `${testInfo.project.name}${Date.now().toString(36)}`;
  const title = `Fernbank widens its graduate scheme ${stamp}`;
  const tag = `graduates ${stamp}`;
  const tagSlug = tag.toLowerCase().replace(/[^a-z0-9]+/g, '-');
  const editor = await moderatorPage(browser, testInfo);

  await editor.goto('/news');
  await editor.getByRole('link', { name: 'Write an article' }).click();
  await expect(editor.getByRole('heading', { level: 1, name: 'Write an article' })).toBeVisible();
  await ready(editor, testInfo);
  await editor.getByLabel('Title').fill(title);
  await editor.getByLabel('Kind').selectOption('news');
  await editor.getByLabel('Standfirst').fill('The agency will take twelve graduate writers next year, double this year’s intake.');
  await editor.getByLabel('Text', { exact: true }).fill('Fernbank Medical Communications is doubling its graduate intake.\n\nApplications open in January.');
  await editor.getByLabel('Author').fill('Ruth Okafor');
  await editor.getByLabel('Source to read in full').fill('ftp://files.example.org/announcement');
  await editor.getByLabel('Medical communications').check();
  await editor.getByLabel('Tags').fill(`hiring, ${tag}`);
  if (testInfo.project.name === 'js') {
    // With JavaScript, companies and jobs are found by searching and added with a click.
    await editor.getByLabel('Find a company or job to link').fill('Fernbank');
    await editor.locator('.link-results li', { hasText: 'Fernbank Medical Communications' }).getByRole('button', { name: 'About' }).click();
    await expect(editor.getByLabel('Companies the story is about')).toHaveValue('fernbank-medical-communications');
  } else {
    await editor.getByLabel('Companies the story is about').fill('Fernbank Medical Communications');
  }
  await editor.getByLabel('Jobs it links to').fill('/jobs/1-senior-medical-writer');
  await editor.getByRole('button', { name: 'Save draft' }).click();

  // A source that is not a web address is explained next to its field; what was typed stays.
  await expect(editor.locator('#article-source-error')).toContainText('starting with https://');
  await expect(editor.getByLabel('Title')).toHaveValue(title);
  await ready(editor, testInfo);
  await editor.getByLabel('Source to read in full').fill('https://www.fernbank.example/news/graduates');
  await editor.getByRole('button', { name: 'Save draft' }).click();
  await expect(editor.getByText('The draft is saved.')).toBeVisible();

  // A picture with its text alternative, then publication.
  await editor.locator('#picture-file').setInputFiles({ name: 'graduates.png', mimeType: 'image/png', buffer: pngLogo(320) });
  await editor.getByLabel('Text alternative').fill('Graduate writers at a training session');
  await editor.getByRole('button', { name: 'Upload picture' }).click();
  await expect(editor.getByText('The new picture is in place.')).toBeVisible();
  await ready(editor, testInfo);
  await editor.getByRole('button', { name: 'Publish' }).click();
  await expect(editor.getByText('The article is published.')).toBeVisible();
  await expect(editor.getByRole('heading', { level: 1, name: title })).toBeVisible();
  const articlePath = new URL(editor.url()).pathname;

  // A reader sees it everywhere it is linked from.
  const reader = await browser.newPage({ javaScriptEnabled: testInfo.project.name === 'js' });
  await reader.goto('/');
  // The newest story leads the front page; every other page lists it in the sidebar.
  await expect(reader.getByRole('article', { name: title }).getByRole('link', { name: title, exact: true })).toBeVisible();
  await reader.goto('/companies');
  await reader.getByRole('complementary').getByRole('link', { name: title }).click();
  await expect(reader).toHaveURL(new RegExp(`${articlePath}$`));
  await expect(reader.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await expect(reader.getByText('From: Medical communications')).toBeVisible();
  await expect(reader.getByRole('link', { name: /Read the original in full at fernbank\.example/ })).toBeVisible();
  await expect(reader.getByRole('img', { name: 'Graduate writers at a training session' })).toBeVisible();
  const companies = reader.getByRole('region', { name: 'Companies in this story', exact: true });
  await expect(companies.getByRole('link', { name: 'Fernbank Medical Communications' })).toBeVisible();
  await expect(reader.getByRole('region', { name: 'Jobs in this story', exact: true }).getByRole('link', { name: 'Senior Medical Writer' })).toBeVisible();

  await companies.getByRole('link', { name: 'Fernbank Medical Communications' }).click();
  await expect(reader.getByRole('region', { name: 'In the news' }).getByRole('link', { name: title })).toBeVisible();

  await reader.goto(articlePath);
  await reader.getByRole('link', { name: tag }).click();
  await expect(reader).toHaveURL(new RegExp(`/tags/${tagSlug}$`));
  await expect(reader.getByRole('heading', { level: 1, name: `Tagged “${tag}”` })).toBeVisible();
  await expect(reader.getByRole('region', { name: 'Articles', exact: true }).getByRole('link', { name: title })).toBeVisible();
  await expect(reader.getByRole('region', { name: 'Companies', exact: true }).getByRole('link', { name: 'Fernbank Medical Communications' })).toBeVisible();
  await expect(reader.getByRole('region', { name: 'Jobs', exact: true }).getByRole('link', { name: 'Senior Medical Writer' })).toBeVisible();

  // The news feed lists it.
  const feed = await reader.request.get('/feeds/news.rss');
  expect(await feed.text()).toContain(title);
  await page.close();
});
