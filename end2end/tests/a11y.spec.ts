import { expect, expectNoAxeViolations, ready, test } from './helpers';

// axe-core runs inside the page, so these run with JavaScript on: once with the islands alive, and once with the
// site's code refused, so that what is checked is the page exactly as a browser without JavaScript shows it.
for (const path of ['/', '/signin', '/register', '/password/forgot', '/no/such/page', '/companies', '/companies?q=health&sector=healthcare',
  // A demo company: the test server starts with demo content.
  '/companies/fernbank-medical-communications',
  // The jobs board with two facets, and the first demo job.
  '/jobs', '/jobs?q=writer&workplace=on-site&type=full-time', '/jobs/1-senior-medical-writer',
  // News: the list, a demo article with linked companies and jobs, an infographic, the gallery and the hubs.
  '/news', '/news/what-ai-is-actually-doing-in-medical-writing-teams', '/news/where-trial-participants-come-from', '/infographics', '/tags/hiring',
  '/categories/medical-communications',
  // Email alerts: the subscription centre, and as a job search's link opens it.
  '/alerts', '/alerts?jobs=q%3Dwriter']) {
  test(`axe finds no accessibility violations on ${path}`, async ({ page }, testInfo) => {
    await page.goto(path);
    await ready(page, testInfo);
    await expectNoAxeViolations(page);
  });
  test(`axe finds no accessibility violations on ${path} as served, with no island running`, async ({ page }) => {
    await page.route(/\/pkg\/.*\.(js|wasm)$/, (route) => route.abort());
    await page.goto(path);
    await page.waitForLoadState('load');
    expect(await page.locator('leptos-island[data-live]').count()).toBe(0);
    await expectNoAxeViolations(page);
  });
}
