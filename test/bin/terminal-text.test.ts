// What a file holds reaches the terminal inside messages (a name quoted in a diagnostic, the
// scenario's name above the results): its control characters are shown as escapes, never
// sent to the terminal to obey (an ESC sequence clears the screen or retitles the window).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { oneLineText, terminalText } from '../../engine/io/terminal-text.js';
import { scratchFolders } from '../support/scratch.js';
import { etomsim } from '../support/cli.js';

const tmp = scratchFolders('etomsim-terminal-');

/** Any C0 control but tab and line feed, DEL, a C1 control, or a bidirectional override. */
const OBEYED = /[^\t\n\u0020-\u007e\u00a0-\u2029\u202f-\u2065\u206a-\u{10ffff}]/u;

// ESC ] 0 ; ... BEL retitles the window, ESC [ 2 J clears the screen, CSI (U+009B) is ESC [ in
// one character, CR writes over the line, U+202E shows what follows reversed
const HOSTILE = '\\e]0;pwned\\a\\e[2J\\u009b2J\\rfake\\u202Eevil';

const SCENARIO = `name: "Desk ${HOSTILE}"
run: { horizon: 2d, replications: 2, seed: 7 }
resources:
  desk: { capacity: 2 }
arrivals:
  - { flow: f, rate: 1/h }
flows:
  f:
    start: a
    nodes:
      a: { etom: "1.1${HOSTILE}", resource: desk, duration: { exponential: { mean: 20m } } }
`;

describe('control characters from a file, printed', () => {
  test('terminalText shows each as its escape and leaves other text, tab and line feed alone', () => {
    expect(terminalText('a\u001b[2Jb\u0007\rc\u009b\u007f\u202e\u2066 é 中 \t\n')).toBe(
      'a\\u001b[2Jb\\u0007\\u000dc\\u009b\\u007f\\u202e\\u2066 é 中 \t\n',
    );
  });

  test("oneLineText: a line break of any kind is a space, the rest as terminalText (the run's first line was split by a newline in the scenario's name)", () => {
    expect(oneLineText('A | B\n# C\r\nD\rE\u2029F\t\u202egnp.exe')).toBe('A | B # C D E F\t\\u202egnp.exe');
  });

  test("run's and bottlenecks' first line: a newline in the scenario's name is a space (s32x F14; read as a blank since session 40)", () => {
    const file = join(tmp(), 'two-lines.yaml');
    writeFileSync(file, SCENARIO.replace(`name: "Desk ${HOSTILE}"`, 'name: "A | B\\n# C"'));
    const run = etomsim('run', file, '-w', '1', '--no-report', '-o', join(file, '..', 'out'));
    const bottlenecks = etomsim('bottlenecks', file, '-w', '1');
    for (const r of [run, bottlenecks]) {
      expect(r.status).toBe(0);
      expect(r.stdout.split('\n')[0]).toMatch(/^A \| B # C(:| \(baseline\):) 2 replications of /);
    }
  });

  test('validate, a refused name and run: every line printed holds none of them, each shown as its escape', () => {
    const dir = tmp();
    const file = join(dir, 'hostile.yaml');
    writeFileSync(file, SCENARIO.replace(`name: "Desk ${HOSTILE}"`, 'name: "Desk"'));
    const valid = etomsim('validate', file);
    expect(valid.status).toBe(0);
    expect(valid.stderr).toContain("warning: '1.1\\u001b]0;pwned\\u0007\\u001b[2J\\u009b2J\\u000dfake\\u202eevil' is not an eTOM");
    const named = join(dir, 'named.yaml');
    writeFileSync(named, SCENARIO);
    const refusedName = etomsim('validate', named);
    expect(refusedName.status).toBe(2);
    expect(refusedName.stderr).toContain('found the control character U+001B at its character 6 (at name)');
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, SCENARIO.replace('  desk: {', `  "desk${HOSTILE}": {`));
    const refused = etomsim('validate', bad);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain("resource name 'desk\\u001b]0;pwned");
    const run = etomsim('run', file, '-w', '1', '--no-report', '-o', join(dir, 'out'));
    expect(run.status).toBe(0);
    expect(run.stderr).toContain('1.1\\u001b]0;pwned\\u0007\\u001b[2J');
    for (const r of [valid, refusedName, refused, run]) expect(OBEYED.test(r.stdout + r.stderr)).toBe(false);
  });
});
