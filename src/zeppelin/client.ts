/**
 * A small Zeppelin REST client: login (Shiro form login, session cookie),
 * version, notes, paragraphs, synchronous and asynchronous runs with polling,
 * interpreter restart. Every failure is a {@link ZeppelinError} of a known kind.
 *
 * Tested against a real Zeppelin server (scripts/zeppelin/start); see client.test.ts.
 */
import { ZeppelinError, isInterpreterFailure, isZeppelinError } from './errors.js';
import { request, seconds, type Reply, type Session } from './http.js';
import {
  resultText,
  type Note,
  type NoteJobStatus,
  type Paragraph,
  type ParagraphInput,
  type ParagraphResult,
} from './types.js';

export interface ClientOptions {
  /** The server's base URL, e.g. https://zeppelin.example.org (a trailing slash is fine). */
  readonly url: string;
  /** Time limit of one ordinary request, ms. Default 60 000. */
  readonly requestTimeoutMs?: number;
}

export interface RunOptions {
  /** Time limit of the run, ms. Default 600 000. */
  readonly timeoutMs?: number;
  /** Polling interval for asynchronous runs, ms. Default 1 000. */
  readonly intervalMs?: number;
}

export interface LoginInfo {
  readonly principal: string;
  readonly roles: readonly string[];
}

export type ZeppelinClient = ReturnType<typeof createClient>;

const DEFAULT_RUN_TIMEOUT_MS = 600_000;

export function createClient(options: ClientOptions) {
  const session: Session = {
    baseUrl: options.url.replace(/\/+$/, ''),
    cookies: new Map(),
    requestTimeoutMs: options.requestTimeoutMs ?? 60_000,
  };
  const noteMissing = (noteId: string) => () =>
    new ZeppelinError('note-not-found', `zeppelin: note ${noteId} not found on ${session.baseUrl}`, 404);
  const enc = encodeURIComponent;

  async function version(): Promise<string> {
    const r = await request(session, '/api/version', { what: 'read the version' });
    const v = (r.json?.body as { version?: unknown } | undefined)?.version;
    if (typeof v !== 'string') {
      throw new ZeppelinError(
        'http',
        `zeppelin: ${session.baseUrl}/api/version did not answer with a version`,
      );
    }
    return v;
  }

  async function login(user: string, password: string): Promise<LoginInfo> {
    session.cookies.clear();
    let r: Reply;
    try {
      r = await request(session, '/api/login', {
        method: 'POST',
        body: new URLSearchParams({ userName: user, password }),
        what: `log in as '${user}'`,
      });
    } catch (err) {
      if (isZeppelinError(err, 'auth')) {
        // Zeppelin answers a wrong password with 403 (0.10) or 401 (newer): both mean the same to the user.
        throw new ZeppelinError(
          'auth',
          `zeppelin: login as '${user}' at ${session.baseUrl} refused (HTTP ${err.status}): wrong user name or password`,
          err.status,
        );
      }
      throw err;
    }
    if (!session.cookies.has('JSESSIONID')) {
      throw new ZeppelinError(
        'auth',
        `zeppelin: login as '${user}' at ${session.baseUrl} returned no session cookie`,
      );
    }
    const body = (r.json?.body ?? {}) as { principal?: string; roles?: string };
    let roles: string[] = [];
    try {
      roles = JSON.parse(body.roles ?? '[]') as string[];
    } catch {
      // Some versions send roles as a plain list; a missing list is no reason to fail a login.
    }
    return { principal: body.principal ?? user, roles };
  }

  async function createNote(name: string, paragraphs: readonly ParagraphInput[] = []): Promise<string> {
    const r = await request(session, '/api/notebook', {
      method: 'POST',
      body: { name, paragraphs },
      what: `create note '${name}'`,
    });
    return idOf(r, `create note '${name}'`);
  }

  /** Imports a note exported from Zeppelin (its JSON, as an object). */
  async function importNote(note: Record<string, unknown>): Promise<string> {
    const r = await request(session, '/api/notebook/import', {
      method: 'POST',
      body: note,
      what: `import note '${String(note['name'] ?? '')}'`,
    });
    return idOf(r, 'import a note');
  }

  async function getNote(noteId: string): Promise<Note> {
    const r = await request(session, `/api/notebook/${enc(noteId)}`, {
      what: `read note ${noteId}`,
      notFound: noteMissing(noteId),
    });
    const body = r.json?.body as Partial<Note> | undefined;
    return { id: body?.id ?? noteId, name: body?.name, paragraphs: body?.paragraphs ?? [] };
  }

  async function deleteNote(noteId: string): Promise<void> {
    await request(session, `/api/notebook/${enc(noteId)}`, {
      method: 'DELETE',
      what: `delete note ${noteId}`,
      notFound: noteMissing(noteId),
    });
  }

  async function addParagraph(noteId: string, p: ParagraphInput, index?: number): Promise<string> {
    const r = await request(session, `/api/notebook/${enc(noteId)}/paragraph`, {
      method: 'POST',
      body: index === undefined ? p : { ...p, index },
      what: `add a paragraph to note ${noteId}`,
      notFound: noteMissing(noteId),
    });
    return idOf(r, `add a paragraph to note ${noteId}`);
  }

  async function getParagraph(noteId: string, paragraphId: string): Promise<Paragraph> {
    const r = await request(session, `/api/notebook/${enc(noteId)}/paragraph/${enc(paragraphId)}`, {
      what: `read paragraph ${paragraphId} of note ${noteId}`,
      notFound: noteMissing(noteId),
    });
    return r.json?.body as Paragraph;
  }

  /**
   * Runs one paragraph and waits for its result (POST /api/notebook/run/{note}/{paragraph}).
   * A failing paragraph is a result with code ERROR; an interpreter that did not
   * start, a missing note and a run past the time limit are thrown.
   */
  async function runParagraph(
    noteId: string,
    paragraphId: string,
    opts: RunOptions = {},
  ): Promise<ParagraphResult> {
    const timeoutMs = opts.timeoutMs ?? DEFAULT_RUN_TIMEOUT_MS;
    const what = `run paragraph ${paragraphId} of note ${noteId}`;
    let r: Reply;
    try {
      r = await request(session, `/api/notebook/run/${enc(noteId)}/${enc(paragraphId)}`, {
        method: 'POST',
        timeoutMs,
        what,
        notFound: noteMissing(noteId),
      });
    } catch (err) {
      if (!isZeppelinError(err, 'timeout')) throw err;
      await stopQuietly(() => stopParagraph(noteId, paragraphId));
      throw new ZeppelinError(
        'timeout',
        `zeppelin: ${what}: still running after ${seconds(timeoutMs)}; stopped it`,
      );
    }
    const result = (r.json?.body ?? { code: 'ERROR', msg: [] }) as ParagraphResult;
    throwIfInterpreterFailed(result.code, resultText(result), what);
    return result;
  }

  /** Starts every paragraph of a note in order (POST /api/notebook/job/{note}); returns at once. */
  async function runNote(noteId: string): Promise<void> {
    await request(session, `/api/notebook/job/${enc(noteId)}?blocking=false`, {
      method: 'POST',
      what: `start note ${noteId}`,
      notFound: noteMissing(noteId),
    });
  }

  async function noteStatus(noteId: string): Promise<NoteJobStatus> {
    const r = await request(session, `/api/notebook/job/${enc(noteId)}`, {
      what: `read the job status of note ${noteId}`,
      notFound: noteMissing(noteId),
    });
    const body = r.json?.body as Partial<NoteJobStatus> | undefined;
    return {
      id: body?.id ?? noteId,
      isRunning: body?.isRunning ?? false,
      paragraphs: body?.paragraphs ?? [],
    };
  }

  /**
   * Polls a note started by {@link runNote} until no paragraph is pending or running.
   * Past the time limit the note is stopped and a timeout is thrown.
   */
  async function waitForNote(noteId: string, opts: RunOptions = {}): Promise<NoteJobStatus> {
    const timeoutMs = opts.timeoutMs ?? DEFAULT_RUN_TIMEOUT_MS;
    const intervalMs = opts.intervalMs ?? 1000;
    const t0 = Date.now();
    const deadline = t0 + timeoutMs;
    for (;;) {
      const s = await noteStatus(noteId);
      const busy = s.paragraphs.some((p) => p.status === 'PENDING' || p.status === 'RUNNING');
      // Just after runNote the server may not have queued anything yet: every paragraph
      // still READY is "not started", not "done" (for a short grace period).
      const notStarted = s.paragraphs.every((p) => p.status === 'READY') && Date.now() - t0 < 10_000;
      if (!s.isRunning && !busy && !notStarted) {
        for (const p of s.paragraphs) {
          if (p.status === 'ERROR')
            throwIfInterpreterFailed('ERROR', p.errorMessage ?? '', `run note ${noteId}`);
        }
        return s;
      }
      if (Date.now() + intervalMs > deadline) {
        await stopQuietly(() => stopNote(noteId));
        throw new ZeppelinError(
          'timeout',
          `zeppelin: note ${noteId} still running after ${seconds(timeoutMs)}; stopped it`,
        );
      }
      await new Promise((res) => setTimeout(res, intervalMs));
    }
  }

  async function stopParagraph(noteId: string, paragraphId: string): Promise<void> {
    await request(session, `/api/notebook/job/${enc(noteId)}/${enc(paragraphId)}`, {
      method: 'DELETE',
      what: `stop paragraph ${paragraphId} of note ${noteId}`,
      notFound: noteMissing(noteId),
    });
  }

  async function stopNote(noteId: string): Promise<void> {
    await request(session, `/api/notebook/job/${enc(noteId)}`, {
      method: 'DELETE',
      what: `stop note ${noteId}`,
      notFound: noteMissing(noteId),
    });
  }

  /** Restarts an interpreter setting (for one note's session when noteId is given). */
  async function restartInterpreter(settingId: string, noteId?: string): Promise<void> {
    const missing = () =>
      new ZeppelinError(
        'interpreter',
        `zeppelin: interpreter setting '${settingId}' not found on ${session.baseUrl}`,
        404,
      );
    try {
      await request(session, `/api/interpreter/setting/restart/${enc(settingId)}`, {
        method: 'PUT',
        body: noteId === undefined ? {} : { noteId },
        what: `restart interpreter '${settingId}'`,
        notFound: missing,
      });
    } catch (err) {
      // Some versions answer an unknown id with a 500 (a null dereference); ask whether it exists.
      if (!isZeppelinError(err, 'http')) throw err;
      const exists = await request(session, `/api/interpreter/setting/${enc(settingId)}`, {
        what: `read interpreter setting '${settingId}'`,
      }).then(
        () => true,
        (probe: unknown) => !(isZeppelinError(probe, 'http') && probe.status === 404),
      );
      throw exists ? err : missing();
    }
  }

  return {
    baseUrl: session.baseUrl,
    version,
    login,
    createNote,
    importNote,
    getNote,
    deleteNote,
    addParagraph,
    getParagraph,
    runParagraph,
    runNote,
    noteStatus,
    waitForNote,
    stopParagraph,
    stopNote,
    restartInterpreter,
  };
}

function throwIfInterpreterFailed(code: string, output: string, what: string): void {
  if (code === 'ERROR' && isInterpreterFailure(output)) {
    const first = output.split('\n').find((l) => l.trim().length > 0) ?? output;
    throw new ZeppelinError(
      'interpreter',
      `zeppelin: ${what}: the interpreter did not start: ${first.trim()}`,
    );
  }
}

async function stopQuietly(stop: () => Promise<void>): Promise<void> {
  try {
    await stop();
  } catch {
    // Best effort: the run already failed; its error is the one to report.
  }
}

function idOf(r: Reply, what: string): string {
  const id = r.json?.body;
  if (typeof id !== 'string' || id.length === 0) {
    throw new ZeppelinError('http', `zeppelin: ${what}: the server answered without an id`);
  }
  return id;
}
