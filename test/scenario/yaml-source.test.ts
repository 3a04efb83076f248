import { describe, expect, it } from 'vitest';
import { MAX_WRITTEN_VALUES, readYamlSource } from '../../engine/scenario/yaml-source.js';
import { yaml } from './diagnose.js';

describe('reading YAML with positions', () => {
  const text = yaml`
    # a comment
    name: x
    run:
      horizon: 90d
    list:
      - a: 1
        b: { c: 2 }
      - [3, 4]
    empty:
  `;
  const source = readYamlSource(text);

  it('gives plain data', () => {
    expect(source.problems).toEqual([]);
    expect(source.value).toEqual({ name: 'x', run: { horizon: '90d' }, list: [{ a: 1, b: { c: 2 } }, [3, 4]], empty: null });
  });

  it('places keys and values, 1-based', () => {
    const { positions } = source;
    expect(positions.locate(['name'], 'key')).toEqual({ line: 2, col: 1 });
    expect(positions.locate(['name'], 'value')).toEqual({ line: 2, col: 7 });
    expect(positions.locate(['run'], 'value')).toEqual({ line: 4, col: 3 });
    expect(positions.locate(['run', 'horizon'], 'value')).toEqual({ line: 4, col: 12 });
    expect(positions.locate(['list', 0], 'value')).toEqual({ line: 6, col: 5 });
    expect(positions.locate(['list', 0, 'b', 'c'], 'key')).toEqual({ line: 7, col: 10 });
    expect(positions.locate(['list', 1, 1], 'value')).toEqual({ line: 8, col: 9 });
    expect(positions.locate(['empty'], 'value')).toEqual({ line: 9, col: 7 });
    expect(positions.locate([], 'value')).toEqual({ line: 2, col: 1 });
  });

  it('places a path that was not written at the key of its deepest written prefix', () => {
    expect(source.positions.locate(['run', 'warmup'], 'value')).toEqual({ line: 3, col: 1 });
    expect(source.positions.has(['run', 'warmup'])).toBe(false);
    expect(source.positions.has(['list', 1, 0])).toBe(true);
  });
});

describe('YAML problems', () => {
  const problemsOf = (text: string) => readYamlSource(text).problems.map((p) => `${p.line}:${p.col} ${p.severity} ${p.message}`);

  it('places a syntax error', () => {
    const source = readYamlSource('name: x\narrivals: [ { flow: f }\nflows: {}\n');
    expect(source.value).toBeUndefined();
    expect(source.problems[0]).toMatchObject({ line: 3, col: 1, severity: 'error' });
    expect(source.problems[0].message).toMatch(/^invalid YAML: .*check the indentation, brackets and quotes here$/);
  });

  it('reports a key written twice in one map', () => {
    expect(problemsOf('resources:\n  desk: { capacity: 1 }\n  desk: { capacity: 2 }\n')).toEqual([
      "3:3 error key 'desk' appears twice in the same map; keep only one",
    ]);
  });

  it('reports tabs, several documents, keys that are lists, and aliases that cannot be expanded', () => {
    expect(problemsOf('a: 1\n\tb: 2\n')[0]).toMatch(/^2:1 error a tab is used for indentation/);
    expect(problemsOf('a: 1\n---\nb: 2\n')).toEqual([
      "2:1 error the file holds more than one YAML document (a second '---'); a scenario is one document",
    ]);
    expect(problemsOf('? [a, b]\n: 1\n')).toEqual(['1:3 error a key must be a plain name, not a list or a map']);
    expect(problemsOf('a: &x\n  b: *x\n')).toEqual(['2:6 error alias *x is inside the very value it names, which would make it endless']);
    expect(problemsOf('a: *nope\n')).toEqual(['1:4 error alias *nope has no anchor &nope before it']);
  });

  it('refuses an alias bomb', () => {
    let text = 'a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n';
    for (let i = 1; i < 9; i++)
      text += `a${i}: &a${i} [${Array(10)
        .fill(`*a${i - 1}`)
        .join(', ')}]\n`;
    const source = readYamlSource(text);
    expect(source.value).toBeUndefined();
    // a0 stands for 11 values (the list and its 10 items), a_i for 1 + 10 x a_(i-1): 111, 1,111, 11,111, 111,111.
    // Lines a1-a4 add 10 x (11 + 111 + 1,111 + 11,111) = 123,440; line a5 adds 111,111 an alias, past 1,000,000
    // at its 8th (1,012,328): line 6, column 'a5: &a5 ['.length + 7 x '*a4, '.length + 1 (s36g: it was 1:1, in yaml's words)
    expect(source.problems).toEqual([
      {
        line: 6,
        col: 9 + 7 * 5 + 1,
        severity: 'error',
        message:
          'the aliases up to here stand for 1,012,328 values written out (*a4 alone for 111,111), more than the 1,000,000 etomsim reads: ' +
          'aliases of aliases multiply; reuse a block by one alias level, or write it out',
      },
    ]);
  });

  it('refuses a file of more values than MAX_WRITTEN_VALUES before yaml parses it, at the separator past them (s60: out of heap)', () => {
    // a flow list left unclosed: yaml's parser held about 1 KB an item, and 5 million (10 MB) ran Node out of its heap
    const text = `name: x\nlist: [${'1,'.repeat(MAX_WRITTEN_VALUES)}\n`;
    const source = readYamlSource(text);
    expect([source.value, source.problems]).toEqual([
      undefined,
      [
        {
          line: 2,
          // the line break after name: x counts one: the comma after item MAX_WRITTEN_VALUES - 1 is the one past
          col: 'list: ['.length + 2 * (MAX_WRITTEN_VALUES - 1) + 2,
          severity: 'error',
          message: 'the file holds more than 1,000,000 values here (by its commas and lines), the most etomsim reads: is it a scenario?',
        },
      ],
    ]);
    // as many as that, closed and in a scenario's place: read as ever (yaml's parser, as the simple reader takes no flow list)
    expect(readYamlSource(`list: [${'1,'.repeat(MAX_WRITTEN_VALUES - 1)}1]\n`).problems).toEqual([]);
  });

  it('refuses a file of the simple shape past MAX_WRITTEN_VALUES too, before it is read (s60: 3 million block lines, 4 s and 624 MB)', () => {
    // two line breaks before the list: the one past them ends its item MAX_WRITTEN_VALUES - 1
    const lines = (n: number) => `name: x\nlist:\n${'  - 1\n'.repeat(n)}`;
    const source = readYamlSource(lines(MAX_WRITTEN_VALUES));
    expect([source.value, source.problems]).toEqual([
      undefined,
      [
        {
          line: 2 + MAX_WRITTEN_VALUES - 1,
          col: '  - 1'.length + 1,
          severity: 'error',
          message: 'the file holds more than 1,000,000 values here (by its commas and lines), the most etomsim reads: is it a scenario?',
        },
      ],
    ]);
    // as many line breaks as that: read as ever
    const within = readYamlSource(lines(MAX_WRITTEN_VALUES - 2));
    expect([(within.value as { list: number[] }).list.length, within.problems]).toEqual([MAX_WRITTEN_VALUES - 2, []]);
  });

  it("reads an anchor used more than 100 times (yaml's own bound refused it as an attack)", () => {
    const uses = Array.from({ length: 300 }, (_, i) => `  t${i}: { <<: *task, duration: *d }`).join('\n');
    const source = readYamlSource(`x-d: &d 1m\nx-task: &task { resource: desk, next: end }\nnodes:\n${uses}\n`);
    expect(source.problems).toEqual([]);
    const nodes = (source.value as { nodes: Record<string, unknown> }).nodes;
    expect(Object.keys(nodes)).toHaveLength(300);
    expect(nodes.t299).toEqual({ resource: 'desk', next: 'end', duration: '1m' });
  });

  it('refuses aliases that nest the value past the limit, though the text does not nest so deep (the check the Walker skips without an alias)', () => {
    const nested = (inner: string, levels: number) => '['.repeat(levels) + inner + ']'.repeat(levels);
    const text = `a: &a ${nested('x', 60)}\nb: ${nested('*a', 60)}\n`;
    const source = readYamlSource(text);
    expect(source.value).toBeUndefined();
    expect(source.problems).toEqual([
      {
        line: 2,
        col: 64,
        severity: 'error',
        message: 'aliases nest the document deeper than 100 levels here (a scenario needs about ten)',
      },
    ]);
    // as deep without the alias, and merge keys, which lift what they merge: read
    // yaml's reading (the simple reader takes this text, and would pass whatever the Walker does)
    expect(readYamlSource(`a: ${nested('x', 60)}\nb: ${nested('x', 60)}\n`, false).problems).toEqual([]);
    const merged = readYamlSource(`a: { <<: { b: ${nested('x', 97)} } }\n`);
    expect(merged.problems).toEqual([]);
    expect((merged.value as { a: { b: unknown } }).a.b).toBeInstanceOf(Array);
  });

  it('reads only plain data: unknown tags are a warning and stay text, 1.1 types are not used', () => {
    const source = readYamlSource('%YAML 1.1\n---\na: !!js/function "return 1"\nb: 2026-01-01\nc: yes\nd: 1:30\n');
    expect(source.value).toEqual({ a: 'return 1', b: '2026-01-01', c: 'yes', d: '1:30' });
    expect(source.problems).toHaveLength(1);
    expect(source.problems[0]).toMatchObject({ line: 3, col: 4, severity: 'warning' });
  });

  it('reads JSON', () => {
    expect(readYamlSource('{"a": [1, {"b": "2h"}]}').value).toEqual({ a: [1, { b: '2h' }] });
  });
});

describe('YAML merge keys', () => {
  it("reads `<<: *anchor` as the anchored keys, overridden by the map's own", async () => {
    const { loadScenarioText } = await import('../../engine/scenario/load.js');
    const text = [
      'name: merge',
      'run: { horizon: 100 }',
      'resources:',
      '  a: &team { capacity: 2, cost_per_hour: 10 }',
      '  b:',
      '    <<: *team',
      '    capacity: 3',
      'arrivals: [{ flow: f, rate: 1/h }]',
      'flows: { f: { start: x, nodes: { x: { resource: b, duration: 30m } } } }',
      '',
    ].join('\n');
    const loaded = loadScenarioText(text, 'merge.yaml');
    expect(loaded.diagnostics).toEqual([]);
    expect(loaded.set!.baseline.resources.find((r) => r.name === 'b')).toMatchObject({ capacity: 3, costPerHour: 10 });
  });
});
