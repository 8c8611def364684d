import { expectNoAxeViolations, ready, test } from './helpers';

// axe-core runs inside the page, so these run with JavaScript on; the HTML checked is the server-rendered page
// that a browser without JavaScript gets too.
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
}
