import { describe, expect, it } from 'vitest';
import { mergePatch } from '../../engine/scenario/merge-patch.js';

describe('RFC 7386 merge patch', () => {
  // RFC 7386, Appendix A: original, patch, result.
  const appendixA: [unknown, unknown, unknown][] = [
    [{ a: 'b' }, { a: 'c' }, { a: 'c' }],
    [{ a: 'b' }, { b: 'c' }, { a: 'b', b: 'c' }],
    [{ a: 'b' }, { a: null }, {}],
    [{ a: 'b', b: 'c' }, { a: null }, { b: 'c' }],
    [{ a: ['b'] }, { a: 'c' }, { a: 'c' }],
    [{ a: 'c' }, { a: ['b'] }, { a: ['b'] }],
    [{ a: { b: 'c' } }, { a: { b: 'd', c: null } }, { a: { b: 'd' } }],
    [{ a: [{ b: 'c' }] }, { a: [1] }, { a: [1] }],
    [
      ['a', 'b'],
      ['c', 'd'],
      ['c', 'd'],
    ],
    [{ a: 'b' }, ['c'], ['c']],
    [{ a: 'foo' }, null, null],
    [{ a: 'foo' }, 'bar', 'bar'],
    [{ e: null }, { a: 1 }, { e: null, a: 1 }],
    [[1, 2], { a: 'b', c: null }, { a: 'b' }],
    [{}, { a: { bb: { ccc: null } } }, { a: { bb: {} } }],
  ];

  it.each(appendixA)('%j patched with %j gives %j', (original, patch, result) => {
    expect(mergePatch(original, patch)).toEqual(result);
  });

  it('applies the example of section 3', () => {
    const original = {
      title: 'Goodbye!',
      author: { givenName: 'John', familyName: 'Doe' },
      tags: ['example', 'sample'],
      content: 'This will be unchanged',
    };
    const patch = { title: 'Hello!', phoneNumber: '+01-123-456-7890', author: { familyName: null }, tags: ['example'] };
    expect(mergePatch(original, patch)).toEqual({
      title: 'Hello!',
      author: { givenName: 'John' },
      tags: ['example'],
      content: 'This will be unchanged',
      phoneNumber: '+01-123-456-7890',
    });
  });

  it('modifies neither the document nor the patch', () => {
    const original = { a: { b: 1, c: [1] } };
    const patch = { a: { b: null, d: 2 } };
    mergePatch(original, patch);
    expect(original).toEqual({ a: { b: 1, c: [1] } });
    expect(patch).toEqual({ a: { b: null, d: 2 } });
  });

  it('keeps the order of existing keys and appends new ones', () => {
    expect(Object.keys(mergePatch({ a: 1, b: 2, c: 3 }, { b: 9, d: 4 }) as object)).toEqual(['a', 'b', 'c', 'd']);
  });

  it('treats a key named __proto__ as data, never as the prototype', () => {
    const patch = JSON.parse('{"__proto__": {"polluted": true}}');
    const result = mergePatch({}, patch) as Record<string, unknown>;
    expect(Object.getPrototypeOf(result)).toBe(Object.prototype);
    expect(Object.keys(result)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
