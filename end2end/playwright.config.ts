import { defineConfig } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

// One fresh database per run, shared by every worker (they inherit the environment of the main process).
process.env.HUBBOARD_E2E_DB ??= path.join(os.tmpdir(), `hubboard-e2e-${process.pid}-${Date.now()}.db`);
// Mail goes to one .eml file per message here, where the tests read the links they need.
process.env.HUBBOARD_E2E_MAIL ??= path.join(os.tmpdir(), `hubboard-e2e-mail-${process.pid}-${Date.now()}`);
const port = Number(process.env.HUBBOARD_E2E_PORT ?? 3100);
const baseURL = `http://127.0.0.1:${port}`;
const binary = process.env.HUBBOARD_BIN ?? path.resolve(__dirname, '../target/debug/hubboard');

// Debian's Chromium, started so that it never tries to reach the network.
const chromium = {
  executablePath: '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-dev-shm-usage',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-quic',
    '--no-first-run',
  ],
};

// Reference pictures (tests/visual.spec.ts) compare only when drawn by the same browser with the same fonts, so they
// are kept per rendering stack: Chromium's version and a digest of the installed font files. A machine whose stack
// has no references yet writes them on its first run (`updateSnapshots: 'missing'`) and compares from then on.
function renderingStack(): string {
  const version = execFileSync(chromium.executablePath, ['--version']).toString().match(/\d+(\.\d+)*/)?.[0] ?? 'unknown';
  const digest = createHash('sha256');
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(file);
      else digest.update(`${file} ${fs.statSync(file).size}\n`);
    }
  };
  for (const dir of ['/usr/share/fonts', '/usr/local/share/fonts']) {
    if (fs.existsSync(dir)) walk(dir);
  }
  return `chromium-${version}-fonts-${digest.digest('hex').slice(0, 10)}`;
}

export default defineConfig({
  testDir: './tests',
  snapshotPathTemplate: `{testDir}/{testFilePath}-snapshots/${renderingStack()}/{arg}{ext}`,
  updateSnapshots: 'missing',
  // Results stay beside the tests, never at the top of the repository.
  outputDir: path.join(__dirname, 'test-results'),
  timeout: 60_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  use: { baseURL, trace: 'off', launchOptions: chromium },
  projects: [
    { name: 'js', use: { javaScriptEnabled: true } },
    // axe-core needs JavaScript in the page to run, so the accessibility checks run in the js project only; the
    // markup checked by the Nu checker and the look compared with reference pictures are the same either way, so they
    // are checked once, there too.
    { name: 'no-js', use: { javaScriptEnabled: false }, testIgnore: /(a11y|valid-html|visual)\.spec\.ts/ },
  ],
  webServer: {
    command: `"${binary}" serve --demo`,
    url: `${baseURL}/readyz`,
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: 'ignore',
    stderr: 'pipe',
    env: {
      DATABASE_URL: `sqlite://${process.env.HUBBOARD_E2E_DB}?mode=rwc`,
      LEPTOS_SITE_ADDR: `127.0.0.1:${port}`,
      LEPTOS_SITE_ROOT: path.resolve(__dirname, '../target/site'),
      HUBBOARD_SITE_URL: baseURL,
      HUBBOARD_MAIL: `file:${process.env.HUBBOARD_E2E_MAIL}`,
      // Alerts asked for "as soon as something is published" go out within a second or two.
      HUBBOARD_ALERTS_EVERY: '1',
      // Every test signs up from this one address; the integration tests check the limits themselves.
      HUBBOARD_RATE_LIMIT_FACTOR: '100',
      RUST_LOG: 'warn',
    },
  },
});
