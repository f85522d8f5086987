/**
 * Each data set's tables as Spark SQL external-table DDL. Zeppelin's Spark
 * interpreter keeps its catalog in the interpreter pod (a local Derby
 * metastore), so tables are registered per session: the DDL is shipped as a
 * setup notebook per user (in the user's folder, bound to the user's Spark
 * interpreter), which is how the first platform's users set up their sessions.
 */
import type { DatasetSpec, TableSpec } from '../spec/datasets.js';
import type { Platform } from '../spec/schema.js';
import { s3aURL } from './s3.js';
import { sparkSettingName } from './interpreters.js';
import type { EffectiveUser } from './users.js';

/** Where a table's files are, as Spark reads them. */
export function tableLocation(d: DatasetSpec, t: TableSpec): string {
  if (d.source.type === 's3') return s3aURL(d.source.bucket, d.source.prefix, t.location);
  const base = d.mountPath.replace(/\/+$/, '');
  const rel = t.location.replace(/^\/+/, '').replace(/\/+$/, '');
  return `file://${base}/${rel}`;
}

function quoted(s: string): string {
  return `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

export function tableName(d: DatasetSpec, t: TableSpec): string {
  return `${t.database ?? d.database ?? 'default'}.${t.name}`;
}

/**
 * One table's CREATE TABLE statement, for the given column list. Spark only
 * accepts bucketing with an explicit schema ("cannot specify bucketing
 * information if the table schema is not specified"), so the columns are
 * those of the files, read at setup time (see {@link tableSetupCode}).
 */
export function tableDDL(d: DatasetSpec, t: TableSpec, columns: string): string {
  const lines = [
    `CREATE TABLE IF NOT EXISTS ${tableName(d, t)} (${columns})`,
    'USING parquet',
    `OPTIONS (path ${quoted(tableLocation(d, t))})`,
  ];
  if (t.partitionedBy.length) lines.push(`PARTITIONED BY (${t.partitionedBy.join(', ')})`);
  const b = t.bucketing;
  if (b) {
    const sorted = b.sortedBy.length ? ` SORTED BY (${b.sortedBy.join(', ')})` : '';
    lines.push(`CLUSTERED BY (${b.columns.join(', ')})${sorted} INTO ${b.buckets} BUCKETS`);
  }
  return lines.join('\n');
}

const columnsMarker = '<columns>';

/**
 * A %pyspark paragraph registering one table: the files' schema (one footer,
 * with partition columns from the directory names) becomes the column list of
 * the Spark SQL DDL above, which then runs as it is.
 */
export function tableSetupCode(d: DatasetSpec, t: TableSpec): string {
  const db = t.database ?? d.database ?? 'default';
  const ddl = tableDDL(d, t, columnsMarker);
  const lines = [
    `location = ${JSON.stringify(tableLocation(d, t))}`,
    'schema = spark.read.parquet(location).schema',
    'columns = ", ".join("`%s` %s" % (f.name, f.dataType.simpleString()) for f in schema.fields)',
    ...(db === 'default' ? [] : [`spark.sql("CREATE DATABASE IF NOT EXISTS ${db}")`]),
    `spark.sql(${JSON.stringify(ddl)}.replace(${JSON.stringify(columnsMarker)}, columns))`,
  ];
  if (t.partitionedBy.length) lines.push(`spark.sql("ALTER TABLE ${tableName(d, t)} RECOVER PARTITIONS")`);
  lines.push(`print("registered ${tableName(d, t)}")`);
  return `${lines.join('\n')}\n`;
}

/** The setup code of every table of the platform, in spec order. */
export function platformTableSetup(p: Platform): { table: string; code: string }[] {
  return p.spec.datasets.flatMap((d) =>
    d.tables.map((t) => ({ table: tableName(d, t), code: tableSetupCode(d, t) })),
  );
}

/** The setup notebook of one user, as a Zeppelin 0.12 note file (.zpln). */
export function setupNote(p: Platform, u: EffectiveUser): { file: string; json: string } {
  const id = `AGLAISSETUP${u.name.replace(/[^a-z0-9]/g, '').toUpperCase()}`.slice(0, 40);
  const group = sparkSettingName(u);
  const steps = platformTableSetup(p);
  const paragraphs = [
    {
      id: 'paragraph_intro',
      title: 'About',
      text: `%md\nRun this note once per interpreter session: it registers the platform's data sets as Spark tables (${steps.length} tables).`,
      config: { editorHide: true },
    },
    ...steps.map((step, i) => ({
      id: `paragraph_table_${String(i + 1).padStart(3, '0')}`,
      title: step.table,
      text: `%${group}.pyspark\n${step.code}`,
      config: {},
    })),
  ];
  const note = {
    id,
    name: `/Users/${u.name}/Setup/Data sets`,
    defaultInterpreterGroup: group,
    version: '0.12.0',
    noteParams: {},
    noteForms: {},
    angularObjects: {},
    config: { isZeppelinNotebookCronEnable: false },
    info: {},
    paragraphs,
  };
  return { file: `Users/${u.name}/Setup/Data sets_${id}.zpln`, json: `${JSON.stringify(note, null, 2)}\n` };
}
