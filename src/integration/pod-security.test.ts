// Pod Security admission on the real kube-apiserver of scripts/testenv: a
// namespace enforcing `restricted` must reject a privileged pod and accept a
// compliant one, which the scheduler places on a kwok node and kwok runs.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { CoreV1Api, type V1Pod } from '@kubernetes/client-node';
import {
  apiMessage,
  apiStatus,
  createTestNamespace,
  deleteNamespace,
  rejection,
  waitFor,
} from '../testenv/kube.js';
import { useTestenv } from '../testenv/testenv.js';

const { env, skip } = useTestenv();

const image = 'registry.example.org/aglais/noop:1';

const privileged: V1Pod = {
  metadata: { name: 'privileged' },
  spec: { containers: [{ name: 'main', image, securityContext: { privileged: true } }] },
};

// What `restricted` asks of every pod: non-root, RuntimeDefault seccomp, no
// privilege escalation, all capabilities dropped.
const restricted: V1Pod = {
  metadata: { name: 'restricted' },
  spec: {
    securityContext: { runAsNonRoot: true, runAsUser: 1000, seccompProfile: { type: 'RuntimeDefault' } },
    containers: [
      {
        name: 'main',
        image,
        securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } },
      },
    ],
  },
};

describe('Pod Security restricted on the real apiserver', { skip }, () => {
  let ns = '';
  before(async () => {
    ns = await createTestNamespace(env!.kubeConfig, 'psa', {
      'pod-security.kubernetes.io/enforce': 'restricted',
      'pod-security.kubernetes.io/enforce-version': 'latest',
    });
  });
  after(async () => {
    if (ns) await deleteNamespace(env!.kubeConfig, ns);
  });

  test('rejects a privileged pod', async () => {
    const core = env!.kubeConfig.makeApiClient(CoreV1Api);
    const e = await rejection(() => core.createNamespacedPod({ namespace: ns, body: privileged }));
    assert.equal(apiStatus(e), 403, apiMessage(e));
    assert.match(apiMessage(e), /violates PodSecurity "restricted:latest"/);
    assert.match(
      apiMessage(e),
      /privileged \(container "main" must not set securityContext\.privileged=true\)/,
    );
  });

  test('accepts a restricted-compliant pod, which gets scheduled and runs on a kwok node', async () => {
    const core = env!.kubeConfig.makeApiClient(CoreV1Api);
    await core.createNamespacedPod({ namespace: ns, body: restricted });
    const running = await waitFor(
      async () => {
        const p = await core.readNamespacedPod({ name: 'restricted', namespace: ns });
        return p.status?.phase === 'Running' ? p : undefined;
      },
      { what: `pod ${ns}/restricted to run` },
    );
    assert.match(running.spec?.nodeName ?? '', /^kwok-node-\d+$/);
  });

  test('the same privileged pod is admitted where Pod Security does not enforce (control)', async () => {
    // Proves the rejection above comes from the namespace label, not from the
    // apiserver refusing privileged pods everywhere.
    const core = env!.kubeConfig.makeApiClient(CoreV1Api);
    const open = await createTestNamespace(env!.kubeConfig, 'psa-privileged', {
      'pod-security.kubernetes.io/enforce': 'privileged',
    });
    try {
      const created = await core.createNamespacedPod({ namespace: open, body: privileged, dryRun: 'All' });
      assert.equal(created.spec?.containers[0]?.securityContext?.privileged, true);
    } finally {
      await deleteNamespace(env!.kubeConfig, open);
    }
  });
});
