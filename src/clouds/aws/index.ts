/**
 * Amazon Web Services through Cluster API Provider AWS (CAPA v2.11): EC2 in a VPC,
 * EBS for RWO, EFS access points for RWX, S3, an NLB for the API servers and for
 * ingress through cloud-provider-aws.
 */
import { object } from '../../render/meta.js';
import type { KubernetesObject } from '../../render/types.js';
import type { RawIssue } from '../../spec/zod-issues.js';
import type { CloudModule, HelmAddon, KubeadmExtras, PlatformOn } from '../types.js';
import { awsCcmImages, awsCharts as charts } from './charts.js';
import { awsCluster, awsIdentity, awsMachineTemplate, capaVersion } from './infra.js';
import { awsSizes } from './sizes.js';

type AWS = PlatformOn<'aws'>;

/** Workload-cluster Secret (kube-system) the EBS and EFS CSI controllers read their access key from. */
export const awsCsiSecret = 'aws-secret';
export const ebsClass = 'ebs-gp3';
export const efsClass = 'efs-shared';
const ebsTypes = ['gp2', 'gp3', 'io1', 'io2', 'st1', 'sc1', 'standard'];

/** The static access key, as environment variables of a CSI controller. */
function keyEnv(): Record<string, unknown>[] {
  const from = (key: string) => ({ secretKeyRef: { name: awsCsiSecret, key } });
  return [
    { name: 'AWS_ACCESS_KEY_ID', valueFrom: from('AccessKeyID') },
    { name: 'AWS_SECRET_ACCESS_KEY', valueFrom: from('SecretAccessKey') },
  ];
}

function minor(p: AWS): number {
  return Number(/^v1\.(\d+)\./.exec(p.spec.kubernetes.version)?.[1]);
}

function addons(p: AWS): HelmAddon[] {
  const c = p.spec.cloud;
  const image = awsCcmImages[minor(p)];
  const out: HelmAddon[] = [
    {
      name: 'aws-ccm',
      stage: 'addons-ready',
      ...charts.ccm,
      namespace: 'kube-system',
      releaseName: 'aws-cloud-controller-manager',
      // Runs on the control plane with its instance profile; no cloud routes (the CNI is an overlay).
      values: {
        args: [
          '--v=2',
          '--cloud-provider=aws',
          '--configure-cloud-routes=false',
          '--cluster-name={{ .Cluster.metadata.name }}',
        ],
        ...(image ? { image: { tag: image } } : {}),
      },
    },
    {
      name: 'aws-ebs-csi',
      stage: 'addons',
      ...charts.ebs,
      namespace: 'kube-system',
      releaseName: 'aws-ebs-csi-driver',
      values: {
        awsAccessSecret: { name: awsCsiSecret, keyId: 'AccessKeyID', accessKey: 'SecretAccessKey' },
        controller: { region: c.region },
      },
    },
  ];
  if (c.efsFileSystemID) {
    out.push({
      name: 'aws-efs-csi',
      stage: 'addons',
      ...charts.efs,
      namespace: 'kube-system',
      releaseName: 'aws-efs-csi-driver',
      // The chart has no access-key setting: the AWS SDK in the controller reads these variables.
      values: { controller: { env: [...keyEnv(), { name: 'AWS_REGION', value: c.region }] } },
    });
  }
  return out;
}

function storageClasses(p: AWS): KubernetesObject[] {
  const c = p.spec.cloud;
  const out = [
    object(p, 'storage.k8s.io/v1', 'StorageClass', ebsClass, undefined, {
      metadata: { name: ebsClass, annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } },
      provisioner: 'ebs.csi.aws.com',
      parameters: { type: 'gp3', encrypted: 'true', 'csi.storage.k8s.io/fstype': 'ext4' },
      allowVolumeExpansion: true,
      reclaimPolicy: 'Delete',
      // EBS volumes live in one availability zone: create them where the pod lands.
      volumeBindingMode: 'WaitForFirstConsumer',
    }),
  ];
  if (c.efsFileSystemID) {
    out.push(
      object(p, 'storage.k8s.io/v1', 'StorageClass', efsClass, undefined, {
        provisioner: 'efs.csi.aws.com',
        // One EFS access point, and so one directory, per volume.
        parameters: {
          provisioningMode: 'efs-ap',
          fileSystemId: c.efsFileSystemID,
          directoryPerms: '700',
          basePath: `/${p.metadata.name}`,
        },
        reclaimPolicy: 'Delete',
        volumeBindingMode: 'Immediate',
      }),
    );
  }
  return out;
}

function check(p: AWS): RawIssue[] {
  const out: RawIssue[] = [];
  const c = p.spec.cloud;
  if (!/^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-[0-9]$/.test(c.region)) {
    out.push({
      path: ['spec', 'cloud', 'region'],
      message: `AWS region "${c.region}" is not a region code: expected one such as eu-west-2 or us-east-1`,
    });
  }
  const volumeType = (at: (string | number)[], type: string | undefined) => {
    if (type !== undefined && !ebsTypes.includes(type))
      out.push({
        path: [...at, 'rootVolume', 'type'],
        message: `EBS volume type "${type}" is not one of ${ebsTypes.join(', ')}`,
      });
  };
  volumeType(['spec', 'controlPlane'], p.spec.controlPlane.rootVolume?.type);
  p.spec.nodePools.forEach((pool, i) => volumeType(['spec', 'nodePools', i], pool.rootVolume?.type));
  const history = p.spec.platform.spark.historyServer;
  if (!c.efsFileSystemID && history.enabled && history.eventLogs.type === 'pvc') {
    out.push({
      path: ['spec', 'platform', 'spark', 'historyServer', 'eventLogs'],
      message:
        'event logs on a PVC need shared (RWX) storage, which on AWS is EFS: set spec.cloud.efsFileSystemID, or keep event logs in S3',
    });
  }
  return out;
}

export const aws: CloudModule<'aws'> = {
  provider: 'aws',
  sizes: awsSizes,
  facts: (p: AWS) => {
    const c = p.spec.cloud;
    return {
      title: 'Amazon Web Services',
      capiProvider: 'CAPA v2.11',
      ccm: 'cloud-provider-aws',
      blockStorage: {
        driver: 'ebs.csi.aws.com',
        storageClass: ebsClass,
        note: 'EBS gp3, encrypted; a volume stays in its availability zone',
      },
      sharedStorage: c.efsFileSystemID
        ? {
            driver: 'efs.csi.aws.com',
            storageClass: efsClass,
            note: `EFS ${c.efsFileSystemID}, an access point per volume`,
          }
        : null,
      objectStore: {
        name: 'Amazon S3',
        s3: true,
        note: `https://s3.${c.region}.amazonaws.com; virtual-hosted style (set pathStyle: false)`,
      },
      loadBalancer: 'Network Load Balancer (through the CCM)',
      substitutes: c.efsFileSystemID
        ? []
        : [
            {
              missing: 'shared (RWX) storage: no EFS file system given',
              instead: 'none: set spec.cloud.efsFileSystemID; keep event logs in S3',
            },
          ],
    };
  },
  check,
  capi: {
    infraApiVersion: capaVersion,
    infraCluster: awsCluster,
    machineTemplate: awsMachineTemplate,
    extraObjects: awsIdentity,
    kubeadm: (): KubeadmExtras => ({
      kubeletExtraArgs: { 'cloud-provider': 'external' },
      // The EC2 private DNS name, which cloud-provider-aws expects as the node name.
      nodeName: '{{ ds.meta_data.local_hostname }}',
    }),
  },
  credentials: (p: AWS) => [
    {
      // Read by CAPA through the AWSClusterStaticIdentity: CAPA looks for it in its own namespace (capa-system).
      name: p.spec.cloud.credentials.secretName,
      keys: ['AccessKeyID', 'SecretAccessKey'],
      from: 'spec.cloud.credentials',
      managementNamespace: 'capa-system',
    },
    {
      name: awsCsiSecret,
      keys: ['AccessKeyID', 'SecretAccessKey'],
      from: 'spec.cloud.credentials',
      workloadNamespace: 'kube-system',
    },
  ],
  addons,
  ingressService: () => ({
    type: 'LoadBalancer',
    annotations: {
      'service.beta.kubernetes.io/aws-load-balancer-type': 'nlb',
      'service.beta.kubernetes.io/aws-load-balancer-backend-protocol': 'tcp',
      'service.beta.kubernetes.io/aws-load-balancer-cross-zone-load-balancing-enabled': 'true',
    },
  }),
  storageClasses,
};
