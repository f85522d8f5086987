/**
 * The platform layer's objects for examples/openstack.yaml (Manila data sets, both modes), asserted field by field from the spec
 * (the expectations are worked out from examples/*.yaml and the design, not
 * copied from output). The byte-for-byte golden files live in test/golden
 * (src/plan/examples.test.ts); these say what matters and why.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parse } from 'yaml';
import { render } from '../render/index.js';
import { platformLayer } from './index.js';
import { interpreterSettings } from './interpreters.js';
import { all, at, get, load, podSpecs, sparkDefaultsOf } from './test-objects.js';

describe('platform layer: examples/openstack.yaml', () => {
  const p = load('examples/openstack.yaml');
  const objs = render(p);
  const users = ['nch', 'dcr', 'zrq'];

  test('the platform and every user get a namespace enforcing Pod Security restricted', () => {
    for (const ns of ['aglais', 'spark-operator', ...users.map((u) => `user-${u}`)]) {
      const n = get(objs, 'Namespace', ns);
      assert.equal(n.metadata.labels?.['pod-security.kubernetes.io/enforce'], 'restricted', ns);
    }
    // Monitoring is off in this example: no privileged namespace at all.
    assert.ok(
      !all(objs, 'Namespace').some(
        (n) => n.metadata.labels?.['pod-security.kubernetes.io/enforce'] === 'privileged',
      ),
    );
  });

  test('each Manila data set is a static ReadOnlyMany PV per user, Retain, bound by label with storageClassName ""', () => {
    for (const [set, share, size] of [
      ['gaia-dr3', 'aglais-data-gaia-dr3-2048', '8Ti'],
      ['gaia-edr3', 'aglais-data-gaia-edr3-2048', '1Ti'],
    ] as const) {
      for (const u of users) {
        const pv = get(objs, 'PersistentVolume', `gaia-dmp-${set}-${u}`);
        assert.deepEqual(at(pv, 'spec', 'accessModes'), ['ReadOnlyMany']);
        assert.equal(at(pv, 'spec', 'persistentVolumeReclaimPolicy'), 'Retain');
        assert.equal(at(pv, 'spec', 'storageClassName'), '');
        assert.equal(at(pv, 'spec', 'capacity', 'storage'), size);
        const csi = at(pv, 'spec', 'csi');
        assert.equal(csi.driver, 'cephfs.manila.csi.openstack.org');
        assert.equal(csi.volumeAttributes.shareName, share);
        assert.equal(csi.readOnly, true);
        assert.deepEqual(csi.nodeStageSecretRef, {
          name: 'manila-csi-credentials',
          namespace: 'kube-system',
        });
        assert.deepEqual(csi.nodePublishSecretRef, {
          name: 'manila-csi-credentials',
          namespace: 'kube-system',
        });
        const pvc = get(objs, 'PersistentVolumeClaim', `data-${set}`, `user-${u}`);
        assert.equal(at(pvc, 'spec', 'storageClassName'), '');
        assert.deepEqual(at(pvc, 'spec', 'accessModes'), ['ReadOnlyMany']);
        // The claim selects exactly this PV's labels.
        assert.deepEqual(at(pvc, 'spec', 'selector', 'matchLabels'), {
          'aglais.dev/dataset': set,
          'aglais.dev/user': u,
        });
        for (const [k, v] of Object.entries(
          at(pvc, 'spec', 'selector', 'matchLabels') as Record<string, string>,
        )) {
          assert.equal(pv.metadata.labels?.[k], v);
        }
      }
    }
  });

  test("quotas: the defaults (24 CPU, 96Gi) and zrq's override (8 CPU, 32Gi); limits counted as requests", () => {
    for (const [u, cpu, mem] of [
      ['nch', '24', '96Gi'],
      ['dcr', '24', '96Gi'],
      ['zrq', '8', '32Gi'],
    ] as const) {
      const hard = at(get(objs, 'ResourceQuota', 'quota', `user-${u}`), 'spec', 'hard');
      assert.equal(hard['requests.cpu'], cpu);
      assert.equal(hard['limits.cpu'], cpu);
      assert.equal(hard['requests.memory'], mem);
      assert.equal(hard['limits.memory'], mem);
      assert.equal(hard.pods, '40');
      assert.equal(hard['requests.storage'], '200Gi');
      assert.ok(get(objs, 'LimitRange', 'limits', `user-${u}`));
      // Home 1Gi and user volume 50Gi, RWX on the Manila class.
      const home = get(objs, 'PersistentVolumeClaim', 'home', `user-${u}`);
      assert.equal(at(home, 'spec', 'resources', 'requests', 'storage'), '1Gi');
      assert.equal(at(home, 'spec', 'storageClassName'), 'csi-manila-cephfs');
      assert.deepEqual(at(home, 'spec', 'accessModes'), ['ReadWriteMany']);
      const vol = get(objs, 'PersistentVolumeClaim', 'user-data', `user-${u}`);
      assert.equal(at(vol, 'spec', 'resources', 'requests', 'storage'), '50Gi');
    }
  });

  test('spark-defaults: executors of 7Gi + 716m overhead, 0..12 with shuffle tracking, on the workers pool, data read-only', () => {
    const c = sparkDefaultsOf(objs, 'user-nch');
    assert.equal(c.get('spark.kubernetes.namespace'), 'user-nch');
    assert.equal(c.get('spark.kubernetes.container.image'), 'apache/spark:3.5.7');
    assert.equal(c.get('spark.executor.memory'), '7g');
    // 10% of 7168 MiB is 716.8, truncated as Spark does; above the 384 MiB floor.
    assert.equal(c.get('spark.executor.memoryOverhead'), '716m');
    assert.equal(c.get('spark.executor.cores'), '4');
    assert.equal(c.get('spark.kubernetes.executor.limit.cores'), '4');
    assert.equal(c.get('spark.dynamicAllocation.enabled'), 'true');
    assert.equal(c.get('spark.dynamicAllocation.shuffleTracking.enabled'), 'true');
    assert.equal(c.get('spark.dynamicAllocation.minExecutors'), '0');
    assert.equal(c.get('spark.dynamicAllocation.maxExecutors'), '12');
    assert.equal(c.get('spark.kubernetes.executor.node.selector.aglais.dev/pool'), 'workers');
    assert.equal(
      c.get('spark.kubernetes.executor.volumes.emptyDir.spark-local-dir-1.options.sizeLimit'),
      '20Gi',
    );
    for (const [set, path] of [
      ['gaia-dr3', '/data/gaia/GDR3'],
      ['gaia-edr3', '/data/gaia/GEDR3'],
    ]) {
      const k = `spark.kubernetes.executor.volumes.persistentVolumeClaim.data-${set}`;
      assert.equal(c.get(`${k}.mount.path`), path);
      assert.equal(c.get(`${k}.mount.readOnly`), 'true');
      assert.equal(c.get(`${k}.options.claimName`), `data-${set}`);
    }
    assert.equal(c.get('spark.eventLog.dir'), 'file:///spark-events');
    // No S3 here: no hadoop-aws and no S3A keys of any kind.
    assert.ok(![...c.keys()].some((k) => k.includes('s3a') || k === 'spark.jars.packages'));
    // The executor pod template puts scratch in the scheduler's view and passes restricted.
    const tpl = parse(at(get(objs, 'ConfigMap', 'spark-conf', 'user-nch'), 'data', 'executor-pod.yaml'));
    assert.equal(at(tpl, 'spec', 'containers', 0, 'resources', 'requests', 'ephemeral-storage'), '20Gi');
    assert.equal(at(tpl, 'spec', 'securityContext', 'runAsNonRoot'), true);
  });

  test('setup notebooks register the Gaia tables bucketed by source_id into 2048 buckets', () => {
    const notes = at(get(objs, 'ConfigMap', 'zeppelin-setup-notes', 'aglais'), 'data');
    const note = JSON.parse(notes['setup-nch.zpln']);
    assert.equal(note.defaultInterpreterGroup, 'spark_nch');
    const texts = (note.paragraphs as { text: string }[]).map((x) => x.text).join('\n');
    assert.match(texts, /CREATE TABLE IF NOT EXISTS gaiadr3\.gaia_source \(<columns>\)/);
    assert.match(texts, /OPTIONS \(path 'file:\/\/\/data\/gaia\/GDR3\/GDR3_GAIASOURCE'\)/);
    assert.match(texts, /CLUSTERED BY \(source_id\) SORTED BY \(source_id\) INTO 2048 BUCKETS/);
    assert.match(texts, /gaiaedr3\.gaia_source/);
    assert.equal((texts.match(/INTO 2048 BUCKETS/g) ?? []).length, 3);
  });

  test('Zeppelin: k8s run mode, Shiro users from their hashes, one Spark setting per user in their namespace', () => {
    const site = at(get(objs, 'ConfigMap', 'zeppelin-conf', 'aglais'), 'data', 'zeppelin-site.xml') as string;
    assert.match(site, /<name>zeppelin\.run\.mode<\/name>\s*<value>k8s<\/value>/);
    assert.match(site, /<name>zeppelin\.anonymous\.allowed<\/name>\s*<value>false<\/value>/);
    const shiro = at(get(objs, 'Secret', 'zeppelin-shiro', 'aglais'), 'stringData', 'shiro.ini') as string;
    const nch = p.spec.users.find((u) => u.name === 'nch')?.passwordHash;
    assert.ok(shiro.includes(`nch = ${nch}, admin, user`));
    assert.match(shiro, /^dcr = \$shiro1\$.*, user$/m);
    assert.match(shiro, /iniRealm\.credentialsMatcher = \$passwordMatcher/);
    const settings = interpreterSettings(p).interpreterSettings as Record<
      string,
      { properties: Record<string, { value: string }>; option: { owners: string[] } }
    >;
    for (const u of users) {
      const s = settings[`spark_${u}`];
      assert.ok(s);
      assert.equal(s.properties['zeppelin.k8s.interpreter.namespace']?.value, `user-${u}`);
      assert.equal(s.properties['zeppelin.k8s.interpreter.serviceAccount']?.value, 'interpreter');
      // The owner, and nch, the admin.
      assert.deepEqual(s.option.owners, [...new Set([u, 'nch'])].sort());
    }
    const template = at(
      get(objs, 'ConfigMap', 'zeppelin-interpreter-template', 'aglais'),
      'data',
      '100-interpreter-spec.yaml',
    ) as string;
    assert.match(template, /namespace: \{\{zeppelin\.k8s\.interpreter\.namespace\}\}/);
    assert.match(template, /claimName: data-gaia-dr3[\s\S]*readOnly: true/);
    assert.match(template, /mountPath: \/data\/gaia\/GDR3\n\s+readOnly: true/);
    // The template is mounted over the image's own directory.
    const dep = get(objs, 'Deployment', 'zeppelin-server', 'aglais');
    const mounts = at(dep, 'spec', 'template', 'spec', 'containers', 0, 'volumeMounts') as {
      mountPath: string;
      name: string;
    }[];
    assert.ok(mounts.some((m) => m.mountPath === '/opt/zeppelin/k8s/interpreter' && m.name === 'template'));
  });

  test('RBAC: the Zeppelin server manages pods and services in user namespaces, and nothing in RBAC', () => {
    assert.equal(all(objs, 'ClusterRole').length, 0);
    assert.equal(all(objs, 'ClusterRoleBinding').length, 0);
    for (const u of users) {
      const role = get(objs, 'Role', 'zeppelin-server', `user-${u}`);
      const rules = at(role, 'rules') as { apiGroups: string[]; resources: string[]; verbs: string[] }[];
      assert.deepEqual(
        rules.flatMap((r) => r.apiGroups),
        [''],
      );
      assert.deepEqual(rules.flatMap((r) => r.resources).sort(), ['pods', 'services']);
      assert.ok(
        rules.every(
          (r) => !r.verbs.includes('*') && !r.verbs.includes('bind') && !r.verbs.includes('escalate'),
        ),
      );
      const rb = get(objs, 'RoleBinding', 'zeppelin-server', `user-${u}`);
      assert.deepEqual(at(rb, 'subjects'), [
        { kind: 'ServiceAccount', name: 'zeppelin-server', namespace: 'aglais' },
      ]);
    }
  });

  test('NetworkPolicies: users deny by default, admit their own namespace and Zeppelin, reach DNS and Zeppelin', () => {
    for (const u of users) {
      const ns = `user-${u}`;
      const deny = get(objs, 'NetworkPolicy', 'default-deny', ns);
      assert.deepEqual(at(deny, 'spec'), { podSelector: {}, policyTypes: ['Ingress', 'Egress'] });
      const same = get(objs, 'NetworkPolicy', 'same-namespace', ns);
      assert.deepEqual(at(same, 'spec', 'ingress'), [{ from: [{ podSelector: {} }] }]);
      const fromZ = get(objs, 'NetworkPolicy', 'from-zeppelin', ns);
      assert.deepEqual(at(fromZ, 'spec', 'ingress', 0, 'from', 0), {
        namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'aglais' } },
        podSelector: { matchLabels: { 'app.kubernetes.io/component': 'zeppelin-server' } },
      });
      const egress = at(get(objs, 'NetworkPolicy', 'egress-platform', ns), 'spec', 'egress') as Record<
        string,
        unknown
      >[];
      assert.deepEqual(at(egress, 0, 'ports'), [
        { protocol: 'UDP', port: 53 },
        { protocol: 'TCP', port: 53 },
      ]);
      // Outside the pod network only: other users' pods are never a destination.
      assert.deepEqual(at(egress, egress.length - 1, 'to', 0, 'ipBlock'), {
        cidr: '0.0.0.0/0',
        except: ['172.16.0.0/13'],
      });
    }
  });

  test('ingress: Zeppelin at https://dmp.example.org/ with an ACME Issuer', () => {
    const ing = get(objs, 'Ingress', 'zeppelin', 'aglais');
    assert.equal(ing.metadata.annotations?.['cert-manager.io/issuer'], 'acme');
    assert.deepEqual(at(ing, 'spec', 'tls'), [{ hosts: ['dmp.example.org'], secretName: 'zeppelin-tls' }]);
    assert.equal(at(ing, 'spec', 'rules', 0, 'host'), 'dmp.example.org');
    assert.equal(at(ing, 'spec', 'ingressClassName'), 'nginx');
    const issuer = get(objs, 'Issuer', 'acme', 'aglais');
    assert.equal(at(issuer, 'spec', 'acme', 'email'), 'platform-admins@example.org');
    assert.equal(at(issuer, 'spec', 'acme', 'solvers', 0, 'http01', 'ingress', 'ingressClassName'), 'nginx');
  });

  test('spark-operator: a HelmChartProxy watching exactly the user namespaces', () => {
    const hcp = objs.find(
      (r) => r.object.kind === 'HelmChartProxy' && r.object.metadata.name === 'gaia-dmp-spark-operator',
    );
    assert.ok(hcp);
    assert.equal(hcp.target, 'management');
    const values = parse(at(hcp.object, 'spec', 'valuesTemplate'));
    assert.deepEqual(values.spark.jobNamespaces, ['user-nch', 'user-dcr', 'user-zrq']);
    assert.equal(at(hcp.object, 'spec', 'chartName'), 'spark-operator');
  });

  test('every pod the platform runs passes restricted: non-root, RuntimeDefault seccomp, no escalation, no capabilities, no hostPath', () => {
    for (const { name, spec } of podSpecs(objs)) {
      assert.equal(at(spec, 'securityContext', 'runAsNonRoot'), true, name);
      assert.equal(at(spec, 'securityContext', 'seccompProfile', 'type'), 'RuntimeDefault', name);
      const containers = [
        ...((spec['initContainers'] as unknown[]) ?? []),
        ...(spec['containers'] as unknown[]),
      ];
      for (const c of containers) {
        assert.equal(at(c, 'securityContext', 'allowPrivilegeEscalation'), false, name);
        assert.deepEqual(at(c, 'securityContext', 'capabilities', 'drop'), ['ALL'], name);
        // Memory limit = request (the quota counts limits).
        assert.equal(at(c, 'resources', 'limits', 'memory'), at(c, 'resources', 'requests', 'memory'), name);
      }
      assert.ok(!((spec['volumes'] as Record<string, unknown>[]) ?? []).some((v) => 'hostPath' in v), name);
    }
  });

  test('no node setup: the shares are mounted by the CSI driver', () => {
    assert.deepEqual(platformLayer.nodeSetup(p), { files: [], preKubeadmCommands: [], mounts: [] });
  });
});

describe('platform layer: the node-mount mode of examples/openstack.yaml', () => {
  const p = load('examples/openstack.yaml', (doc) => {
    const ds = at(doc, 'spec', 'datasets') as { source: Record<string, unknown> }[];
    for (const d of ds) d.source['mode'] = 'nodeMount';
  });
  const objs = render(p);

  test('every worker mounts each share at boot through fstab, its key and export from a Secret', () => {
    const setup = platformLayer.nodeSetup(p);
    assert.deepEqual(
      setup.files.map((f) => [f['path'], at(f, 'contentFrom', 'secret')]),
      [
        ['/etc/ceph/aglais-gaia-dr3.secret', { name: 'gaia-dmp-manila-gaia-dr3', key: 'key' }],
        ['/etc/aglais/manila/gaia-dr3.export', { name: 'gaia-dmp-manila-gaia-dr3', key: 'export' }],
        ['/etc/ceph/aglais-gaia-edr3.secret', { name: 'gaia-dmp-manila-gaia-edr3', key: 'key' }],
        ['/etc/aglais/manila/gaia-edr3.export', { name: 'gaia-dmp-manila-gaia-edr3', key: 'export' }],
      ],
    );
    assert.equal(setup.files[0]?.['permissions'], '0600');
    const fstab = setup.preKubeadmCommands.find((c) => c.includes('/mnt/aglais/gaia-dr3 ceph'));
    assert.ok(fstab);
    assert.match(
      fstab,
      /name=aglais-data-gaia-dr3-2048-ro,secretfile=\/etc\/ceph\/aglais-gaia-dr3\.secret,ro,noatime,_netdev/,
    );
    // Every pool's kubeadm config carries it (the workers are where Spark runs).
    const kcts = objs.filter((r) => r.object.kind === 'KubeadmConfigTemplate');
    assert.ok(kcts.length >= 2);
    for (const k of kcts) {
      const pre = at(k.object, 'spec', 'template', 'spec', 'preKubeadmCommands') as string[];
      assert.ok(pre.includes(fstab), k.object.metadata.name);
    }
  });

  test('pods get the mounted share through a read-only hostPath PV, never a hostPath volume', () => {
    const pv = get(objs, 'PersistentVolume', 'gaia-dmp-gaia-dr3-nch');
    assert.deepEqual(at(pv, 'spec', 'hostPath'), { path: '/mnt/aglais/gaia-dr3', type: 'Directory' });
    assert.deepEqual(at(pv, 'spec', 'accessModes'), ['ReadOnlyMany']);
    assert.equal(at(pv, 'spec', 'persistentVolumeReclaimPolicy'), 'Retain');
    assert.equal(
      get(objs, 'Namespace', 'user-nch').metadata.labels?.['pod-security.kubernetes.io/enforce'],
      'restricted',
    );
  });
});

describe('platform layer: Manila access rules', () => {
  test("the CSI driver mounts by access rule id: the example's id is the PV's shareAccessIDs; without an id the spec is rejected", () => {
    const pv = get(render(load('examples/openstack.yaml')), 'PersistentVolume', 'gaia-dmp-gaia-dr3-dcr');
    assert.equal(
      at(pv, 'spec', 'csi', 'volumeAttributes', 'shareAccessIDs'),
      '4b1e3c2a-7d9f-4e61-9a0b-2c8d5f6e7a10',
    );
    assert.throws(
      () =>
        load('examples/openstack.yaml', (doc) => {
          for (const d of at(doc, 'spec', 'datasets') as { source: Record<string, unknown> }[])
            delete d.source['accessRuleID'];
        }),
      /spec\.datasets\[0\]\.source: the Manila CSI driver needs the access rule's id/,
    );
  });
});
