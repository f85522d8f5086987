/**
 * Unified diffs of objects, as `aglais diff` prints them: the live object
 * against what a server-side dry-run apply returns, both without the fields
 * the server alone maintains, Secret values as digests. Pure.
 */
import { stringify } from 'yaml';
import { redact } from './secrets.js';

const serverOwned = [
  'managedFields',
  'resourceVersion',
  'generation',
  'creationTimestamp',
  'uid',
  'selfLink',
];

/** The object as a diff shows it: no status, no server bookkeeping, Secrets redacted. */
export function forDiff(o: Record<string, unknown> | undefined): string {
  if (!o) return '';
  const { status: _status, ...rest } = o;
  const meta = { ...((rest['metadata'] as Record<string, unknown> | undefined) ?? {}) };
  for (const k of serverOwned) delete meta[k];
  return stringify(redact({ ...rest, metadata: meta }), { lineWidth: 0, sortMapEntries: true });
}

type Op = { readonly kind: ' ' | '-' | '+'; readonly line: string };

/** Line edit script by longest common subsequence (objects are small: hundreds of lines). */
export function editScript(a: readonly string[], b: readonly string[]): Op[] {
  const n = a.length;
  const m = b.length;
  // Common prefix and suffix first: most object diffs are a few lines in the middle.
  let pre = 0;
  while (pre < n && pre < m && a[pre] === b[pre]) pre++;
  let suf = 0;
  while (suf < n - pre && suf < m - pre && a[n - 1 - suf] === b[m - 1 - suf]) suf++;
  const A = a.slice(pre, n - suf);
  const B = b.slice(pre, m - suf);
  const w = B.length + 1;
  const L = new Uint32Array((A.length + 1) * w);
  for (let i = A.length - 1; i >= 0; i--) {
    for (let j = B.length - 1; j >= 0; j--) {
      L[i * w + j] =
        A[i] === B[j]
          ? (L[(i + 1) * w + j + 1] ?? 0) + 1
          : Math.max(L[(i + 1) * w + j] ?? 0, L[i * w + j + 1] ?? 0);
    }
  }
  const ops: Op[] = a.slice(0, pre).map((line) => ({ kind: ' ', line }));
  let i = 0;
  let j = 0;
  while (i < A.length || j < B.length) {
    if (i < A.length && j < B.length && A[i] === B[j]) {
      ops.push({ kind: ' ', line: A[i++] as string });
      j++;
    } else if (i < A.length && (j >= B.length || (L[(i + 1) * w + j] ?? 0) >= (L[i * w + j + 1] ?? 0))) {
      // Removals before additions, as diff -u prints them.
      ops.push({ kind: '-', line: A[i++] as string });
    } else {
      ops.push({ kind: '+', line: B[j++] as string });
    }
  }
  for (const line of a.slice(n - suf)) ops.push({ kind: ' ', line });
  return ops;
}

export interface DiffStyle {
  readonly color: boolean;
  /** Lines of context around each change. Default 3. */
  readonly context?: number;
}

const paint = (on: boolean, code: string, s: string) => (on ? `\x1b[${code}m${s}\x1b[0m` : s);

/** A unified diff of two texts with `--- from` / `+++ to` headers; '' when equal. */
export function unifiedDiff(
  from: string,
  to: string,
  fromName: string,
  toName: string,
  style: DiffStyle,
): string {
  if (from === to) return '';
  const split = (s: string) => (s === '' ? [] : s.replace(/\n$/, '').split('\n'));
  const ops = editScript(split(from), split(to));
  const ctx = style.context ?? 3;
  const changed = ops.map((o, k) => (o.kind !== ' ' ? k : -1)).filter((k) => k >= 0);
  if (changed.length === 0) return '';
  // Group changes whose context overlaps into hunks.
  const hunks: [number, number][] = [];
  for (const k of changed) {
    const last = hunks[hunks.length - 1];
    if (last && k - last[1] <= 2 * ctx) last[1] = k;
    else hunks.push([k, k]);
  }
  const out = [paint(style.color, '1', `--- ${fromName}`), paint(style.color, '1', `+++ ${toName}`)];
  // Line numbers before each op, in each text.
  const aNo: number[] = [];
  const bNo: number[] = [];
  let an = 1;
  let bn = 1;
  for (const o of ops) {
    aNo.push(an);
    bNo.push(bn);
    if (o.kind !== '+') an++;
    if (o.kind !== '-') bn++;
  }
  for (const [first, lastChange] of hunks) {
    const s = Math.max(0, first - ctx);
    const e = Math.min(ops.length - 1, lastChange + ctx);
    const slice = ops.slice(s, e + 1);
    const aLen = slice.filter((o) => o.kind !== '+').length;
    const bLen = slice.filter((o) => o.kind !== '-').length;
    const aStart = aLen === 0 ? (aNo[s] ?? 1) - 1 : (aNo[s] ?? 1);
    const bStart = bLen === 0 ? (bNo[s] ?? 1) - 1 : (bNo[s] ?? 1);
    out.push(paint(style.color, '36', `@@ -${aStart},${aLen} +${bStart},${bLen} @@`));
    for (const o of slice) {
      const text = `${o.kind}${o.line}`;
      out.push(
        o.kind === '-'
          ? paint(style.color, '31', text)
          : o.kind === '+'
            ? paint(style.color, '32', text)
            : text,
      );
    }
  }
  return `${out.join('\n')}\n`;
}
