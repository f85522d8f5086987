/**
 * The platform layer's objects for examples/dev.yaml and examples/existing.yaml, asserted field by field from the spec
 * (the expectations are worked out from examples/*.yaml and the design, not
 * copied from output). The byte-for-byte golden files live in test/golden
 * (src/plan/examples.test.ts); these say what matters and why.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { render } from '../render/index.js';
import { platformAddons } from './addons.js';
import { all, at, get, load, sparkDefaultsOf } from './test-objects.js';

describe('platform layer: examples/dev.yaml', () => {
  const p = load('examples/dev.yaml');
  const objs = render(p);

  test('the hostPath data set is a ReadOnlyMany PV per user; volumes use the NFS class (RWX)', () => {
    for (const u of ['alice', 'bob']) {
      const pv = get(objs, 'PersistentVolume', `gaia-dev-gaia-sample-${u}`);
      assert.deepEqual(at(pv, 'spec', 'hostPath'), { path: '/srv/gaia/sample', type: 'Directory' });
      assert.equal(at(pv, 'spec', 'capacity', 'storage'), '10Gi');
      const home = get(objs, 'PersistentVolumeClaim', 'home', `user-${u}`);
      assert.equal(at(home, 'spec', 'storageClassName'), 'nfs');
    }
  });

  test('executors of 4Gi: 10% (409m) is above the 384 MiB floor; the single pool runs everything', () => {
    const c = sparkDefaultsOf(objs, 'user-alice');
    // 10% of 4096 MiB = 409 > 384.
    assert.equal(c.get('spark.executor.memoryOverhead'), '409m');
    assert.equal(c.get('spark.dynamicAllocation.maxExecutors'), '4');
    assert.equal(c.get('spark.kubernetes.executor.node.selector.aglais.dev/pool'), 'workers');
    assert.equal(c.get('spark.executor.memory'), '4g');
  });

  test('self-signed TLS through a namespaced Issuer; no ACME', () => {
    const ing = get(objs, 'Ingress', 'zeppelin', 'aglais');
    assert.equal(ing.metadata.annotations?.['cert-manager.io/issuer'], 'self-signed');
    assert.deepEqual(at(get(objs, 'Issuer', 'self-signed', 'aglais'), 'spec'), { selfSigned: {} });
    assert.ok(!all(objs, 'Issuer').some((i) => at(i, 'spec', 'acme')));
  });

  test('setup notebook: 16 buckets by source_id over the mount path', () => {
    const note = JSON.parse(
      at(get(objs, 'ConfigMap', 'zeppelin-setup-notes', 'aglais'), 'data', 'setup-bob.zpln'),
    );
    const text = (note.paragraphs as { text: string }[]).map((x) => x.text).join('\n');
    assert.match(text, /%spark_bob\.pyspark/);
    assert.match(text, /file:\/\/\/data\/gaia\/sample\/gaia_source/);
    assert.match(text, /INTO 16 BUCKETS/);
  });
});

describe('platform layer: examples/existing.yaml', () => {
  test('no HelmChartProxy (helm installs the operator there), and a cluster ingress class admitted from any namespace', () => {
    const p = load('examples/existing.yaml', (doc) => {
      (at(doc, 'spec', 'cloud') as Record<string, unknown>)['ingressClass'] = 'traefik';
    });
    const objs = render(p);
    assert.ok(!objs.some((r) => r.object.kind === 'HelmChartProxy'));
    assert.deepEqual(
      platformAddons(p).map((a) => [a.name, a.namespace, a.chartName]),
      [['spark-operator', 'spark-operator', 'spark-operator']],
    );
    const z = get(objs, 'NetworkPolicy', 'zeppelin', 'aglais');
    assert.deepEqual(at(z, 'spec', 'ingress', 0, 'from'), [{ namespaceSelector: {} }]);
    assert.equal(at(get(objs, 'Ingress', 'zeppelin', 'aglais'), 'spec', 'ingressClassName'), 'traefik');
  });
});
