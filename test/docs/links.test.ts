// The README and the docs link only files that are in the repository: a user who clones it
// can read every format it links (no link into ../shared/, no dead relative link).
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const PAGES = [
  'README.md',
  'CONTRIBUTING.md',
  'docs/scenario-format.md',
  'docs/results-format.md',
  'docs/reading-event-logs.md',
  'docs/discovery-notes.md',
  'docs/performance-notes.md', // its README record before session 40 kept a README link, dead there until session 62
  'docs/bench-runs.md',
  'deploy/README.md',
];

/** Relative targets of Markdown links and images, without their #fragment. */
function relativeLinks(markdown: string): string[] {
  return [...markdown.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1].split('#')[0]).filter((t) => t !== '' && !/^[a-z]+:/i.test(t));
}

describe.each(PAGES)('%s', (page) => {
  const text = readFileSync(join(ROOT, page), 'utf8');

  test('every relative link resolves inside the repository', () => {
    const links = relativeLinks(text);
    if (page === 'README.md') expect(links).toEqual(expect.arrayContaining(['docs/scenario-format.md', 'docs/results-format.md']));
    for (const link of links) {
      const target = join(dirname(join(ROOT, page)), link);
      expect(target.startsWith(ROOT), `${link} leaves the repository`).toBe(true);
      expect(existsSync(target), `${link} does not exist`).toBe(true);
    }
  });
});
