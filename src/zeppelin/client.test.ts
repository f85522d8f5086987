/**
 * The Zeppelin client against a REAL Zeppelin server (0.10.0 server + 0.10.1 python
 * interpreter, assembled from Maven artifacts by scripts/setup/40-zeppelin.sh and
 * started by scripts/zeppelin/start). One server for the whole file.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createClient, type ZeppelinClient } from './client.js';
import { isZeppelinError, type ZeppelinErrorKind } from './errors.js';
import { keepCookies } from './http.js';
import { resultText } from './types.js';
import { startZeppelin, zeppelinSuiteOptions, type LocalZeppelin } from './testenv.js';

async function rejectsWith(p: Promise<unknown>, kind: ZeppelinErrorKind, message: RegExp): Promise<void> {
  await assert.rejects(p, (err: unknown) => {
    assert.ok(isZeppelinError(err), `expected a ZeppelinError, got ${String(err)}`);
    assert.equal(err.kind, kind, `kind of: ${err.message}`);
    assert.match(err.message, message);
    return true;
  });
}

describe('zeppelin client against a real Zeppelin server', zeppelinSuiteOptions(), () => {
  let z: LocalZeppelin;
  let client: ZeppelinClient;

  before(async () => {
    z = await startZeppelin();
    client = createClient({ url: z.url });
    const u = z.users[0]!;
    await client.login(u.name, u.password);
  });
  after(async () => {
    await z?.stop();
  });

  it('reads the version the assembly installed', async () => {
    const assembled = readFileSync(join(homedir(), '.cache/aglais/zeppelin/current/VERSION'), 'utf8').trim();
    assert.equal(await client.version(), assembled);
  });

  it('logs in with the session cookie and reports the principal', async () => {
    const c = createClient({ url: z.url });
    const u = z.users[1]!;
    const info = await c.login(u.name, u.password);
    assert.equal(info.principal, u.name);
    assert.deepEqual(info.roles, ['admin']);
    // The cookie is what makes the next call work: a second client without login is refused.
    assert.match(await c.createNote('logged-in'), /^\w+$/);
  });

  it('wrong password: an auth error naming the user, never the password', async () => {
    const c = createClient({ url: z.url });
    const u = z.users[0]!;
    const wrong = `${u.password}-wrong`;
    await assert.rejects(c.login(u.name, wrong), (err: unknown) => {
      assert.ok(isZeppelinError(err, 'auth'));
      assert.ok(err.status === 401 || err.status === 403, `status ${err.status}`);
      assert.match(err.message, new RegExp(`login as '${u.name}'.*wrong user name or password`));
      assert.ok(!err.message.includes(wrong));
      return true;
    });
  });

  it('no session: an auth error, not a redirect followed to the login page', async () => {
    const c = createClient({ url: z.url });
    await rejectsWith(c.createNote('anonymous'), 'auth', /not logged in/);
  });

  it('creates a note, reads it back, runs a paragraph synchronously, deletes it', async () => {
    const id = await client.createNote('sync', [{ title: 'add', text: '%python\nprint(6 * 7)' }]);
    const note = await client.getNote(id);
    assert.equal(note.name, 'sync');
    assert.equal(note.paragraphs.length, 1);
    const p = note.paragraphs[0]!;
    assert.equal(p.text, '%python\nprint(6 * 7)');
    const result = await client.runParagraph(id, p.id, { timeoutMs: 120_000 });
    assert.equal(result.code, 'SUCCESS');
    assert.equal(resultText(result).trim(), '42');
    await client.deleteNote(id);
    await rejectsWith(client.getNote(id), 'note-not-found', new RegExp(`note ${id} not found`));
  });

  it('a failing paragraph is a result with code ERROR, not a thrown error', async () => {
    const id = await client.createNote('fails', [{ text: '%python\nraise ValueError("boom-7")' }]);
    const pid = (await client.getNote(id)).paragraphs[0]!.id;
    const result = await client.runParagraph(id, pid, { timeoutMs: 60_000 });
    assert.equal(result.code, 'ERROR');
    assert.match(resultText(result), /ValueError: boom-7/);
  });

  it('imports a note and runs it asynchronously with polling', async () => {
    const id = await client.importNote({
      name: 'imported',
      paragraphs: [{ text: '%python\nx = 20' }, { text: '%python\nprint(x + 1)' }],
    });
    const added = await client.addParagraph(id, { text: '%python\nprint(x * 3)' });
    await client.runNote(id);
    const status = await client.waitForNote(id, { timeoutMs: 60_000, intervalMs: 200 });
    assert.deepEqual(
      status.paragraphs.map((p) => p.status),
      ['FINISHED', 'FINISHED', 'FINISHED'],
    );
    const second = await client.getParagraph(id, status.paragraphs[1]!.id);
    assert.equal(resultText(second.results).trim(), '21');
    assert.equal(resultText((await client.getParagraph(id, added)).results).trim(), '60');
  });

  it('unknown note: note-not-found for read, run, status and delete', async () => {
    await rejectsWith(client.getNote('NOSUCHNOTE'), 'note-not-found', /note NOSUCHNOTE not found/);
    await rejectsWith(client.runParagraph('NOSUCHNOTE', 'p1'), 'note-not-found', /NOSUCHNOTE/);
    await rejectsWith(client.noteStatus('NOSUCHNOTE'), 'note-not-found', /NOSUCHNOTE/);
    await rejectsWith(client.deleteNote('NOSUCHNOTE'), 'note-not-found', /NOSUCHNOTE/);
  });

  it('timeout: a synchronous run past its limit is stopped and reported', async () => {
    const id = await client.createNote('slow', [{ text: '%python\nimport time\ntime.sleep(8)' }]);
    const pid = (await client.getNote(id)).paragraphs[0]!.id;
    const t0 = Date.now();
    await rejectsWith(
      client.runParagraph(id, pid, { timeoutMs: 1500 }),
      'timeout',
      /still running after 1\.5 s; stopped it/,
    );
    assert.ok(Date.now() - t0 < 15_000, 'the client gave up near its limit');
    // The stop reached the server: the paragraph ends as ABORT, not FINISHED. (This python
    // interpreter cannot interrupt a running sleep on Java 17, so it ends when the sleep does.)
    const end = Date.now() + 30_000;
    let p = await client.getParagraph(id, pid);
    while ((p.status === 'RUNNING' || p.status === 'PENDING') && Date.now() < end) {
      await new Promise((r) => setTimeout(r, 250));
      p = await client.getParagraph(id, pid);
    }
    assert.equal(p.status, 'ABORT');
  });

  it('timeout: an asynchronous run past its limit is stopped and reported', async () => {
    const id = await client.createNote('slow-async', [{ text: '%python\nimport time\ntime.sleep(8)' }]);
    await client.runNote(id);
    await rejectsWith(
      client.waitForNote(id, { timeoutMs: 1500, intervalMs: 200 }),
      'timeout',
      /still running/,
    );
  });

  it('interpreter that does not exist: an interpreter error', async () => {
    const id = await client.createNote('nosuch', [{ text: '%nosuchinterpreter\n1' }]);
    const pid = (await client.getNote(id)).paragraphs[0]!.id;
    await rejectsWith(
      client.runParagraph(id, pid),
      'interpreter',
      /interpreter did not start.*nosuchinterpreter/,
    );
  });

  it('interpreter process that fails to start: an interpreter error', async () => {
    // A python setting whose launcher gets a JVM heap size the JVM refuses: the process dies at once.
    const res = await fetch(`${z.url}/api/interpreter/setting`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Cookie: await cookieOf(z) },
      body: JSON.stringify({
        name: 'broken',
        group: 'python',
        properties: {
          AGLAIS_ZEPPELIN_INTERPRETER_MEMORY: {
            name: 'AGLAIS_ZEPPELIN_INTERPRETER_MEMORY',
            value: 'lots',
            type: 'string',
          },
        },
        dependencies: [],
        option: {
          remote: true,
          isExistingProcess: false,
          setPermission: false,
          owners: [],
          isUserImpersonate: false,
        },
      }),
    });
    assert.equal(res.status, 200, await res.text());
    const id = await client.createNote('broken', [{ text: '%broken\nprint(1)' }]);
    const pid = (await client.getNote(id)).paragraphs[0]!.id;
    await rejectsWith(
      client.runParagraph(id, pid, { timeoutMs: 120_000 }),
      'interpreter',
      /interpreter did not start/,
    );
  });

  it('restarts an interpreter; an unknown setting is an interpreter error', async () => {
    await client.restartInterpreter('python');
    const id = await client.createNote('after-restart', [{ text: '%python\nprint("again")' }]);
    const pid = (await client.getNote(id)).paragraphs[0]!.id;
    assert.equal(resultText(await client.runParagraph(id, pid, { timeoutMs: 120_000 })).trim(), 'again');
    await rejectsWith(client.restartInterpreter('nosuchsetting'), 'interpreter', /nosuchsetting/);
  });
});

async function cookieOf(z: LocalZeppelin): Promise<string> {
  const u = z.users[2]!;
  const res = await fetch(`${z.url}/api/login`, {
    method: 'POST',
    body: new URLSearchParams({ userName: u.name, password: u.password }),
  });
  const jar = new Map<string, string>();
  keepCookies(jar, res.headers);
  return [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
}
