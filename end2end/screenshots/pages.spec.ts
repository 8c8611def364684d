import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from '@playwright/test';

// The main pages at a desktop's and a phone's width, in the light and the dark theme, one PNG each in
// $SCREENSHOTS_DIR (screenshots/ at the top of the repository): for looking at, not for comparing. Each page is taken
// whole and as its first screen (`-first-screen`), what a visitor sees before scrolling.

const DIR = process.env.SCREENSHOTS_DIR ?? path.resolve(__dirname, '../../screenshots');

const PAGES: [string, string][] = [
  ['front-page', '/'],
  ['jobs', '/jobs'],
  ['job', '/jobs/1-senior-medical-writer'],
  ['directory', '/companies'],
  ['company', '/companies/fernbank-medical-communications'],
  ['news', '/news'],
  ['article', '/news/what-ai-is-actually-doing-in-medical-writing-teams'],
  ['infographics', '/infographics'],
  ['sign-in', '/signin'],
];

const SIZES = [
  { name: 'desktop', width: 1366, height: 900 },
  { name: 'phone', width: 390, height: 844 },
];

for (const [name, address] of PAGES) {
  test(`screenshots of ${address}`, async ({ page }) => {
    fs.mkdirSync(DIR, { recursive: true });
    for (const size of SIZES) {
      await page.setViewportSize({ width: size.width, height: size.height });
      await page.goto(address);
      await page.waitForLoadState('load');
      for (const colorScheme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme });
        await page.evaluate(() => Promise.all(document.getAnimations().map((animation) => animation.finished)));
        const file = `${name}-${size.name}-${colorScheme}`;
        await page.screenshot({ path: path.join(DIR, `${file}.png`), fullPage: true });
        await page.screenshot({ path: path.join(DIR, `${file}-first-screen.png`) });
      }
    }
  });
}
