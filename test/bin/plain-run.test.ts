import { afterEach, describe, expect, test, vi } from 'vitest';
import { captureOutput } from '../support/captured-output.js';

// The run command itself is replaced: these tests compare what each route hands it.
const runCommand = vi.hoisted(() => vi.fn(async (_opts: unknown) => 0));
vi.mock('../../bin/commands/run.js', () => ({ runCommand, DEFAULT_SCENARIO: '/bundled/fiber.yaml' }));

const { main } = await import('../../bin/main.js');
const { plainRun } = await import('../../bin/plain-run.js');

/** The options `main` gave the run command for this command line, and its exit status. */
async function handed(argv: string[]): Promise<{ status: number; options: unknown[] }> {
  runCommand.mockClear();
  const status = await main(argv);
  return { status, options: runCommand.mock.calls.map((call) => call[0]) };
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('run FILE with common options, without yargs (bin/main.ts, plainRun)', () => {
  // `--` with no word after it changes nothing for yargs, and sends the line through it
  const plainLines = [
    ['run', 'mm5.yaml'],
    ['run', 'mm5.yaml', '-r', '1', '-w', '1', '--no-report', '-q'],
    ['run', '-q', 'mm5.yaml', '--replications', '7', '--workers', '3', '--seed', '42', '--out', 'results dir'],
    ['run', '--no-report', '-o', 'out2', 'mm5.yaml', '--quiet', '--seed', '0'],
    ['run', 'a file with spaces.yaml', '-r', '1000', '--seed', '007'],
    ['run', 'validate', '-w', '2'],
    ['run', 'run'],
  ];

  test.each(plainLines.map((argv) => [argv]))('%j: the options and status yargs gives, without yargs', async (argv) => {
    expect(plainRun(argv)).not.toBeNull();
    const plain = await handed(argv);
    const parsed = await handed([...argv, '--']);
    expect(parsed.options).toHaveLength(1);
    expect(plain).toEqual(parsed);
  });

  test('anything else goes through yargs: other options, repeated ones, values like options, no file, help, --, refused values', () => {
    const others = [
      ['validate', 'mm5.yaml'],
      ['mm5.yaml', '-r', '1'],
      ['run'],
      ['run', '-r', '1'],
      ['run', 'mm5.yaml', 'other.yaml'],
      ['run', 'help'],
      ['run', ''],
      ['run', 'mm5.yaml', '--help'],
      ['run', 'mm5.yaml', '--version'],
      ['run', 'mm5.yaml', '--'],
      ['run', 'mm5.yaml', '-r'],
      ['run', 'mm5.yaml', '-r', '-1'],
      ['run', 'mm5.yaml', '--seed', '-5'],
      ['run', 'mm5.yaml', '-r', '0'],
      ['run', 'mm5.yaml', '-w', '1.5'],
      ['run', '123', '-o', ''], // an empty --out is refused (bin/option-values.ts checkOut)
      ['run', 'mm5.yaml', '-r', '1', '-r', '2'],
      ['run', 'mm5.yaml', '-q', '-q'],
      ['run', 'mm5.yaml', '-r=1'],
      ['run', 'mm5.yaml', '--replications=1'],
      ['run', 'mm5.yaml', '-qr', '1'],
      ['run', 'mm5.yaml', '--report'],
      ['run', 'mm5.yaml', '--sensitivity'],
      ['run', 'mm5.yaml', '-v', 'a'],
      ['run', 'mm5.yaml', '--formats', 'html'],
      ['run', 'mm5.yaml', '--precision', '5%'],
      ['run', 'mm5.yaml', '--max-wip', '10'],
      ['run', 'mm5.yaml', '-'],
      ['run', 'mm5.yaml', '--toString'],
      ['run', 'mm5.yaml', '--__proto__'],
    ];
    for (const argv of others) expect(plainRun(argv), JSON.stringify(argv)).toBeNull();
  });

  test('a value the options refuse is refused through yargs, with its message and exit 2', async () => {
    const said = captureOutput();
    const refused = await handed(['run', 'mm5.yaml', '-r', '0', '-q']);
    expect(refused).toEqual({ status: 2, options: [] });
    expect(said.err).toContain('--replications takes a whole number of at least 1');
  });

  test('an empty seed is refused, not read as seed 0, on both routes', async () => {
    const said = captureOutput();
    for (const seed of ['', ' ']) {
      expect(plainRun(['run', 'mm5.yaml', '--seed', seed])).toBeNull();
      expect(await handed(['run', 'mm5.yaml', '--seed', seed, '-q'])).toEqual({ status: 2, options: [] });
      expect(await handed(['run', 'mm5.yaml', '--seed', seed, '-q', '--'])).toEqual({ status: 2, options: [] }); // `--`: yargs' route
    }
    expect(said.err).toContain("--seed takes a whole number in decimal digits, from -(2^53 - 1) to 2^53 - 1, like 2026 (got '')");
  });

  test('whole numbers in decimal digits only (s36g F8): hex, binary, exponents, fractions, a plus sign refused on both routes, exit 2', async () => {
    const said = captureOutput();
    // Number() reads each as a whole number: 16, 3, 1000, 1000, 1 and 5
    for (const value of ['0x10', '0b11', '1e3', '1000.0e0', '1.0', '+5', '1.5']) {
      for (const option of ['--seed', '-r', '-w', '--max-replications']) {
        const args = ['run', 'mm5.yaml', option, value, '-q'];
        expect(plainRun(args), args.join(' ')).toBeNull();
        expect(await handed(args), args.join(' ')).toEqual({ status: 2, options: [] });
        expect(await handed([...args, '--']), args.join(' ')).toEqual({ status: 2, options: [] });
      }
    }
    expect(said.err).toContain("--seed takes a whole number in decimal digits, from -(2^53 - 1) to 2^53 - 1, like 2026 (got '0x10')");
    expect(said.err).toContain("--replications takes a whole number of at least 1, in decimal digits (got '1e3')");
    expect(said.err).toContain("--workers takes a whole number of at least 1, in decimal digits (got '+5')");
    // a seed may be negative, as run.seed may (yargs' route: a value starting with '-'); -0 is seed 0
    for (const [value, seed] of [
      ['-1', -1],
      ['-0', 0],
      [' 42 ', 42],
      ['9007199254740991', 2 ** 53 - 1],
    ] as const) {
      const { status, options } = await handed(['run', 'mm5.yaml', '--seed', value, '-q', '--']);
      expect(status, value).toBe(0);
      expect(Object.is((options[0] as { seed: number }).seed, seed), value).toBe(true);
    }
    expect(await handed(['run', 'mm5.yaml', '--seed', '9007199254740992', '-q'])).toEqual({ status: 2, options: [] });
  });
});
