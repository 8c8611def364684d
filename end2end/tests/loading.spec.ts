import { type Page } from '@playwright/test';
import { expect, ready, test } from './helpers';

/** Paths of the scripts and WebAssembly the page fetches from now on. */
function watchCode(page: Page): string[] {
  const fetched: string[] = [];
  page.on('request', (request) => {
    const path = new URL(request.url()).pathname;
    if (path.endsWith('.wasm') || path.endsWith('.js')) fetched.push(path);
  });
  return fetched;
}

/** Paths of the documents the page loads from now on. */
function watchDocuments(page: Page): string[] {
  const documents: string[] = [];
  page.on('request', (request) => {
    if (request.resourceType() === 'document') documents.push(new URL(request.url()).pathname);
  });
  return documents;
}

test('pages are documents: a link loads the next one, and code comes only for a page with islands, after it has loaded', async ({ page }, testInfo) => {
  const js = testInfo.project.name === 'js';
  const code = watchCode(page);
  const documents = watchDocuments(page);

  // The front page has no island, and so no script.
  await page.goto('/');
  await ready(page, testInfo);
  expect(code).toEqual([]);

  // The jobs page has one: its filters search as soon as one is chosen. The code comes after the load event, so
  // nothing competes with the page's own files; it is the main WebAssembly alone.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Jobs' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Jobs' })).toBeVisible();
  await ready(page, testInfo);
  expect(documents).toEqual(['/', '/jobs']);
  if (js) {
    const beforeLoad = await page.evaluate(() => {
      const load = (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).loadEventStart;
      return performance
        .getEntriesByType('resource')
        .filter((entry) => /\/pkg\/.*\.(js|wasm)$/.test(entry.name) && entry.startTime < load)
        .map((entry) => entry.name);
    });
    expect(beforeLoad).toEqual([]);
    expect(code).toContain('/pkg/hubboard.js');
    expect(code).toContain('/pkg/hubboard.wasm');
    expect(code.filter((path) => path.endsWith('.wasm'))).toEqual(['/pkg/hubboard.wasm']);
  } else {
    expect(code).toEqual([]);
  }

  // A form with checked fields fetches the piece those fields need.
  await page.goto('/register');
  await ready(page, testInfo);
  if (js) {
    expect(code.some((path) => /^\/pkg\/split_checked_field_loader_\w+\.wasm$/.test(path))).toBe(true);
  } else {
    expect(code).toEqual([]);
  }
});

test('islands come alive without changing what the server sent, with no error and no data outside them', async ({ page, request }, testInfo) => {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') errors.push(message.text());
  });
  const sidebar = page.getByRole('complementary', { name: 'More from Hubboard' });
  const boxes = ['Featured jobs', 'Company directory', 'Latest intelligence'].map((name) =>
    sidebar.getByRole('region', { name }),
  );
  // A form page such as /register has no sidebar, and the front page's sidebar leaves the news to its main column.
  const contents = async () => {
    const texts = [await page.getByRole('main').innerText()];
    for (const box of boxes) if ((await box.count()) > 0) texts.push(await box.innerText());
    return texts;
  };

  for (const path of ['/', '/jobs', '/register']) {
    await page.goto(path);
    const sent = await contents();
    await ready(page, testInfo);
    expect(await contents()).toEqual(sent);

    // The document ends with </html>; the renderer's marks are gone outside the islands.
    const html = await (await request.get(path)).text();
    expect(html.trimEnd().endsWith('</html>')).toBe(true);
    expect(html).not.toContain('<!>');
  }
  expect(errors).toEqual([]);
});
