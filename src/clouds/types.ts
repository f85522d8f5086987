/**
 * What every cloud module answers. Adding a cloud adds one folder implementing
 * {@link CloudModule} and one line in ./registry.ts; nothing else changes.
 */
import type { KubernetesObject, Stage } from '../render/types.js';
import type { CloudOf, Provider } from '../spec/cloud.js';
import type { NodePoolSpec, RootVolumeSpec } from '../spec/cluster.js';
import type { Platform } from '../spec/schema.js';
import type { RawIssue } from '../spec/zod-issues.js';

/** A platform whose cloud is `P`. */
export type PlatformOn<P extends Provider> = Platform & { spec: Platform['spec'] & { cloud: CloudOf<P> } };

/** CPU, memory and local disk of a machine size. */
export interface MachineCapacity {
  readonly cpu: number;
  readonly memoryGiB: number;
  readonly ephemeralGiB?: number;
}

/** One machine shape to render a template for. */
export interface MachineRequest {
  readonly role: 'control-plane' | 'worker';
  /** The pool, for workers. */
  readonly pool?: NodePoolSpec;
  readonly size?: string;
  readonly rootVolume?: RootVolumeSpec;
}

/** How a cloud provides each thing a platform needs; shown by `plan` and `compare`. */
export interface CloudFacts {
  readonly title: string;
  /** Cluster API infrastructure provider, or null (existing clusters). */
  readonly capiProvider: string | null;
  readonly ccm: string | null;
  readonly blockStorage: StorageFact | null;
  readonly sharedStorage: StorageFact | null;
  readonly objectStore: { readonly name: string; readonly s3: boolean; readonly note?: string } | null;
  readonly loadBalancer: string | null;
  /** What this cloud lacks and what aglais uses instead. */
  readonly substitutes: readonly { readonly missing: string; readonly instead: string }[];
}

export interface StorageFact {
  readonly driver: string;
  readonly storageClass: string;
  readonly note?: string;
}

/** A Helm chart installed into the workload cluster (a HelmChartProxy on CAPI clouds). */
export interface HelmAddon {
  /** Short name, unique in the platform: the HelmChartProxy is <platform>-<name>. */
  readonly name: string;
  readonly stage: Extract<Stage, 'addons-ready' | 'addons'>;
  readonly repoURL: string;
  readonly chartName: string;
  readonly version: string;
  readonly namespace: string;
  readonly releaseName?: string;
  /**
   * Chart values. Strings may hold CAAPH Go-template expressions such as
   * `{{ .Cluster.metadata.name }}`, filled in per workload cluster.
   */
  readonly values: Readonly<Record<string, unknown>>;
}

/** Extra kubeadm settings a cloud needs on every node. */
export interface KubeadmExtras {
  readonly kubeletExtraArgs: Readonly<Record<string, string>>;
  /** Node name as cloud-init should set it (e.g. '{{ local_hostname }}'). */
  readonly nodeName?: string;
  readonly preKubeadmCommands?: readonly string[];
  readonly files?: readonly Record<string, unknown>[];
  /** Extra names in the API server certificate (e.g. localhost for local clusters). */
  readonly apiServerCertSANs?: readonly string[];
}

/** The Cluster API side of a cloud. */
export interface CapiCloud<P extends Provider> {
  /** apiVersion of the provider's infrastructure kinds. */
  readonly infraApiVersion: string;
  /** The infra cluster object (OpenStackCluster, DOCluster, ...), name = platform name. */
  infraCluster(p: PlatformOn<P>, namespace: string): KubernetesObject;
  /** Kind and spec of a machine template; aglais names it by the hash of this spec. */
  machineTemplate(p: PlatformOn<P>, m: MachineRequest): { kind: string; spec: Record<string, unknown> };
  kubeadm(p: PlatformOn<P>): KubeadmExtras;
  /** Other management-cluster objects (identities, ...). */
  extraObjects?(p: PlatformOn<P>, namespace: string): KubernetesObject[];
  /** Pod network MTU where the cloud's network needs a smaller one (Azure: 1350). Default: the CNI's own. */
  readonly cniMTU?: number;
  /** Labels for the Cluster object (CAAPH selects addons by them). */
  readonly clusterLabels?: Readonly<Record<string, string>>;
}

/** A credential Secret the platform references. */
export interface CredentialSecret {
  readonly name: string;
  /** Keys it must hold. */
  readonly keys: readonly string[];
  /**
   * Namespace in the management cluster when a controller reads the Secret from
   * its own namespace (CAPA: capa-system). Default: the platform's namespace.
   */
  readonly managementNamespace?: string;
  /** Set for Secrets of the workload cluster (for CCM and CSI): their namespace there. */
  readonly workloadNamespace?: string;
  /** Where its values come from: the spec's credentials entry it is made from. */
  readonly from: string;
  /** Keys aglais derives from the credentials (e.g. os-authURL from clouds.yaml) rather than copies. */
  readonly derived?: boolean;
  /** Non-secret keys aglais writes itself (e.g. a generated cloud.conf), added in the workload copy. */
  readonly generated?: Readonly<Record<string, string>>;
}

export interface CloudModule<P extends Provider = Provider> {
  readonly provider: P;
  facts(p: PlatformOn<P>): CloudFacts;
  /** Known machine sizes with their capacity, for the capacity check and compare. */
  readonly sizes: Readonly<Record<string, MachineCapacity>>;
  /** Cloud-specific spec checks (e.g. a data-set source this cloud cannot provide). */
  check(p: PlatformOn<P>): RawIssue[];
  /** Undefined for clouds that Cluster API does not manage (existing). */
  readonly capi?: CapiCloud<P>;
  credentials(p: PlatformOn<P>): CredentialSecret[];
  /** Cloud addons: CCM, CSI drivers (CNI, ingress and cert-manager are common). */
  addons(p: PlatformOn<P>): HelmAddon[];
  /** Annotations for the ingress controller's Service of type LoadBalancer. */
  ingressService(p: PlatformOn<P>): {
    type: 'LoadBalancer' | 'NodePort';
    annotations: Record<string, string>;
  };
  /**
   * Minimal settings of this cloud (besides `provider`) that parse, for showing
   * another cloud's platform on this one in `aglais compare`. Default: none needed.
   */
  readonly compareSettings?: Readonly<Record<string, unknown>>;
  /** StorageClasses for the workload cluster. */
  storageClasses(p: PlatformOn<P>): KubernetesObject[];
  /**
   * Files for machines outside Kubernetes that `plan -o DIR` writes under
   * `DIR/hosts/` (libvirt: domain XML, cloud-init seeds, scripts). Paths are
   * relative to DIR and start with `hosts/`. Pure, like render.
   */
  hostArtefacts?(p: PlatformOn<P>): Map<string, string | Uint8Array>;
  /** Extra lines for the plan summary (libvirt: where each VM runs). */
  planNotes?(p: PlatformOn<P>): string;
}
