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

test('pages are documents: a link loads the next one, and the code for the islands comes once the page has loaded', async ({ page }, testInfo) => {
  const js = testInfo.project.name === 'js';
  const code = watchCode(page);
  const documents = watchDocuments(page);

  await page.goto('/');
  const loaded = code.length;
  await ready(page, testInfo);
  if (js) {
    // Nothing competes with the page's own files: the script and the WebAssembly are asked for after the load event.
    expect(loaded).toBe(0);
    await expect.poll(() => [...code].sort()).toEqual(['/pkg/hubboard.js', '/pkg/hubboard.wasm']);
  } else {
    expect(code).toEqual([]);
  }

  await page.getByRole('main').getByRole('link', { name: 'Find a job' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Jobs' })).toBeVisible();
  await expect(page.getByRole('main').getByRole('article').first()).toBeVisible();
  expect(documents).toEqual(['/', '/jobs']);
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
  const contents = () => Promise.all([page.getByRole('main').innerText(), ...boxes.map((box) => box.innerText())]);

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
