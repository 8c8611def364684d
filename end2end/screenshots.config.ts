import { defineConfig } from '@playwright/test';
import base from './playwright.config';

// `make screenshots`: the same server and browser as the browser tests, with the pages of ./screenshots only.
export default defineConfig({
  ...base,
  testDir: './screenshots',
  projects: [{ name: 'screenshots', use: { javaScriptEnabled: true } }],
});
