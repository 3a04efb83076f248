// A command given too few files says which file it needs and how the command is typed, exit 2
// (s34y F8): yargs' "Not enough non-option arguments: got 0, need at least 1" named neither.
// Every command with a required file, as `etomsim --help` lists them; each usage line's files are
// the ones its `COMMAND --help` names (yargs' <log> as LOG), so the two cannot drift apart.
import { describe, expect, test } from 'vitest';
import { NEEDS, REQUIRED_OPTIONS } from '../../bin/missing-argument.js';
import { etomsim } from '../support/cli.js';

/** yargs' positionals in a usage line as the messages write them: <log> LOG, [more..] [MORE...], <shards..> SHARDS... */
function capitals(usage: string): string {
  return usage
    .replace(/<([a-z]+)\.\.>/g, (_, n: string) => `${n.toUpperCase()}...`)
    .replace(/\[([a-z]+)\.\.\]/g, (_, n: string) => `[${n.toUpperCase()}...]`)
    .replace(/<([a-z]+)>/g, (_, n: string) => n.toUpperCase());
}

describe('a command without its file', () => {
  test('every command whose file is required is listed, with the files its --help names', () => {
    const help = etomsim('--help');
    expect(help.status).toBe(0);
    const required = [...help.stdout.matchAll(/^ {2}etomsim ([a-z-]+) (<[^\n]*?)\s{2,}/gm)].map((m) => [m[1], m[2].trim()]);
    expect(required.map(([command]) => command).sort()).toEqual(Object.keys(NEEDS).sort());
    for (const [command, positionals] of required) {
      expect(NEEDS[command].usage.startsWith(`etomsim ${command} ${capitals(positionals)}`), command).toBe(true);
      expect(NEEDS[command].files).toHaveLength(positionals.split(' ').filter((p) => p.startsWith('<')).length);
      const commandHelp = etomsim(command, '--help').stdout;
      expect(commandHelp.split('\n')[0]).toBe(`etomsim ${command} ${positionals}`);
      // --out in brackets where the command runs without it (s49h: discover's said [--out FILE], and refused to run without)
      // its option's lines run to the next option, the next section or the end of the text (--out last)
      const out = /^ {2}-o, --out [\s\S]*?(?=^\S|^ {2}\S|^ {6}-|(?![\s\S]))/m.exec(commandHelp);
      if (NEEDS[command].usage.includes('--out')) expect(out, command).not.toBeNull();
      if (out !== null) expect(NEEDS[command].usage.includes('[--out'), command).toBe(!out[0].includes('[required]'));
    }
  });

  test('no argument or option of any command is both required and defaulted (merge <shards..> read [required] [default: []])', () => {
    const commands = [...etomsim('--help').stdout.matchAll(/^ {2}etomsim ([a-z-]+)/gm)].map((m) => m[1]);
    expect(commands).toContain('merge');
    for (const command of commands) expect(etomsim(command, '--help').stdout, command).not.toMatch(/\[required\]\s*\[default:/);
    expect(etomsim('merge', '--help').stdout).toMatch(
      /^ {2}shards {2}folders holding shard files, or shard files +\[array\] \[required\]$/m,
    );
    // validate's files: the first, then more, without yargs' `[default: []]` of an array (s51's help showed it)
    const validate = etomsim('validate', '--help').stdout;
    expect(validate.split('\n')[0]).toBe('etomsim validate <scenario> [more..]');
    expect(validate).toMatch(/^ {2}more +more scenario files, each checked in turn +\[array\]$/m);
    expect(validate).not.toMatch(/\[default:/);
  });

  test.each(Object.keys(NEEDS))('%s: says what is missing and how to type it, exit 2', (command) => {
    const r = etomsim(command);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    const [line, ...rest] = r.stderr.split('\n');
    const needs = NEEDS[command];
    expect(line).toBe(
      `etomsim: ${command} needs ${needs.files.join(' and ')}: ${needs.usage}${needs.note === undefined ? '' : ` (${needs.note})`}`,
    );
    expect(rest).toEqual(["Run 'etomsim --help' for the options.", '']);
  });

  test('the exact words for discover, bottlenecks, and fidelity given its scenario only', () => {
    expect(etomsim('discover').stderr.split('\n')[0]).toBe('etomsim: discover needs an event log file: etomsim discover LOG --out FILE');
    expect(etomsim('bottlenecks', '-r', '2').stderr.split('\n')[0]).toBe(
      'etomsim: bottlenecks needs a scenario file (YAML): etomsim bottlenecks SCENARIO [--out DIR] (`run` takes the bundled scenario when none is given; this command does not)',
    );
    const one = etomsim('fidelity', 'plan.yaml');
    expect(one.status).toBe(2);
    expect(one.stderr.split('\n')[0]).toBe(
      'etomsim: fidelity needs an event log file too, after a scenario file (YAML): etomsim fidelity SCENARIO LOG --out DIR',
    );
  });

  test("an option the command does not have, typed before the file, is said unknown, as after it (s63M: it took the file, and the command 'needs a scenario file')", () => {
    const cases: [string, string[], string[]][] = [
      ['q', ['validate', '-q', 'plan.yaml'], ['validate', 'plan.yaml', '-q']], // every command but validate and catalog takes -q
      ['bogus', ['report', '--bogus', 'out/results.json'], ['report', 'out/results.json', '--bogus']],
      [
        'bogus',
        ['fidelity', 'plan.yaml', '--bogus', 'log.csv', '--out', 'f'],
        ['fidelity', 'plan.yaml', 'log.csv', '--bogus', '--out', 'f'],
      ],
    ];
    for (const [name, before, after] of cases) {
      const [r, s] = [etomsim(...before), etomsim(...after)];
      expect([r.status, s.status]).toEqual([2, 2]);
      expect(r.stderr.split('\n')[0], before.join(' ')).toBe(`etomsim: Unknown argument: ${name}`);
      expect(r.stderr).toBe(s.stderr);
    }
    // a known option that takes the word, or an unknown one with no word after it: the file is what is missing
    expect(etomsim('bottlenecks', '--variant', 'plan.yaml').stderr.split('\n')[0]).toMatch(
      /^etomsim: bottlenecks needs a scenario file \(YAML\)/,
    );
    expect(etomsim('validate', '--bogus').stderr.split('\n')[0]).toBe(
      'etomsim: validate needs a scenario file (YAML): etomsim validate SCENARIO [MORE...]',
    );
  });
});

/** The options a command's --help marks [required], by name: each entry runs from its `--name` to the next option's. */
function requiredOptions(help: string): string[] {
  const entries = help.split(/^(?= {2}(?:-\w, | {4})--[a-z])/m).slice(1);
  return entries.filter((e) => /\[required\]/.test(e)).map((e) => /--([a-z-]+)/.exec(e)![1]);
}

describe('a command without its required option (s59J: yargs said "Missing required argument: out")', () => {
  const commands = [...etomsim('--help').stdout.matchAll(/^ {2}etomsim ([a-z-]+)/gm)].map((m) => m[1]);

  test('every command with a required option is listed with it, and its usage line shows how to give it', () => {
    const required = commands.flatMap((command) => {
      const names = requiredOptions(etomsim(command, '--help').stdout);
      return names.length === 0 ? [] : [[command, names] as const];
    });
    expect(required.map(([command]) => command).sort()).toEqual(Object.keys(REQUIRED_OPTIONS).sort());
    expect(Object.fromEntries(required)).toMatchObject({ discover: ['out'], fidelity: ['out'] });
    for (const [command, names] of required) {
      const listed = REQUIRED_OPTIONS[command];
      expect(
        listed.options.map((o) => o.name),
        command,
      ).toEqual(names);
      const usage = listed.usage ?? NEEDS[command].usage;
      expect(usage.startsWith(`etomsim ${command} `), command).toBe(true);
      for (const o of listed.options) expect(usage, command).toContain(`--${o.name} ${o.value}`);
    }
  });

  /** the files each command is given, so that only its option is missing */
  const files: Record<string, string[]> = {
    size: ['plan.yaml'],
    worker: [],
    'export-bpmn': ['plan.yaml'],
    'import-bpmn': ['flow.bpmn'],
    discover: ['log.csv'],
    fidelity: ['plan.yaml', 'log.csv'],
  };
  test.each(Object.keys(REQUIRED_OPTIONS))('%s: says which option to give and how, exit 2, nothing written', (command) => {
    const r = etomsim(command, ...files[command]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    const { options, usage = NEEDS[command].usage } = REQUIRED_OPTIONS[command];
    expect(r.stderr).toBe(
      `etomsim: ${command} needs ${options.map((o) => `--${o.name} ${o.value} (${o.what})`).join(' and ')}: ${usage}\n` +
        "Run 'etomsim --help' for the options.\n",
    );
  });

  test('the exact words for discover and fidelity; a missing file is still said first', () => {
    expect(etomsim('discover', 'log.csv').stderr.split('\n')[0]).toBe(
      'etomsim: discover needs --out FILE (the scenario file to write): etomsim discover LOG --out FILE',
    );
    expect(etomsim('fidelity', 'plan.yaml', 'log.csv').stderr.split('\n')[0]).toBe(
      'etomsim: fidelity needs --out DIR (the folder to write fidelity.json and fidelity.html in): etomsim fidelity SCENARIO LOG --out DIR',
    );
    expect(etomsim('discover').stderr.split('\n')[0]).toBe('etomsim: discover needs an event log file: etomsim discover LOG --out FILE');
  });
});
