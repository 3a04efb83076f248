// The chart-drawing thread (svg-thread.ts starts it): renders the Vega-Lite specs it is given
// with renderSvg, in their order, and posts the SVG strings back at once. A spec that fails
// to render rejects the whole drawing (the worker's error reaches the caller).
import { parentPort, workerData } from 'node:worker_threads';
import type { TopLevelSpec } from 'vega-lite';
import { renderSvg } from './svg.js';

const specs = workerData as TopLevelSpec[];
const svgs: string[] = [];
for (const spec of specs) svgs.push(await renderSvg(spec));
parentPort!.postMessage(svgs);
