/**
 * Starts and stops the test S3 server (MinIO, built by scripts/setup/25-s3.sh) on 127.0.0.1 with a
 * fresh data directory, and uploads files into it. For tests and bench only.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import { join, relative } from 'node:path';

export const s3Credentials = {
  AWS_ACCESS_KEY_ID: 'aglais-test',
  AWS_SECRET_ACCESS_KEY: 'aglais-test-secret',
  AWS_REGION: 'us-east-1',
};

/** The cached MinIO binary, or null. */
export function minioBinary(): string | null {
  const dir = join(homedir(), '.cache/aglais/s3');
  try {
    const bin = readdirSync(dir)
      .filter((f) => f.startsWith('minio-'))
      .sort()
      .pop();
    return bin ? join(dir, bin) : null;
  } catch {
    return null;
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

export interface S3Server {
  readonly endpoint: string;
  readonly env: Record<string, string>;
  stop(): Promise<void>;
}

/** `dataDir`: keep objects there across runs (bench); default a fresh temp dir removed on stop. */
export async function startS3(opts: { readonly dataDir?: string } = {}): Promise<S3Server> {
  const bin = minioBinary();
  if (!bin) throw new Error("MinIO missing: run 'bash scripts/setup/25-s3.sh'");
  const data = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'aglais-minio-'));
  const port = await freePort();
  const console = await freePort();
  const child: ChildProcess = spawn(
    bin,
    [
      'server',
      data,
      '--address',
      `127.0.0.1:${port}`,
      '--console-address',
      `127.0.0.1:${console}`,
      '--quiet',
    ],
    {
      env: {
        ...process.env,
        MINIO_ROOT_USER: s3Credentials.AWS_ACCESS_KEY_ID,
        MINIO_ROOT_PASSWORD: s3Credentials.AWS_SECRET_ACCESS_KEY,
        MINIO_BROWSER: 'off',
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const endpoint = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`MinIO exited (${child.exitCode}): ${stderr}`);
    try {
      const r = await fetch(`${endpoint}/minio/health/ready`);
      if (r.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`MinIO did not become ready in 30 s: ${stderr}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    endpoint,
    env: { ...s3Credentials },
    async stop() {
      if (child.exitCode === null) {
        const gone = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await Promise.race([gone, new Promise((r) => setTimeout(r, 5000))]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
      if (!opts.dataDir) rmSync(data, { recursive: true, force: true });
    },
  };
}

/** Creates `bucket` and uploads every file under `dir` to `prefix/…` (relative paths kept). */
export async function upload(
  server: S3Server,
  bucket: string,
  prefix: string,
  dir: string,
  files: readonly string[],
): Promise<void> {
  const sdk = await import('@aws-sdk/client-s3');
  const client = new sdk.S3Client({
    endpoint: server.endpoint,
    forcePathStyle: true,
    region: 'us-east-1',
    credentials: {
      accessKeyId: s3Credentials.AWS_ACCESS_KEY_ID,
      secretAccessKey: s3Credentials.AWS_SECRET_ACCESS_KEY,
    },
  });
  try {
    await client.send(new sdk.CreateBucketCommand({ Bucket: bucket })).catch((e: { name?: string }) => {
      if (e.name !== 'BucketAlreadyOwnedByYou') throw e;
    });
    const queue = [...files];
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        for (let f = queue.shift(); f; f = queue.shift()) {
          const key = `${prefix}/${relative(dir, f)}`.replace(/^\/+/, '');
          await client.send(new sdk.PutObjectCommand({ Bucket: bucket, Key: key, Body: readFileSync(f) }));
        }
      }),
    );
  } finally {
    client.destroy();
  }
}
