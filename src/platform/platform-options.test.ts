/**
 * The platform layer's objects for the options (S3, Livy, monitoring, OIDC, sources, scratch), asserted field by field from the spec
 * (the expectations are worked out from examples/*.yaml and the design, not
 * copied from output). The byte-for-byte golden files live in test/golden
 * (src/plan/examples.test.ts); these say what matters and why.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parse } from 'yaml';
import { render } from '../render/index.js';
import { formatFinding, validateReport } from '../validate/index.js';
import { interpreterSettings } from './interpreters.js';
import { all, at, get, load, sparkDefaultsOf } from './test-objects.js';

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
