/**
 * CAPZ objects (infrastructure.cluster.x-k8s.io/v1beta1, CAPZ v1.26): the AzureCluster,
 * its AzureClusterIdentity (a service principal) and machine templates.
 */
import { shortHash } from '../../render/hash.js';
import { object } from '../../render/meta.js';
import type { KubernetesObject } from '../../render/types.js';
import type { MachineRequest, PlatformOn } from '../types.js';

export const capzVersion = 'infrastructure.cluster.x-k8s.io/v1beta1';

type Azure = PlatformOn<'azure'>;

export function identityName(p: Azure): string {
  return `${p.metadata.name}-identity`;
}

export function resourceGroup(p: Azure): string {
  return p.spec.cloud.resourceGroup ?? p.metadata.name;
}

/** `a.b.c.d/n` → the subnet at `offset` blocks of size /`bits` inside it. */
function subnet(cidr: string, bits: number, offset: number): string {
  const [ip, len] = cidr.split('/');
  const base = (ip ?? '').split('.').reduce((a, o) => a * 256 + Number(o), 0);
  const prefix = Math.min(Math.max(Number(len), bits), 30);
  const start = base + offset * 2 ** (32 - prefix);
  const octets = [24, 16, 8, 0].map((s) => Math.floor(start / 2 ** s) % 256);
  return `${octets.join('.')}/${prefix}`;
}

/** Subnets of a created VNet: a /24 for the control plane at its start, its upper half for the nodes. */
export function subnetCIDRs(cidr: string): { controlPlane: string; nodes: string } {
  const len = Number(cidr.split('/')[1]);
  return { controlPlane: subnet(cidr, len + 8, 0), nodes: subnet(cidr, len + 1, 1) };
}

export function azureCluster(p: Azure, namespace: string): KubernetesObject {
  const c = p.spec.cloud;
  let networkSpec: Record<string, unknown>;
  if ('existing' in c.vnet) {
    const v = c.vnet.existing;
    networkSpec = {
      vnet: { name: v.name, resourceGroup: v.resourceGroup },
      subnets: [
        { name: v.controlPlaneSubnet, role: 'control-plane' },
        { name: v.nodeSubnet, role: 'node' },
      ],
    };
  } else {
    const cidrs = subnetCIDRs(c.vnet.create.cidr);
    networkSpec = {
      vnet: { name: `${p.metadata.name}-vnet`, cidrBlocks: [c.vnet.create.cidr] },
      subnets: [
        { name: 'control-plane-subnet', role: 'control-plane', cidrBlocks: [cidrs.controlPlane] },
        { name: 'node-subnet', role: 'node', cidrBlocks: [cidrs.nodes] },
      ],
    };
  }
  return object(p, capzVersion, 'AzureCluster', p.metadata.name, namespace, {
    spec: {
      location: c.location,
      subscriptionID: c.subscriptionID,
      resourceGroup: resourceGroup(p),
      identityRef: {
        apiVersion: capzVersion,
        kind: 'AzureClusterIdentity',
        name: identityName(p),
        namespace,
      },
      networkSpec,
    },
  });
}

export function azureIdentity(p: Azure, namespace: string): KubernetesObject[] {
  const c = p.spec.cloud;
  return [
    object(p, capzVersion, 'AzureClusterIdentity', identityName(p), namespace, {
      spec: {
        type: 'ServicePrincipal',
        tenantID: c.tenantID,
        clientID: c.clientID,
        clientSecret: { name: c.credentials.secretName, namespace },
        allowedNamespaces: { list: [namespace] },
      },
    }),
  ];
}

export function azureMachineTemplate(
  p: Azure,
  m: MachineRequest,
): { kind: string; spec: Record<string, unknown> } {
  const c = p.spec.cloud;
  const spec: Record<string, unknown> = {
    vmSize: m.size,
    osDisk: {
      osType: 'Linux',
      diskSizeGB: m.rootVolume?.sizeGiB ?? 128,
      // CAPZ's default is Premium_LRS.
      ...(m.rootVolume?.type ? { managedDisk: { storageAccountType: m.rootVolume.type } } : {}),
    },
  };
  // CAPZ wants the OpenSSH key base64-encoded; without one it generates a key nobody holds.
  if (c.sshPublicKey) spec['sshPublicKey'] = Buffer.from(c.sshPublicKey, 'utf8').toString('base64');
  return { kind: 'AzureMachineTemplate', spec };
}

/**
 * The Secret CAPZ writes azure.json into for the control-plane machine template:
 * `<template name>-azure-json`. The renderer names templates
 * `<platform>-control-plane-<hash of kind and spec>`, so the same hash is computed here.
 */
export function controlPlaneAzureJSONSecret(p: Azure): string {
  const t = azureMachineTemplate(p, {
    role: 'control-plane',
    size: p.spec.controlPlane.size,
    rootVolume: p.spec.controlPlane.rootVolume,
  });
  return `${p.metadata.name}-control-plane-${shortHash(t)}-azure-json`;
}
