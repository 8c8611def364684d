import { expect, test } from './helpers';

// Key parts of key pages compared with committed reference pictures (tests/visual.spec.ts-snapshots/, one folder per
// browser and font set, see playwright.config.ts), in both themes and at a desktop's and a phone's width: a change to
// the style sheet or the markup that moves them fails here and shows the difference. Parts whose words change with the day (dates) are masked; the demo content the
// server starts with is otherwise fixed, and no other test changes these pages.
//
// After an intended change of look, look at the new pictures and accept them:
//   cd end2end && npx playwright test tests/visual.spec.ts --update-snapshots

const SIZES = [
  { name: 'desktop', width: 1366, height: 900 },
  { name: 'phone', width: 390, height: 844 },
];

const PARTS: { name: string; address: string; part: string; mask?: string[] }[] = [
  { name: 'header', address: '/signin', part: '.site-header' },
  { name: 'front-search', address: '/', part: '.front-search' },
  { name: 'profile-hero', address: '/companies/fernbank-medical-communications', part: '.profile-hero' },
  {
    name: 'job-header',
    address: '/jobs/1-senior-medical-writer',
    part: '.job-header',
    mask: ['.job-header p:has(.badge-featured)'],
  },
];

for (const { name, address, part, mask } of PARTS) {
  test(`${name} looks as it should`, async ({ page }) => {
    for (const size of SIZES) {
      await page.setViewportSize({ width: size.width, height: size.height });
      await page.goto(address);
      await page.waitForLoadState('load');
      await page.evaluate(() => document.fonts.ready);
      for (const colorScheme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme });
        await expect(page.locator(part).first()).toHaveScreenshot(`${name}-${size.name}-${colorScheme}.png`, {
          animations: 'disabled',
          caret: 'hide',
          mask: (mask ?? []).map((selector) => page.locator(selector)),
          // Anti-aliasing may differ by a few pixels between runs; a moved or recoloured part differs by far more.
          maxDiffPixelRatio: 0.002,
        });
      }
    }
  });
}
