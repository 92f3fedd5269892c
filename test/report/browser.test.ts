/**
 * report.html in a real headless Chromium (Debian's /usr/bin/chromium driven by playwright-core):
 * opened from a file:// URL it draws every chart, logs no error, makes no request beyond the
 * document itself, and shows the hostile scenario name as text. A screenshot is kept under
 * reports/test-screenshots/report.png. Skipped, saying why, where /usr/bin/chromium is absent
 * (install it with `apt-get install -y chromium`) — except under CI (CI=true), which installs it: there
 * a missing browser fails the test.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { writeReportDir } from '../../src/app/write-files.js';
import { chartSpecs } from '../../src/report/charts/index.js';
import { reportFiles } from '../../src/report/index-files.js';
import { ROOT } from '../helpers/scenarios.js';
import { runInfo } from './fixture.js';
import { HOSTILE, hostileRun } from './hostile.js';

const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const present = existsSync(CHROMIUM) || process.env.CI === 'true';
if (!present) console.warn(`browser test skipped: ${CHROMIUM} not found (apt-get install -y chromium)`);

describe.skipIf(!present)('report.html in headless Chromium', () => {
  it('renders every chart offline, with no console error and no request but the page', async () => {
    const { scenario, run } = await hostileRun();
    const tmp = mkdtempSync(join(tmpdir(), 'srvsim-browser-'));
    // playwright refuses --user-data-dir in args: a persistent context takes the fresh folder instead.
    const context = await chromium.launchPersistentContext(join(tmp, 'profile'), { executablePath: CHROMIUM, args: ARGS, headless: true, viewport: { width: 1200, height: 900 } });
    try {
      await writeReportDir({ dir: join(tmp, 'report') }, await reportFiles(scenario, run, runInfo(scenario, 2)));
      const url = pathToFileURL(join(tmp, 'report', 'report.html')).href;
      const page = context.pages()[0] ?? (await context.newPage());
      const requests: string[] = [];
      const errors: string[] = [];
      let dialogs = 0;
      page.on('request', (r) => requests.push(r.url()));
      page.on('console', (m) => (m.type() === 'error' ? errors.push(m.text()) : undefined));
      page.on('pageerror', (e) => errors.push(e.message));
      page.on('dialog', (d) => {
        dialogs++;
        void d.dismiss();
      });
      await page.goto(url, { waitUntil: 'load' });

      const charts = await page.$$eval('figure.chart', (figs) =>
        figs.map((f) => {
          const svg = f.querySelector('svg');
          const box = svg?.getBoundingClientRect();
          return { id: f.id, width: box?.width ?? 0, height: box?.height ?? 0, marks: svg?.querySelectorAll('g[class*="mark-"] path, g[class*="mark-"] line').length ?? 0 };
        }),
      );
      expect(charts.map((c) => c.id)).toEqual(chartSpecs(scenario, run).map((c) => `chart-${c.name}`));
      for (const c of charts) {
        expect(c.width, c.id).toBeGreaterThan(300);
        expect(c.height, c.id).toBeGreaterThan(100);
        expect(c.marks, c.id).toBeGreaterThan(2);
      }
      expect(await page.locator('.sub strong').textContent()).toBe(HOSTILE.name);
      expect(await page.locator('img, script').count()).toBe(0);
      expect(dialogs).toBe(0);
      expect(errors).toEqual([]);
      expect(requests).toEqual([url]);

      mkdirSync(join(ROOT, 'reports', 'test-screenshots'), { recursive: true });
      await page.screenshot({ path: join(ROOT, 'reports', 'test-screenshots', 'report.png'), fullPage: true });
    } finally {
      await context.close();
      rmSync(tmp, { recursive: true, force: true });
    }
  });
});
