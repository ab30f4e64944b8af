// Real-browser test of the front page (issue 14): headless Chromium loads the page of a
// running server, checks it rendered with its script allowed by the CSP, types a query into
// the search box, waits for a hit link, and saves a screenshot.
//
// Usage: node front_page.mjs <page URL> <screenshot.png>
// Env: CHROMIUM (browser binary, default /usr/bin/chromium), PLAYWRIGHT_DIR (folder whose
// node_modules holds playwright-core; default: this script's folder).
import { createRequire } from 'node:module';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const [url, screenshot] = process.argv.slice(2);
if (!url || !screenshot) {
  console.error('usage: node front_page.mjs <page URL> <screenshot.png>');
  process.exit(2);
}
const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(path.join(process.env.PLAYWRIGHT_DIR || here, 'node_modules', 'x.js'));
const { chromium } = require('playwright-core');

const QUERY = process.env.FRONT_PAGE_QUERY || 'custom domain';
const profile = mkdtempSync(path.join(tmpdir(), 'hostless-chromium-'));
const problems = [];
let context;

function fail(message) {
  throw new Error(message);
}

try {
  // playwright passes the profile folder as --user-data-dir.
  context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync',
    ],
    viewport: { width: 1200, height: 1500 },
    colorScheme: 'light',
  });
  const page = context.pages()[0] || (await context.newPage());
  // A CSP violation or a script error shows up here; either fails the test.
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  // The page must work offline: any request to another origin fails the test.
  const origin = new URL(url).origin;
  page.on('request', (r) => { if (new URL(r.url()).origin !== origin) problems.push(`external request: ${r.url()}`); });

  page.on('response', (r) => { if (r.status() >= 400) problems.push(`HTTP ${r.status()} for ${r.url()}`); });

  const response = await page.goto(url, { waitUntil: 'load' });
  if (!response || response.status() !== 200) fail(`GET ${url}: ${response && response.status()}`);
  const type = response.headers()['content-type'] || '';
  if (!type.startsWith('text/html')) fail(`content-type ${type}`);
  if (!(await page.title()).includes('Hostless MCP')) fail(`title ${await page.title()}`);
  const docsUrl = `${origin}/mcp/docs`;
  if (!(await page.textContent('body')).includes(docsUrl)) fail(`the page does not name ${docsUrl}`);
  // The copy buttons are shown by the script: visible means the CSP let it run.
  await page.locator('button.copy').first().waitFor({ state: 'visible', timeout: 5000 });

  // The Cursor config's copy button puts the config, with this server's URL, on the clipboard.
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin });
  await page.click('button[data-copy="cfg-cursor"]');
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  if (!JSON.parse(copied).mcpServers['hostless-docs'].url.startsWith(docsUrl)) fail(`copied ${copied}`);

  await page.fill('#search-query', QUERY);
  await page.press('#search-query', 'Enter');
  const hit = page.locator('#search-hits a.hit').first();
  await hit.waitFor({ state: 'visible', timeout: 15000 });
  const hits = await page.locator('#search-hits a.hit').count();
  const href = await hit.getAttribute('href');
  if (!/^https?:\/\//.test(href || '')) fail(`hit link ${href}`);
  const status = await page.textContent('#search-status');

  await page.locator('#try').scrollIntoViewIfNeeded();
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: screenshot, fullPage: false });
  if (problems.length) fail(problems.join('\n'));
  console.log(`browser test OK: ${hits} hit link(s) for "${QUERY}" (${status.trim()}), first ${href}; `
    + `screenshot ${screenshot}`);
} catch (error) {
  console.error(`browser test FAILED: ${error.message}`);
  if (problems.length) console.error(problems.join('\n'));
  process.exitCode = 1;
} finally {
  if (context) await context.close();
  rmSync(profile, { recursive: true, force: true });
}
