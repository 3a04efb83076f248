// The charts drawn on worker threads are the very SVGs this thread draws, in order, however
// many threads share them, whichever thread takes which chart, and whether the threads were
// started long before the charts were handed to them, one by one; a chart that cannot be drawn
// fails the drawing with the same error; threads never given their charts do not keep the
// process alive. The threads run the compiled worker in dist/, which `npm test` builds first.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { TopLevelSpec } from 'vega-lite';
import { describe, expect, test } from 'vitest';
import { reportCharts } from '../../dist/reports/index.js';
import { type ChartDrawing, drawCharts, startChartDrawing } from '../../dist/reports/svg-thread.js';
import { smallResults } from './fixture.js';

describe('charts drawn on their own threads', () => {
  const specs = reportCharts(smallResults()).map((c) => c.spec);

  test('0, 1 and 3 threads give byte-identical SVGs in the specs order', async () => {
    expect(specs.length).toBeGreaterThan(3);
    const [here, one, three] = await Promise.all([drawCharts(specs, 0), drawCharts(specs, 1), drawCharts(specs, 3)]);
    expect(here).toHaveLength(specs.length);
    for (const svg of here) expect(svg.startsWith('<svg')).toBe(true);
    expect(new Set(here).size).toBe(specs.length); // distinct charts, so a reordering would show
    expect(one).toEqual(here);
    expect(three).toEqual(here);
  });

  test('threads started before the charts, handed them one by one as they come, draw the same SVGs, whichever took which', async () => {
    const here = await drawCharts(specs, 0);
    const orders = [specs.map((_, i) => i), specs.map((_, i) => specs.length - 1 - i)];
    for (const order of orders) {
      // handed in another order, each chart drawn by whichever thread is free first, after others than before
      const drawing = startChartDrawing(2);
      for (const i of order) {
        drawing.draw(specs[i]);
        await new Promise((resolve) => setTimeout(resolve, 5)); // the threads take charts as they come
      }
      const svgs = await drawing.finish();
      expect(svgs).toEqual(order.map((i) => here[i]));
    }
    // the charts reach `reportCharts`' callback in the order it returns them, each as it is built
    const handed: TopLevelSpec[] = [];
    expect(reportCharts(smallResults(), (chart) => handed.push(chart.spec)).map((c) => c.spec)).toEqual(handed);
  });

  test('loaded settles once every thread has loaded the renderer, before any chart is handed; with no threads, once finish has loaded it here', async () => {
    const here = await drawCharts([specs[0]], 0);
    const threads = startChartDrawing(2);
    await threads.loaded(); // no chart handed yet: the threads load the renderer as they start
    expect(threads.hasLoaded()).toBe(true);
    threads.draw(specs[0]);
    expect(await threads.finish()).toEqual(here);

    const alone = startChartDrawing(0);
    let settled = false;
    void alone.loaded().then(() => (settled = true));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect({ settled, hasLoaded: alone.hasLoaded() }).toEqual({ settled: false, hasLoaded: false });
    alone.draw(specs[0]);
    expect(await alone.finish()).toEqual(here);
    expect({ settled, hasLoaded: alone.hasLoaded() }).toEqual({ settled: true, hasLoaded: true });
  });

  test('beforeRenderer is called once, after every thread has started and before any loads the renderer; never once stopped', async () => {
    // the CLI raises V8's interrupt budget there: the threads' start under it compiled Node's modules again (bin/v8-flags.ts)
    const here = await drawCharts([specs[0]], 0);
    // hasLoaded() is read in beforeRenderer, not after a fixed wait: the threads are told to load once every one has
    // started, whether or not the caller awaits started(), so on an idle host they had loaded 2 s in (CI failed so)
    const seen: boolean[] = [];
    const drawing: ChartDrawing = startChartDrawing(2, () => seen.push(drawing.hasLoaded()));
    await drawing.started();
    expect(seen).toEqual([false]);
    await drawing.loaded();
    drawing.draw(specs[0]);
    expect(await drawing.finish()).toEqual(here);
    expect(seen).toEqual([false]);

    const stopped = startChartDrawing(1, () => seen.push(true));
    stopped.stop();
    await stopped.started();
    expect(seen).toEqual([false]);
  });

  test('a spec that cannot be drawn rejects the drawing with the error drawing it here gives', async () => {
    const bad = { mark: 'no-such-mark', data: { values: [] } } as unknown as TopLevelSpec;
    const here = await drawCharts([bad], 0).then(
      () => null,
      (err: Error) => err.message,
    );
    expect(here).not.toBeNull();
    await expect(drawCharts([specs[0], bad], 1)).rejects.toThrow(here!);
  });

  test('threads that are never handed their charts, or are stopped, let the process end', () => {
    // `etomsim report` starts them before it reads the file: one it refuses must still exit at once
    const module = pathToFileURL(join(import.meta.dirname, '../../dist/reports/svg-thread.js')).href;
    const dir = mkdtempSync(join(tmpdir(), 'etomsim-chart-threads-'));
    try {
      for (const end of ['', 'drawing.stop();', 'drawing.draw({ mark: "point", data: { values: [] } }); drawing.stop();']) {
        // a file, not -e: the threads inherit this process's flags, and --input-type would stop them at once
        const file = join(dir, 'left.mjs');
        writeFileSync(
          file,
          `const { startChartDrawing } = await import(${JSON.stringify(module)});
          const drawing = startChartDrawing(2); ${end}
          console.log('left');`,
        );
        const r = spawnSync(process.execPath, [file], { encoding: 'utf8', timeout: 60_000 });
        expect({ end, stdout: r.stdout, stderr: r.stderr, status: r.status, signal: r.signal }).toEqual({
          end,
          stdout: 'left\n',
          stderr: '',
          status: 0,
          signal: null,
        });
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
