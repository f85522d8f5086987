/**
 * `data schema|meta|stats|head` against pyarrow's reading of the same files, field by field, on a
 * corpus written at test time by pyarrow, DuckDB and Spark (see testdata/). Needs the Python peers
 * (scripts/setup/20-python.sh) and Java 17 for pyspark; without them it skips, under CI=true it fails.
 */
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { corpus, oracle, parseExact, runCli, type Corpus } from './testkit.js';

type Json = Record<string, unknown>;

function parquetFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.parquet'))
    .sort()
    .map((f) => join(dir, f));
}

const setup = corpus(true);
const skip = typeof setup === 'string' ? setup : false;

describe('data commands agree with pyarrow', { skip }, () => {
  const c = setup as Corpus;
  let files: string[] = [];
  let expected: Record<string, Json> = {};

  before(() => {
    files = [
      ...parquetFiles(c.dir),
      join(
        c.dir,
        'partitioned/year=2021/band=BP',
        readdirSync(join(c.dir, 'partitioned/year=2021/band=BP'))[0] as string,
      ),
      ...(c.spark
        ? [
            ...parquetFiles(join(c.dir, 'spark_int96')),
            ...parquetFiles(join(c.dir, 'warehouse/gaia_mini')).slice(0, 2),
          ]
        : []),
    ];
    expected = oracle('file', files) as Record<string, Json>;
  });

  it('covers every writer, codec and type the issue asks for', () => {
    const writers = new Set(Object.values(expected).map((e) => String(e['createdBy']).split(' ')[0]));
    assert.ok(
      writers.has('parquet-cpp-arrow') && writers.has('DuckDB'),
      `writers: ${[...writers].join(', ')}`,
    );
    if (c.spark) assert.ok(writers.has('parquet-mr'), 'Spark (parquet-mr) files present');
    const codecs = new Set<string>();
    const encodings = new Set<string>();
    const types = new Set<string>();
    for (const e of Object.values(expected)) {
      for (const rg of e['rowGroups'] as Json[]) {
        for (const col of rg['columns'] as Json[]) {
          codecs.add(col['codec'] as string);
          for (const enc of col['encodings'] as string[]) encodings.add(enc);
          types.add(col['type'] as string);
        }
      }
    }
    for (const k of ['SNAPPY', 'ZSTD', 'GZIP', 'UNCOMPRESSED']) assert.ok(codecs.has(k), `codec ${k}`);
    for (const k of ['PLAIN', 'RLE_DICTIONARY']) assert.ok(encodings.has(k), `encoding ${k}`);
    if (c.spark) assert.ok(types.has('INT96'), 'INT96 timestamps (Spark)');
    assert.ok(
      Object.values(expected).some((e) => (e['rowGroups'] as Json[]).length >= 3),
      'multiple row groups',
    );
  });

  it('schema: every leaf column agrees (path, types, levels, decimal precision/scale)', () => {
    for (const f of files) {
      const r = runCli(['data', 'schema', '--json', f]);
      assert.equal(r.code, 0, r.stderr);
      const ours = (parseExact(r.stdout) as Json)['columns'] as Json[];
      const theirs = (expected[f] as Json)['schema'] as Json[];
      assert.equal(ours.length, theirs.length, `${f}: number of leaf columns`);
      theirs.forEach((t, i) => {
        const o = ours[i] as Json;
        const where = `${f}: column ${String(t['path'])}`;
        assert.equal(o['path'], t['path'], where);
        assert.equal(o['physicalType'], t['physicalType'], where);
        // parquet-cpp hides a legacy TIMESTAMP_* converted type when the logical type says local time
        const hidden =
          t['convertedType'] === null &&
          String(o['convertedType']).startsWith('TIMESTAMP_') &&
          String(o['logicalType']).endsWith(',local)');
        if (!hidden) assert.equal(o['convertedType'] ?? null, t['convertedType'], `${where} converted type`);
        assert.equal(o['maxDefinitionLevel'], t['maxDefinitionLevel'], `${where} definition level`);
        assert.equal(o['maxRepetitionLevel'], t['maxRepetitionLevel'], `${where} repetition level`);
        if (t['precision'] !== null) {
          assert.equal(o['precision'], t['precision'], `${where} precision`);
          assert.equal(o['scale'], t['scale'], `${where} scale`);
        }
        const lt = t['logicalType'] as Json | null;
        const names: Record<string, string> = {
          STRING: 'String',
          DECIMAL: 'Decimal',
          TIMESTAMP: 'Timestamp',
          INTEGER: 'Int',
          DATE: 'Date',
          JSON: 'JSON',
          UUID: 'UUID',
          ENUM: 'Enum',
          TIME: 'Time',
        };
        // parquet-cpp derives a logical type from a legacy converted type when the writer gave none
        const derived: Record<string, string> = {
          INT_8: 'INTEGER',
          INT_16: 'INTEGER',
          INT_32: 'INTEGER',
          INT_64: 'INTEGER',
          UINT_8: 'INTEGER',
          UINT_16: 'INTEGER',
          UINT_32: 'INTEGER',
          UINT_64: 'INTEGER',
          UTF8: 'STRING',
          DECIMAL: 'DECIMAL',
          DATE: 'DATE',
          TIMESTAMP_MILLIS: 'TIMESTAMP',
          TIMESTAMP_MICROS: 'TIMESTAMP',
          JSON: 'JSON',
          ENUM: 'ENUM',
        };
        const ourLt =
          (o['logicalType'] as string | undefined) ?? derived[(o['convertedType'] as string) ?? ''];
        assert.equal(
          ourLt ? names[ourLt.split('(')[0] as string] : null,
          lt ? lt['Type'] : null,
          `${where} logical type`,
        );
        if (lt?.['Type'] === 'Timestamp' && o['logicalType']) {
          const unit = { milliseconds: 'MILLIS', microseconds: 'MICROS', nanoseconds: 'NANOS' }[
            lt['timeUnit'] as string
          ];
          assert.equal(ourLt, `TIMESTAMP(${unit},${lt['isAdjustedToUTC'] ? 'UTC' : 'local'})`, where);
        }
      });
    }
  });

  it('meta: row groups and column chunks agree (codec, encodings, sizes, values, nulls, min/max)', () => {
    for (const f of files) {
      const r = runCli(['data', 'meta', '--json', f]);
      assert.equal(r.code, 0, r.stderr);
      const ours = parseExact(r.stdout) as Json;
      const theirs = expected[f] as Json;
      assert.equal(ours['createdBy'], theirs['createdBy'], f);
      assert.equal(Number(ours['numRows']), theirs['numRows'], f);
      assert.deepEqual(
        (ours['keyValues'] as Json[]).map((kv) => [kv['key'], kv['value']]).sort(),
        theirs['keyValues'],
        `${f}: key/value metadata`,
      );
      const ogs = ours['rowGroups'] as Json[];
      const tgs = theirs['rowGroups'] as Json[];
      assert.equal(ogs.length, tgs.length, `${f}: row groups`);
      tgs.forEach((tg, r) => {
        const og = ogs[r] as Json;
        assert.equal(Number(og['numRows']), tg['numRows'], `${f} rg ${r}`);
        assert.equal(Number(og['totalByteSize']), tg['totalByteSize'], `${f} rg ${r}`);
        (tg['columns'] as Json[]).forEach((tc, i) => {
          const oc = (og['columns'] as Json[])[i] as Json;
          const where = `${f} rg ${r} ${String(tc['path'])}`;
          assert.equal(oc['path'], tc['path'], where);
          assert.equal(oc['type'], tc['type'], where);
          assert.equal(oc['codec'], tc['codec'], `${where} codec`);
          assert.deepEqual(
            [...new Set(oc['encodings'] as string[])].sort(),
            [...new Set(tc['encodings'] as string[])].sort(),
            `${where} encodings`,
          );
          assert.equal(Number(oc['compressed']), tc['compressed'], `${where} compressed`);
          assert.equal(Number(oc['uncompressed']), tc['uncompressed'], `${where} uncompressed`);
          assert.equal(Number(oc['numValues']), tc['numValues'], `${where} values`);
          assert.equal(oc['nullCount'], tc['nullCount'], `${where} nulls`);
          assert.deepEqual(oc['min'], tc['min'], `${where} min`);
          assert.deepEqual(oc['max'], tc['max'], `${where} max`);
        });
      });
    }
  });

  it('head: every row and value agrees', () => {
    for (const f of files) {
      const r = runCli(['data', 'head', '-n', '100000', '--json', f]);
      assert.equal(r.code, 0, r.stderr);
      const ours = parseExact(r.stdout) as Json[];
      const theirs = (expected[f] as Json)['rows'] as Json[];
      assert.equal(ours.length, theirs.length, `${f}: rows`);
      theirs.forEach((t, i) => assert.deepEqual(ours[i], t, `${f}: row ${i}`));
    }
  });

  it('cat streams every row as JSON lines (same values) and as CSV', () => {
    for (const name of ['pa_gzip.parquet', 'duck_uncompressed.parquet']) {
      const f = join(c.dir, name);
      const r = runCli(['data', 'cat', f]);
      assert.equal(r.code, 0, r.stderr);
      const lines = r.stdout.trimEnd().split('\n');
      const theirs = (expected[f] as Json)['rows'] as Json[];
      assert.equal(lines.length, theirs.length, `${name}: rows`);
      lines.forEach((l, i) => assert.deepEqual(parseExact(l), theirs[i], `${name}: row ${i}`));
    }
    const csv = runCli([
      'data',
      'cat',
      '--format',
      'csv',
      '--columns',
      'id,name,dec_mid',
      join(c.dir, 'pa_snappy.parquet'),
    ]);
    assert.equal(csv.code, 0, csv.stderr);
    const rows = csv.stdout.trimEnd().split('\n');
    assert.equal(rows[0], 'id,name,dec_mid');
    assert.equal(rows.length, 301);
    assert.equal(rows[2], '1,name-1-é,-99987654.3211');
    assert.equal(rows[1], '0,,-100000000.0000', 'null is an empty field');
  });

  it('head -n N --columns reads only what is asked', () => {
    const f = join(c.dir, 'pa_zstd.parquet');
    const r = runCli(['data', 'head', '-n', '5', '--columns', 'id,dec_big', '--json', f]);
    assert.equal(r.code, 0, r.stderr);
    const rows = parseExact(r.stdout) as Json[];
    const theirs = ((expected[f] as Json)['rows'] as Json[])
      .slice(0, 5)
      .map((t) => ({ id: t['id'], dec_big: t['dec_big'] }));
    assert.deepEqual(rows, theirs);
  });

  it('stats: min/max/nulls across row groups and files agree', () => {
    const sets = [
      parquetFiles(c.dir).filter((f) => f.includes('duck_')),
      [join(c.dir, 'pa_snappy.parquet'), join(c.dir, 'pa_plain.parquet')],
      ...(c.spark ? [parquetFiles(join(c.dir, 'warehouse/gaia_mini'))] : []),
    ];
    for (const set of sets) {
      const r = runCli(['data', 'stats', '--json', ...set]);
      assert.equal(r.code, 0, r.stderr);
      const ours = parseExact(r.stdout) as Json;
      const theirs = oracle('stats', set) as Record<string, Json>;
      const cols = ours['columns'] as Json[];
      assert.deepEqual(cols.map((x) => x['path']).sort(), Object.keys(theirs).sort(), 'columns');
      for (const oc of cols) {
        const t = theirs[oc['path'] as string] as Json;
        const where = `${set[0]}… ${String(oc['path'])}`;
        assert.equal(oc['nulls'], t['nulls'], `${where} nulls`);
        assert.deepEqual(oc['min'], t['min'], `${where} min`);
        assert.deepEqual(oc['max'], t['max'], `${where} max`);
      }
    }
  });
});
