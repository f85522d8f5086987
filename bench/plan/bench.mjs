#!/usr/bin/env node
// Cold-start wall time of `aglais plan examples/openstack.yaml -o DIR` next to
// `helm template` of a comparable capi-helm-charts openstack-cluster release,
// in one run, on the same machine. Each command runs as a fresh process
// (cold start: module loading included), 1 warm-up + N timed runs.
//
//   node bench/plan/bench.mjs [--chart-repo DIR] [--helm PATH] [--runs N]
//
// --chart-repo: a checkout of azimuth-cloud/capi-helm-charts (its charts/openstack-cluster
// and charts/cluster-addons). --helm: a helm v3 binary; default ~/.cache/aglais/bin/helm,
// built with `go install helm.sh/helm/v3/cmd/helm@v3.19.0` if missing.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir, cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';

const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : dflt;
};
const runs = Number(opt('--runs', '10'));
const chartRepo = opt('--chart-repo', undefined);
let helm = opt('--helm', join(homedir(), '.cache/aglais/bin/helm'));
const repo = resolve(new URL('../..', import.meta.url).pathname);
const work = mkdtempSync(join(tmpdir(), 'aglais-bench-plan-'));

function time(cmd, argv, cwd) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(cmd, argv, { cwd, encoding: 'utf8', maxBuffer: 64 << 20 });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0) throw new Error(`${cmd} ${argv.join(' ')} failed (${r.status}):\n${r.stderr}`);
  return { ms, out: r.stdout };
}

function measure(label, cmd, argv, cwd) {
  time(cmd, argv, cwd); // warm-up: page cache, not the process
  const t = [];
  let out = '';
  for (let i = 0; i < runs; i++) {
    const r = time(cmd, argv, cwd);
    t.push(r.ms);
    out = r.out;
  }
  t.sort((a, b) => a - b);
  const median = t[Math.floor(t.length / 2)];
  console.log(
    `${label.padEnd(44)} min ${t[0].toFixed(0).padStart(5)} ms   median ${median.toFixed(0).padStart(5)} ms`,
  );
  return { median, out };
}

console.log(
  `machine: ${cpus().length} cores, load average ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}; ${runs} runs each\n`,
);
const out = join(work, 'out');
const ours = measure(
  'aglais plan examples/openstack.yaml -o DIR',
  process.execPath,
  [join(repo, 'dist/cli/main.js'), 'plan', 'examples/openstack.yaml', '-o', out],
  repo,
);
const ourObjects = readdirSync(out, { recursive: true })
  .filter((f) => String(f).endsWith('.yaml'))
  .reduce((n, f) => n + (readFileSync(join(out, String(f)), 'utf8').match(/^---$/gm) ?? []).length, 0);
measure('aglais --help', process.execPath, [join(repo, 'dist/cli/main.js'), '--help'], repo);

if (!chartRepo) {
  console.log(`\n${ourObjects} objects. No --chart-repo given: the helm peer was not run.`);
  process.exit(0);
}
if (!existsSync(helm)) {
  console.log('building helm v3.19.0 from the Go module proxy ...');
  const r = spawnSync('go', ['install', '-ldflags=-s -w', 'helm.sh/helm/v3/cmd/helm@v3.19.0'], {
    stdio: 'inherit',
    env: { ...process.env, GOBIN: join(homedir(), '.cache/aglais/bin') },
  });
  if (r.status !== 0) process.exit(1);
  helm = join(homedir(), '.cache/aglais/bin/helm');
}
for (const c of ['openstack-cluster', 'cluster-addons'])
  cpSync(join(chartRepo, 'charts', c), join(work, c), { recursive: true });
time(helm, ['dependency', 'build', join(work, 'openstack-cluster')], work);
// The same platform as examples/openstack.yaml, in that chart's values.
writeFileSync(
  join(work, 'values.yaml'),
  `kubernetesVersion: 1.34.2
machineImage: ubuntu-jammy-kube-v1.34.2
machineSSHKeyName: gaia-dmp-admin
clouds:
  openstack:
    auth: { auth_url: https://keystone.example.org:5000/v3, application_credential_id: x, application_credential_secret: y }
    region_name: RegionOne
    auth_type: v3applicationcredential
cloudName: openstack
clusterNetworking:
  externalNetworkId: 00000000-0000-0000-0000-000000000000
apiServer: { enableLoadBalancer: true, loadBalancerProvider: amphora }
controlPlane:
  machineFlavor: gaia.vm.cclake.4vcpu
  machineCount: 3
  machineRootVolume: { diskSize: 50 }
nodeGroups:
  - name: platform
    machineFlavor: gaia.vm.cclake.12vcpu
    machineCount: 2
    machineRootVolume: { diskSize: 50 }
  - name: workers
    machineFlavor: gaia.vm.cclake.26vcpu
    autoscale: true
    machineCountMin: 4
    machineCountMax: 8
    machineRootVolume: { diskSize: 100 }
addons:
  csi: { cephfs: { enabled: true } }
  ingress: { enabled: true }
`,
);
const peer = measure(
  'helm template openstack-cluster',
  helm,
  ['template', 'gaia-dmp', join(work, 'openstack-cluster'), '-f', join(work, 'values.yaml')],
  work,
);
const peerObjects = (peer.out.match(/^---$/gm) ?? []).length;
console.log(`\nobjects: aglais ${ourObjects}, helm ${peerObjects}`);
console.log(`ratio (aglais / helm, median wall): ${(ours.median / peer.median).toFixed(2)}`);
