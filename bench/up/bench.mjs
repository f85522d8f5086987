#!/usr/bin/env node
// `aglais up` of the dev example to Ready next to `kubectl apply --server-side`
// + `kubectl wait` of the same rendered objects, in one run, on the same test
// environment (scripts/testenv up --capi: real kube-apiserver, real Cluster API
// controllers, CAPD inMemory). Prints wall times, their ratio, and API request
// counts by verb (ours from `up -o json`, kubectl's from its -v=6 request log),
// for a first run (create and wait) and a second run (nothing changed).
//
//   npm run build && node bench/up/bench.mjs [--keep]
//
// Both sides wait for the same things: the Cluster's control plane initialised,
// the Cluster Available, the KubeadmControlPlane Available and every
// MachineDeployment's ready replicas. Neither waits for the addons (the test
// env has no Helm addon provider). --keep leaves both platforms up.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseAllDocuments, stringify } from 'yaml';

const repo = resolve(new URL('../..', import.meta.url).pathname);
const keep = process.argv.includes('--keep');
const work = mkdtempSync(join(tmpdir(), 'aglais-bench-up-'));

function sh(cmd, argv, opts = {}) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(cmd, argv, { cwd: repo, encoding: 'utf8', maxBuffer: 256 << 20, ...opts });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0 && !opts.allowFail) {
    throw new Error(`${cmd} ${argv.join(' ')} failed (${r.status}):\n${r.stderr.slice(-3000)}`);
  }
  return { ms, out: r.stdout, err: r.stderr, status: r.status };
}

// The test env: its kubeconfig, and the kubectl it built (same k8s.io/kubernetes release).
const status = sh(join(repo, 'scripts/testenv'), ['status', '--capi'], { allowFail: true });
if (status.status !== 0) {
  console.error('bench/up: the test env is not up with Cluster API: run `scripts/testenv up --capi` first');
  process.exit(2);
}
const kubeconfig = /export KUBECONFIG=(.+)/.exec(sh(join(repo, 'scripts/testenv'), ['env']).out)?.[1]?.trim();
const kubectl = join(
  sh('bash', ['-c', `td=${repo}/scripts/testenv.d; . "$td/lib.sh"; k8s_dir`]).out.trim(),
  'bin',
  'kubectl',
);
const env = { ...process.env, KUBECONFIG: kubeconfig, NO_COLOR: '1' };

function spec(name) {
  const text = readFileSync(join(repo, 'examples/dev.yaml'), 'utf8')
    .replace(/^ {2}name: gaia-dev$/m, `  name: ${name}`)
    .replace(/gaia-dev\.example\.org/g, `${name}.example.org`);
  const path = join(work, `${name}.yaml`);
  writeFileSync(path, text);
  return path;
}

const stamp = Date.now().toString(36).slice(-5);
const ours = `bench-a-${stamp}`;
const theirs = `bench-k-${stamp}`;

// --- aglais up ---
function aglaisUp(name) {
  const r = sh(
    process.execPath,
    [
      'dist/cli/main.js',
      'up',
      spec(name),
      '--no-wait-addons',
      '--timeout',
      '10m',
      '-o',
      'json',
      '--workload-kubeconfig',
      join(work, `${name}.kubeconfig`),
    ],
    { env },
  );
  const report = JSON.parse(r.out);
  const all = {};
  for (const part of [report.requests.management, report.requests.workload ?? {}, report.requests.lock]) {
    for (const [k, v] of Object.entries(part)) all[k] = (all[k] ?? 0) + v;
  }
  return { ms: r.ms, requests: all, writes: report.writes };
}

// --- kubectl apply --server-side + kubectl wait, on the manifests `aglais plan -o DIR` writes ---
sh(process.execPath, ['dist/cli/main.js', 'plan', spec(theirs), '-o', join(work, 'manifests')], { env });
const files = readdirSync(join(work, 'manifests', 'management'))
  .sort()
  .map((f) => join(work, 'manifests', 'management', f));
// CAPD v1.14.0's inMemory backend writes into the DevCluster's annotations
// without making the map first (inmemorycluster_backend.go:67): a DevCluster
// with no annotations panics its reconciler. aglais's objects carry one (its
// apply digest); give kubectl's copy one too, or it never provisions.
for (const f of files) {
  const docs = parseAllDocuments(readFileSync(f, 'utf8')).map((d) => d.toJS());
  for (const o of docs) {
    if (o?.kind === 'DevCluster') {
      o.metadata.annotations = { ...o.metadata.annotations, 'bench.aglais.dev/peer': 'kubectl' };
    }
  }
  writeFileSync(f, docs.map((o) => `---\n${stringify(o)}`).join(''));
}

function countRequests(log, into) {
  for (const m of log.matchAll(/"Response" verb="(\w+)" url="([^"]+)"/g)) {
    const verb = /[?&]watch=true/.test(m[2]) ? 'WATCH' : m[1];
    into[verb] = (into[verb] ?? 0) + 1;
  }
  return into;
}

function kubectlUp(name) {
  const requests = {};
  let ms = 0;
  const k = (...argv) => {
    const r = sh(kubectl, [...argv, '-v=6'], { env });
    countRequests(r.err, requests);
    ms += r.ms;
  };
  for (const f of files) k('apply', '--server-side', '--field-manager=bench-kubectl', '-f', f);
  const ns = ['-n', name, '--timeout=10m'];
  k('wait', ...ns, '--for=condition=ControlPlaneInitialized', `cluster/${name}`);
  k('wait', ...ns, '--for=condition=Available', `cluster/${name}`);
  k('wait', ...ns, '--for=condition=Available', 'kubeadmcontrolplane', '--all');
  k('wait', ...ns, '--for=jsonpath={.status.readyReplicas}=2', 'machinedeployment', '--all');
  return { ms, requests };
}

const fmt = (c) =>
  Object.keys(c)
    .sort()
    .map((v) => `${v} ${c[v]}`)
    .join(', ');
const total = (c) => Object.values(c).reduce((a, b) => a + b, 0);

const k1 = kubectlUp(theirs);
const a1 = aglaisUp(ours);
const k2 = kubectlUp(theirs);
const a2 = aglaisUp(ours);

const row = (label, a, k) =>
  `${label.padEnd(26)} ${(a.ms / 1000).toFixed(2).padStart(8)}s ${(k.ms / 1000).toFixed(2).padStart(8)}s ${(a.ms / k.ms).toFixed(2).padStart(7)}`;
console.log(`bench/up: dev example (1 control-plane machine, 2 workers, CAPD inMemory) on ${kubeconfig}`);
console.log(`${''.padEnd(26)} ${'aglais'.padStart(9)} ${'kubectl'.padStart(9)} ${'ratio'.padStart(7)}`);
console.log(row('first run (create + wait)', a1, k1));
console.log(row('second run (no change)', a2, k2));
console.log('API requests:');
console.log(`  first run   aglais ${total(a1.requests)} (${fmt(a1.requests)})`);
console.log(`              kubectl ${total(k1.requests)} (${fmt(k1.requests)})`);
console.log(
  `  second run  aglais ${total(a2.requests)} (${fmt(a2.requests)}; writes to platform objects: ${a2.writes})`,
);
console.log(`              kubectl ${total(k2.requests)} (${fmt(k2.requests)})`);
console.log(
  'aglais counts include its Lease (create, delete) and ApplySet parent; kubectl counts include discovery.',
);

if (!keep) {
  sh(process.execPath, ['dist/cli/main.js', 'down', spec(ours), '--timeout', '10m'], {
    env,
    allowFail: true,
  });
  sh(kubectl, ['delete', '-n', theirs, `cluster/${theirs}`, '--wait', '--timeout=10m'], {
    env,
    allowFail: true,
  });
  sh(kubectl, ['delete', 'namespace', theirs, '--wait', '--timeout=10m'], { env, allowFail: true });
}
