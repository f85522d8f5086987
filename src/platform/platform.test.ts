/**
 * The platform layer's objects for the examples, asserted field by field from
 * the spec (the expectations are worked out from examples/*.yaml and the
 * design, not copied from output). The byte-for-byte golden files live in
 * test/golden (src/plan/examples.test.ts); these say what matters and why.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { parse } from 'yaml';
import { render } from '../render/index.js';
import type { KubernetesObject, RenderedObject } from '../render/types.js';
import { parseSpec } from '../spec/load.js';
import type { Platform } from '../spec/schema.js';
import { formatFinding, validateReport } from '../validate/index.js';
import { platformAddons } from './addons.js';
import { capacityReport } from './capacity.js';
import { platformLayer } from './index.js';
import { interpreterSettings } from './interpreters.js';

function load(path: string, edit?: (doc: Record<string, unknown>) => void): Platform {
  const doc = parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  edit?.(doc);
  return parseSpec(JSON.stringify(doc), path).platform;
}

type Obj = KubernetesObject & Record<string, unknown>;
const get = (objs: readonly RenderedObject[], kind: string, name: string, ns?: string): Obj => {
  const o = objs.find(
    (r) => r.object.kind === kind && r.object.metadata.name === name && r.object.metadata.namespace === ns,
  );
  assert.ok(o, `no ${kind} ${ns ?? ''}/${name}`);
  return o.object as Obj;
};
const all = (objs: readonly RenderedObject[], kind: string) =>
  objs.filter((r) => r.object.kind === kind).map((r) => r.object as Obj);
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const at = (o: unknown, ...path: (string | number)[]): any =>
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  path.reduce((v: any, k) => (v === undefined || v === null ? undefined : v[k]), o);

function sparkDefaultsOf(objs: readonly RenderedObject[], ns: string): Map<string, string> {
  const text = at(get(objs, 'ConfigMap', 'spark-conf', ns), 'data', 'spark-defaults.conf') as string;
  return new Map(
    text
      .trim()
      .split('\n')
      .map((l) => [l.slice(0, l.indexOf(' ')), l.slice(l.indexOf(' ') + 1)] as [string, string]),
  );
}

/** Every pod template of the platform's workloads. */
function podSpecs(objs: readonly RenderedObject[]): { name: string; spec: Record<string, unknown> }[] {
  return all(objs, 'Deployment').map((d) => ({
    name: `${d.metadata.namespace}/${d.metadata.name}`,
    spec: at(d, 'spec', 'template', 'spec'),
  }));
}

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

describe('platform layer: options', () => {
  test('S3 data sets: per-bucket S3A settings, keys by ${env.…} from the Secret, never literal', () => {
    const p = load('examples/dev.yaml', (doc) => {
      (at(doc, 'spec', 'datasets') as unknown[]).push({
        name: 'dr3-s3',
        mountPath: '/data/gaia/s3',
        database: 's3dr3',
        source: {
          type: 's3',
          bucket: 'gaia-dr3',
          prefix: 'GDR3',
          endpoint: 'https://s3.example.org',
          credentialsSecret: 'gaia-s3',
        },
        tables: [{ name: 'gaia_source', location: 'GDR3_GAIASOURCE' }],
      });
    });
    const objs = render(p);
    const c = sparkDefaultsOf(objs, 'user-alice');
    const k = 'spark.hadoop.fs.s3a.bucket.gaia-dr3';
    assert.equal(c.get(`${k}.endpoint`), 'https://s3.example.org');
    assert.equal(c.get(`${k}.path.style.access`), 'true');
    assert.equal(
      c.get(`${k}.aws.credentials.provider`),
      'org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider',
    );
    assert.equal(c.get(`${k}.access.key`), '${env.AGLAIS_S3_GAIA_S3_ACCESS_KEY}');
    assert.equal(
      c.get('spark.kubernetes.executor.secretKeyRef.AGLAIS_S3_GAIA_S3_SECRET_KEY'),
      'gaia-s3:secret-key',
    );
    assert.equal(c.get('spark.jars.packages'), 'org.apache.hadoop:hadoop-aws:3.3.4');
    // No PV or claim for an S3 data set: it is read, not mounted.
    assert.ok(!all(objs, 'PersistentVolume').some((v) => v.metadata.name.includes('dr3-s3')));
    // The interpreter (driver) gets the same variables from the Secret.
    const tpl = at(
      get(objs, 'ConfigMap', 'zeppelin-interpreter-template', 'aglais'),
      'data',
      '100-interpreter-spec.yaml',
    ) as string;
    assert.match(
      tpl,
      /name: AGLAIS_S3_GAIA_S3_ACCESS_KEY\n\s+valueFrom:\n\s+secretKeyRef:\n\s+name: gaia-s3\n\s+key: access-key/,
    );
  });

  test('Livy: a service in the platform namespace and a %livy setting per user pointed at it', () => {
    const p = load('examples/dev.yaml', (doc) => {
      (at(doc, 'spec', 'platform') as Record<string, unknown>)['livy'] = { enabled: true };
    });
    const objs = render(p);
    const svc = get(objs, 'Service', 'livy', 'aglais');
    assert.equal(at(svc, 'spec', 'ports', 0, 'port'), 8998);
    const settings = interpreterSettings(p).interpreterSettings as Record<
      string,
      { properties: Record<string, { value: string }> }
    >;
    assert.equal(
      settings['livy_alice']?.properties['zeppelin.livy.url']?.value,
      'http://livy.aglais.svc:8998',
    );
    assert.equal(settings['livy_alice']?.properties['livy.spark.kubernetes.namespace']?.value, 'user-alice');
    assert.ok(get(objs, 'RoleBinding', 'livy', 'user-bob'));
    // Sessions run in cluster mode: Spark makes the driver pod too, so it gets the data and a restricted template.
    const data = at(get(objs, 'ConfigMap', 'livy-conf', 'aglais'), 'data') as Record<string, string>;
    const conf = data['spark-defaults.conf'] ?? '';
    assert.match(
      conf,
      /^spark\.kubernetes\.driver\.volumes\.persistentVolumeClaim\.data-gaia-sample\.mount\.readOnly true$/m,
    );
    assert.match(conf, /^spark\.kubernetes\.driver\.podTemplateFile \/etc\/livy\/driver-pod\.yaml$/m);
    assert.doesNotMatch(conf, /^spark\.kubernetes\.namespace /m);
    assert.doesNotMatch(conf, /user-data/);
    const driver = parse(data['driver-pod.yaml'] ?? '');
    assert.equal(at(driver, 'spec', 'securityContext', 'runAsNonRoot'), true);
    assert.deepEqual(at(driver, 'spec', 'containers', 0, 'securityContext', 'capabilities', 'drop'), ['ALL']);
  });

  test('monitoring: the chart with an annotation scrape job, a privileged namespace of its own, no ServiceMonitor', () => {
    const p = load('examples/dev.yaml', (doc) => {
      (at(doc, 'spec', 'platform') as Record<string, unknown>)['monitoring'] = { enabled: true };
    });
    const objs = render(p);
    assert.equal(
      get(objs, 'Namespace', 'monitoring').metadata.labels?.['pod-security.kubernetes.io/enforce'],
      'privileged',
    );
    assert.ok(!objs.some((r) => r.object.kind === 'ServiceMonitor' || r.object.kind === 'PodMonitor'));
    const hcp = objs.find((r) => r.object.metadata.name === 'gaia-dev-monitoring');
    assert.ok(hcp);
    const values = parse(at(hcp.object, 'spec', 'valuesTemplate'));
    const job = values.prometheus.prometheusSpec.additionalScrapeConfigs[0];
    assert.deepEqual(job.kubernetes_sd_configs[0].namespaces.names, ['aglais', 'user-alice', 'user-bob']);
    assert.equal(sparkDefaultsOf(objs, 'user-bob').get('spark.ui.prometheus.enabled'), 'true');
  });

  test('OIDC: pac4j in shiro.ini, the client secret only as a placeholder filled from its Secret', () => {
    const p = load('examples/dev.yaml', (doc) => {
      (at(doc, 'spec', 'platform') as Record<string, unknown>)['auth'] = {
        type: 'oidc',
        issuerURL: 'https://login.example.org/realms/gaia',
        clientID: 'zeppelin',
        clientSecretName: 'zeppelin-oidc',
      };
    });
    const objs = render(p);
    const shiro = at(get(objs, 'Secret', 'zeppelin-shiro', 'aglais'), 'stringData', 'shiro.ini') as string;
    assert.match(
      shiro,
      /oidcConfig\.discoveryURI = https:\/\/login\.example\.org\/realms\/gaia\/\.well-known\/openid-configuration/,
    );
    assert.match(shiro, /oidcConfig\.secret = __AGLAIS_OIDC_CLIENT_SECRET__/);
    const init = at(
      get(objs, 'Deployment', 'zeppelin-server', 'aglais'),
      'spec',
      'template',
      'spec',
      'initContainers',
      0,
    );
    assert.deepEqual(at(init, 'env', 0, 'valueFrom'), {
      secretKeyRef: { name: 'zeppelin-oidc', key: 'client-secret' },
    });
  });

  test('event logs in S3: one history server in the platform namespace, no per-user event volumes', () => {
    const p = load('examples/dev.yaml', (doc) => {
      const spark = ((at(doc, 'spec', 'platform') as Record<string, unknown>)['spark'] ??= {}) as Record<
        string,
        unknown
      >;
      spark['historyServer'] = {
        eventLogs: { type: 's3', bucket: 'gaia-logs', credentialsSecret: 'logs-s3' },
      };
    });
    const objs = render(p);
    assert.ok(get(objs, 'Deployment', 'spark-history', 'aglais'));
    assert.ok(!all(objs, 'PersistentVolumeClaim').some((c) => c.metadata.name === 'spark-events'));
    assert.equal(
      sparkDefaultsOf(objs, 'user-alice').get('spark.eventLog.dir'),
      's3a://gaia-logs/spark-events',
    );
  });
});

describe('platform layer: more sources and scratch', () => {
  test('NFS, Rook CephFS and an existing claim', () => {
    const p = load('examples/dev.yaml', (doc) => {
      const ds = at(doc, 'spec', 'datasets') as unknown[];
      ds.push(
        {
          name: 'nfs-set',
          mountPath: '/data/nfs',
          source: { type: 'nfs', server: 'nfs.example.org', path: '/export/gaia' },
        },
        { name: 'ceph-set', mountPath: '/data/ceph', source: { type: 'cephfs', path: '/volumes/gaia' } },
        { name: 'pvc-set', mountPath: '/data/pvc', source: { type: 'pvc', claimName: 'gaia-existing' } },
      );
    });
    const objs = render(p);
    const nfs = get(objs, 'PersistentVolume', 'gaia-dev-nfs-set-alice');
    assert.deepEqual(at(nfs, 'spec', 'nfs'), {
      server: 'nfs.example.org',
      path: '/export/gaia',
      readOnly: true,
    });
    const ceph = get(objs, 'PersistentVolume', 'gaia-dev-ceph-set-bob');
    // Rook's CephFS driver is named after the Rook namespace; a static volume at the given path.
    assert.equal(at(ceph, 'spec', 'csi', 'driver'), 'rook-ceph.cephfs.csi.ceph.com');
    assert.deepEqual(at(ceph, 'spec', 'csi', 'volumeAttributes'), {
      clusterID: 'rook-ceph',
      fsName: 'gaia',
      rootPath: '/volumes/gaia',
      staticVolume: 'true',
    });
    // An existing claim gets no PV or claim of ours; pods mount it by its own name.
    assert.ok(!all(objs, 'PersistentVolume').some((v) => v.metadata.name.includes('pvc-set')));
    const c = sparkDefaultsOf(objs, 'user-alice');
    assert.equal(
      c.get('spark.kubernetes.executor.volumes.persistentVolumeClaim.data-pvc-set.options.claimName'),
      'gaia-existing',
    );
    // Claims per user: 4 mounted sets + home, user volume, event logs + 4 spare = 11.
    assert.equal(
      at(get(objs, 'ResourceQuota', 'quota', 'user-bob'), 'spec', 'hard', 'persistentvolumeclaims'),
      '11',
    );
  });

  test('OnDemand scratch: a claim per executor, owned and reused by the driver, counted in the quota', () => {
    const p = load('examples/dev.yaml', (doc) => {
      const spark = at(doc, 'spec', 'platform', 'spark') as Record<string, unknown>;
      spark['scratch'] = { type: 'onDemand', size: '100Gi' };
    });
    const objs = render(p);
    const c = sparkDefaultsOf(objs, 'user-alice');
    const k = 'spark.kubernetes.executor.volumes.persistentVolumeClaim.spark-local-dir-1';
    assert.equal(c.get(`${k}.options.claimName`), 'OnDemand');
    assert.equal(c.get(`${k}.options.sizeLimit`), '100Gi');
    // The dev cloud's block class.
    assert.equal(c.get(`${k}.options.storageClass`), 'local-path');
    assert.equal(c.get(`${k}.mount.readOnly`), 'false');
    assert.equal(c.get('spark.kubernetes.driver.ownPersistentVolumeClaim'), 'true');
    assert.equal(c.get('spark.kubernetes.driver.reusePersistentVolumeClaim'), 'true');
    assert.equal(
      c.get('spark.kubernetes.executor.volumes.emptyDir.spark-local-dir-1.options.sizeLimit'),
      undefined,
    );
    // 1 data set + 3 + 4 executors (max) + 4 spare = 12 claims.
    assert.equal(
      at(get(objs, 'ResourceQuota', 'quota', 'user-alice'), 'spec', 'hard', 'persistentvolumeclaims'),
      '12',
    );
  });
});

describe('platform layer: every option validates against the CRDs and the Kubernetes schemas', () => {
  const variants: [string, string, (doc: Record<string, unknown>) => void][] = [
    [
      'Livy, monitoring, OIDC, S3 event logs, OnDemand scratch',
      'examples/dev.yaml',
      (doc) => {
        const pl = at(doc, 'spec', 'platform') as Record<string, unknown>;
        pl['livy'] = { enabled: true };
        pl['monitoring'] = { enabled: true };
        pl['auth'] = {
          type: 'oidc',
          issuerURL: 'https://login.example.org',
          clientID: 'z',
          clientSecretName: 'z-oidc',
        };
        pl['tls'] = { type: 'secret', secretName: 'dmp-cert' };
        const spark = pl['spark'] as Record<string, unknown>;
        spark['scratch'] = { type: 'onDemand' };
        spark['historyServer'] = { eventLogs: { type: 's3', bucket: 'logs', credentialsSecret: 'logs-s3' } };
        const z = (pl['zeppelin'] ??= {}) as Record<string, unknown>;
        z['notebookStorage'] = {
          type: 'git',
          url: 'https://git.example.org/gaia/notes.git',
          credentialsSecret: 'notes-git',
        };
      },
    ],
    [
      'S3, NFS, Rook CephFS, existing claim; no TLS',
      'examples/dev.yaml',
      (doc) => {
        (at(doc, 'spec', 'platform') as Record<string, unknown>)['tls'] = { type: 'none' };
        (at(doc, 'spec', 'datasets') as unknown[]).push(
          { name: 's3-set', mountPath: '/data/s3', source: { type: 's3', bucket: 'gaia' } },
          {
            name: 'nfs-set',
            mountPath: '/data/nfs',
            source: { type: 'nfs', server: 'nfs.example.org', path: '/e' },
          },
          { name: 'ceph-set', mountPath: '/data/ceph', source: { type: 'cephfs', path: '/v' } },
          { name: 'pvc-set', mountPath: '/data/pvc', source: { type: 'pvc', claimName: 'gaia-existing' } },
        );
      },
    ],
    [
      'Manila node-mount mode',
      'examples/openstack.yaml',
      (doc) => {
        for (const d of at(doc, 'spec', 'datasets') as { source: Record<string, unknown> }[])
          d.source['mode'] = 'nodeMount';
      },
    ],
  ];
  for (const [what, file, edit] of variants) {
    test(what, async () => {
      const objs = render(load(file, edit));
      const report = await validateReport(objs);
      assert.deepEqual(report.findings.map(formatFinding), []);
      assert.equal(report.objects, objs.length);
    });
  }
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

describe('platform layer: Manila access rules', () => {
  test("the CSI driver mounts by access rule id: given, it is the PV's shareAccessIDs; only a name, plan warns", () => {
    const named = load('examples/openstack.yaml');
    assert.ok(
      capacityReport(named).warnings.some((w) =>
        /data set "gaia-dr3": the Manila CSI driver needs the access rule's id/.test(w),
      ),
    );
    const withId = load('examples/openstack.yaml', (doc) => {
      for (const d of at(doc, 'spec', 'datasets') as { source: Record<string, unknown> }[])
        d.source['accessRuleID'] = 'c0ffee00-0000-4000-8000-000000000001';
    });
    const pv = get(render(withId), 'PersistentVolume', 'gaia-dmp-gaia-dr3-dcr');
    assert.equal(
      at(pv, 'spec', 'csi', 'volumeAttributes', 'shareAccessIDs'),
      'c0ffee00-0000-4000-8000-000000000001',
    );
    assert.ok(!capacityReport(withId).warnings.some((w) => w.includes('access rule')));
  });
});
