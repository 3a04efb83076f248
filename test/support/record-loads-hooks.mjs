// The module hooks record-loads.mjs registers: they run on the loader's own thread, so each
// load is appended to the file at once (nothing to hand back at exit).
import { appendFileSync } from 'node:fs';

let file;

export function initialize(data) {
  file = data.file;
}

export async function load(url, context, next) {
  appendFileSync(file, `${url}\n`);
  return next(url, context);
}
