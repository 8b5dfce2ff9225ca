// Opens a HAR file exported by the workbench in Chromium's own DevTools Network panel ("Import HAR file")
// and reports how many requests DevTools shows; writes a screenshot beside the HAR.
//
// Needs Debian's chromium and playwright-core (not project dependencies):
//   apt-get install -y chromium && (cd /tmp/har && npm install playwright-core)
//   NODE_PATH=/tmp/har/node_modules node src/bench/har-devtools/check.mjs session.har [expected-count]
// Exit status 1 if DevTools shows a different number of requests than the HAR has entries.
import { createRequire } from 'module';
import { spawn } from 'child_process';
import { readFileSync } from 'fs';

const require = createRequire(process.env.NODE_PATH ? process.env.NODE_PATH + '/' : import.meta.url);
const { chromium } = require('playwright-core');
const har = process.argv[2];
const entries = JSON.parse(readFileSync(har, 'utf8')).log.entries.length;
const port = 9333;

// A browser to inspect (any page will do) and a second one showing its DevTools front end.
const inspected = spawn('/usr/bin/chromium', ['--headless=new', '--no-sandbox', `--remote-debugging-port=${port}`,
  '--user-data-dir=/tmp/har-devtools-profile', 'about:blank'], { stdio: 'ignore' });
try {
  let targets;
  for (let i = 0; i < 50 && !targets; i++) {
    await new Promise(r => setTimeout(r, 200));
    targets = await fetch(`http://127.0.0.1:${port}/json`).then(r => r.json()).catch(() => undefined);
  }
  const target = targets.find(t => t.type === 'page');
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
  const page = await browser.newPage({ viewport: { width: 1400, height: 800 } });
  await page.goto(`http://127.0.0.1:${port}/devtools/inspector.html?ws=127.0.0.1:${port}/devtools/page/${target.id}&panel=network`);
  const chooser = page.waitForEvent('filechooser');
  await page.locator('[aria-label^="Import HAR"]').first().click();
  await (await chooser).setFiles(har);
  const summary = page.locator('text=/\\d+ requests/').first();
  await summary.waitFor();
  const toggle = page.locator('[aria-label="Toggle screencast"]');
  if (await toggle.count()) {
    await toggle.first().click();
  }
  await page.locator('.data-grid-data-grid-node', { hasText: '503' }).first().locator('td').first().click()
    .catch(() => { /* no throttled attempt in this HAR */ });
  await page.waitForTimeout(1000);
  const shown = Number((await summary.textContent()).match(/(\d+) requests/)[1]);
  await page.screenshot({ path: har.replace(/\.har$/, '') + '-devtools.png' });
  await browser.close();
  console.log(`HAR entries: ${entries}; DevTools Network panel shows: ${shown} requests`);
  process.exitCode = shown === entries ? 0 : 1;
} finally {
  inspected.kill();
}
