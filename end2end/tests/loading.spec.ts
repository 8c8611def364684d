import { type Page } from '@playwright/test';
import { expect, ready, test } from './helpers';

/** Paths of the WebAssembly files the page fetches from now on. */
function watchWasm(page: Page): string[] {
  const fetched: string[] = [];
  page.on('request', (request) => {
    const path = new URL(request.url()).pathname;
    if (path.endsWith('.wasm')) fetched.push(path);
  });
  return fetched;
}

test('the front page fetches only the main WebAssembly, and a page its own piece when it is opened', async ({ page }, testInfo) => {
  const wasm = watchWasm(page);
  const documents: string[] = [];
  page.on('request', (request) => {
    if (request.resourceType() === 'document') documents.push(new URL(request.url()).pathname);
  });

  await page.goto('/');
  await ready(page, testInfo);
  if (testInfo.project.name === 'js') {
    await expect.poll(() => wasm).toEqual(['/pkg/hubboard.wasm']);
  }

  await page.getByRole('main').getByRole('link', { name: 'Find a job' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Jobs' })).toBeVisible();
  await expect(page.getByRole('main').getByRole('article').first()).toBeVisible();

  if (testInfo.project.name === 'js') {
    // The jobs page was rendered in the browser, from a piece fetched when the link was followed.
    expect(documents).toEqual(['/']);
    expect(wasm.length).toBeGreaterThan(1);
    expect(wasm.slice(1).every((path) => /^\/pkg\/(split|chunk)_[A-Za-z0-9_]+\.wasm$/.test(path))).toBe(true);
  } else {
    // Without JavaScript nothing but pages is fetched, and the link is an ordinary one.
    expect(wasm).toEqual([]);
    expect(documents).toEqual(['/', '/jobs']);
  }
});

test('a page landed on directly is made interactive once its piece has arrived', async ({ page }, testInfo) => {
  const js = testInfo.project.name === 'js';
  const wasm = watchWasm(page);

  await page.goto('/news');
  await ready(page, testInfo);
  if (js) {
    expect(wasm[0]).toBe('/pkg/hubboard.wasm');
    expect(wasm.some((path) => path.startsWith('/pkg/split_'))).toBe(true);
  } else {
    expect(wasm).toEqual([]);
  }

  // Hydrated, following a link is handled in the page; without JavaScript it loads the story as a new document.
  const documents: string[] = [];
  page.on('request', (request) => {
    if (request.resourceType() === 'document') documents.push(new URL(request.url()).pathname);
  });
  const story = page.getByRole('main').getByRole('article').first().getByRole('link').first();
  const href = await story.getAttribute('href');
  await story.click();
  await expect(page).toHaveURL(href ?? '');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  expect(documents).toEqual(js ? [] : [href]);
});

test('a link followed while the page waits for its piece is opened by the browser', async ({ page }, testInfo) => {
  const js = testInfo.project.name === 'js';
  // The company page's piece never arrives (as on a dropped connection), so the page stays waiting for it.
  // Without JavaScript nothing asks for it, and the link is an ordinary one from the start.
  let dropped!: () => void;
  const pieceDropped = new Promise<void>((resolve) => (dropped = resolve));
  await page.route(/\/pkg\/split_listing_pages_\w+\.wasm$/, async (route) => {
    await route.abort('connectionreset');
    dropped();
  });
  const documents: string[] = [];
  page.on('request', (request) => {
    if (request.resourceType() === 'document') documents.push(new URL(request.url()).pathname);
  });

  await page.goto('/companies/fernbank-medical-communications');
  if (js) await pieceDropped;
  await page.getByRole('link', { name: 'Follow by email: new jobs and news' }).click();
  await expect(page).toHaveURL(/\/alerts\?company=fernbank-medical-communications$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Email alerts' })).toBeVisible();
  expect(documents).toEqual(['/companies/fernbank-medical-communications', '/alerts']);
  // The next page needs another piece, which arrives: it is hydrated as usual.
  await ready(page, testInfo);
  await expect(page.getByLabel('Alert me about')).toContainText('New jobs at Fernbank Medical Communications');
});

test('the sidebar boxes the server fills in keep their contents once the page is interactive and between pages', async ({ page }, testInfo) => {
  const js = testInfo.project.name === 'js';
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  const sidebar = page.getByRole('complementary', { name: 'More from Hubboard' });
  const boxes = ['Featured jobs', 'Company directory', 'Latest intelligence'].map((name) =>
    sidebar.getByRole('region', { name }),
  );
  const contents = () => Promise.all(boxes.map((box) => box.innerText()));

  await page.goto('/');
  const sent = await contents();
  for (const box of boxes) await expect(box.getByRole('link').first()).toBeVisible();
  await ready(page, testInfo);
  expect(await contents()).toEqual(sent);

  const documents: string[] = [];
  page.on('request', (request) => {
    if (request.resourceType() === 'document') documents.push(new URL(request.url()).pathname);
  });
  const story = boxes[2].getByRole('listitem').first().getByRole('link');
  const href = await story.getAttribute('href');
  await story.click();
  await expect(page).toHaveURL(href ?? '');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  if (js) {
    // Rendered in the page: the sidebar stayed, exactly as the server sent it.
    expect(documents).toEqual([]);
    expect(await contents()).toEqual(sent);
  } else {
    // A new document, with boxes of its own (featured jobs take turns).
    expect(documents).toEqual([href]);
    for (const box of boxes) await expect(box.getByRole('link').first()).toBeVisible();
  }
  expect(errors).toEqual([]);
});
