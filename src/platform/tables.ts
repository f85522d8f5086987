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

/** One table's statements: CREATE TABLE … USING parquet, then partition discovery. */
export function tableDDL(d: DatasetSpec, t: TableSpec): string[] {
  const db = t.database ?? d.database ?? 'default';
  const name = `${db}.${t.name}`;
  const lines = [
    `CREATE TABLE IF NOT EXISTS ${name}`,
    'USING parquet',
    `OPTIONS (path ${quoted(tableLocation(d, t))})`,
  ];
  if (t.partitionedBy.length) lines.push(`PARTITIONED BY (${t.partitionedBy.join(', ')})`);
  const b = t.bucketing;
  if (b) {
    const sorted = b.sortedBy.length ? ` SORTED BY (${b.sortedBy.join(', ')})` : '';
    lines.push(`CLUSTERED BY (${b.columns.join(', ')})${sorted} INTO ${b.buckets} BUCKETS`);
  }
  const out = [lines.join('\n')];
  if (t.partitionedBy.length) out.push(`ALTER TABLE ${name} RECOVER PARTITIONS`);
  return out;
}

/** Every statement for the platform's tables, databases first, in spec order. */
export function platformDDL(p: Platform): string[] {
  const dbs = new Set<string>();
  const tables: string[] = [];
  for (const d of p.spec.datasets) {
    for (const t of d.tables) {
      dbs.add(t.database ?? d.database ?? 'default');
      tables.push(...tableDDL(d, t));
    }
  }
  return [
    ...[...dbs].filter((x) => x !== 'default').map((x) => `CREATE DATABASE IF NOT EXISTS ${x}`),
    ...tables,
  ];
}

/** The setup notebook of one user, as a Zeppelin 0.12 note file (.zpln). */
export function setupNote(p: Platform, u: EffectiveUser): { file: string; json: string } {
  const id = `AGLAISSETUP${u.name.replace(/[^a-z0-9]/g, '').toUpperCase()}`.slice(0, 40);
  const group = sparkSettingName(u);
  const statements = platformDDL(p);
  const paragraphs = [
    {
      id: 'paragraph_intro',
      title: 'About',
      text: `%md\nRun this note once per interpreter session: it registers the platform's data sets as Spark tables (${statements.length} statements).`,
      config: { editorHide: true },
    },
    ...statements.map((sql, i) => ({
      id: `paragraph_ddl_${String(i + 1).padStart(3, '0')}`,
      text: `%${group}.sql\n${sql}`,
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
