/**
 * What `aglais check` prints: a table for people, JSON for scripts, JUnit XML
 * for schedulers (CI, Jenkins, GitLab). All three are sorted the same way.
 */
import { formatDuration } from './duration.js';
import { STATUSES, type Status } from './judge.js';
import type { TestResult } from './notebooks.js';
import type { SmokeResult } from './smoke.js';

export interface CheckReport {
  readonly target: string;
  readonly url: string;
  readonly startedAt: string;
  readonly elapsedMs: number;
  readonly users: number;
  readonly loops: number;
  readonly suite: string;
  readonly smoke: readonly SmokeResult[];
  readonly results: readonly TestResult[];
}

export type Summary = Record<Status, number> & { smokeErrors: number };

export function summarize(r: CheckReport): Summary {
  const s: Summary = { ERROR: 0, SLOW: 0, SUSPECT: 0, PASS: 0, smokeErrors: 0 };
  for (const t of r.results) s[t.status]++;
  s.smokeErrors = r.smoke.filter((c) => c.status === 'ERROR').length;
  return s;
}

/** True when anything failed: a smoke check or a test in ERROR. */
export function failed(r: CheckReport): boolean {
  const s = summarize(r);
  return s.ERROR > 0 || s.smokeErrors > 0;
}

/** Results sorted by user, loop, then suite order (the input order within a loop). */
export function sortedResults(results: readonly TestResult[]): TestResult[] {
  const order = new Map<string, number>();
  results.forEach((r, i) => order.set(`${r.user}\u0000${r.loop}\u0000${r.test}`, i));
  const firstOfTest = new Map<string, number>();
  results.forEach((r, i) => {
    if (!firstOfTest.has(r.test)) firstOfTest.set(r.test, i);
  });
  return [...results].sort(
    (a, b) =>
      (a.user < b.user ? -1 : a.user > b.user ? 1 : 0) ||
      a.loop - b.loop ||
      firstOfTest.get(a.test)! - firstOfTest.get(b.test)!,
  );
}

export function summaryLine(r: CheckReport): string {
  const s = summarize(r);
  const tests = STATUSES.map((k) => `${s[k]} ${k === 'ERROR' ? 'errors' : k.toLowerCase()}`).join(', ');
  const smoke = s.smokeErrors > 0 ? `; ${s.smokeErrors} smoke checks failed` : '';
  return `check: ${r.results.length} runs (${r.users} users × ${r.loops} loops): ${tests}${smoke}`;
}

export function renderTable(r: CheckReport): string {
  const lines: string[] = [`aglais check ${r.url}  (suite: ${r.suite})`, ''];
  lines.push(
    ...columns([
      ['CHECK', 'STATUS', 'TIME', 'DETAIL'],
      ...r.smoke.map((c) => [c.check, c.status, formatDuration(c.elapsedMs), c.detail]),
    ]),
  );
  if (r.results.length > 0) {
    lines.push('');
    const rows = sortedResults(r.results).map((t) => [
      t.user,
      String(t.loop),
      t.test,
      t.status,
      formatDuration(t.elapsedMs),
      formatDuration(t.expectedMs),
      t.message ?? '',
    ]);
    lines.push(...columns([['USER', 'LOOP', 'TEST', 'STATUS', 'TIME', 'EXPECTED', 'NOTE'], ...rows]));
  }
  lines.push('', summaryLine(r));
  return `${lines.join('\n')}\n`;
}

function columns(rows: string[][]): string[] {
  const widths: number[] = [];
  for (const row of rows.slice(0, rows.length)) {
    row.slice(0, -1).forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  }
  return rows.map((row) =>
    row
      .map((cell, i) => (i < row.length - 1 ? cell.padEnd(widths[i]!) : oneLine(cell)))
      .join('  ')
      .trimEnd(),
  );
}

function oneLine(s: string): string {
  // eslint-disable-next-line no-control-regex -- a terminal must not receive control characters from outputs
  const flat = s.replace(/\s+/g, ' ').replace(/[\u0000-\u001f\u007f]/g, '');
  return flat.length > 160 ? `${flat.slice(0, 157)}...` : flat;
}

export function renderJson(r: CheckReport): string {
  const body = { ...r, results: sortedResults(r.results), summary: summarize(r), ok: !failed(r) };
  return `${JSON.stringify(body, null, 2)}\n`;
}

/**
 * JUnit XML: one testsuite for the smoke checks, one per simulated user. ERROR is
 * an <error>, SLOW a <failure>; SUSPECT passes with a note in <system-out>.
 */
export function renderJUnit(r: CheckReport): string {
  const out: string[] = ['<?xml version="1.0" encoding="UTF-8"?>'];
  const s = summarize(r);
  const total = r.smoke.length + r.results.length;
  out.push(
    `<testsuites name="aglais check" tests="${total}" failures="${s.SLOW}" errors="${s.ERROR + s.smokeErrors}" time="${secs(r.elapsedMs)}">`,
  );
  const smokeErr = r.smoke.filter((c) => c.status === 'ERROR').length;
  const smokeSkip = r.smoke.filter((c) => c.status === 'SKIP').length;
  out.push(
    `  <testsuite name="smoke" tests="${r.smoke.length}" failures="0" errors="${smokeErr}" skipped="${smokeSkip}" time="${secs(sum(r.smoke.map((c) => c.elapsedMs)))}">`,
  );
  for (const c of r.smoke) {
    const open = `    <testcase classname="smoke" name="${esc(c.check)}" time="${secs(c.elapsedMs)}"`;
    if (c.status === 'ERROR')
      out.push(`${open}>`, `      <error message="${esc(c.detail)}"/>`, '    </testcase>');
    else if (c.status === 'SKIP')
      out.push(`${open}>`, `      <skipped message="${esc(c.detail)}"/>`, '    </testcase>');
    else out.push(`${open}/>`);
  }
  out.push('  </testsuite>');
  const byUser = new Map<string, TestResult[]>();
  for (const t of sortedResults(r.results)) byUser.set(t.user, [...(byUser.get(t.user) ?? []), t]);
  for (const [user, tests] of byUser) {
    const f = tests.filter((t) => t.status === 'SLOW').length;
    const e = tests.filter((t) => t.status === 'ERROR').length;
    out.push(
      `  <testsuite name="notebooks.${esc(user)}" tests="${tests.length}" failures="${f}" errors="${e}" time="${secs(sum(tests.map((t) => t.elapsedMs)))}">`,
    );
    for (const t of tests) {
      const name = r.loops > 1 ? `${t.test} #${t.loop}` : t.test;
      out.push(
        `    <testcase classname="notebooks.${esc(user)}" name="${esc(name)}" time="${secs(t.elapsedMs)}">`,
      );
      const timing = `took ${formatDuration(t.elapsedMs)}, expected ${formatDuration(t.expectedMs)}`;
      if (t.status === 'ERROR') out.push(`      <error message="${esc(t.message ?? 'failed')}"/>`);
      if (t.status === 'SLOW') out.push(`      <failure message="SLOW: ${esc(timing)}"/>`);
      if (t.status === 'SUSPECT')
        out.push(`      <system-out>SUSPECT: ${esc(timing)} (below half the expected time)</system-out>`);
      out.push('    </testcase>');
    }
    out.push('  </testsuite>');
  }
  out.push('</testsuites>');
  return `${out.join('\n')}\n`;
}

function secs(ms: number): string {
  return (ms / 1000).toFixed(3);
}

function sum(xs: readonly number[]): number {
  return xs.reduce((a, b) => a + b, 0);
}

/** XML text and attribute escaping; control characters XML 1.0 forbids are dropped. */
export function esc(s: string): string {
  return (
    s
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '')
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      .replace(/\n/g, '&#10;')
  );
}
