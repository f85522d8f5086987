// `aglais up/diff/status/down` end to end on the real control plane and real
// Cluster API controllers (CAPD's inMemory backend) of scripts/testenv, run as
// child processes of the built CLI. The env is private to this suite (its own
// state folder and ports): one test SIGKILLs its API server.
// There is no Helm addon provider in the test env (it would need the charts'
// hosts), so `up` runs with --no-wait-addons and the addons stay not ready.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, describe, test } from 'node:test';
import { KubernetesObjectApi, type KubeConfig } from '@kubernetes/client-node';
import { acquireLock } from '../kube/lease.js';
import { makeClient } from '../kube/client.js';
import { repoRoot, useTestenv } from '../testenv/testenv.js';
import { waitFor } from '../testenv/kube.js';
import { CAPI, devSpec, list, read, run, start, type UpJson } from './lifecycle-support.js';

// The suite runs in a network namespace of its own (unshare --net, as root):
// its test env then has its own 127.0.0.1, so CAPD's fixed in-memory ports and
// the API server it kills never touch the shared env other suites use.
const inner = process.env['AGLAIS_LIFECYCLE_NETNS'] === '1';
const cache =
  process.env['AGLAIS_TESTENV_CACHE'] ??
  join(process.env['XDG_CACHE_HOME'] ?? join(homedir(), '.cache'), 'aglais-testenv');
if (inner) process.env['AGLAIS_TESTENV_STATE'] ??= join(cache, 'run-lifecycle');
const state = process.env['AGLAIS_TESTENV_STATE'] ?? '';
const { env, skip } = inner ? useTestenv({ capi: true }) : { env: undefined, skip: undefined };

const name = `lc-${Date.now().toString(36).slice(-6)}`;
const dir = mkdtempSync(join(tmpdir(), 'aglais-lifecycle-'));
const wk = join(dir, 'workload.kubeconfig');
const upArgs = ['--no-wait-addons', '--timeout', '5m', '--workload-kubeconfig', wk];

/** Why this machine cannot give the suite a private network namespace, if it cannot. */
function netnsUnavailable(): string | undefined {
  const r = spawnSync('unshare', ['--net', '--', 'sh', '-c', 'ip link set lo up'], { encoding: 'utf8' });
  if (r.error || r.status !== 0) {
    return `lifecycle suite: cannot make a private network namespace (unshare --net, needs root and iproute2): ${r.error?.message ?? r.stderr.trim()}`;
  }
  const built = spawnSync(join(repoRoot(), 'scripts', 'testenv'), ['status', '--built', '--capi'], {
    stdio: 'ignore',
  });
  if (built.status !== 0) {
    return 'lifecycle suite: the test env is not built (it cannot build inside the namespace, which has no network): run bash scripts/setup/30-testenv.sh';
  }
  return undefined;
}

/** The inner run's environment: marked, and not told it is a child of a test runner (it is a runner itself). */
function innerEnv(): NodeJS.ProcessEnv {
  const e: NodeJS.ProcessEnv = { ...process.env, AGLAIS_LIFECYCLE_NETNS: '1' };
  delete e['NODE_TEST_CONTEXT'];
  return e;
}

if (!inner) {
  const why = netnsUnavailable();
  if (why && process.env['CI'] === 'true')
    throw new Error(`${why} (CI=true: a missing test peer is a failure)`);
  test(
    'aglais up/diff/status/down end to end, in a private network namespace',
    { skip: why, timeout: 2_400_000 },
    async () => {
      const self = fileURLToPath(import.meta.url);
      // The inner run's report is streamed to stderr as it comes, so a person sees progress.
      const child = spawn(
        'unshare',
        [
          '--net',
          '--',
          'sh',
          '-c',
          'ip link set lo up && exec "$0" --test --test-reporter=spec "$1"',
          process.execPath,
          self,
        ],
        { env: innerEnv(), stdio: ['ignore', 'pipe', 'pipe'] },
      );
      let out = '';
      const forward = (c: Buffer) => {
        out += c.toString();
        process.stderr.write(c);
      };
      child.stdout.on('data', forward);
      child.stderr.on('data', forward);
      const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
      assert.equal(code, 0, `the suite failed in its namespace:\n${out.slice(-4000)}`);
    },
  );
}

if (inner)
  describe('aglais up/diff/status/down on real Cluster API controllers', { skip, timeout: 1_800_000 }, () => {
    const root = env?.repoRoot ?? '';
    const kubeconfig = env?.kubeconfigPath ?? '';
    const kc = env?.kubeConfig as KubeConfig;
    const aglais = (...args: string[]) => run(root, kubeconfig, args);
    const spec1 = () => devSpec(root, dir, 'v1.yaml', name, [{ name: 'workers', replicas: 2 }]);
    const workers = () => read(kc, CAPI, 'MachineDeployment', `${name}-workers`, name);
    const machinesOf = async (pool: string) =>
      (await list(kc, CAPI, 'Machine', name, `cluster.x-k8s.io/deployment-name=${name}-${pool}`)).filter(
        (m) => m.status?.conditions?.find((c) => c.type === 'Ready')?.status === 'True',
      );

    after(() => {
      if (process.env['AGLAIS_KEEP_TESTENV'] !== '1' && env) {
        spawnSync(join(root, 'scripts', 'testenv'), ['down'], { env: process.env, stdio: 'ignore' });
      }
    });

    test('up brings the dev example to Ready; workload kubeconfig 0600; every object is an ApplySet member', async () => {
      const r = await aglais('up', spec1(), ...upArgs, '-o', 'json');
      assert.equal(r.code, 0, r.stderr);
      const report = JSON.parse(r.stdout) as UpJson;
      const created = report.outcomes.filter((o) => o.action === 'created').map((o) => o.ref.kind);
      for (const k of [
        'Namespace',
        'Cluster',
        'KubeadmControlPlane',
        'MachineDeployment',
        'HelmChartProxy',
      ]) {
        assert.ok(created.includes(k), `${k} created`);
      }
      const cluster = await read(kc, CAPI, 'Cluster', name, name);
      assert.equal(cluster?.status?.conditions?.find((c) => c.type === 'Available')?.status, 'True');
      assert.equal((await machinesOf('workers')).length, 2);
      assert.equal((statSync(wk).mode & 0o777).toString(8), '600');
      assert.match(readFileSync(wk, 'utf8'), /server: https:\/\/127\.0\.0\.1:\d+/);
      assert.match(r.stderr, /wait for the control plane of Cluster .* to initialise/);
      const parent = await read(kc, 'v1', 'ConfigMap', `aglais-${name}`, 'aglais-system');
      const id = parent?.metadata?.labels?.['applyset.kubernetes.io/id'] ?? '';
      assert.match(id, /^applyset-.+-v1$/);
      const md = await workers();
      assert.equal(md?.metadata?.labels?.['applyset.kubernetes.io/part-of'], id);
      assert.match(
        parent?.metadata?.annotations?.['applyset.kubernetes.io/contains-group-kinds'] ?? '',
        /MachineDeployment\.cluster\.x-k8s\.io/,
      );
      assert.equal(
        await read(kc, 'coordination.k8s.io/v1', 'Lease', `aglais-${name}`, 'aglais-system'),
        undefined,
        'lock released',
      );
    });

    test('a second up with no change makes no writes (request counter)', async () => {
      const r = await aglais('up', spec1(), ...upArgs, '-o', 'json');
      assert.equal(r.code, 0, r.stderr);
      const report = JSON.parse(r.stdout) as UpJson;
      assert.equal(report.writes, 0, JSON.stringify(report.requests));
      for (const verb of ['PATCH', 'POST', 'PUT', 'DELETE'])
        assert.equal(report.requests.management[verb] ?? 0, 0, verb);
      assert.ok((report.requests.management['GET'] ?? 0) > 10, 'it did read everything');
      assert.ok(report.outcomes.every((o) => o.action === 'unchanged'));
    });

    test('status shows the whole tree and a verdict; -o json; by name', async () => {
      const r = await aglais('status', spec1());
      assert.equal(r.code, 1, 'addons never become ready without a Helm addon provider');
      for (const re of [
        new RegExp(`^Cluster ${name}/${name} +Ready`, 'm'),
        /^├─ KubeadmControlPlane \S+ +Ready {2}1\/1 ready/m,
        /^│ {2}└─ Machine \S+ +Ready {2}Running, node /m,
        new RegExp(`^├─ MachineDeployment ${name}-workers +Ready {2}2/2 ready`, 'm'),
        /^└─ Addons /m,
        new RegExp(`└─ HelmChartProxy ${name}-ingress-nginx|├─ HelmChartProxy ${name}-cni`),
      ]) {
        assert.match(r.stdout, re);
      }
      assert.equal(r.stdout.match(/Machine \S+ +Ready/g)?.length, 3);
      assert.match(
        r.stdout,
        /\nNot ready: waiting on HelmChartProxy \S+: ReadyUnknown: no Ready condition yet/,
      );
      const j = await aglais('status', name, '-o', 'json');
      const doc = JSON.parse(j.stdout) as {
        ready: boolean;
        tree: { kind: string; children: { kind: string; name: string }[] };
      };
      assert.equal(doc.ready, false);
      assert.equal(doc.tree.kind, 'Cluster');
      assert.deepEqual(
        doc.tree.children.map((c) => c.kind || c.name),
        ['KubeadmControlPlane', 'MachineDeployment', 'Addons'],
      );
      // --watch prints the tree, then again only on change, until Ctrl-C.
      const w = start(root, kubeconfig, ['status', name, '--watch']);
      await new Promise((r) => setTimeout(r, 4000));
      w.child.kill('SIGINT');
      const wr = await w.done;
      assert.equal(wr.code, 1, wr.stderr);
      assert.equal(wr.stdout.match(/^Not ready: /gm)?.length, 1, 'printed once: nothing changed');
    });

    test('a changed pool size and a new pool show in diff (exit 1) and roll out with up', async () => {
      const spec2 = devSpec(root, dir, 'v2.yaml', name, [
        { name: 'workers', replicas: 3 },
        { name: 'extra', replicas: 1 },
      ]);
      const d = await aglais('diff', spec2);
      assert.equal(d.code, 1, d.stderr);
      assert.match(
        d.stdout,
        new RegExp(`--- live management/MachineDeployment ${name}/${name}-workers\\n\\+\\+\\+ aglais`),
      );
      assert.match(d.stdout, /\n- {2}replicas: 2\n\+ {2}replicas: 3\n/);
      assert.match(
        d.stdout,
        new RegExp(`\\+\\+\\+ aglais management/MachineDeployment ${name}/${name}-extra`),
      );
      assert.match(d.stdout, /# \d+ to create, 1 to change, 0 to prune/);
      const u = await aglais('up', spec2, ...upArgs);
      assert.equal(u.code, 0, u.stderr);
      assert.equal((await machinesOf('workers')).length, 3);
      assert.equal((await machinesOf('extra')).length, 1);
      assert.equal((await aglais('diff', spec2)).code, 0, 'nothing left to change');
    });

    test('a removed pool is pruned; objects aglais did not create are not touched', async () => {
      const objects = KubernetesObjectApi.makeApiClient(kc);
      // Same namespace, same platform label, even the kind aglais prunes: but not an ApplySet member.
      await objects.create({
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: `${name}-extra`, namespace: name, labels: { 'aglais.dev/platform': name } },
        data: { mine: 'yes' },
      });
      const spec3 = devSpec(root, dir, 'v3.yaml', name, [{ name: 'workers', replicas: 3 }]);
      const d = await aglais('diff', spec3);
      assert.equal(d.code, 1);
      assert.match(
        d.stdout,
        new RegExp(
          `--- live management/MachineDeployment ${name}/${name}-extra\\n\\+\\+\\+ /dev/null \\(pruned\\)`,
        ),
      );
      const u = await aglais('up', spec3, ...upArgs, '-o', 'json');
      assert.equal(u.code, 0, u.stderr);
      const pruned = (JSON.parse(u.stdout) as UpJson).outcomes
        .filter((o) => o.action === 'pruned')
        .map((o) => `${o.ref.kind}/${o.ref.name}`);
      assert.ok(pruned.includes(`MachineDeployment/${name}-extra`), pruned.join(', '));
      assert.ok(
        pruned.some((p) => p.startsWith(`KubeadmConfigTemplate/${name}-extra-`)),
        pruned.join(', '),
      );
      assert.ok(
        pruned.some((p) => p.startsWith(`DevMachineTemplate/${name}-extra-`)),
        pruned.join(', '),
      );
      // One MachineHealthCheck covers every pool: it stays.
      assert.equal(pruned.length, 3, pruned.join(', '));
      assert.ok(await read(kc, CAPI, 'MachineHealthCheck', `${name}-workers`, name));
      await waitFor(
        async () => ((await read(kc, CAPI, 'MachineDeployment', `${name}-extra`, name)) ? undefined : true),
        { what: 'extra pool gone', timeoutMs: 120_000 },
      );
      assert.equal((await read(kc, 'v1', 'ConfigMap', `${name}-extra`, name))?.data?.['mine'], 'yes');
      assert.equal((await machinesOf('workers')).length, 3);
    });

    test('a field owned by another manager: conflict names field and manager; no overwrite without --force-conflicts', async () => {
      const spec3 = join(dir, 'v3.yaml');
      const objects = KubernetesObjectApi.makeApiClient(kc);
      await objects.patch(
        {
          apiVersion: CAPI,
          kind: 'MachineDeployment',
          metadata: { name: `${name}-workers`, namespace: name },
          spec: { replicas: 4 },
        },
        undefined,
        undefined,
        'someone-else',
        true,
        'application/apply-patch+yaml' as never,
      );
      const r = await aglais('up', spec3, ...upArgs);
      assert.equal(r.code, 3, r.stderr);
      assert.match(r.stderr, new RegExp(`MachineDeployment ${name}/${name}-workers`));
      assert.match(r.stderr, /\.spec\.replicas is owned by field manager "someone-else"/);
      assert.match(r.stderr, /--force-conflicts/);
      assert.equal((await workers())?.spec?.['replicas'], 4, 'not overwritten');
      const f = await aglais('up', spec3, ...upArgs, '--force-conflicts');
      assert.equal(f.code, 0, f.stderr);
      assert.equal((await workers())?.spec?.['replicas'], 3);
    });

    test('the Lease: a held lock fails naming holder and since when (exit 5); --wait-lock waits', async () => {
      const spec3 = join(dir, 'v3.yaml');
      const lock = await acquireLock(makeClient(kc), { platform: name, command: 'test' });
      try {
        const r = await aglais('up', spec3, ...upArgs);
        assert.equal(r.code, 5, r.stderr);
        assert.match(
          r.stderr,
          new RegExp(`locked by \\S+/${process.pid} \\(aglais test\\) since \\d{4}-\\d\\d-\\d\\dT`),
        );
        const waiting = start(root, kubeconfig, ['up', spec3, ...upArgs, '--wait-lock', '2m']);
        await waiting.seen(/waiting: platform \S+ is locked by/);
        await lock.release();
        const w = await waiting.done;
        assert.equal(w.code, 0, w.stderr);
      } finally {
        await lock.release();
      }
    });

    test('two concurrent ups: one runs, the other is held off by the Lease', async () => {
      const spec2b = devSpec(root, dir, 'v4.yaml', name, [{ name: 'workers', replicas: 2 }]);
      const [a, b] = await Promise.all([aglais('up', spec2b, ...upArgs), aglais('up', spec2b, ...upArgs)]);
      const codes = [a.code, b.code].sort();
      assert.deepEqual(codes, [0, 5], `${a.stderr}\n----\n${b.stderr}`);
      assert.match((a.code === 5 ? a : b).stderr, /is locked by \S+ \(aglais up\) since /);
      assert.equal((await machinesOf('workers')).length, 2);
    });

    test('SIGINT during up: exits 130 and releases the lock; up again converges', async () => {
      const spec5 = devSpec(root, dir, 'v5.yaml', name, [{ name: 'workers', replicas: 3 }]);
      const p = start(root, kubeconfig, ['up', spec5, ...upArgs]);
      await p.seen(/wait for Cluster .* to be available|MachineDeployment .*: ScalingUp/);
      p.child.kill('SIGINT');
      const r = await p.done;
      assert.equal(r.code, 130, r.stderr);
      assert.match(r.stderr, /interrupted/);
      assert.equal(
        await read(kc, 'coordination.k8s.io/v1', 'Lease', `aglais-${name}`, 'aglais-system'),
        undefined,
        'lock released',
      );
      const u = await aglais('up', spec5, ...upArgs);
      assert.equal(u.code, 0, u.stderr);
      assert.equal((await machinesOf('workers')).length, 3);
    });

    test('SIGKILL aglais itself during up: the next up takes over its lease (holder gone) and converges', async () => {
      const spec7 = devSpec(root, dir, 'v7.yaml', name, [{ name: 'workers', replicas: 2 }]);
      const p = start(root, kubeconfig, ['up', spec7, ...upArgs]);
      await p.seen(/wait for Cluster .* to be available|MachineDeployment .*: Scaling/);
      p.child.kill('SIGKILL');
      await p.done;
      const lease = await read(kc, 'coordination.k8s.io/v1', 'Lease', `aglais-${name}`, 'aglais-system');
      assert.match(
        String(lease?.spec?.['holderIdentity']),
        new RegExp(`/${p.child.pid} \\(aglais up\\)$`),
        'the dead run still holds it',
      );
      const u = await aglais('up', spec7, ...upArgs);
      assert.equal(u.code, 0, u.stderr);
      assert.equal((await machinesOf('workers')).length, 2);
    });

    test('SIGKILL the kube-apiserver in the middle of up, restart it: up again converges, no duplicates', async () => {
      const spec6 = devSpec(root, dir, 'v6.yaml', name, [
        { name: 'workers', replicas: 2 },
        { name: 'more', replicas: 1 },
      ]);
      const p = start(root, kubeconfig, ['up', spec6, ...upArgs, '--timeout', '90s']);
      await p.seen(/apply cluster to the management cluster/);
      restartApiserver(state);
      const first = await p.done;
      // The first run may ride out the restart (its requests are retried) or fail: both are fine.
      assert.ok([0, 3, 4].includes(first.code ?? -1), first.stderr);
      const u = await aglais('up', spec6, ...upArgs, '--wait-lock', '60s');
      assert.equal(u.code, 0, u.stderr);
      assert.equal((await list(kc, CAPI, 'Cluster', name)).length, 1);
      assert.deepEqual(
        (await list(kc, CAPI, 'MachineDeployment', name)).map((m) => m.metadata?.name).sort(),
        [`${name}-more`, `${name}-workers`],
      );
      assert.equal((await machinesOf('workers')).length, 2);
      assert.equal((await machinesOf('more')).length, 1);
      assert.equal(
        (await list(kc, 'coordination.k8s.io/v1', 'Lease', 'aglais-system')).filter(
          (l) => l.metadata?.name === `aglais-${name}`,
        ).length,
        0,
      );
      assert.equal((await aglais('diff', spec6)).code, 0);
    });

    test('down removes everything aglais created, waits for the machines, lists no leftovers', async () => {
      const objects = KubernetesObjectApi.makeApiClient(kc);
      await objects.delete({
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: `${name}-extra`, namespace: name },
      });
      const r = await aglais('down', join(dir, 'v6.yaml'), '--timeout', '5m');
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, /Nothing aglais created is left behind/);
      assert.equal(await read(kc, CAPI, 'Cluster', name, name), undefined);
      assert.equal((await list(kc, CAPI, 'Machine', name)).length, 0);
      assert.equal(await read(kc, 'v1', 'ConfigMap', `aglais-${name}`, 'aglais-system'), undefined);
      await waitFor(async () => ((await read(kc, 'v1', 'Namespace', name)) ? undefined : true), {
        what: 'namespace gone',
        timeoutMs: 120_000,
      });
    });
  });

/** SIGKILLs the env's kube-apiserver and starts it again with the same command line. */
function restartApiserver(stateDir: string): void {
  const pidFile = join(stateDir, 'pids', 'kube-apiserver.pid');
  const pid = Number(readFileSync(pidFile, 'utf8').trim());
  const argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
  process.kill(pid, 'SIGKILL');
  const r = spawnSync(
    'bash',
    ['-c', 'sleep 2; setsid "$@" </dev/null >>"$LOG" 2>&1 & echo $!', 'restart', ...argv],
    { env: { ...process.env, LOG: join(stateDir, 'logs', 'kube-apiserver.log') }, encoding: 'utf8' },
  );
  const newPid = r.stdout.trim();
  assert.match(newPid, /^\d+$/, `restart failed: ${r.stderr}`);
  // Keep the env's own bookkeeping right so that `scripts/testenv down` stops the new one.
  spawnSync('bash', ['-c', `echo ${newPid} > "${pidFile}"`]);
}
