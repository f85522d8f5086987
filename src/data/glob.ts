/**
 * Minimal glob expansion for local targets (`*`, `?`, `[abc]`, `**`), because fs.glob
 * only exists from Node 22 and the CLI must run on Node 20.19. Output is sorted.
 */
import { readdirSync, statSync } from 'node:fs';
import { join, sep } from 'node:path';

export function hasGlob(s: string): boolean {
  return /[*?[]/.test(s);
}

export function segmentRegExp(seg: string): RegExp {
  let re = '';
  for (let i = 0; i < seg.length; i++) {
    const c = seg[i] as string;
    if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else if (c === '[') {
      const end = seg.indexOf(']', i + 1);
      if (end < 0) re += '\\[';
      else {
        const body = seg
          .slice(i + 1, end)
          .replace(/^!/, '^')
          .replace(/\\/g, '\\\\');
        re += `[${body}]`;
        i = end;
      }
    } else re += c.replace(/[.+^${}()|\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

function isDir(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

function walk(dir: string, segs: readonly string[], out: string[]): void {
  if (segs.length === 0) {
    out.push(dir);
    return;
  }
  const [seg, ...rest] = segs as [string, ...string[]];
  if (seg === '**') {
    walk(dir, rest, out);
    for (const e of safeReaddir(dir)) if (isDir(join(dir, e))) walk(join(dir, e), segs, out);
    return;
  }
  if (!hasGlob(seg)) {
    const p = join(dir, seg);
    if (rest.length === 0 ? exists(p) : isDir(p)) walk(p, rest, out);
    return;
  }
  const re = segmentRegExp(seg);
  for (const e of safeReaddir(dir)) if (re.test(e) && !e.startsWith('.')) walk(join(dir, e), rest, out);
}

function exists(p: string): boolean {
  try {
    statSync(p);
    return true;
  } catch {
    return false;
  }
}

function safeReaddir(dir: string): string[] {
  try {
    return readdirSync(dir).sort();
  } catch {
    return [];
  }
}

/** Paths matching a glob pattern, sorted; an empty list when nothing matches. */
export function expandGlob(pattern: string): string[] {
  const abs = pattern.startsWith('/');
  const segs = pattern.split(/[\\/]+/).filter((s) => s !== '' && s !== '.');
  const out: string[] = [];
  walk(abs ? sep : '.', segs, out);
  return [...new Set(out)].sort();
}
