// `up`'s preflight on the real control plane of scripts/testenv (the shared
// CRDs installed, no provider controllers): a missing provider is named with
// the command that installs it; a credential Secret the spec references must
// exist and its clouds.yaml must name the spec's cloud. Nothing is applied.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { CoreV1Api, type KubeConfig } from '@kubernetes/client-node';
import { parse, stringify } from 'yaml';
import { UserError } from '../cli/errors.js';
import { makeClient } from '../kube/client.js';
import { missingKinds, preflight } from '../lifecycle/preflight.js';
import { connect } from '../lifecycle/session.js';
import { render } from '../render/index.js';
import { parseSpec } from '../spec/load.js';
import { deleteNamespace } from '../testenv/kube.js';
import { useTestenv } from '../testenv/testenv.js';

const { env, skip } = useTestenv();
const name = `pf-${Date.now().toString(36).slice(-6)}`;

describe('up preflight on a real kube-apiserver', { skip }, () => {
  const kc = env?.kubeConfig as KubeConfig;
  after(async () => {
    if (env) await deleteNamespace(kc, name);
  });

  test('a kind the cluster does not serve: names the provider and how to install it', async () => {
    const client = makeClient(kc);
    const lines = await missingKinds(
      client,
      [
        {
          target: 'management',
          stage: 'cluster',
          object: {
            apiVersion: 'infrastructure.cluster.x-k8s.io/v1beta9',
            kind: 'NopeCluster',
            metadata: { name: 'x' },
          },
        },
        {
          target: 'management',
          stage: 'cluster',
          object: { apiVersion: 'cluster.x-k8s.io/v1beta2', kind: 'Cluster', metadata: { name: 'x' } },
        },
      ],
      'openstack',
    );
    client.close();
    assert.deepEqual(lines, [
      'the openstack infrastructure provider is not installed: run `clusterctl init --infrastructure openstack` [missing: NopeCluster (infrastructure.cluster.x-k8s.io/v1beta9)]',
    ]);
  });

  test('the credential Secret: missing, wrong cloud, then right', async () => {
    // The OpenStack example with the Secret made beforehand (no fromFile): preflight must find it.
    const spec = parse(readFileSync(join(env!.repoRoot, 'examples', 'openstack.yaml'), 'utf8')) as {
      metadata: { name: string; namespace?: string };
      spec: { cloud: { cloudName: string; credentials: { secretName: string; fromFile?: string } } };
    };
    spec.metadata.name = name;
    spec.metadata.namespace = name;
    delete spec.spec.cloud.credentials.fromFile;
    const { platform } = parseSpec(stringify(spec), 'openstack-test.yaml');
    const session = connect(platform, render(platform), { kubeconfig: env!.kubeconfigPath });
    const secretName = spec.spec.cloud.credentials.secretName;
    const cloudName = spec.spec.cloud.cloudName;
    const fail = async () => {
      try {
        await preflight(session);
      } catch (e) {
        assert.ok(e instanceof UserError, String(e));
        return e;
      }
      throw new Error('preflight passed');
    };
    try {
      const missing = await fail();
      assert.equal(missing.exitCode, 3);
      assert.match(missing.message, new RegExp(`credential Secret ${name}/${secretName} does not exist`));
      const core = kc.makeApiClient(CoreV1Api);
      await core.createNamespace({ body: { metadata: { name } } });
      const clouds = (cloud: string) =>
        `clouds:\n  ${cloud}:\n    auth: { auth_url: 'https://keystone.example.org:5000/v3', application_credential_id: id, application_credential_secret: hunter2 }\n`;
      await core.createNamespacedSecret({
        namespace: name,
        body: { metadata: { name: secretName }, stringData: { 'clouds.yaml': clouds('elsewhere') } },
      });
      const wrong = await fail();
      assert.match(
        wrong.message,
        new RegExp(`clouds.yaml has no cloud named "${cloudName}" \\(it has: elsewhere\\)`),
      );
      assert.doesNotMatch(wrong.message, /hunter2/);
      await core.replaceNamespacedSecret({
        name: secretName,
        namespace: name,
        body: { metadata: { name: secretName }, stringData: { 'clouds.yaml': clouds(cloudName) } },
      });
      const ok = await preflight(session);
      assert.deepEqual(ok.notes, [
        'no clusterctl-installed provider Deployments found: assuming the controllers run outside the cluster',
      ]);
    } finally {
      session.close();
    }
  });
});
