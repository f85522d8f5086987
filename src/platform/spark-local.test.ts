/**
 * The generated Spark configuration, proven with real Spark: pyspark 3.5 (the
 * venv of scripts/setup/20-python.sh) runs locally with our spark-defaults
 * minus the Kubernetes-only keys, registers the data sets' tables with the
 * setup notebook's code and our DDL (bucketed, sorted) and reads Parquet written by pyarrow
 *  - through a mounted path (the data set's mountPath), and
 *  - through S3A from a local S3 server (MinIO, scripts/setup/25-s3.sh), with
 *    our per-bucket endpoint/path-style/credentials settings and the keys
 *    taken from environment variables, as the Secret fills them in a pod.
 * hadoop-aws comes from scripts/setup/26-spark-jars.sh (the same coordinate
 * spark.jars.packages names, given to Spark as local jars).
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { CreateBucketCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { parseSpec } from '../spec/load.js';
import type { ClusterContext } from '../render/seam.js';
import { envNames } from './s3.js';
import { hadoopAwsPackage, isKubernetesOnly, sparkDefaults, formatSparkDefaults } from './spark.js';
import { platformTableSetup } from './tables.js';
import { effectiveUsers } from './users.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const testdata = join(root, 'src', 'platform', 'testdata');
const jarDir = join(homedir(), '.cache', 'aglais', 'spark-jars');
const jars = ['hadoop-aws-3.3.4.jar', 'aws-java-sdk-bundle-1.12.262.jar'].map((j) => join(jarDir, j));
const ci = process.env['CI'] === 'true';

function python(): string | undefined {
  const r = spawnSync('bash', [join(root, 'scripts', 'python.sh')], { encoding: 'utf8' });
  const py = r.status === 0 ? r.stdout.trim() : '';
  return py && existsSync(py) ? py : undefined;
}

function minioBinary(): string | undefined {
  const dir = join(homedir(), '.cache', 'aglais', 's3');
  if (!existsSync(dir)) return undefined;
  const bin = readdirSync(dir)
    .filter((f) => f.startsWith('minio-'))
    .sort()
    .pop();
  return bin ? join(dir, bin) : undefined;
}

/** Why the suite cannot run here, or undefined. Under CI a missing peer is a failure. */
function missing(): string | undefined {
  const why = !python()
    ? 'spark-local: no Python venv with pyspark; run bash scripts/setup/20-python.sh'
    : !jars.every((j) => existsSync(j))
      ? 'spark-local: hadoop-aws jars missing; run bash scripts/setup/26-spark-jars.sh'
      : spawnSync('java', ['-version']).status !== 0
        ? 'spark-local: no Java (17) on PATH'
        : undefined;
  if (why && ci) throw new Error(`${why} (CI=true: a missing test peer is a failure)`);
  return why;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => (typeof a === 'object' && a ? resolve(a.port) : reject(new Error('no port'))));
    });
  });
}

const cluster: ClusterContext = {
  facts: {
    title: 'test',
    capiProvider: null,
    ccm: null,
    blockStorage: null,
    sharedStorage: null,
    objectStore: null,
    loadBalancer: null,
    substitutes: [],
  },
  blockStorageClass: '',
  sharedStorageClass: '',
  ingressClass: 'nginx',
};

const rows = 1000;
const accessKey = 'aglais-test-access';
const secretKey = 'aglais-test-secret-key';

function spec(mountPath: string, s3Port: number): string {
  return `apiVersion: aglais.dev/v1alpha1
kind: Platform
metadata: { name: spark-local }
spec:
  cloud: { provider: dev }
  kubernetes: { version: v1.34.2 }
  controlPlane: { replicas: 1 }
  nodePools:
    - { name: workers, replicas: 1, capacity: { cpu: 8, memory: 32Gi } }
  datasets:
    - name: sample
      mountPath: ${mountPath}
      database: gaiadr3
      source: { type: hostPath, path: /srv/gaia/sample }
      tables:
        - name: gaia_source
          location: gaia_source
          bucketing: { columns: [source_id], buckets: 4, sortedBy: [source_id] }
    - name: s3sample
      mountPath: /data/s3sample
      database: s3gaia
      source:
        type: s3
        bucket: aglais-gaia
        prefix: GDR3
        endpoint: http://127.0.0.1:${s3Port}
        region: us-east-1
        credentialsSecret: gaia-s3
      tables:
        - name: gaia_source
          location: gaia_source
          bucketing: { columns: [source_id], buckets: 4, sortedBy: [source_id] }
  users:
    - { name: alice, passwordHash: "$shiro1$SHA-256$500000$jVmaYTRHIN2g6Cm5Aym0YA==$beOJ94juIXEPiOMStI/bnYUZ1MP6505OzxvT7LiTxG8=" }
  platform:
    domain: spark-local.example.org
    spark:
      executor: { cores: 2, memory: 3Gi, min: 0, max: 4 }
      historyServer: { enabled: false }
`;
}

const skip = missing();
const bin = minioBinary();
const s3Skip = skip ?? (bin ? undefined : 'no S3 server: run bash scripts/setup/25-s3.sh');
if (!skip && s3Skip && ci)
  throw new Error(`spark-local: ${s3Skip} (CI=true: a missing test peer is a failure)`);

interface SparkOut {
  conf: Record<string, string>;
  results: Record<string, unknown[][]>;
  buckets: Record<string, { num: string; by: string; sorted: string; location: string }>;
}

describe('Spark settings in a real local pyspark (pyarrow Parquet, mounted path and S3A)', { skip }, () => {
  const work = mkdtempSync(join(tmpdir(), 'aglais-spark-'));
  let minio: ChildProcess | undefined;
  let tableDir = '';
  let out: SparkOut | undefined;
  let failure = '';
  // 1000 rows with source_id = i*1000+7 for i in 0..999: count, distinct, min, max.
  const expected = [rows, rows, 7, (rows - 1) * 1000 + 7];

  before(async () => {
    const s3Port = await freePort();
    const withS3 = s3Skip === undefined && bin !== undefined;
    if (withS3) {
      mkdirSync(join(work, 'minio'));
      minio = spawn(bin, ['server', join(work, 'minio'), '--address', `127.0.0.1:${s3Port}`, '--quiet'], {
        env: { ...process.env, MINIO_ROOT_USER: accessKey, MINIO_ROOT_PASSWORD: secretKey },
        stdio: 'ignore',
      });
      const deadline = Date.now() + 30_000;
      for (;;) {
        const ok = await fetch(`http://127.0.0.1:${s3Port}/minio/health/live`)
          .then((r) => r.ok)
          .catch(() => false);
        if (ok) break;
        if (Date.now() > deadline) throw new Error('spark-local: MinIO did not start in 30 s');
        await new Promise((r) => setTimeout(r, 200));
      }
    }
    const py = python() as string;
    const mountPath = join(work, 'data', 'gaia', 'sample');
    tableDir = join(mountPath, 'gaia_source');
    mkdirSync(tableDir, { recursive: true });
    const w = spawnSync(py, [join(testdata, 'write_parquet.py'), tableDir, String(rows)], {
      encoding: 'utf8',
    });
    assert.equal(w.status, 0, w.stderr);

    const { platform } = parseSpec(spec(mountPath, s3Port), 'spark-local.yaml');
    const user = effectiveUsers(platform)[0];
    assert.ok(user);
    const conf = sparkDefaults(platform, user, cluster);

    // What the pods get: hadoop-aws matching Spark 3.5's Hadoop, keys only by reference.
    assert.equal(conf['spark.jars.packages'], hadoopAwsPackage);
    assert.equal(hadoopAwsPackage, 'org.apache.hadoop:hadoop-aws:3.3.4');
    const env = envNames('gaia-s3');
    assert.equal(conf['spark.hadoop.fs.s3a.bucket.aglais-gaia.access.key'], `\${env.${env.access}}`);
    assert.equal(conf[`spark.kubernetes.executor.secretKeyRef.${env.secretKey}`], 'gaia-s3:secret-key');
    assert.ok(!Object.values(conf).some((v) => v.includes(secretKey)));

    // Locally: every key but the Kubernetes-only ones; the package given as the cached jars.
    const local: Record<string, string> = {};
    for (const [k, v] of Object.entries(conf)) {
      if (isKubernetesOnly(k) || k === 'spark.jars.packages' || k === 'spark.jars.ivy') continue;
      local[k] = v;
    }
    local['spark.jars'] = jars.join(',');
    const confDir = join(work, 'conf');
    mkdirSync(confDir);
    writeFileSync(join(confDir, 'spark-defaults.conf'), formatSparkDefaults(local));

    if (withS3) {
      const s3 = new S3Client({
        endpoint: `http://127.0.0.1:${s3Port}`,
        region: 'us-east-1',
        forcePathStyle: true,
        credentials: { accessKeyId: accessKey, secretAccessKey: secretKey },
      });
      await s3.send(new CreateBucketCommand({ Bucket: 'aglais-gaia' }));
      for (const f of readdirSync(tableDir)) {
        await s3.send(
          new PutObjectCommand({
            Bucket: 'aglais-gaia',
            Key: `GDR3/gaia_source/${f}`,
            Body: readFileSync(join(tableDir, f)),
          }),
        );
      }
      s3.destroy();
    }

    const setup = platformTableSetup(platform)
      .filter((s) => withS3 || !s.table.startsWith('s3gaia.'))
      .map((s) => s.code);
    const query = (t: string) =>
      `SELECT count(*), count(DISTINCT source_id), min(source_id), max(source_id) FROM ${t}`;
    const queries: Record<string, string> = {
      mounted: query('gaiadr3.gaia_source'),
      ...(withS3 ? { s3: query('s3gaia.gaia_source') } : {}),
    };
    writeFileSync(join(work, 'setup.json'), JSON.stringify(setup));
    writeFileSync(join(work, 'queries.json'), JSON.stringify(queries));
    const r = spawnSync(
      py,
      [join(testdata, 'spark_local.py'), join(work, 'setup.json'), join(work, 'queries.json')],
      {
        encoding: 'utf8',
        env: {
          ...process.env,
          SPARK_CONF_DIR: confDir,
          // What the Secret gives the pod: the credentials provider reads ${env.…} from these.
          [env.access]: accessKey,
          [env.secretKey]: secretKey,
          PYSPARK_PYTHON: py,
        },
        timeout: 300_000,
      },
    );
    if (r.status !== 0) {
      failure = `pyspark failed (${r.status}):\n${(r.stderr ?? '').slice(-4000)}`;
      return;
    }
    const lines = r.stdout.trim().split('\n');
    out = JSON.parse(lines[lines.length - 1] ?? '{}') as SparkOut;
  });

  after(() => {
    minio?.kill('SIGTERM');
    rmSync(work, { recursive: true, force: true });
  });

  test('Spark reads our spark-defaults (executor size, bucketing)', () => {
    assert.ok(out, failure);
    assert.equal(out.conf['spark.executor.memory'], '3g');
    // max(10% of 3072 MiB = 307, 384) = 384
    assert.equal(out.conf['spark.executor.memoryOverhead'], '384m');
    assert.equal(out.conf['spark.sql.sources.bucketing.enabled'], 'true');
  });

  test('reads the bucketed table through the mounted path', () => {
    assert.ok(out, failure);
    assert.deepEqual(out.results['mounted']?.[0], expected);
    assert.deepEqual(out.buckets['gaiadr3.gaia_source'], {
      num: '4',
      by: '[`source_id`]',
      sorted: '[`source_id`]',
      location: `file:${tableDir}`,
    });
  });

  test('reads the bucketed table through S3A from the local S3 server', { skip: s3Skip }, () => {
    assert.ok(out, failure);
    assert.deepEqual(out.results['s3']?.[0], expected);
    assert.deepEqual(out.buckets['s3gaia.gaia_source'], {
      num: '4',
      by: '[`source_id`]',
      sorted: '[`source_id`]',
      location: 's3a://aglais-gaia/GDR3/gaia_source',
    });
  });
});
