/**
 * `aglais init --cloud X`: a commented starter spec. The common part is the
 * same for every cloud; only `spec.cloud` and the machine sizes differ. Every
 * starter parses as written (a test checks it), so a team edits from a valid file.
 */
import type { Provider } from '../spec/cloud.js';

const cloudSections: Record<Provider, { cloud: string; cp: string; pool: string }> = {
  openstack: {
    cloud: `    provider: openstack
    cloudName: openstack            # the entry in your clouds.yaml
    credentials:
      secretName: my-platform-cloud-credentials
      fromFile: ~/.config/openstack/clouds.yaml   # use an application credential
    network:
      create: { cidr: 10.10.0.0/24 }  # or: existing: { name: my-network }
    externalNetwork: { name: public }
    image: { name: ubuntu-jammy-kube-v1.34.2 }
    loadBalancer: amphora           # amphora | ovn | none`,
    cp: 'm1.medium',
    pool: 'm1.xlarge',
  },
  digitalocean: {
    cloud: `    provider: digitalocean
    credentials:
      secretName: my-platform-do-token
      fromEnv: { access-token: DIGITALOCEAN_ACCESS_TOKEN }
    region: ams3
    image: ubuntu-22-04-x64`,
    cp: 's-4vcpu-8gb',
    pool: 'm-8vcpu-64gb',
  },
  linode: {
    cloud: `    provider: linode
    credentials:
      secretName: my-platform-linode-token
      fromEnv: { apiToken: LINODE_TOKEN }
    region: eu-central`,
    cp: 'g6-standard-4',
    pool: 'g7-highmem-8',
  },
  aws: {
    cloud: `    provider: aws
    credentials:
      secretName: my-platform-aws-credentials
      fromEnv: { AccessKeyID: AWS_ACCESS_KEY_ID, SecretAccessKey: AWS_SECRET_ACCESS_KEY }
    region: eu-west-2
    efsFileSystemID: fs-0123456789abcdef0   # yours: EFS gives the shared (RWX) volumes`,
    cp: 'm6i.large',
    pool: 'r6i.2xlarge',
  },
  azure: {
    cloud: `    provider: azure
    credentials:
      secretName: my-platform-azure-secret
      fromEnv: { clientSecret: AZURE_CLIENT_SECRET }
    subscriptionID: 00000000-0000-4000-8000-000000000000   # yours
    tenantID: 00000000-0000-4000-8000-000000000000         # yours
    clientID: 00000000-0000-4000-8000-000000000000         # the service principal's
    location: uksouth`,
    cp: 'Standard_D4s_v5',
    pool: 'Standard_E8s_v5',
  },
  libvirt: {
    cloud: `    provider: libvirt
    hosts:                          # aglais reaches each host's libvirt over SSH
      - { name: hv1, uri: qemu+ssh://aglais@hv1.example.org/system, capacity: { cpu: 48, memory: 192Gi } }
      - { name: hv2, uri: qemu+ssh://aglais@hv2.example.org/system, capacity: { cpu: 48, memory: 192Gi } }
    network:
      bridge: br0                   # a host bridge into the node network
      cidr: 192.0.2.0/24
      gateway: 192.0.2.1
      addresses: { first: 192.0.2.20, last: 192.0.2.199 }
    image: { url: https://cloud-images.example.org/noble-server-cloudimg-amd64.img }
    credentials:                    # the SSH key Cluster API provisions the VMs with
      secretName: my-platform-vm-ssh-key
      fromFile: ~/.ssh/aglais-vms
    sshPublicKey: ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIExampleExampleExampleExampleExampleExample aglais
    apiServerVIP: 192.0.2.10
    ingressAddresses: 192.0.2.240-192.0.2.250
    sharedStorage: { nfs: { server: nfs.example.org, share: /exports/k8s } }`,
    cp: 'medium',
    pool: 'large',
  },
  dev: {
    cloud: `    provider: dev
    backend: inMemory               # inMemory (simulated) | docker`,
    cp: '',
    pool: '',
  },
  existing: {
    cloud: `    provider: existing
    kubeconfig: { context: my-cluster }   # a cluster made elsewhere (Magnum, Terraform, ...)
    # sharedStorageClass: cephfs          # an RWX StorageClass, if the cluster has one`,
    cp: '',
    pool: '',
  },
};

export function starterSpec(cloud: Provider): string {
  const c = cloudSections[cloud];
  const size = (s: string) => (s ? `\n      size: ${s}` : '');
  const history =
    cloud === 'existing'
      ? '\n    spark:\n      historyServer: { enabled: false }   # event logs need RWX storage or S3'
      : '';
  return `# An aglais platform spec: a Kubernetes cluster with a Zeppelin + Spark analysis platform.
# Check it:   aglais plan platform.yaml
# Editor help (YAML language server):
# yaml-language-server: $schema=https://aglais.example.org/schema/platform.schema.json
apiVersion: aglais.dev/v1alpha1
kind: Platform
metadata:
  name: my-platform                 # prefixes every object; at most 40 characters
spec:
  cloud:
${c.cloud}
  kubernetes:
    version: v1.34.2                # v1.31.x to v1.35.x
  controlPlane:
    replicas: ${cloud === 'dev' ? 1 : 3}                     # 1, or an odd number for high availability${size(c.cp).replace('\n      ', '\n    ')}
  nodePools:
    - name: workers${size(c.pool)}
      autoscale: { min: 2, max: 6 } # or: replicas: 3
      # capacity: { cpu: 8, memory: 64Gi }   # for the capacity check, when aglais does not know the size
  datasets: []
    # - name: my-survey
    #   mountPath: /data/survey
    #   database: survey
    #   source: { type: nfs, server: nfs.example.org, path: /exports/survey }
    #   tables:
    #     - name: sources
    #       location: sources
    #       bucketing: { columns: [source_id], buckets: 2048, sortedBy: [source_id] }
  users: []
    # - name: alice
    #   passwordHash: ...           # aglais hash-password
  platform:
    domain: analysis.example.org    # Zeppelin is served at https://<domain>/
    tls: { type: selfSigned }       # acme (with email) | secret | selfSigned | none${history}
`;
}
