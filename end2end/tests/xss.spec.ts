import { expect, moderatorPage, ready, registerViaUi, test, uniqueEmail } from './helpers';

// Script-bearing text typed into every field that is shown back, then every page that shows it opened in Chromium:
// no dialog may open and no injected element may exist.
const PAYLOADS = [
  '<script>alert("x1")</script>',
  '<img src=x onerror=alert("x2")>',
  '"><svg onload=alert("x3")>',
  '</script><script>alert("x4")</script>',
  "javascript:alert('x5')",
];
const payload = PAYLOADS.join(' ');

test('script typed into listings never runs, on public pages or in the console', async ({ browser, page }, testInfo) => {
  // With JavaScript off nothing can run, but the pages must still carry no injected element.
  const js = testInfo.project.name === 'js';
  const stamp = Date.now().toString(36);
  const name = `Inkcap Research ${stamp}`;
  const slug = `inkcap-research-${stamp}`;
  await registerViaUi(page, testInfo, uniqueEmail(testInfo, 'xss-owner'));
  const post = async (endpoint: string, form: Record<string, string>, on = page) => {
    const response = await on.request.post(`/api/${endpoint}`, { form, headers: { Accept: 'application/json' } });
    expect(response.status(), `${endpoint}: ${await response.text()}`).toBeLessThan(400);
    return response;
  };
  await post('companies/create', {
    'form[name]': name,
    'form[slug]': '',
    'form[tagline]': `Surveys and fieldwork ${PAYLOADS[1]}`,
    'form[description]': `We run surveys.\n\n${payload}\n\n[click](javascript:alert('x6'))`,
    'form[website]': `https://www.${slug}.example`,
    'form[contact_email]': `hello@${slug}.example`,
    'form[city]': 'Leeds',
    'form[country]': 'United Kingdom',
    'form[size]': '11-50',
    'form[sectors][0]': 'market-research',
    'form[socials]': '',
  });
  const moderator = await moderatorPage(browser, testInfo);
  const companyId = await (async () => {
    await moderator.goto(`/admin/queue/companies?q=${encodeURIComponent(name)}`);
    const href = await moderator.getByRole('link', { name }).getAttribute('href');
    return href!.split('/').pop()!;
  })();
  await post('companies/decide', { 'form[company_id]': companyId, 'form[decision]': 'approve' }, moderator);

  const title = `Analyst ${stamp} </script><script>alert("x7")</script>`;
  const closes = new Date(Date.now() + 20 * 86_400_000).toISOString().slice(0, 10);
  await post('jobs/create', {
    company_id: companyId,
    'form[title]': title,
    'form[description]': `Analyse survey data.\n\n${payload}`,
    'form[employment_type]': 'full-time',
    'form[seniority]': 'mid',
    'form[sector]': 'market-research',
    'form[locations][0][city]': `Leeds ${PAYLOADS[0]}`,
    'form[locations][0][region]': '',
    'form[locations][0][country]': 'United Kingdom',
    'form[workplace]': 'on-site',
    'form[remote_eligibility]': '',
    'form[salary_kind]': 'hidden',
    'form[salary_min]': '',
    'form[salary_max]': '',
    'form[salary_currency]': '',
    'form[salary_period]': '',
    'form[closes_on]': closes,
    'form[apply]': `jobs@${slug}.example`,
    intent: 'submit',
  });
  await moderator.goto(`/admin/queue/jobs?q=${encodeURIComponent(`Analyst ${stamp}`)}`);
  const jobReview = await moderator.getByRole('link', { name: new RegExp(`Analyst ${stamp}`) }).getAttribute('href');

  const dialogs: string[] = [];
  for (const p of [page, moderator]) p.on('dialog', async (dialog) => { dialogs.push(dialog.message()); await dialog.dismiss(); });
  const visit = async (p: typeof page, path: string) => {
    await p.goto(path);
    await ready(p, testInfo);
    await p.waitForTimeout(300);
    const injected = await p
      .locator('main script:not([type="application/ld+json"]), main svg[onload], main img[onerror], main a[href^="javascript:"]')
      .count();
    expect(injected, `injected elements on ${path}`).toBe(0);
  };
  await visit(moderator, jobReview!);
  await moderator.getByRole('radio', { name: /^Approve/ }).check();
  await moderator.getByRole('button', { name: 'Decide and go to the next' }).click();
  await expect(moderator.getByText('Approved; the submitter has been told.')).toBeVisible();

  const guest = await (await browser.newContext({ javaScriptEnabled: js })).newPage();
  guest.on('dialog', async (dialog) => { dialogs.push(dialog.message()); await dialog.dismiss(); });
  await guest.goto(`/companies/${slug}`);
  const jobHref = await guest.getByRole('link', { name: new RegExp(`Analyst ${stamp}`) }).first().getAttribute('href');
  for (const path of [`/companies/${slug}`, jobHref!, `/jobs?q=${stamp}`, '/companies?q=inkcap', `/feeds/companies/${slug}.rss`]) {
    if (path.endsWith('.rss')) {
      const feed = await guest.request.get(path);
      expect(await feed.text()).not.toContain('<script>alert');
    } else {
      await visit(guest, path);
    }
  }
  for (const path of [`/admin/review/companies/${companyId}`, '/admin/audit']) {
    await visit(moderator, path);
  }
  await visit(page, `/companies/${slug}/jobs`);
  expect(dialogs).toEqual([]);
});
