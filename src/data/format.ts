/** Output helpers: aligned text tables, byte sizes, and JSON that keeps 64-bit integers exact. */

/** Renders rows as a left-aligned table with a header; numbers are right-aligned. */
export function table(
  header: readonly string[],
  rows: ReadonlyArray<ReadonlyArray<string | number>>,
): string {
  const cells = [header.map(String), ...rows.map((r) => r.map((c) => String(c)))];
  const numeric = header.map((_, i) => rows.length > 0 && rows.every((r) => typeof r[i] === 'number'));
  const widths = header.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? '').length)));
  return cells
    .map((r) =>
      r
        .map((c, i) => (numeric[i] ? c.padStart(widths[i] as number) : c.padEnd(widths[i] as number)))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

export function bytes(n: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];
  let v = n;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return u === 0 ? `${n} B` : `${v.toFixed(1)} ${units[u]}`;
}

export function count(n: number): string {
  return n.toLocaleString('en-US');
}

/**
 * JSON.stringify that writes bigint as plain integer literals (exact, unlike Number), -0 as -0.0, Uint8Array
 * as base64 strings, Date as ISO strings and non-finite numbers as strings ("NaN", "Infinity").
 */
export function toJson(value: unknown, indent?: number): string {
  const marks: string[] = [];
  const tag = `@@big${Math.random().toString(36).slice(2)}:`;
  const s = JSON.stringify(
    value,
    function (this: unknown, _k, v: unknown) {
      if (typeof v === 'bigint') {
        marks.push(v.toString());
        return `${tag}${marks.length - 1}@@`;
      }
      if (v instanceof Uint8Array)
        return Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('base64');
      if (typeof v === 'number' && !Number.isFinite(v)) return String(v);
      if (v === 0 && Object.is(v, -0)) {
        marks.push('-0.0'); // JSON.stringify drops the sign; Parquet float statistics use it
        return `${tag}${marks.length - 1}@@`;
      }
      return v;
    },
    indent,
  );
  if (!marks.length) return s;
  return s.replace(new RegExp(`"${tag}(\\d+)@@"`, 'g'), (_m, i: string) => marks[Number(i)] as string);
}
