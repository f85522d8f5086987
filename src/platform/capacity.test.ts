/**
 * The capacity check, with every expected number worked out by hand from the
 * Kubernetes and Spark formulas in capacity.ts (arithmetic in the comments).
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { UserError } from '../cli/errors.js';
import { runPlan } from '../plan/run.js';
import { parseSpec } from '../spec/load.js';
import { capacityReport, kubeReservedCpu, kubeReservedMemory, nodeBudget } from './capacity.js';
import { kubeletReservationArgs } from '../render/node-budget.js';

const hash = '$shiro1$SHA-256$500000$jVmaYTRHIN2g6Cm5Aym0YA==$beOJ94juIXEPiOMStI/bnYUZ1MP6505OzxvT7LiTxG8=';

function spec(opts: {
  pools: string;
  executor: string;
  users?: string;
  placement?: string;
  driver?: string;
}): string {
  return `apiVersion: aglais.dev/v1alpha1
kind: Platform
metadata: { name: cap }
spec:
  cloud: { provider: dev }
  kubernetes: { version: v1.34.2 }
  controlPlane: { replicas: 1 }
  nodePools:
${opts.pools}
  users:
${opts.users ?? `    - { name: alice, passwordHash: "${hash}" }\n    - { name: bob, passwordHash: "${hash}" }`}
  platform:
    domain: cap.example.org
${opts.placement ?? ''}
    spark:
      executor: ${opts.executor}
${opts.driver ?? ''}
      scratch: { type: emptyDir, sizeLimit: 50Gi }
`;
}

const close = (actual: number, expected: number, what: string) =>
  assert.ok(Math.abs(actual - expected) < 1e-6, `${what}: ${actual} != ${expected}`);

describe('kube-reserved (GKE tiers)', () => {
  test('memory', () => {
    // Below 1 GiB: a flat 255 MiB.
    close(kubeReservedMemory(512), 255, '512 MiB');
    // 43 GiB = 44032 MiB: 25% × 4096 + 20% × 4096 + 10% × 8192 + 6% × (44032 − 16384 = 27648)
    //   = 1024 + 819.2 + 819.2 + 1658.88 = 4321.28
    close(kubeReservedMemory(44032), 4321.28, '43 GiB');
    // 200 GiB = 204800 MiB: 1024 + 819.2 + 819.2 + 6% × 114688 (= 6881.28) + 2% × (204800 − 131072 = 73728) (= 1474.56)
    //   = 11018.24
    close(kubeReservedMemory(204800), 11018.24, '200 GiB');
  });
  test('CPU', () => {
    close(kubeReservedCpu(1000), 60, '1 core: 6% of 1000m');
    close(kubeReservedCpu(2000), 70, '2 cores: 60 + 1% of 1000m');
    // 26 cores: 60 + 10 + 0.5% × 2000 (= 10) + 0.25% × 22000 (= 55) = 135
    close(kubeReservedCpu(26000), 135, '26 cores');
    // 64 cores: 60 + 10 + 10 + 0.25% × 60000 (= 150) = 230
    close(kubeReservedCpu(64000), 230, '64 cores');
  });
  test('allocatable = capacity − kube-reserved − system-reserved − eviction', () => {
    const b = nodeBudget({ cpu: 16, memoryGiB: 64, ephemeralGiB: 200 });
    // CPU: 16000 − (60 + 10 + 10 + 0.25% × 12000 = 30 → 110) − 100 = 15790 m
    close(b.allocatable.cpu, 15790, 'cpu');
    // Memory: kube-reserved 1024 + 819.2 + 819.2 + 6% × 49152 (= 2949.12) = 5611.52, rounded up to
    // whole MiB as the kubelet flag carries it: 5612; 65536 − 5612 − 100 − 100 = 59724 MiB
    close(b.allocatable.memory, 59724, 'memory');
    assert.deepEqual(kubeletReservationArgs({ cpu: 16, memoryGiB: 64, ephemeralGiB: 200 }), {
      'kube-reserved': 'cpu=110m,memory=5612Mi',
      'system-reserved': 'cpu=100m,memory=100Mi',
      'eviction-hard': 'memory.available<100Mi,nodefs.available<10%',
    });
    // Ephemeral: 204800 − 10% (nodefs.available) = 184320 MiB
    close(b.allocatable.ephemeral, 184320, 'ephemeral');
  });
});

describe('capacity report', () => {
  test('one pool of three 16-core 64 GiB nodes, two users, executors of 4 cores and 8 GiB', () => {
    const { platform } = parseSpec(
      spec({
        pools:
          '    - { name: workers, replicas: 3, capacity: { cpu: 16, memory: 64Gi, ephemeralStorage: 200Gi } }',
        executor: '{ cores: 4, memory: 8Gi, min: 0, max: 8 }',
      }),
      'cap.yaml',
    );
    const r = capacityReport(platform);
    // Executor pod: 4000m; 8192 + max(819.2 → 819, 384) = 9011 MiB; 50 GiB = 51200 MiB scratch.
    assert.deepEqual(r.executor, { cpu: 4000, memory: 9011, ephemeral: 51200 });
    // Interpreter (driver, default 1 core, 4Gi): 4096 + 409 = 4505 MiB.
    assert.deepEqual(r.interpreter, { cpu: 1000, memory: 4505, ephemeral: 0 });
    // Node 0 takes, in order: Zeppelin (2000m, 4096), %md (500m, 1024), two history servers
    // (250m, 1024 each: event logs on a volume, one per user), two interpreters (1000m, 4505 each):
    //   CPU 15790 − 2000 − 500 − 500 − 2000 = 10790; memory 59724 − 4096 − 1024 − 2048 − 9010 = 43546
    // Executors on node 0: min(⌊10790/4000⌋ = 2, ⌊43546/9011⌋ = 4, ⌊184320/51200⌋ = 3) = 2
    // Nodes 1 and 2: min(⌊15790/4000⌋ = 3, ⌊59724/9011⌋ = 6, 3) = 3 each → 2 + 3 + 3 = 8
    assert.equal(r.executorsFit, 8);
    const pool = r.pools[0];
    assert.ok(pool?.utilisation);
    assert.equal(pool.executors, 8);
    // CPU used: 2000 + 500 + 500 + 2000 + 8 × 4000 = 37000 of 3 × 15790 = 47370 → 0.78108…
    close(pool.utilisation.cpu, 37000 / 47370, 'cpu utilisation');
    // Memory used: 4096 + 1024 + 2048 + 9010 + 8 × 9011 = 88266 of 3 × 59724 = 179172
    close(pool.utilisation.memory, 88266 / 179172, 'memory utilisation');
    // Per user (default quota 16 CPU, 64Gi), beside the interpreter and the history server:
    //   CPU (16000 − 1000 − 250) / 4000 = 3.69 → 3; memory (65536 − 4505 − 1024) / 9011 = 6.66 → 6; max 8 → 3
    assert.deepEqual(r.perUser, [
      { user: 'alice', executors: 3 },
      { user: 'bob', executors: 3 },
    ]);
    assert.equal(r.executorsWanted, 16);
    assert.deepEqual(r.errors, []);
    assert.deepEqual(r.warnings, []);
  });

  test('an executor larger than a node can never be scheduled: an error', () => {
    const { platform } = parseSpec(
      spec({
        pools: '    - { name: workers, replicas: 2, capacity: { cpu: 8, memory: 32Gi } }',
        // 30 GiB = 30720 MiB + 3072 overhead = 33792 MiB > 32 GiB capacity, let alone allocatable.
        executor: '{ cores: 4, memory: 30Gi, min: 0, max: 4 }',
        users: `    - { name: alice, passwordHash: "${hash}", quota: { memory: 256Gi } }`,
      }),
      'cap.yaml',
    );
    const r = capacityReport(platform);
    assert.equal(r.executorsFit, 0);
    assert.equal(r.errors.length, 1);
    assert.match(
      r.errors[0] ?? '',
      /a Spark executor requests 4 CPU, 33\.00 GiB \(30Gi \+ 3072 MiB overhead\).*can never be scheduled/,
    );
  });

  test('a quota smaller than the interpreter: an error; executors above the quota are capped', () => {
    const { platform } = parseSpec(
      spec({
        pools: '    - { name: workers, replicas: 2, capacity: { cpu: 16, memory: 64Gi } }',
        executor: '{ cores: 2, memory: 4Gi, min: 1, max: 4 }',
        users: `    - { name: alice, passwordHash: "${hash}", quota: { cpu: '2', memory: 4Gi } }\n    - { name: bob, passwordHash: "${hash}", quota: { cpu: '4', memory: 16Gi } }`,
      }),
      'cap.yaml',
    );
    const r = capacityReport(platform);
    // alice: 4Gi = 4096 MiB < interpreter 4505 + history 1024: never starts.
    // bob: CPU (4000 − 1250)/2000 = 1.375 → 1; memory (16384 − 5529)/4505 = 2.4 → 2; → 1 executor (= min, no error).
    assert.deepEqual(r.perUser, [
      { user: 'alice', executors: 0 },
      { user: 'bob', executors: 1 },
    ]);
    assert.equal(r.errors.length, 1);
    assert.match(
      r.errors[0] ?? '',
      /user "alice" has a quota of 2 CPU and 4Gi, less than their interpreter needs \(1\.25 CPU, 5\.40 GiB\)/,
    );
  });

  test('pods that fit a node alone but not all at once are a warning, not an error', () => {
    const { platform } = parseSpec(
      spec({
        // Platform nodes of 4 cores and 6 GiB: allocatable 6144 − (1024 + 20% × 2048 = 409.6) − 200 = 4510.4 MiB
        pools:
          '    - { name: platform, replicas: 1, capacity: { cpu: 4, memory: 6Gi } }\n    - { name: workers, replicas: 2, capacity: { cpu: 16, memory: 64Gi } }',
        executor: '{ cores: 4, memory: 8Gi, min: 0, max: 2 }',
        placement: '    placement: { platform: platform, interpreters: platform, executors: workers }',
      }),
      'cap.yaml',
    );
    const r = capacityReport(platform);
    // Zeppelin (4096) leaves 414.4 MiB: the %md pod (1024), both history servers and both
    // interpreters (4505 ≤ 4510.4 alone) wait.
    assert.deepEqual(r.errors, []);
    assert.ok(
      r.warnings.some((w) =>
        /2 of 2 × Spark interpreter \(driver\), one per user .* wait until others stop/.test(w),
      ),
    );
    // Nothing but executors on the workers: min(⌊15790/4000⌋ = 3, ⌊59724.48/9011⌋ = 6) = 3 per node, 6 in all.
    assert.equal(r.executorsFit, 6);
  });

  test('plan fails with exit code 2 and names what can never be scheduled', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'aglais-cap-'));
    try {
      const file = join(dir, 'big.yaml');
      writeFileSync(
        file,
        spec({
          pools: '    - { name: workers, replicas: 2, capacity: { cpu: 2, memory: 32Gi } }',
          // 4 cores on 2-core machines.
          executor: '{ cores: 4, memory: 4Gi, min: 0, max: 2 }',
        }),
      );
      await assert.rejects(runPlan(file, {}), (e: unknown) => {
        assert.ok(e instanceof UserError);
        assert.equal(e.exitCode, 2);
        assert.match(e.message, /big\.yaml: the platform cannot be scheduled on its nodes/);
        assert.match(e.message, /a Spark executor requests 4 CPU/);
        return true;
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
