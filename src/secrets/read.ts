/**
 * Reads credential values from the files and environment a spec names, for
 * `plan --include-secrets` and `up`. Values are returned, never printed; any
 * problem names the file or variable but not its content.
 */
import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { parse } from 'yaml';
import { ExitCode, UserError } from '../cli/errors.js';
import { cloudOf } from '../clouds/registry.js';
import type { SecretValues } from '../render/secrets.js';
import type { Platform } from '../spec/schema.js';

function expand(path: string): string {
  return path.startsWith('~/') ? `${homedir()}${path.slice(1)}` : path;
}

async function readSecretFile(path: string, what: string): Promise<string> {
  try {
    return await readFile(expand(path), 'utf8');
  } catch (err) {
    throw new UserError(
      `credentials: cannot read ${what} from ${path}: ${(err as NodeJS.ErrnoException).code ?? 'error'}`,
      ExitCode.usage,
    );
  }
}

interface CloudsEntry {
  auth?: Record<string, string>;
  region_name?: string;
  cacert?: string;
  auth_type?: string;
}

/** The entry for `cloudName` in a clouds.yaml, or a clear error. */
export function cloudsEntry(text: string, cloudName: string, file: string): CloudsEntry {
  let doc: unknown;
  try {
    doc = parse(text);
  } catch (err) {
    throw new UserError(
      `credentials: ${file} is not valid YAML: ${(err as Error).message.split('\n')[0]}`,
      ExitCode.usage,
    );
  }
  const clouds = (doc as { clouds?: Record<string, CloudsEntry> } | null)?.clouds;
  if (!clouds || typeof clouds !== 'object')
    throw new UserError(`credentials: ${file} has no 'clouds' map: expected a clouds.yaml`, ExitCode.usage);
  const entry = clouds[cloudName];
  if (!entry) {
    throw new UserError(
      `credentials: ${file} has no cloud named "${cloudName}" (it has: ${Object.keys(clouds).join(', ') || 'none'})`,
      ExitCode.usage,
    );
  }
  if (!entry.auth?.['auth_url'])
    throw new UserError(`credentials: cloud "${cloudName}" in ${file} has no auth.auth_url`, ExitCode.usage);
  return entry;
}

/** Values of every credential Secret the platform needs. */
export async function readSecretValues(
  p: Platform,
  env: NodeJS.ProcessEnv = process.env,
): Promise<SecretValues> {
  const { module, platform } = cloudOf(p);
  const wanted = module.credentials(platform);
  if (wanted.length === 0) return {};
  const cloud = p.spec.cloud;
  const source = 'credentials' in cloud ? cloud.credentials : undefined;
  if (!source) return {};
  const base: Record<string, string> = {};
  if (source.fromFile)
    base[wanted[0]?.keys[0] ?? 'credentials'] = await readSecretFile(source.fromFile, 'the credentials');
  for (const [key, variable] of Object.entries(source.fromEnv ?? {})) {
    const v = env[variable];
    if (v === undefined || v === '')
      throw new UserError(
        `credentials: environment variable ${variable} (for key ${key}) is not set`,
        ExitCode.usage,
      );
    base[key] = v;
  }
  if (Object.keys(base).length === 0) {
    throw new UserError(
      `credentials: spec.cloud.credentials has neither fromFile nor fromEnv: nothing to build Secret ${source.secretName} from`,
      ExitCode.usage,
    );
  }
  const out: Record<string, Record<string, string>> = {};
  let derived: Record<string, string> | undefined;
  if (cloud.provider === 'openstack') {
    const file = source.fromFile ?? 'clouds.yaml';
    const entry = cloudsEntry(base['clouds.yaml'] ?? '', cloud.cloudName, file);
    if (entry.cacert) base['cacert'] = await readSecretFile(entry.cacert, 'the CA certificate');
    const auth = entry.auth ?? {};
    if (!auth['application_credential_id'] || !auth['application_credential_secret']) {
      throw new UserError(
        `credentials: cloud "${cloud.cloudName}" in ${file} does not use an application credential (auth.application_credential_id/secret): aglais needs one for the Manila CSI driver`,
        ExitCode.usage,
      );
    }
    derived = {
      'os-authURL': auth['auth_url'] ?? '',
      'os-region': entry.region_name ?? cloud.region ?? 'RegionOne',
      'os-applicationCredentialID': auth['application_credential_id'],
      'os-applicationCredentialSecret': auth['application_credential_secret'],
    };
  }
  for (const s of wanted) {
    const values = s.derived ? (derived ?? {}) : base;
    out[s.name] = Object.fromEntries(
      s.keys.filter((k) => values[k] !== undefined).map((k) => [k, values[k] as string]),
    );
  }
  return out;
}
