// Preloaded with `node --import`: records the URL of every module the process loads, one a
// line, in the file ETOMSIM_LOADS names, so that a test can see what a command imported.
import { register } from 'node:module';

register('./record-loads-hooks.mjs', import.meta.url, { data: { file: process.env.ETOMSIM_LOADS } });
