// The vega, vega-lite and vega-embed browser builds, read from node_modules and made safe to
// inline in a <script> element, so that report.html draws its charts offline.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** Each package's minified browser build sits beside its entry point (build/), which its exports hide. */
const BUILDS: [string, string][] = [
  ['vega', 'vega.min.js'],
  ['vega-lite', 'vega-lite.min.js'],
  ['vega-embed', 'vega-embed.min.js'],
];

const require = createRequire(import.meta.url);

/**
 * Inside <script>, "</script" would end the element and "<!--" changes how the rest is parsed;
 * "<\/" and "<\!" mean the same in JavaScript strings, regular expressions and comments.
 */
export function scriptSafe(code: string): string {
  return code.replace(/<\/(script)/gi, '<\\/$1').replace(/<!--/g, '<\\!--');
}

let cached: string[] | null = null;

/** The three libraries' code, in load order (vega-lite needs vega; vega-embed needs both). */
export function browserLibraries(): string[] {
  cached ??= BUILDS.map(([pkg, file]) => scriptSafe(readFileSync(join(dirname(require.resolve(pkg)), file), 'utf8')));
  return cached;
}
