import { describe, expect, it } from 'vitest';
import { renderCatalog } from '../../bin/commands/catalog.js';

/** A table row split back into its cells (columns are separated by two or more spaces). */
function rowFor(output: string, id: string): string[] | undefined {
  return output
    .split('\n')
    .map((line) => line.split(/ {2,}/))
    .find((cells) => cells[0] === id);
}

describe('renderCatalog', () => {
  it('lists every process with its ids, level, name and vertical', () => {
    const output = renderCatalog();
    expect(output.split('\n')[0]!.split(/ {2,}/)).toEqual(['CLASSIC ID', 'DOMAIN ID', 'LEVEL', 'NAME', 'VERTICAL']);
    expect(rowFor(output, '1.1.1.5')).toEqual(['1.1.1.5', '1.3.3', '2', 'Order Handling', 'Fulfillment']);
    expect(rowFor(output, '1.1.1')).toEqual(['1.1.1', '-', '1', 'Customer Relationship Management', '-']);
    expect(rowFor(output, '1.1.1.10')).toEqual(['1.1.1.10', '-', '2', 'Bill Invoice Management *', 'Billing & Revenue Management']);
    // a process numbered the domain way only (most level-3 ones): no classic id shown, its domain id once, where it is
    // (until session 63 the first column showed the catalog's key, its domain id, as if it were classic)
    const rows = output.split('\n').map((line) => line.split(/ {2,}/));
    expect(rows.find((cells) => cells[1] === '1.3.3.1')).toEqual([
      '-',
      '1.3.3.1',
      '3',
      'Determine Customer Order Feasibility',
      'Fulfillment',
    ]);
    expect(rows.find((cells) => cells[1] === '1.4.4')).toEqual([
      '-',
      '1.4.4',
      '2',
      'SM&O Support & Readiness',
      'Operations Support & Readiness',
    ]);
    expect(rows.filter((cells) => cells.includes('1.3.3.1'))).toHaveLength(1);
    expect(output).toMatch(/\n\n\* inferred: .*$/);
    expect(output.split('\n').every((line) => line === line.trimEnd())).toBe(true);
  });

  it("is the console's table (s37d F3: catalog kept a formatter of its own): a rule under the header, widths in terminal columns", () => {
    const lines = renderCatalog('order').split('\n');
    expect(lines[1]).toMatch(/^-+( {2}-+){4}$/);
    // each rule as wide as its column: the header's NAME starts where the rule's fourth dashes do
    expect(lines[1].split(/ {2}/).map((d) => d.length)).toEqual(
      lines[1].split(/ {2}/).map((_, c) => Math.max(...[lines[0], ...lines.slice(2)].map((l) => l.split(/ {2,}/)[c]?.trim().length ?? 0))),
    );
  });

  it('aligns the columns', () => {
    const lines = renderCatalog('order').split('\n');
    const nameColumn = lines[0]!.indexOf('NAME');
    expect(lines.slice(1).every((line) => /^\S/.test(line.slice(nameColumn)) && line[nameColumn - 1] === ' ')).toBe(true);
  });

  it('filters by text and leaves out the footnote when nothing shown is inferred', () => {
    const output = renderCatalog('problem handling');
    expect(output.split('\n')).toHaveLength(3); // the header, its rule and the one row
    expect(rowFor(output, '1.1.1.6')).toEqual(['1.1.1.6', '1.3.7', '2', 'Problem Handling', 'Assurance']);
    expect(output).not.toContain('*');
  });

  it('shows the footnote when a filtered row is inferred', () => {
    const output = renderCatalog('trouble');
    expect(rowFor(output, '1.1.3.3')?.[3]).toBe('Resource Trouble Management *');
    expect(rowFor(output, '1.1.1.5')).toBeUndefined();
    expect(output).toContain('* inferred');
  });

  it('says when nothing matches', () => {
    expect(renderCatalog('zzz')).toBe("no eTOM process matches 'zzz'");
  });

  it('quotes a long text to 60 characters and suggests as validate does, by id and by name (s32x F19g, j)', () => {
    expect(renderCatalog('a'.repeat(100_000))).toBe(`no eTOM process matches '${'a'.repeat(60)}…' (100,000 characters)`);
    expect(renderCatalog('1.1.1.55')).toMatch(/^no eTOM process matches '1\.1\.1\.55'; did you mean '1\.1\.1\.5' \(Order Handling\)/);
    expect(renderCatalog('oder handling')).toBe("no eTOM process matches 'oder handling'; did you mean 'Order Handling' (1.1.1.5)?");
  });
});
