// The module hooks own-packages-only.mjs registers: an import of a package that Node found only in
// a node_modules folder above the copy of the package fails as one Node finds nowhere does
// (ERR_MODULE_NOT_FOUND, "Cannot find package 'NAME' imported from FILE").
import { statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let above = new Set();

export function initialize(data) {
  above = new Set(data.above);
}

export async function resolve(specifier, context, next) {
  const resolved = await next(specifier, context);
  // a package's name: not a path, a URL (node:fs), nor one of a package's own #imports
  if (/^[./#]|^[\w+.-]+:/.test(specifier) || !context.parentURL?.startsWith('file:') || !resolved.url.startsWith('file:')) return resolved;
  const bare = /^(?:@[^/]+\/)?[^/]+/.exec(specifier)[0];
  // the folder Node took it from: the first above the importing file that holds node_modules/NAME
  const asker = fileURLToPath(context.parentURL);
  for (let dir = dirname(asker); ; dir = dirname(dir)) {
    const folder = join(dir, 'node_modules');
    if (statSync(join(folder, bare), { throwIfNoEntry: false })?.isDirectory()) {
      if (!above.has(folder)) return resolved;
      throw Object.assign(new Error(`Cannot find package '${bare}' imported from ${asker}`), { code: 'ERR_MODULE_NOT_FOUND' });
    }
    if (dirname(dir) === dir) return resolved;
  }
}
