import type { Command } from 'commander';

/**
 * `aglais data schema|meta|stats|head|cat|scan|ddl TARGET...`
 *
 * TARGET: a local file, directory (recursive) or glob; s3://bucket/prefix (AWS credentials from
 * the environment/profile, --endpoint for Ceph RGW/MinIO with path-style addressing); an http(s)
 * URL. Footers are read by byte range only. Handlers import src/data lazily (hyparquet and the
 * AWS SDK are heavy) so that `aglais --help` stays fast.
 */
const EXIT_HELP =
  '\nExit codes: 0 ok; 1 some file is not Parquet, truncated or corrupt, or (scan/ddl) schemas differ\n' +
  'across files; 2 bad input (no such file, bad flag); 3 S3/HTTP failure after retries.';

interface Common {
  json?: boolean;
  endpoint?: string;
  pathStyle?: boolean;
  region?: string;
  requests?: boolean;
}

function common(cmd: Command): Command {
  return cmd
    .option('--json', 'machine-readable JSON output')
    .option('--endpoint <url>', 'S3 endpoint (e.g. Ceph RGW); implies path-style addressing')
    .option('--path-style', 'force path-style S3 addressing')
    .option('--no-path-style', 'virtual-hosted S3 addressing even with --endpoint')
    .option('--region <region>', 'S3 region (default $AWS_REGION or us-east-1)')
    .option('--requests', 'print request counts (list/get/bytes/retries) to stderr')
    .addHelpText('after', EXIT_HELP);
}

// eslint-disable-next-line @typescript-eslint/consistent-type-imports -- type of the lazily imported module
type DataCli = typeof import('../../data/cli.js');

function run(fn: (cli: DataCli) => Promise<number>): () => Promise<void> {
  return async () => {
    const cli = await import('../../data/cli.js');
    process.exitCode = await fn(cli);
  };
}

export function register(program: Command): void {
  const data = program
    .command('data')
    .description('inspect Parquet data sets on disk, over HTTP(S) and in S3; scan tables; emit Spark DDL');

  common(
    data.command('schema').description('the schema tree of the first file').argument('<target...>'),
  ).action((t: string[], o: Common) => run((c) => c.schemaCmd(t, o))());
  common(
    data
      .command('meta')
      .description('footer metadata: row groups, column chunks, codecs, sizes, statistics')
      .argument('<target...>'),
  ).action((t: string[], o: Common) => run((c) => c.metaCmd(t, o))());
  common(
    data
      .command('stats')
      .description('per-column min/max/nulls across row groups and files')
      .argument('<target...>'),
  ).action((t: string[], o: Common) => run((c) => c.statsCmd(t, o))());
  common(
    data
      .command('head')
      .description('the first rows')
      .argument('<target...>')
      .option('-n, --rows <n>', 'number of rows', '10')
      .option('--columns <list>', 'comma-separated top-level columns'),
  ).action((t: string[], o: Common & { rows: string; columns?: string }) => run((c) => c.headCmd(t, o))());
  common(
    data
      .command('cat')
      .description('every row, streamed as JSON lines or CSV')
      .argument('<target...>')
      .option('--format <fmt>', 'jsonl or csv', 'jsonl')
      .option('--columns <list>', 'comma-separated top-level columns'),
  ).action((t: string[], o: Common & { format: string; columns?: string }) => run((c) => c.catCmd(t, o))());
  const scanOpts = (cmd: Command) =>
    common(cmd)
      .option('--concurrency <n>', 'footer reads in flight (default 16 on disk, 32 remote)')
      .option(
        '--workers <n>',
        'threads that read (local) and decode footers (default: one per core from 64 files on; 0 = main thread)',
      )
      .option('--no-progress', 'no progress bar (it only shows on a terminal anyway)');
  scanOpts(
    data
      .command('scan')
      .description(
        'every footer of a table: files, rows, bytes, schema differences, partitions, buckets, per-column totals',
      )
      .argument('<target...>')
      .option('--columns-limit <n>', 'columns shown in the text table (0 = all)', '40'),
  ).action((t: string[], o) => run((c) => c.scanCmd(t, o))());
  scanOpts(
    data
      .command('ddl')
      .description('Spark SQL CREATE TABLE … USING parquet matching what scan finds')
      .argument('<target...>')
      .option('--table <[db.]name>', 'table name (default: last path segment)')
      .option('--location <uri>', 'LOCATION (default: the target; s3:// becomes s3a://)')
      .option('--clustered-by <column>', 'bucket column (default: inferred from row-group order)')
      .option('--sorted-by <column>', 'sort column (default: the bucket column when sorted)')
      .option('--buckets <n>', 'number of buckets (default: highest bucket id + 1)'),
  ).action((t: string[], o) => run((c) => c.ddlCmd(t, o))());
}
