// Who stops the chart-drawing threads when a report fails: buildReport stops the threads it
// started itself (a long-lived process would otherwise keep the renderer loaded in threads
// nobody ends), and leaves a caller's to the caller, who may still want them.
import { afterEach, describe, expect, test, vi } from 'vitest';
import type { ChartDrawing } from '../../reports/svg-thread.js';
import { smallResults } from './fixture.js';

const started: { stop: ReturnType<typeof vi.fn> }[] = [];

vi.mock('../../reports/svg-thread.js', async (original) => ({
  ...(await original<typeof import('../../reports/svg-thread.js')>()),
  startChartDrawing: (): ChartDrawing => {
    const drawing = {
      draw: vi.fn(),
      finish: vi.fn(async () => []),
      stop: vi.fn(),
      loaded: vi.fn(async () => {}),
      hasLoaded: vi.fn(() => true),
      started: vi.fn(async () => {}),
    };
    started.push(drawing);
    return drawing;
  },
}));

// the page fails to render, after the charts were handed to the threads
vi.mock('../../reports/html.js', async (original) => ({
  ...(await original<typeof import('../../reports/html.js')>()),
  renderHtml: () => {
    throw new Error('the page failed');
  },
}));

afterEach(() => {
  started.length = 0;
});

describe('the chart threads of a report that fails', () => {
  test('buildReport stops the threads it started', async () => {
    const { buildReport } = await import('../../reports/index.js');
    await expect(buildReport(smallResults())).rejects.toThrow('the page failed');
    expect(started).toHaveLength(1);
    expect(started[0].stop).toHaveBeenCalledTimes(1);
  });

  test('a caller’s threads are the caller’s: not stopped by buildReport', async () => {
    const { buildReport } = await import('../../reports/index.js');
    const { startChartDrawing } = await import('../../reports/svg-thread.js');
    const drawing = startChartDrawing();
    await expect(buildReport(smallResults(), undefined, drawing)).rejects.toThrow('the page failed');
    expect(started).toHaveLength(1);
    expect(started[0].stop).not.toHaveBeenCalled();
  });
});
