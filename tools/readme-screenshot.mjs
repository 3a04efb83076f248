// The README's picture: the executive page of the bundled scenario's report, as Chromium draws
// it. Usage: npm run readme-screenshot (runs the bundled scenario into a temporary folder,
// opens its report.html in Debian's chromium with the network blocked, and writes
// docs/report-executive.png).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const root = fileURLToPath(new URL('..', import.meta.url));
const out = mkdtempSync(join(tmpdir(), 'etomsim-readme-'));
try {
  execFileSync(process.execPath, [join(root, 'bin/etomsim.cjs'), 'run', '-q', '--workers', '2', '--out', out, '--formats', 'html'], {
    stdio: 'inherit',
  });
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
  try {
    const page = await browser.newPage({ viewport: { width: 1180, height: 900 }, deviceScaleFactor: 1 });
    const url = pathToFileURL(join(out, 'report.html')).href;
    await page.route('**/*', (route) => (route.request().url() === url ? route.continue() : route.abort()));
    await page.goto(url);
    await page.locator('#executive').screenshot({ path: join(root, 'docs/report-executive.png') });
  } finally {
    await browser.close();
  }
} finally {
  rmSync(out, { recursive: true, force: true });
}
