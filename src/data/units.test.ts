/** Unit tests of the small pure pieces: layout, Spark types, exact values, Thrift bounds, footers. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { SchemaElement } from 'hyparquet';
import { bucketOf, inferPartitionType, layoutOf } from './layout.js';
import { quoteIdent, sparkColumns } from './spark-types.js';
import { decimalString, isoFromNanos, int96Nanos, bigFromBytes } from './values.js';
import { Cursor } from './thrift-lite.js';
import { scanFooter, newScanState } from './footer-scan.js';
import type { FileError } from './footer.js';
import { readFooter } from './footer.js';
import { newStats, type Reader } from './reader.js';
import { toJson } from './format.js';
import { sortedColumns } from './ddl.js';
import type { ScanReport } from './scan-summary.js';
import { commonRoot } from './target.js';
import { segmentRegExp } from './glob.js';

describe('layout', () => {
  it('reads the Spark bucket id after the job UUID', () => {
    assert.equal(bucketOf('part-00001-36cfe5c6-43d9-472f-83e9-987cae8e6e3c_00042.c000.snappy.parquet'), 42);
    assert.equal(bucketOf('part-00001-36cfe5c6-43d9-472f-83e9-987cae8e6e3c_02047.c000.parquet'), 2047);
    assert.equal(bucketOf('part-00001-36cfe5c6-43d9-472f-83e9-987cae8e6e3c-c000.snappy.parquet'), undefined);
    assert.equal(bucketOf('data_00042.parquet'), undefined);
  });
  it('finds k=v directories between root and file, unescaped', () => {
    assert.deepEqual(layoutOf('s3://b/t/year=2020/name=a%20b/f.parquet', 's3://b/t').partitions, [
      ['year', '2020'],
      ['name', 'a b'],
    ]);
  });
  it('infers partition types the way Spark does', () => {
    assert.equal(inferPartitionType(['1', '2']), 'int');
    assert.equal(inferPartitionType(['1', '99999999999']), 'bigint');
    assert.equal(inferPartitionType(['1', '2.5']), 'double');
    assert.equal(inferPartitionType(['2020-01-01']), 'date');
    assert.equal(inferPartitionType(['G', '1']), 'string');
    assert.equal(inferPartitionType(['__HIVE_DEFAULT_PARTITION__', '3']), 'int');
  });
});

describe('spark types', () => {
  const el = (e: Partial<SchemaElement> & { name: string }): SchemaElement => e as SchemaElement;
  it('maps legacy two-level lists, maps, decimals, INT96 and local timestamps', () => {
    const schema: SchemaElement[] = [
      el({ name: 'root', num_children: 6 }),
      el({ name: 'legacy', repetition_type: 'OPTIONAL', converted_type: 'LIST', num_children: 1 }),
      el({ name: 'array', repetition_type: 'REPEATED', type: 'INT32' }),
      el({ name: 'm', repetition_type: 'OPTIONAL', converted_type: 'MAP', num_children: 1 }),
      el({ name: 'key_value', repetition_type: 'REPEATED', num_children: 2 }),
      el({ name: 'key', repetition_type: 'REQUIRED', type: 'BYTE_ARRAY', converted_type: 'UTF8' }),
      el({
        name: 'value',
        repetition_type: 'OPTIONAL',
        type: 'FIXED_LEN_BYTE_ARRAY',
        converted_type: 'DECIMAL',
        precision: 30,
        scale: 4,
      }),
      el({ name: 't96', repetition_type: 'OPTIONAL', type: 'INT96' }),
      el({
        name: 'ntz',
        repetition_type: 'OPTIONAL',
        type: 'INT64',
        logical_type: { type: 'TIMESTAMP', isAdjustedToUTC: false, unit: 'MICROS' },
      }),
      el({ name: 'rep', repetition_type: 'REPEATED', type: 'DOUBLE' }),
      el({ name: 'u', repetition_type: 'OPTIONAL', type: 'INT64', converted_type: 'UINT_64' }),
    ];
    assert.deepEqual(
      sparkColumns(schema).map((c) => `${c.name} ${c.type}`),
      [
        'legacy array<int>',
        'm map<string,decimal(30,4)>',
        't96 timestamp',
        'ntz timestamp_ntz',
        'rep array<double>',
        'u decimal(20,0)',
      ],
    );
  });
  it('quotes identifiers with backquotes doubled', () => {
    assert.equal(quoteIdent('we`ird name'), '`we``ird name`');
  });
});

describe('bucket column inference', () => {
  it('prefers an ordered integer column over an ordered string or double', () => {
    const col = (path: string, physicalType: string, sortedFiles: number, unsortedFiles: number) =>
      ({ path, physicalType, sortedFiles, unsortedFiles }) as ScanReport['columns'][number];
    const report = {
      columns: [
        col('designation', 'OPTIONAL BYTE_ARRAY STRING', 10, 0),
        col('ra', 'REQUIRED DOUBLE', 10, 0),
        col('random_index', 'REQUIRED INT64', 4, 6),
        col('source_id', 'REQUIRED INT64', 10, 0),
        col('s.x', 'REQUIRED INT64', 10, 0),
      ],
    } as unknown as ScanReport;
    assert.deepEqual(sortedColumns(report), ['source_id', 'ra', 'designation']);
  });
});

describe('exact values', () => {
  it('formats decimals with every digit', () => {
    assert.equal(decimalString(-12345n, 2), '-123.45');
    assert.equal(decimalString(5n, 3), '0.005');
    assert.equal(decimalString(-5n, 3), '-0.005');
    assert.equal(decimalString(10n ** 37n + 1n, 10), '1000000000000000000000000000.0000000001');
    assert.equal(bigFromBytes(new Uint8Array([0xff, 0xfe])), -2n);
  });
  it('formats timestamps with the unit digits, before the epoch too', () => {
    assert.equal(isoFromNanos(1700000000123456789n, 9), '2023-11-14T22:13:20.123456789Z');
    assert.equal(isoFromNanos(-1n, 9), '1969-12-31T23:59:59.999999999Z');
    assert.equal(isoFromNanos(-1000n, 6), '1969-12-31T23:59:59.999999Z');
  });
  it('decodes INT96 (nanos of day, Julian day)', () => {
    const b = new Uint8Array(12);
    const dv = new DataView(b.buffer);
    dv.setBigInt64(0, 3723000000001n, true); // 01:02:03.000000001
    dv.setInt32(8, 2440589, true); // 1970-01-02
    assert.equal(isoFromNanos(int96Nanos(b), 9), '1970-01-02T01:02:03.000000001Z');
  });
  it('writes bigint and -0 exactly in JSON', () => {
    assert.equal(toJson({ a: 2n ** 63n - 1n, b: -0, c: [1n] }), '{"a":9223372036854775807,"b":-0.0,"c":[1]}');
  });
});

describe('thrift and footers', () => {
  it('fails on a truncated varint instead of looping', () => {
    assert.throws(() => new Cursor(new Uint8Array([0x80, 0x80])).varint(), /corrupt footer: unexpected end/);
  });
  it('rejects a footer of garbage with a clear error', () => {
    const junk = new Uint8Array([0x19, 0xff, 0xff, 0xff, 0x7f, 0, 0, 0, 0, 0x50, 0x41, 0x52, 0x31]);
    assert.throws(() => scanFooter(junk, newScanState()), /corrupt footer/);
  });
  const memReader = (data: Uint8Array): Reader => ({
    stats: newStats(),
    async suffix(_f, n) {
      return { bytes: data.subarray(Math.max(0, data.length - n)), size: data.length };
    },
    async range(_f, s, e) {
      return data.subarray(s, e);
    },
  });
  it('names not-Parquet, truncated and bad-length files', async () => {
    const text = new TextEncoder().encode('hello, this is a CSV file\n1,2,3\n');
    await assert.rejects(readFooter(memReader(text), { url: 'x.csv' }), (e: FileError) =>
      /not a Parquet file/.test(e.reason),
    );
    const cut = new Uint8Array(100);
    cut.set([0x50, 0x41, 0x52, 0x31]);
    await assert.rejects(readFooter(memReader(cut), { url: 'cut' }), (e: FileError) =>
      /truncated Parquet file/.test(e.reason),
    );
    const badLen = new Uint8Array(20);
    badLen.set([0x50, 0x41, 0x52, 0x31]);
    badLen.set([0xff, 0xff, 0, 0, 0x50, 0x41, 0x52, 0x31], 12);
    await assert.rejects(readFooter(memReader(badLen), { url: 'len' }), (e: FileError) =>
      /footer length 65535 exceeds file size 20/.test(e.reason),
    );
  });
  it('reads a long footer with exactly one more range read', async () => {
    const meta = 100;
    const data = new Uint8Array(4 + meta + 8);
    data.set([0x50, 0x41, 0x52, 0x31]);
    new DataView(data.buffer).setUint32(4 + meta, meta, true);
    data.set([0x50, 0x41, 0x52, 0x31], 8 + meta);
    let reads = 0;
    const r = memReader(data);
    const counting: Reader = { ...r, range: (f, s, e) => (reads++, r.range(f, s, e)) };
    const f = await readFooter(counting, { url: 'm' }, 16);
    assert.equal(f.bytes.length, meta + 8);
    assert.equal(reads, 1);
  });
});

describe('targets', () => {
  it('finds the table root shared by targets and globs', () => {
    assert.equal(commonRoot(['/d/t/a.parquet', '/d/t/b.parquet']), '/d/t');
    assert.equal(commonRoot(['s3://b/t/']), 's3://b/t');
    assert.equal(commonRoot(['/d/t/*/x*.parquet']), '/d/t');
  });
  it('matches glob segments', () => {
    assert.ok(segmentRegExp('part-*.parquet').test('part-0001.parquet'));
    assert.ok(!segmentRegExp('part-?.parquet').test('part-10.parquet'));
    assert.ok(segmentRegExp('[ab]*').test('b1'));
  });
});
