/**
 * The notebook suite: each simulated user logs in, creates one note per loop
 * holding every code test as a paragraph, runs them in order through the REST
 * API (synchronously, timing each); a note test imports a Zeppelin note and runs
 * it asynchronously, polling until it ends. Users run concurrently; the notes are deleted
 * at the end.
 */
import { createClient, type ZeppelinClient } from '../zeppelin/client.js';
import { isZeppelinError } from '../zeppelin/errors.js';
import { resultText } from '../zeppelin/types.js';
import type { Credential } from './credentials.js';
import { judge, type Status } from './judge.js';
import { paragraphText, type Suite, type SuiteTest } from './suite.js';

export interface TestResult {
  readonly user: string;
  readonly loop: number;
  readonly test: string;
  readonly status: Status;
  readonly elapsedMs: number;
  readonly expectedMs: number;
  /** Why it is an ERROR; for other statuses undefined. */
  readonly message?: string;
  /** The paragraph's text output, cut to {@link OUTPUT_LIMIT} characters. */
  readonly output: string;
}

export interface NotebookOptions {
  readonly url: string;
  readonly suite: Suite;
  readonly users: ReadonlyArray<Credential & { readonly label: string }>;
  /** Times each user runs the suite, one after the other. Default 1. */
  readonly loops?: number;
  /** Keep the notes instead of deleting them (to look at them in Zeppelin). Default false. */
  readonly keepNotes?: boolean;
  /** Identifies this run in note names. Default: the start time. */
  readonly runId?: string;
  /** Called after each test, for progress output. */
  readonly onResult?: (r: TestResult) => void;
}

export const OUTPUT_LIMIT = 4000;

export async function runNotebooks(opts: NotebookOptions): Promise<TestResult[]> {
  const runId = opts.runId ?? new Date().toISOString().replace(/[:.]/g, '-');
  const perUser = await Promise.all(opts.users.map((u) => runUser(opts, u, runId)));
  return perUser.flat();
}

async function runUser(
  opts: NotebookOptions,
  user: Credential & { label: string },
  runId: string,
): Promise<TestResult[]> {
  const out: TestResult[] = [];
  const record = (r: TestResult): void => {
    out.push(r);
    opts.onResult?.(r);
  };
  const client = createClient({ url: opts.url });
  const loops = opts.loops ?? 1;
  try {
    await client.login(user.name, user.password);
  } catch (err) {
    for (let loop = 1; loop <= loops; loop++)
      notRun(opts.suite, user.label, loop, `login failed: ${(err as Error).message}`, record);
    return out;
  }
  for (let loop = 1; loop <= loops; loop++) {
    await runLoop(client, opts, user.label, loop, runId, record);
  }
  return out;
}

async function runLoop(
  client: ZeppelinClient,
  opts: NotebookOptions,
  label: string,
  loop: number,
  runId: string,
  record: (r: TestResult) => void,
): Promise<string[]> {
  const { suite } = opts;
  // Note names are unique on a server: user, run and loop keep them apart.
  const prefix = `aglais-check/${label}/${runId}-${loop}`;
  const notes: string[] = [];
  const inline = suite.tests.filter((t) => t.note === undefined);
  const paragraphOf = new Map<string, string>();
  if (inline.length > 0) {
    try {
      const noteId = await client.createNote(
        prefix,
        inline.map((t) => ({ title: t.name, text: paragraphText(t) })),
      );
      notes.push(noteId);
      const ids = (await client.getNote(noteId)).paragraphs.map((p) => p.id);
      inline.forEach((t, i) => paragraphOf.set(t.name, `${noteId}/${ids[i]}`));
    } catch (err) {
      notRun(suite, label, loop, `cannot create the note: ${(err as Error).message}`, record);
      return notes;
    }
  }
  let stopReason: string | undefined;
  for (const t of suite.tests) {
    const base = { user: label, loop, test: t.name, expectedMs: t.expectedMs };
    if (stopReason !== undefined) {
      record({ ...base, status: 'ERROR', elapsedMs: 0, message: `not run: ${stopReason}`, output: '' });
      continue;
    }
    const t0 = performance.now();
    try {
      const run = t.note
        ? await runImported(client, t, `${prefix}-${t.name}`, notes)
        : await runInline(client, t, paragraphOf.get(t.name)!);
      const elapsedMs = performance.now() - t0;
      let message = run.failure;
      if (message === undefined && t.expect && !t.expect.test(run.output)) {
        message = `output does not match /${t.expect.source}/: ${lastLines(run.output)}`;
      }
      const status = judge(message === undefined, elapsedMs, t.expectedMs);
      const output = run.output.slice(0, OUTPUT_LIMIT);
      record({ ...base, status, elapsedMs, ...(message ? { message } : {}), output });
    } catch (err) {
      const elapsedMs = performance.now() - t0;
      record({ ...base, status: 'ERROR', elapsedMs, message: (err as Error).message, output: '' });
      // The interpreter, the session or the server is gone: the rest of this loop would fail the same way.
      if (isZeppelinError(err) && err.kind !== 'timeout') stopReason = `an earlier test failed (${err.kind})`;
    }
  }
  return notes;
}

interface Run {
  readonly output: string;
  /** Why the run failed; undefined when it succeeded. */
  readonly failure: string | undefined;
}

/** One paragraph of the loop's note, run synchronously. */
async function runInline(client: ZeppelinClient, t: SuiteTest, where: string): Promise<Run> {
  const [noteId, paragraphId] = where.split('/') as [string, string];
  const result = await client.runParagraph(noteId, paragraphId, { timeoutMs: t.timeoutMs });
  const output = resultText(result);
  const failure = result.code === 'SUCCESS' ? undefined : `paragraph ${result.code}: ${lastLines(output)}`;
  return { output, failure };
}

/** A whole note, imported under a fresh name, run asynchronously and polled to its end. */
async function runImported(
  client: ZeppelinClient,
  t: SuiteTest,
  name: string,
  notes: string[],
): Promise<Run> {
  const noteId = await client.importNote({ ...t.note!.json, name });
  notes.push(noteId);
  await client.runNote(noteId);
  const status = await client.waitForNote(noteId, { timeoutMs: t.timeoutMs });
  const note = await client.getNote(noteId);
  const output = note.paragraphs.map((p) => resultText(p.results)).join('');
  const bad = status.paragraphs.find((p) => p.status !== 'FINISHED');
  if (bad === undefined) return { output, failure: undefined };
  const index = status.paragraphs.indexOf(bad) + 1;
  const why = bad.errorMessage ? lastLines(bad.errorMessage) : '(no message)';
  return { output, failure: `note paragraph ${index} ${bad.status}: ${why}` };
}

function notRun(
  suite: Suite,
  user: string,
  loop: number,
  message: string,
  record: (r: TestResult) => void,
): void {
  for (const t of suite.tests) {
    record({
      user,
      loop,
      test: t.name,
      status: 'ERROR',
      elapsedMs: 0,
      expectedMs: t.expectedMs,
      message,
      output: '',
    });
  }
}

/** The end of an error output (a traceback's last lines say what went wrong). */
function lastLines(text: string, n = 3): string {
  const lines = text
    .trim()
    .split('\n')
    .filter((l) => l.trim() !== '');
  return lines.slice(-n).join(' | ').slice(0, 500) || '(no output)';
}
