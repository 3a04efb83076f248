// Which command lines are `etomsim validate FILE` and nothing else.
/**
 * The file of `etomsim validate FILE` typed as just those two words, with FILE not an option
 * and not `help` (which yargs reads as a request for the command's help, even with `--` after
 * it or a file of that name beside it): for them yargs would run the validate command's handler with FILE and nothing else (no
 * option is given, and yargs prints nothing of its own), so `main` runs it without yargs, whose
 * loading, set-up of thirteen commands and parse cost validate 39 M of its 766 M instructions
 * (bare Node: 507 M). Any other command line, `validate FILE --` included, goes through yargs;
 * test/bin/cli.test.ts checks that both routes print and exit alike. Such a command line runs a
 * script of its own (dist/cli/validate.cjs, bin/validate-script.ts), which bin/load-cli.cjs'
 * scriptFor tells by the same test, written again there (it runs before any script is loaded):
 * test/bin/command-scripts.test.ts holds the two equal.
 */
export function plainValidate(argv: string[]): string | null {
  return argv.length === 2 && argv[0] === 'validate' && argv[1] !== '' && argv[1] !== 'help' && !argv[1].startsWith('-') ? argv[1] : null;
}
