/**
 * A small YAML emitter for manifests: plain JSON-like data (maps, lists,
 * strings, numbers, booleans, null) in block style, safe for YAML 1.1 and 1.2
 * readers alike. Why not `yaml`'s stringify: it builds a node tree per value
 * and cost ~100 ms of `plan`'s 250 ms budget on the full example; this writes
 * text directly. `yaml` still parses every spec, and a test round-trips every
 * rendered object through it (1.1 and 1.2) to prove the two agree.
 */

// Strings that YAML 1.1 or 1.2 would read as something else when unquoted.
const reserved =
  /^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF|null|Null|NULL|~|=|<<)$/;
// Plain scalars we write unquoted: a conservative set that no YAML reader misreads.
// No leading digit, sign or dot (numbers, dates, sexagesimals), no ': ' or ' #'.
const plain = /^[A-Za-z_/][A-Za-z0-9_./@+-]*(?::[A-Za-z0-9_./@+-]+)*$/;

function scalar(s: string): string {
  return plain.test(s) && !reserved.test(s) ? s : JSON.stringify(s);
}

function key(k: string): string {
  return scalar(k);
}

/** A block literal (`|`) keeps configuration files readable; used only where it is exact. */
function blockLiteral(s: string, indent: string): string | undefined {
  if (!s.includes('\n')) return undefined;
  // Characters a block scalar cannot carry, or would change: fall back to a quoted string.
  // eslint-disable-next-line no-control-regex -- control characters are exactly what we look for
  if (/[\t\r\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u0085\u2028\u2029\ufeff]/.test(s)) return undefined;
  const body = s.endsWith('\n') ? s.slice(0, -1) : s;
  if (body.endsWith('\n') || body === '') return undefined; // several trailing newlines: keep quoted
  const lines = body.split('\n');
  if ((lines[0] ?? '').startsWith(' ')) return undefined; // would need an indentation indicator
  if (lines.some((l) => / $/.test(l))) return undefined;
  const head = s.endsWith('\n') ? '|' : '|-';
  return `${head}\n${lines.map((l) => (l === '' ? '' : `${indent}${l}`)).join('\n')}`;
}

function value(v: unknown, indent: string): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new Error(`manifest: cannot write ${v} as YAML`);
    return String(v);
  }
  if (typeof v === 'string') return blockLiteral(v, indent) ?? scalar(v);
  throw new Error(`manifest: unexpected ${typeof v} in a manifest`);
}

function lines(v: unknown, indent: string, out: string[]): void {
  if (Array.isArray(v)) {
    for (const item of v) {
      if (item !== null && typeof item === 'object' && !isEmpty(item)) {
        const sub: string[] = [];
        lines(item, `${indent}  `, sub);
        // The first line of the item goes after the dash.
        out.push(`${indent}- ${(sub[0] ?? '').slice(indent.length + 2)}`, ...sub.slice(1));
      } else {
        out.push(`${indent}- ${inline(item, `${indent}  `)}`);
      }
    }
    return;
  }
  for (const [k, item] of Object.entries(v as Record<string, unknown>)) {
    if (item === undefined) continue;
    if (item !== null && typeof item === 'object' && !isEmpty(item)) {
      out.push(`${indent}${key(k)}:`);
      lines(item, Array.isArray(item) ? `${indent}  ` : `${indent}  `, out);
    } else {
      out.push(`${indent}${key(k)}: ${inline(item, `${indent}  `)}`);
    }
  }
}

function isEmpty(o: object): boolean {
  return Array.isArray(o) ? o.length === 0 : Object.keys(o).length === 0;
}

function inline(v: unknown, indent: string): string {
  if (Array.isArray(v) && v.length === 0) return '[]';
  if (v !== null && typeof v === 'object' && isEmpty(v)) return '{}';
  return value(v, indent);
}

/** One YAML document (without the `---` marker), ending in a newline. */
export function emitYAML(doc: unknown): string {
  if (doc === null || typeof doc !== 'object' || isEmpty(doc)) return `${inline(doc, '')}\n`;
  const out: string[] = [];
  lines(doc, '', out);
  return `${out.join('\n')}\n`;
}
