/**
 * Reads a platform spec: YAML → schema (with defaults) → whole-spec checks.
 * Every problem is reported with file:line:column, field path and what was
 * expected; a spec with problems never reaches render.
 */
import { readFile } from 'node:fs/promises';
import { LineCounter, parseAllDocuments, type Document } from 'yaml';
import { ExitCode, UserError } from '../cli/errors.js';
import { cloudChecks } from '../clouds/checks.js';
import { SpecError, type SpecIssue } from './issues.js';
import { locate } from './locate.js';
import { platformSpecSchema, type Platform } from './schema.js';
import { checkCluster, checkPlatform } from './semantic.js';
import { fromZod, type RawIssue } from './zod-issues.js';

export interface LoadedSpec {
  readonly platform: Platform;
  readonly file: string;
  readonly document: Document;
  readonly lineCounter: LineCounter;
}

/** Parses and checks spec text; throws {@link SpecError} listing every problem. */
export function parseSpec(text: string, file: string): LoadedSpec {
  const lineCounter = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter, prettyErrors: true, uniqueKeys: true });
  if (!Array.isArray(docs)) {
    throw new SpecError([
      { file, line: 1, column: 1, path: [], message: 'the file is empty: expected a Platform spec' },
    ]);
  }
  const yamlIssues: SpecIssue[] = [];
  for (const doc of docs) {
    for (const e of [...doc.errors, ...doc.warnings]) {
      const pos = e.linePos?.[0] ?? lineCounter.linePos(e.pos[0]);
      yamlIssues.push({
        file,
        line: pos.line,
        column: pos.col,
        path: [],
        // The parser appends the position and a code excerpt; ours is in front already.
        message: `YAML: ${(e.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '')}`,
      });
    }
  }
  if (yamlIssues.length > 0) throw new SpecError(yamlIssues);
  const document = docs[0];
  if (document === undefined || document.contents === null) {
    throw new SpecError([
      { file, line: 1, column: 1, path: [], message: 'the file is empty: expected a Platform spec' },
    ]);
  }
  if (docs.length > 1) {
    const second = docs[1]?.range[0] ?? 0;
    const pos = lineCounter.linePos(second);
    throw new SpecError([
      {
        file,
        line: pos.line,
        column: pos.col,
        path: [],
        message: 'expected one Platform document, found a second one',
      },
    ]);
  }
  const data: unknown = document.toJS({ maxAliasCount: 100 });
  const toIssues = (raw: RawIssue[]): SpecIssue[] =>
    raw.map((r) => ({
      file,
      ...locate(document, lineCounter, r.path, r.key ?? false),
      path: r.path,
      message: r.message,
    }));

  const parsed = platformSpecSchema.safeParse(data);
  if (!parsed.success) throw new SpecError(toIssues(fromZod(parsed.error, data, platformSpecSchema)));
  const platform = parsed.data;
  const semantic = [...checkCluster(platform), ...checkPlatform(platform), ...cloudChecks(platform)];
  if (semantic.length > 0) throw new SpecError(toIssues(semantic));
  return { platform, file, document, lineCounter };
}

/** Reads and checks a spec file. */
export async function loadSpecFile(path: string): Promise<Platform> {
  return (await loadSpec(path)).platform;
}

export async function loadSpec(path: string): Promise<LoadedSpec> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EISDIR'
          ? 'it is a directory, expected a spec file'
          : String((err as Error).message);
    throw new UserError(`${path}: cannot read the spec: ${why}`, ExitCode.usage);
  }
  return parseSpec(text, path);
}
