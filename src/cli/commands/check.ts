import type { Command } from 'commander';
// eslint-disable-next-line @typescript-eslint/consistent-type-imports -- type of the lazily imported module
type CheckOptions = import('../../check/cli.js').CheckOptions;

/**
 * `aglais check SPEC|URL`: prove a running platform works, for one user and for many.
 * Smoke checks (ingress, TLS, Zeppelin version, login), then the notebook suite
 * run by --users concurrent simulated users, --loops times each. The handler
 * imports its modules lazily so that other commands start fast.
 */
export function register(program: Command): void {
  program
    .command('check')
    .description('smoke checks and a multi-user notebook suite against a running platform (Zeppelin REST)')
    .argument('[spec|url]', 'a platform spec (checks https://<platform.domain>) or a Zeppelin URL')
    .option('-u, --users <n>', 'concurrent simulated users (credentials are taken in turn)', '1')
    .option('-l, --loops <n>', 'times each user runs the suite', '1')
    .option('--suite <file>', 'notebook suite YAML (default: the built-in suite; see --print-suite)')
    .option('--set <name=value>', 'override a suite param (repeatable)', collect, [])
    .option('--interpreter <name>', 'interpreter for tests that do not name one (default: the suite’s)')
    .option('--only <tests>', 'run only these tests (comma-separated names)')
    .option('--users-file <file>', 'name:password lines (mode 0600); default $AGLAIS_CHECK_USERS_FILE')
    .option('--json', 'print the report as JSON')
    .option('--junit <file>', 'also write the report as JUnit XML')
    .option('--insecure', 'accept a TLS certificate that does not verify (self-signed platforms)')
    .option('--cert-days <n>', 'fail when the certificate expires within n days', '14')
    .option('--smoke-only', 'run the smoke checks only')
    .option('--keep-notes', 'keep the notes the suite creates')
    .option('-q, --quiet', 'no progress lines on stderr')
    .option('--print-suite', 'print the built-in suite (YAML) to edit and pass with --suite, and exit')
    .addHelpText(
      'after',
      '\nCredentials: --users-file, $AGLAIS_CHECK_USERS_FILE, or $AGLAIS_CHECK_USER + $AGLAIS_CHECK_PASSWORD.\n' +
        'A test is SLOW above its expected time, SUSPECT below half of it, ERROR when it fails.\n' +
        'Exit codes: 0 no ERROR; 1 a smoke check or a test is in ERROR; 2 bad input.',
    )
    .action(async (target: string | undefined, opts: CheckOptions & { printSuite?: boolean }) => {
      if (opts.printSuite) {
        const { defaultSuiteYaml } = await import('../../check/default-suite.js');
        process.stdout.write(defaultSuiteYaml);
        return;
      }
      const { UserError, ExitCode } = await import('../errors.js');
      if (target === undefined)
        throw new UserError('check: expected a platform spec or a URL to check', ExitCode.usage);
      const { runCheck } = await import('../../check/cli.js');
      process.exitCode = await runCheck(target, opts);
    });
}

function collect(v: string, prev: string[]): string[] {
  return [...prev, v];
}
