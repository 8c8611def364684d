import { expect, type Page, type TestInfo } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';

/** A password that passes every rule. */
export const PASSWORD = 'mossy lighthouse tangent';

/** An address no other test (or run, or project) uses. */
export function uniqueEmail(testInfo: TestInfo, label: string): string {
  const stamp = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;
  return `${label}-${testInfo.project.name}-${stamp}@example.com`;
}

/** With JavaScript on, waits until the page is hydrated so that forms are handled by the app. */
export async function ready(page: Page, testInfo: TestInfo): Promise<void> {
  await page.waitForLoadState('load');
  if (testInfo.project.name === 'js') {
    await page.locator('body[data-hydrated="true"]').waitFor({ state: 'attached', timeout: 30_000 });
  }
}

/** axe-core finds no violations on the current page. */
export async function expectNoAxeViolations(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  const summary = results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
  expect(summary).toEqual([]);
}
