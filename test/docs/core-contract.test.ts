// The core contract (scenario and results formats, as the project was given them: the copies in
// test/docs/core-contract/) lives on in docs/, which may add to it but never change it. So every
// word of the contract must be found in docs/'s page, in the contract's order, with any words
// added between: a deleted or reworded word of the contract fails here, at its place.
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';

const PAGES = ['scenario-format.md', 'results-format.md'];

function words(markdown: string): string[] {
  return markdown.match(/\w+/g) ?? [];
}

/**
 * Where `contract`'s words stop being found, in order, in `page`'s: null when all are, else
 * the first unmatched word with the contract's words around it. Greedy matching is exact for
 * the question asked (a subsequence is found, if there is one, by taking each word's first
 * match), not for where: a changed word may be matched far on and the failure named later.
 */
function firstWordNotKept(contract: string, page: string): string | null {
  const wanted = words(contract);
  const found = words(page);
  let at = 0;
  for (let i = 0; i < wanted.length; i++) {
    while (at < found.length && found[at] !== wanted[i]) at++;
    if (at === found.length) return `"${wanted[i]}" in "${wanted.slice(Math.max(0, i - 8), i + 6).join(' ')}"`;
    at++;
  }
  return null;
}

describe.each(PAGES)('docs/%s', (page) => {
  test('keeps every word of the core contract, in order', () => {
    const contract = readFileSync(new URL(`core-contract/${page}`, import.meta.url), 'utf8');
    const docs = readFileSync(new URL(`../../docs/${page}`, import.meta.url), 'utf8');
    expect(firstWordNotKept(contract, docs)).toBeNull();
  });
});

test('a reworded or deleted contract word is found', () => {
  const contract = 'Units are handed to waiting cases by priority then arrival order, so a case waits.';
  expect(firstWordNotKept(contract, contract.replace('arrival order', 'the order they joined the queue'))).toMatch(/^"arrival"/);
  expect(firstWordNotKept(contract, contract.replace(' waits', ''))).toMatch(/^"waits"/);
  expect(firstWordNotKept(contract, contract.replace('by priority', 'by priority (an addition)'))).toBeNull();
});
