/**
 * Our interpreter template (k8s/interpreter/100-interpreter-spec.yaml), rendered
 * by real Jinjava — the engine Zeppelin's Kubernetes launcher uses — with the
 * bindings the launcher gives (zeppelin.k8s.* values, the environment, and the
 * interpreter setting's own properties), then checked: it is YAML, the objects
 * validate against the Kubernetes schemas, and the pod is what a user namespace
 * under Pod Security `restricted` and a quota admits, with the data sets
 * read-only and the user's volumes mounted. (The binding names and values are
 * written here from Zeppelin 0.12's launcher source; Zeppelin itself 0.12 does
 * not run on this machine.)
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, test } from 'node:test';
import { validateReport, formatFinding } from '../validate/index.js';
import { loadSpec } from '../spec/load.js';
import { bindings, jinjavaMissing, renderTemplate } from './test-support.js';

const root = fileURLToPath(new URL('../../', import.meta.url));

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const at = (o: unknown, ...path: (string | number)[]): any =>
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  path.reduce((v: any, k) => (v === undefined || v === null ? undefined : v[k]), o);

const skip = jinjavaMissing();

describe("interpreter template rendered by Jinjava (Zeppelin's template engine)", { skip }, () => {
  test('a Spark interpreter of alice (examples/dev.yaml): her namespace, data read-only, her volumes, restricted', async () => {
    const { platform } = await loadSpec(join(root, 'examples', 'dev.yaml'));
    const objs = renderTemplate(platform, bindings(platform, 'spark_alice', 'spark', 'spark-abcdef'));
    assert.deepEqual(
      objs.map((o) => `${o['kind']} ${at(o, 'metadata', 'namespace')}/${at(o, 'metadata', 'name')}`),
      ['Pod user-alice/spark-abcdef', 'Service user-alice/spark-abcdef'],
    );
    const report = await validateReport(objs.map((object) => ({ target: 'workload', object })));
    assert.deepEqual(report.findings.map(formatFinding), []);
    const [pod, svc] = objs;
    assert.equal(at(pod, 'metadata', 'labels', 'aglais.dev/user'), 'alice');
    assert.equal(at(pod, 'metadata', 'labels', 'app.kubernetes.io/component'), 'interpreter');
    assert.equal(at(pod, 'spec', 'serviceAccountName'), 'interpreter');
    assert.equal(at(pod, 'spec', 'automountServiceAccountToken'), true);
    assert.deepEqual(at(pod, 'spec', 'nodeSelector'), { 'aglais.dev/pool': 'workers' });
    // Pod Security restricted.
    assert.equal(at(pod, 'spec', 'securityContext', 'runAsNonRoot'), true);
    assert.equal(at(pod, 'spec', 'securityContext', 'seccompProfile', 'type'), 'RuntimeDefault');
    const containers = [...at(pod, 'spec', 'initContainers'), ...at(pod, 'spec', 'containers')];
    assert.equal(containers.length, 2);
    for (const c of containers) {
      assert.equal(c.securityContext.allowPrivilegeEscalation, false);
      assert.deepEqual(c.securityContext.capabilities.drop, ['ALL']);
      // The quota counts limits: memory limit = request.
      assert.equal(c.resources.limits.memory, c.resources.requests.memory);
    }
    const main = at(pod, 'spec', 'containers', 0);
    assert.deepEqual(main.resources.requests, { cpu: '1', memory: '4505Mi' });
    const env = Object.fromEntries(
      (main.env as { name: string; value: string }[]).map((e) => [e.name, e.value]),
    );
    assert.equal(env['SPARK_CONF_DIR'], '/opt/aglais/spark-conf');
    assert.equal(env['HOME'], '/home/alice');
    assert.match(env['SPARK_SUBMIT_OPTIONS'] ?? '', /spark\.kubernetes\.namespace=user-alice/);
    const mounts = Object.fromEntries(
      (main.volumeMounts as { name: string; mountPath: string; readOnly?: boolean }[]).map((m) => [
        m.mountPath,
        m,
      ]),
    );
    assert.equal(mounts['/data/gaia/sample']?.readOnly, true);
    assert.equal(mounts['/home/alice']?.name, 'home');
    assert.equal(mounts['/user/alice']?.name, 'user-data');
    assert.equal(mounts['/spark-events']?.name, 'spark-events');
    assert.equal(mounts['/opt/aglais/spark-conf']?.readOnly, true);
    const volumes = Object.fromEntries(
      (at(pod, 'spec', 'volumes') as { name: string }[]).map((v) => [v.name, v]),
    );
    assert.deepEqual(at(volumes, 'data-gaia-sample', 'persistentVolumeClaim'), {
      claimName: 'data-gaia-sample',
      readOnly: true,
    });
    assert.ok(!Object.values(volumes).some((v) => 'hostPath' in v));
    assert.deepEqual(
      (at(svc, 'spec', 'ports') as { port: number }[]).map((x) => x.port),
      [12321, 22321, 22322, 4040],
    );
  });

  test('the shared %md interpreter runs in the platform namespace, without a token, volumes or Spark', async () => {
    const { platform } = await loadSpec(join(root, 'examples', 'dev.yaml'));
    const objs = renderTemplate(platform, bindings(platform, 'md', 'md', 'md-qwerty'));
    const report = await validateReport(objs.map((object) => ({ target: 'workload', object })));
    assert.deepEqual(report.findings.map(formatFinding), []);
    const pod = objs[0];
    assert.equal(at(pod, 'metadata', 'namespace'), 'aglais');
    assert.equal(at(pod, 'spec', 'automountServiceAccountToken'), false);
    assert.equal(at(pod, 'spec', 'initContainers'), undefined);
    assert.deepEqual(
      (at(pod, 'spec', 'volumes') as { name: string }[]).map((v) => v.name),
      ['tmp'],
    );
    assert.deepEqual(at(pod, 'spec', 'containers', 0, 'resources', 'limits'), { cpu: '500m', memory: '1Gi' });
    assert.deepEqual(
      (at(objs[1], 'spec', 'ports') as { port: number }[]).map((x) => x.port),
      [12321],
    );
  });
});
