// report.html in headless Chromium with the network blocked: every chart must draw (an <svg>
// in each container), with no console error and no request besides the page itself.
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildReport } from '../../reports/index.js';
import { bundledResults } from './bundled-results.js';
import { smallResults } from './fixture.js';

const CHROMIUM = '/usr/bin/chromium';

describe('report.html in a browser', () => {
  let browser: Browser;
  let dir: string;

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) {
      throw new Error(`${CHROMIUM} is missing: install Debian's chromium (apt-get update && apt-get install -y chromium) to run this test`);
    }
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
    dir = mkdtempSync(join(tmpdir(), 'etomsim-report-'));
  });

  afterAll(async () => {
    await browser?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  // The bundled run, and the hand-made results that hold every optional section (sensitivity too).
  test.each([
    ['the bundled scenario', bundledResults],
    ['hand-made results', async () => smallResults()],
  ])('every chart of %s renders offline, without a console error', async (name, make) => {
    const files = await buildReport(await make());
    const file = join(dir, `report-${name.replace(/\W+/g, '-')}.html`);
    writeFileSync(file, files.get('report.html')!);
    const charts = [...files.keys()].filter((f) => f.endsWith('.vl.json')).map((f) => f.slice('charts/'.length, -'.vl.json'.length));
    expect(charts.length).toBeGreaterThan(0);

    const page = await browser.newPage();
    const pageUrl = pathToFileURL(file).href;
    const blocked: string[] = [];
    const errors: string[] = [];
    await page.route('**/*', (route) => {
      if (route.request().url() === pageUrl) return route.continue();
      blocked.push(route.request().url());
      return route.abort();
    });
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    page.on('pageerror', (error) => errors.push(error.message));

    await page.goto(pageUrl);
    for (const chart of charts) await page.locator(`#chart-${chart} svg`).first().waitFor({ timeout: 60_000 });
    const drawn = await page.$$eval('.chart', (nodes) => nodes.map((n) => [n.id, n.querySelectorAll('svg').length > 0, n.textContent ?? ''] as const));

    expect(drawn.map(([id]) => id)).toEqual(charts.map((c) => `chart-${c}`));
    for (const [id, hasSvg, text] of drawn) {
      expect(hasSvg, id).toBe(true);
      expect(text, id).not.toContain('could not be drawn');
    }
    expect(errors).toEqual([]);
    expect(blocked).toEqual([]);
  });
});
