// scenarioYaml places each placeholder's comment through nodeAt, an index of each map's keys
// (the yaml package's getIn scans a map's pairs, so 100,000 imported tasks took minutes): the
// property that nodeAt finds what getIn finds, for any document and any path, present or not.
import fc from 'fast-check';
import { Document, type YAMLMap } from 'yaml';
import { describe, expect, test } from 'vitest';
import { nodeAt } from '../../engine/interchange/scenario-yaml.js';

const KEYS = ['a', 'b', '__proto__', 'constructor', '0', '1', 'nodes', 't.1'];
const key = fc.constantFrom(...KEYS);
const tree = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small' }, fc.integer(), fc.constant(null), fc.string(), tie('map'), tie('list')),
  map: fc.dictionary(key, tie('value'), { maxKeys: 5 }),
  list: fc.array(tie('value'), { maxLength: 4 }),
})).map;
const path = fc.array(fc.oneof(key, fc.nat(5)), { minLength: 0, maxLength: 5 });

describe('nodeAt', () => {
  test('finds the node doc.getIn(keys, true) finds, for any document and path', () => {
    fc.assert(
      fc.property(tree, fc.array(path, { maxLength: 20 }), (contents, paths) => {
        const doc = new Document(contents);
        for (const keys of paths) expect(nodeAt(doc, keys)).toBe(doc.getIn(keys, true));
      }),
      { seed: 20261204, numRuns: 300 },
    );
  });

  test('a key given twice (a parsed document may hold one) is found as its first pair, as getIn finds it', () => {
    const doc = new Document({ a: 1 });
    const map = doc.contents as YAMLMap;
    map.items.push(doc.createPair('a', 2));
    expect(map.items).toHaveLength(2);
    expect(nodeAt(doc, ['a'])).toBe(doc.getIn(['a'], true));
  });
});
