/**
 * Every object rendered from the DigitalOcean, Linode, AWS, Azure and existing-cluster
 * examples validates against the upstream CRDs in ../shared/crds (and core kinds against
 * the Kubernetes schemas), with credential Secrets included.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { crdValidatorFor, formatFinding, validateObjects } from '../../validate/index.js';
import { sharedCrdDir, sharedCrdsMissing } from '../../validate/test-support.js';
import { addon, loadExample, renderExample } from '../example-support.js';

const examples: Record<string, Record<string, Record<string, string>>> = {
  digitalocean: { 'gaia-dmp-do-token': { 'access-token': 'x' }, digitalocean: { 'access-token': 'x' } },
  linode: { 'gaia-dmp-linode-token': { apiToken: 'x' }, 'linode-token-region': { apiToken: 'x' } },
  aws: {
    'gaia-dmp-aws-credentials': { AccessKeyID: 'x', SecretAccessKey: 'y' },
    'aws-secret': { AccessKeyID: 'x', SecretAccessKey: 'y' },
  },
  azure: { 'gaia-dmp-azure-sp': { clientSecret: 'x' } },
  existing: {},
};

const missing = sharedCrdsMissing();

for (const [cloud, secrets] of Object.entries(examples)) {
  test(
    `examples/${cloud}.yaml: every rendered object validates against ../shared/crds`,
    { skip: missing },
    async () => {
      const objs = renderExample(loadExample(`examples/${cloud}.yaml`), secrets);
      const crds = crdValidatorFor([sharedCrdDir()]);
      const findings = await validateObjects(objs, { crds });
      assert.deepEqual(findings.map(formatFinding), []);
      if (cloud !== 'existing') {
        // The provider's own kinds are among them (a kind without a schema would be a finding).
        assert.ok(objs.some((o) => o.object.apiVersion.startsWith('infrastructure.cluster.x-k8s.io/')));
      }
      assert.equal(
        objs.filter((o) => o.object.kind === 'Secret' && o.stage === 'credentials').length,
        Object.keys(secrets).length,
      );
    },
  );
}

test(
  'digitalocean: the ServiceAccount, binding and Job inside the manifest addons are valid objects',
  { skip: missing },
  async () => {
    const objs = renderExample(loadExample('examples/digitalocean.yaml'));
    const inner = ['digitalocean-ccm', 'digitalocean-csi'].flatMap((name) => {
      const values = addon(objs, 'gaia-dmp', name).values['resources'] as unknown[];
      return values.map((object) => ({ target: 'workload', object }));
    });
    assert.deepEqual(
      inner.map((i) => (i.object as { kind: string }).kind),
      ['ServiceAccount', 'ClusterRoleBinding', 'Job', 'ServiceAccount', 'ClusterRoleBinding', 'Job'],
    );
    const findings = await validateObjects(inner, { crds: crdValidatorFor([sharedCrdDir()]) });
    assert.deepEqual(findings.map(formatFinding), []);
  },
);

test(
  'linode: the CephFilesystems in the Rook cluster values are valid Rook objects',
  { skip: missing },
  async () => {
    const objs = renderExample(loadExample('examples/linode.yaml'));
    const values = addon(objs, 'gaia-dmp', 'rook-ceph-cluster').values;
    const filesystems = (values['cephFileSystems'] as { name: string; spec: unknown }[]).map((f) => ({
      target: 'workload',
      object: {
        apiVersion: 'ceph.rook.io/v1',
        kind: 'CephFilesystem',
        metadata: { name: f.name, namespace: 'rook-ceph' },
        spec: f.spec,
      },
    }));
    assert.equal(filesystems.length, 2);
    const findings = await validateObjects(filesystems, { crds: crdValidatorFor([sharedCrdDir()]) });
    assert.deepEqual(findings.map(formatFinding), []);
  },
);
