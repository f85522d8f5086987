/** Turns command-line TARGETs into a file list and the reader that can read them. */
import { ExitCode, UserError } from '../cli/errors.js';
import { httpReader } from './http.js';
import { listLocal, localReader } from './local.js';
import type { DataFile, Reader } from './reader.js';
import type { S3Options } from './s3.js';

export type TargetKind = 'local' | 'http' | 's3';

export function kindOf(target: string): TargetKind {
  if (/^s3a?:\/\//.test(target)) return 's3';
  if (/^https?:\/\//.test(target)) return 'http';
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(target)) {
    throw new UserError(
      `data: unsupported URL scheme in '${target}' (use a path, http(s):// or s3://)`,
      ExitCode.usage,
    );
  }
  return 'local';
}

export interface Resolved {
  readonly kind: TargetKind;
  readonly files: DataFile[];
  readonly reader: Reader;
  /** The common root of the targets (table LOCATION), without a trailing slash. */
  readonly root: string;
}

export type TargetOptions = S3Options;

/** `onReader` sees the reader as soon as it exists, so request counts survive a failed listing. */
export async function resolveTargets(
  targets: readonly string[],
  opts: TargetOptions = {},
  onReader?: (r: Reader) => void,
): Promise<Resolved> {
  if (targets.length === 0) throw new UserError('data: no TARGET given', ExitCode.usage);
  const kinds = new Set(targets.map(kindOf));
  if (kinds.size > 1)
    throw new UserError(`data: targets mix ${[...kinds].join(' and ')} locations`, ExitCode.usage);
  const kind = [...kinds][0] as TargetKind;
  const files: DataFile[] = [];
  let reader: Reader;
  if (kind === 'local') {
    reader = localReader();
    onReader?.(reader);
    for (const t of targets) files.push(...(await listLocal(t)));
  } else if (kind === 'http') {
    reader = httpReader(opts);
    onReader?.(reader);
    for (const t of targets) files.push({ url: t });
  } else {
    const { s3Reader } = await import('./s3.js');
    const r = await s3Reader(opts);
    reader = r;
    onReader?.(r);
    for (const t of targets) {
      const listed = await r.list(t);
      if (listed.length === 0) throw new UserError(`data: no object under '${t}'`, ExitCode.usage);
      files.push(...listed);
    }
  }
  return { kind, files: dedupe(files), reader, root: commonRoot(targets) };
}

function dedupe(files: DataFile[]): DataFile[] {
  const seen = new Set<string>();
  return files.filter((f) => !seen.has(f.url) && (seen.add(f.url), true));
}

/** The longest directory prefix shared by the targets (globs cut at their first wildcard). */
export function commonRoot(targets: readonly string[]): string {
  const cut = targets.map((t) => {
    const w = t.search(/[*?[]/);
    const s = w >= 0 ? t.slice(0, t.lastIndexOf('/', w)) : t;
    return s.replace(/\/+$/, '');
  });
  let root = cut[0] ?? '';
  for (const c of cut.slice(1)) {
    while (root && c !== root && !c.startsWith(`${root}/`))
      root = root.slice(0, Math.max(0, root.lastIndexOf('/')));
  }
  return root;
}
