/**
 * The notebook suite of `aglais check`: a YAML file (validated with zod) listing
 * the paragraphs each simulated user runs, their expected times and the output
 * they must print. Errors name file:line:column and the field path.
 */
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, isAbsolute, join } from 'node:path';
import { LineCounter, parseDocument, type Document } from 'yaml';
import { z } from 'zod';
import { ExitCode, UserError } from '../cli/errors.js';
import { defaultSuiteYaml } from './default-suite.js';
import { parseDuration } from './duration.js';

const duration = z.union([z.number().positive(), z.string()]).transform((v, ctx) => {
  const ms = parseDuration(v);
  if (ms === undefined) {
    ctx.addIssue({
      code: 'custom',
      message: `expected a duration such as 90, "90s", "1m30s" or "2h", got ${JSON.stringify(v)}`,
    });
    return z.NEVER;
  }
  return ms;
});

const testSchema = z
  .strictObject({
    name: z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]*$/, 'expected lower-case letters, digits and dashes, e.g. "cone-search"'),
    expected: duration,
    timeout: duration.optional(),
    interpreter: z
      .string()
      .regex(/^[\w.-]+$/, 'expected an interpreter name such as "spark.pyspark"')
      .optional(),
    expect: z
      .string()
      .refine((s) => isRegExp(s), 'expected a valid regular expression')
      .optional(),
    code: z.string().min(1, 'expected the paragraph code').optional(),
    note: z.string().min(1, 'expected the path of a Zeppelin note file (JSON)').optional(),
  })
  .refine((t) => (t.code === undefined) !== (t.note === undefined), {
    message:
      'expected either code (one paragraph) or note (a Zeppelin note file to import and run), not both',
  });

const suiteSchema = z.strictObject({
  interpreter: z.string().regex(/^[\w.-]+$/, 'expected an interpreter name such as "spark.pyspark"'),
  params: z.record(z.string().regex(/^\w+$/), z.union([z.string(), z.number(), z.boolean()])).default({}),
  tests: z.array(testSchema).min(1, 'expected at least one test'),
});

export interface SuiteTest {
  readonly name: string;
  readonly expectedMs: number;
  /** Past this the run is stopped and the test is an ERROR. Default: 3 × expected, at least 60 s. */
  readonly timeoutMs: number;
  readonly interpreter: string;
  readonly expect: RegExp | undefined;
  /** The code with {{params}} filled in, without the interpreter line ('' for a note test). */
  readonly code: string;
  /** A Zeppelin note (exported JSON) this test imports and runs as a whole, asynchronously. */
  readonly note?: { readonly file: string; readonly json: Record<string, unknown> };
}

export interface Suite {
  readonly source: string;
  readonly tests: readonly SuiteTest[];
}

export interface SuiteOptions {
  /** Replaces the suite's default interpreter for tests that do not name their own. */
  readonly interpreter?: string;
  /** Overrides of params, from --set name=value. */
  readonly set?: Readonly<Record<string, string>>;
  /** Keep only these tests (by name). */
  readonly only?: readonly string[];
}

/** Reads a suite file, or the default suite when path is undefined. */
export async function loadSuite(path: string | undefined, opts: SuiteOptions = {}): Promise<Suite> {
  if (path === undefined) return parseSuite(defaultSuiteYaml, '(default suite)', opts);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new UserError(
      `${path}: cannot read the suite: ${code === 'ENOENT' ? 'no such file' : String(err)}`,
      ExitCode.usage,
    );
  }
  return parseSuite(text, path, opts);
}

export function parseSuite(text: string, file: string, opts: SuiteOptions = {}): Suite {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: true, uniqueKeys: true });
  const problems: string[] = [];
  for (const e of doc.errors) {
    const pos = e.linePos?.[0] ?? lineCounter.linePos(e.pos[0]);
    problems.push(`${file}:${pos.line}:${pos.col}: YAML: ${e.message.split('\n')[0]}`);
  }
  if (problems.length > 0) throw suiteError(file, problems);
  const parsed = suiteSchema.safeParse(doc.toJS());
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const path = issue.path.map((p) => (typeof p === 'number' ? p : String(p)));
      problems.push(`${where(doc, lineCounter, file, path)}: ${pathText(path)}: ${issue.message}`);
    }
    throw suiteError(file, problems);
  }
  const s = parsed.data;
  const params: Record<string, string> = {};
  for (const [k, v] of Object.entries(s.params)) params[k] = String(v);
  for (const [k, v] of Object.entries(opts.set ?? {})) {
    if (!(k in params)) {
      const known = Object.keys(params).sort().join(', ') || '(none)';
      throw new UserError(
        `check: --set ${k}: the suite ${file} has no param '${k}'; its params: ${known}`,
        ExitCode.usage,
      );
    }
    params[k] = v;
  }
  const names = new Set<string>();
  const tests: SuiteTest[] = [];
  s.tests.forEach((t, i) => {
    if (names.has(t.name)) {
      problems.push(
        `${where(doc, lineCounter, file, ['tests', i, 'name'])}: tests.${i}.name: '${t.name}' is used twice`,
      );
    }
    names.add(t.name);
    const code = (t.code ?? '').replace(/\{\{\s*(\w+)\s*\}\}/g, (m, key: string) => {
      if (key in params) return params[key]!;
      problems.push(
        `${where(doc, lineCounter, file, ['tests', i, 'code'])}: tests.${i}.code: unknown param {{${key}}}`,
      );
      return m;
    });
    tests.push({
      name: t.name,
      expectedMs: t.expected,
      timeoutMs: t.timeout ?? Math.max(3 * t.expected, 60_000),
      interpreter: t.interpreter ?? opts.interpreter ?? s.interpreter,
      expect: t.expect === undefined ? undefined : new RegExp(t.expect, 'm'),
      code,
      ...(t.note === undefined
        ? {}
        : { note: readNote(file, t.note, where(doc, lineCounter, file, ['tests', i, 'note']), problems) }),
    });
  });
  if (problems.length > 0) throw suiteError(file, problems);
  const only = opts.only ?? [];
  for (const n of only) {
    if (!names.has(n)) {
      throw new UserError(
        `check: --only ${n}: no such test in ${file}; its tests: ${[...names].join(', ')}`,
        ExitCode.usage,
      );
    }
  }
  return { source: file, tests: only.length === 0 ? tests : tests.filter((t) => only.includes(t.name)) };
}

/** Reads a note file named relative to the suite; problems are collected, not thrown. */
function readNote(
  suiteFile: string,
  path: string,
  at: string,
  problems: string[],
): { file: string; json: Record<string, unknown> } {
  const file = isAbsolute(path) ? path : join(dirname(suiteFile), path);
  try {
    const json = JSON.parse(readFileSync(file, 'utf8')) as unknown;
    const paragraphs = (json as { paragraphs?: unknown } | null)?.paragraphs;
    if (!Array.isArray(paragraphs) || paragraphs.length === 0) {
      problems.push(
        `${at}: note ${file}: expected a Zeppelin note (JSON with a non-empty "paragraphs" list)`,
      );
    }
    return { file, json: json as Record<string, unknown> };
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    problems.push(`${at}: note ${file}: ${e.code === 'ENOENT' ? 'no such file' : e.message}`);
    return { file, json: {} };
  }
}

/** The paragraph text Zeppelin runs: the interpreter line, then the code. */
export function paragraphText(t: SuiteTest): string {
  return `%${t.interpreter}\n${t.code}`;
}

function suiteError(file: string, problems: string[]): UserError {
  return new UserError(`check: the suite ${file} is not valid:\n  ${problems.join('\n  ')}`, ExitCode.usage);
}

function where(doc: Document, lc: LineCounter, file: string, path: readonly (string | number)[]): string {
  // The deepest node that exists along the path (a missing key points at its parent).
  for (let n = path.length; n >= 0; n--) {
    const node = doc.getIn(path.slice(0, n), true) as { range?: [number, number, number] } | undefined;
    if (node?.range) {
      const pos = lc.linePos(node.range[0]);
      return `${file}:${pos.line}:${pos.col}`;
    }
  }
  return `${file}:1:1`;
}

function pathText(path: readonly (string | number)[]): string {
  return path.length === 0 ? '(top level)' : path.join('.');
}

function isRegExp(s: string): boolean {
  try {
    new RegExp(s);
    return true;
  } catch {
    return false;
  }
}
