/**
 * S3A settings for every bucket the platform reads or writes (S3 data sets,
 * event logs), per bucket (`fs.s3a.bucket.<b>.*`) so that buckets on
 * different stores and with different credentials coexist.
 *
 * Keys are never written: the credentials provider reads them from Hadoop
 * configuration values `${env.NAME}`, which Hadoop expands from environment
 * variables that Kubernetes fills from the named Secret (keys access-key and
 * secret-key) in the interpreter pod and, through
 * spark.kubernetes.executor.secretKeyRef, in every executor.
 */
import type { Platform } from '../spec/schema.js';

export interface S3Env {
  readonly name: string;
  readonly secret: string;
  readonly key: string;
}

interface Bucket {
  readonly bucket: string;
  readonly endpoint?: string | undefined;
  readonly pathStyle: boolean;
  readonly region?: string | undefined;
  readonly credentialsSecret?: string | undefined;
}

export const simpleProvider = 'org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider';
export const anonymousProvider = 'org.apache.hadoop.fs.s3a.AnonymousAWSCredentialsProvider';

/** Environment variable names for one credentials Secret. */
export function envNames(secret: string): { access: string; secretKey: string } {
  const base = `AGLAIS_S3_${secret.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`;
  return { access: `${base}_ACCESS_KEY`, secretKey: `${base}_SECRET_KEY` };
}

function buckets(p: Platform): Bucket[] {
  const out: Bucket[] = [];
  for (const d of p.spec.datasets) {
    const s = d.source;
    if (s.type === 's3') {
      out.push({
        bucket: s.bucket,
        endpoint: s.endpoint,
        pathStyle: s.pathStyle,
        region: s.region,
        credentialsSecret: s.credentialsSecret,
      });
    }
  }
  const h = p.spec.platform.spark.historyServer;
  if (h.enabled && h.eventLogs.type === 's3') {
    out.push({
      bucket: h.eventLogs.bucket,
      endpoint: h.eventLogs.endpoint,
      pathStyle: true,
      credentialsSecret: h.eventLogs.credentialsSecret,
    });
  }
  // The first mention of a bucket decides its settings.
  const seen = new Set<string>();
  return out.filter((b) => (seen.has(b.bucket) ? false : (seen.add(b.bucket), true)));
}

/** Spark conf (`spark.hadoop.fs.s3a.bucket.*`) and the environment variables it reads. */
export function s3Settings(p: Platform): { conf: Record<string, string>; env: S3Env[] } {
  const conf: Record<string, string> = {};
  const env = new Map<string, S3Env>();
  for (const b of buckets(p)) {
    const k = `spark.hadoop.fs.s3a.bucket.${b.bucket}`;
    if (b.endpoint) conf[`${k}.endpoint`] = b.endpoint;
    if (b.region) conf[`${k}.endpoint.region`] = b.region;
    conf[`${k}.path.style.access`] = String(b.pathStyle);
    if (b.credentialsSecret) {
      const n = envNames(b.credentialsSecret);
      conf[`${k}.aws.credentials.provider`] = simpleProvider;
      conf[`${k}.access.key`] = `\${env.${n.access}}`;
      conf[`${k}.secret.key`] = `\${env.${n.secretKey}}`;
      env.set(n.access, { name: n.access, secret: b.credentialsSecret, key: 'access-key' });
      env.set(n.secretKey, { name: n.secretKey, secret: b.credentialsSecret, key: 'secret-key' });
    } else {
      conf[`${k}.aws.credentials.provider`] = anonymousProvider;
    }
  }
  return { conf, env: [...env.values()].sort((a, b) => a.name.localeCompare(b.name)) };
}

/** Container env entries filling the S3 variables from their Secrets. */
export function s3ContainerEnv(p: Platform): Record<string, unknown>[] {
  return s3Settings(p).env.map((e) => ({
    name: e.name,
    valueFrom: { secretKeyRef: { name: e.secret, key: e.key } },
  }));
}

/** `s3a://bucket/prefix/rest` with no doubled or trailing slashes. */
export function s3aURL(bucket: string, ...parts: string[]): string {
  const path = parts
    .flatMap((x) => x.split('/'))
    .filter((x) => x !== '')
    .join('/');
  return `s3a://${bucket}/${path}`;
}
