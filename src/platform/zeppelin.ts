/**
 * The Zeppelin server (0.12) in Kubernetes run mode: ServiceAccount with the
 * least RBAC it needs in the user namespaces (and in its own, for the shared
 * %md interpreter), zeppelin-site.xml / zeppelin-env.sh, shiro.ini from a
 * Secret, notebook storage (PVC, git or S3), our interpreter template, the
 * interpreter settings of every user, and the setup notebooks.
 *
 * RBAC: the server creates, watches and deletes interpreter pods and their
 * headless Services. Upstream's template also creates a Role and RoleBinding
 * per interpreter, which needs roles/rolebindings create + bind; ours runs
 * interpreters as the pre-made `interpreter` service account instead, so the
 * server gets no RBAC rights at all (it could otherwise grant itself anything
 * in a user namespace).
 */
import type { ClusterContext } from '../render/seam.js';
import type { RenderedObject } from '../render/types.js';
import type { Platform } from '../spec/schema.js';
import { interpreterGroups, interpreterSettings, interpreterTemplate } from './interpreters.js';
import {
  componentLabel,
  containerSecurity,
  part,
  platformNamespace,
  podSecurity,
  pools,
  poolLabel,
  tolerationsFor,
  workload,
  zeppelinHttpPort,
  zeppelinRpcPort,
  zeppelinUid,
} from './names.js';
import { oidcSecretPlaceholder, shiroIni } from './shiro.js';
import { sparkImage } from './spark.js';
import { setupNote } from './tables.js';
import { mib } from './units.js';
import { effectiveUsers } from './users.js';

export const zeppelinServiceName = 'zeppelin-server';
export const zeppelinHome = '/opt/zeppelin';
const stateDir = '/var/lib/zeppelin';

export function zeppelinImage(p: Platform): string {
  const z = p.spec.platform.zeppelin;
  return z.image ?? `apache/zeppelin:${z.version}`;
}

function siteXml(props: Record<string, string>): string {
  const body = Object.keys(props)
    .sort()
    .map((k) => `  <property>\n    <name>${k}</name>\n    <value>${props[k]}</value>\n  </property>`)
    .join('\n');
  return `<?xml version="1.0"?>\n<?xml-stylesheet type="text/xsl" href="configuration.xsl"?>\n<configuration>\n${body}\n</configuration>\n`;
}

/** zeppelin-site.xml settings. */
export function zeppelinSite(p: Platform): Record<string, string> {
  const z = p.spec.platform.zeppelin;
  const nb = z.notebookStorage;
  const site: Record<string, string> = {
    'zeppelin.run.mode': 'k8s',
    'zeppelin.server.addr': '0.0.0.0',
    'zeppelin.server.port': String(zeppelinHttpPort),
    'zeppelin.server.rpc.portRange': `${zeppelinRpcPort}:${zeppelinRpcPort}`,
    'zeppelin.interpreter.rpc.portRange': '12321:12321',
    'zeppelin.k8s.container.image': zeppelinImage(p),
    'zeppelin.k8s.spark.container.image': sparkImage(p),
    'zeppelin.k8s.service.name': zeppelinServiceName,
    'zeppelin.k8s.template.dir': `${zeppelinHome}/k8s`,
    'zeppelin.interpreter.include': interpreterGroups(p).join(','),
    'zeppelin.anonymous.allowed': 'false',
    'zeppelin.notebook.public': 'false',
    'zeppelin.config.fs.dir': `${stateDir}/conf`,
    'zeppelin.notebook.dir': `${stateDir}/notebook`,
    // Interpreter pods may wait for an executor node to scale up.
    'zeppelin.interpreter.connect.timeout': '600000',
    // Idle interpreters give their share of the cluster back after an hour.
    'zeppelin.interpreter.lifecyclemanager.class':
      'org.apache.zeppelin.interpreter.lifecycle.TimeoutLifecycleManager',
    'zeppelin.interpreter.lifecyclemanager.timeout.threshold': '3600000',
    'zeppelin.metric.enable.prometheus': String(p.spec.platform.monitoring.enabled),
  };
  if (nb.type === 'git') {
    site['zeppelin.notebook.storage'] = 'org.apache.zeppelin.notebook.repo.GitHubNotebookRepo';
    site['zeppelin.notebook.git.remote.url'] = nb.url;
    site['zeppelin.notebook.git.remote.origin'] = 'origin';
  } else if (nb.type === 's3') {
    site['zeppelin.notebook.storage'] = 'org.apache.zeppelin.notebook.repo.S3NotebookRepo';
    site['zeppelin.notebook.s3.bucket'] = nb.bucket;
    site['zeppelin.notebook.s3.user'] = nb.prefix || 'zeppelin';
    if (nb.endpoint) site['zeppelin.notebook.s3.endpoint'] = nb.endpoint;
    site['zeppelin.notebook.s3.pathStyleAccess'] = 'true';
  } else {
    site['zeppelin.notebook.storage'] = 'org.apache.zeppelin.notebook.repo.VFSNotebookRepo';
  }
  return site;
}

/** zeppelin-env.sh: the JVM heap, three quarters of the server's memory. */
export function zeppelinEnv(p: Platform): string {
  const heap = Math.floor(mib(p.spec.platform.zeppelin.resources.memory) * 0.75);
  return [
    `export ZEPPELIN_MEM="-Xms512m -Xmx${heap}m"`,
    `export ZEPPELIN_LOG_DIR=${stateDir}/logs`,
    `export ZEPPELIN_PID_DIR=/tmp`,
    `export SERVICE_DOMAIN=${p.spec.platform.domain}`,
    '',
  ].join('\n');
}

function setupScript(p: Platform): string {
  const lines = [
    'set -eu',
    `cp -r ${zeppelinHome}/conf/. /conf/`,
    'cp /aglais/conf/zeppelin-site.xml /aglais/conf/zeppelin-env.sh /conf/',
    'cp /aglais/shiro/shiro.ini /conf/shiro.ini',
  ];
  if (p.spec.platform.auth.type === 'oidc') {
    // The client secret is read from its Secret at start, never rendered.
    lines.push(`sed -i "s|${oidcSecretPlaceholder}|$OIDC_CLIENT_SECRET|" /conf/shiro.ini`);
  }
  lines.push(
    `mkdir -p ${stateDir}/conf ${stateDir}/notebook ${stateDir}/logs`,
    // The settings are declared by the spec: each start puts them back.
    `cp /aglais/conf/interpreter.json ${stateDir}/conf/interpreter.json`,
  );
  for (const u of effectiveUsers(p)) {
    const n = setupNote(p, u);
    const dir = n.file.slice(0, n.file.lastIndexOf('/'));
    // Copied once: a user's edits are kept.
    lines.push(
      `mkdir -p "${stateDir}/notebook/${dir}"`,
      `[ -e "${stateDir}/notebook/${n.file}" ] || cp "/aglais/notes/setup-${u.name}.zpln" "${stateDir}/notebook/${n.file}"`,
    );
  }
  return `${lines.join('\n')}\n`;
}

function serverRules() {
  return [
    {
      apiGroups: [''],
      resources: ['pods', 'services'],
      verbs: ['create', 'get', 'list', 'watch', 'update', 'patch', 'delete'],
    },
  ];
}

export function zeppelinObjects(p: Platform, cluster: ClusterContext): RenderedObject[] {
  const ns = platformNamespace;
  const z = p.spec.platform.zeppelin;
  const nb = z.notebookStorage;
  const users = effectiveUsers(p);
  const labels = { [componentLabel]: 'zeppelin-server' };
  const out: RenderedObject[] = [];
  const sa = 'zeppelin-server';
  out.push(
    workload(
      'platform',
      part(p, 'zeppelin-server', 'v1', 'ServiceAccount', sa, ns, { automountServiceAccountToken: true }),
    ),
  );
  for (const target of [ns, ...users.map((u) => u.namespace)]) {
    out.push(
      workload(
        'platform',
        part(p, 'zeppelin-server', 'rbac.authorization.k8s.io/v1', 'Role', 'zeppelin-server', target, {
          rules: serverRules(),
        }),
      ),
      workload(
        'platform',
        part(p, 'zeppelin-server', 'rbac.authorization.k8s.io/v1', 'RoleBinding', 'zeppelin-server', target, {
          roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'zeppelin-server' },
          subjects: [{ kind: 'ServiceAccount', name: sa, namespace: ns }],
        }),
      ),
    );
  }
  out.push(
    workload(
      'platform',
      part(p, 'zeppelin-server', 'v1', 'ConfigMap', 'zeppelin-conf', ns, {
        data: {
          'zeppelin-site.xml': siteXml(zeppelinSite(p)),
          'zeppelin-env.sh': zeppelinEnv(p),
          'interpreter.json': `${JSON.stringify(interpreterSettings(p), null, 2)}\n`,
          'setup.sh': setupScript(p),
        },
      }),
    ),
    workload(
      'platform',
      part(p, 'zeppelin-server', 'v1', 'ConfigMap', 'zeppelin-interpreter-template', ns, {
        data: { '100-interpreter-spec.yaml': interpreterTemplate(p) },
      }),
    ),
    workload(
      'platform',
      part(p, 'zeppelin-server', 'v1', 'ConfigMap', 'zeppelin-setup-notes', ns, {
        data: Object.fromEntries(users.map((u) => [`setup-${u.name}.zpln`, setupNote(p, u).json])),
      }),
    ),
    workload(
      'platform',
      part(p, 'zeppelin-server', 'v1', 'Secret', 'zeppelin-shiro', ns, {
        type: 'Opaque',
        stringData: { 'shiro.ini': shiroIni(p) },
      }),
    ),
  );
  if (nb.type === 'pvc') {
    out.push(
      workload(
        'storage',
        part(
          p,
          'zeppelin-server',
          'v1',
          'PersistentVolumeClaim',
          'zeppelin-notebooks',
          ns,
          {
            spec: {
              accessModes: ['ReadWriteOnce'],
              ...((nb.storageClass ?? cluster.blockStorageClass)
                ? { storageClassName: nb.storageClass ?? cluster.blockStorageClass }
                : {}),
              resources: { requests: { storage: nb.size } },
            },
          },
          { 'aglais.dev/volume': 'notebooks' },
        ),
      ),
    );
  }
  const env: Record<string, unknown>[] = [
    { name: 'ZEPPELIN_HOME', value: zeppelinHome },
    { name: 'ZEPPELIN_CONF_DIR', value: '/conf' },
    { name: 'SERVICE_NAME', value: zeppelinServiceName },
    { name: 'SERVICE_DOMAIN', value: p.spec.platform.domain },
    { name: 'POD_UID', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.uid' } } },
    { name: 'POD_NAME', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.name' } } },
  ];
  if (nb.type === 'git' && nb.credentialsSecret) {
    env.push({
      name: 'ZEPPELIN_NOTEBOOK_GIT_REMOTE_ACCESS_TOKEN',
      valueFrom: { secretKeyRef: { name: nb.credentialsSecret, key: 'token' } },
    });
  }
  if (nb.type === 's3') {
    env.push(
      {
        name: 'AWS_ACCESS_KEY_ID',
        valueFrom: { secretKeyRef: { name: nb.credentialsSecret, key: 'access-key' } },
      },
      {
        name: 'AWS_SECRET_ACCESS_KEY',
        valueFrom: { secretKeyRef: { name: nb.credentialsSecret, key: 'secret-key' } },
      },
    );
  }
  const auth = p.spec.platform.auth;
  const initEnv =
    auth.type === 'oidc'
      ? [
          {
            name: 'OIDC_CLIENT_SECRET',
            valueFrom: { secretKeyRef: { name: auth.clientSecretName, key: 'client-secret' } },
          },
        ]
      : [];
  const resources = z.resources;
  const pool = pools(p).platform;
  const tolerations = tolerationsFor(p, pool);
  const mounts = [
    { name: 'conf', mountPath: '/conf' },
    { name: 'state', mountPath: stateDir },
    { name: 'template', mountPath: `${zeppelinHome}/k8s/interpreter`, readOnly: true },
    { name: 'tmp', mountPath: '/tmp' },
  ];
  out.push(
    workload(
      'platform',
      part(p, 'zeppelin-server', 'apps/v1', 'Deployment', 'zeppelin-server', ns, {
        spec: {
          replicas: 1,
          // One server owns the notebook volume: never two at once.
          strategy: { type: 'Recreate' },
          selector: { matchLabels: labels },
          template: {
            metadata: {
              labels,
              ...(p.spec.platform.monitoring.enabled
                ? {
                    annotations: {
                      'prometheus.io/scrape': 'true',
                      'prometheus.io/port': String(zeppelinHttpPort),
                      'prometheus.io/path': '/metrics',
                    },
                  }
                : {}),
            },
            spec: {
              serviceAccountName: sa,
              securityContext: podSecurity(zeppelinUid),
              nodeSelector: { [poolLabel]: pool },
              ...(tolerations.length ? { tolerations } : {}),
              initContainers: [
                {
                  name: 'setup',
                  image: zeppelinImage(p),
                  command: ['sh', '/aglais/conf/setup.sh'],
                  env: initEnv,
                  securityContext: containerSecurity,
                  resources: {
                    requests: { cpu: '100m', memory: '128Mi' },
                    limits: { cpu: '500m', memory: '128Mi' },
                  },
                  volumeMounts: [
                    { name: 'conf', mountPath: '/conf' },
                    { name: 'state', mountPath: stateDir },
                    { name: 'aglais-conf', mountPath: '/aglais/conf', readOnly: true },
                    { name: 'shiro', mountPath: '/aglais/shiro', readOnly: true },
                    { name: 'notes', mountPath: '/aglais/notes', readOnly: true },
                  ],
                },
              ],
              containers: [
                {
                  name: 'zeppelin',
                  image: zeppelinImage(p),
                  command: ['sh', '-c', `exec ${zeppelinHome}/bin/zeppelin.sh`],
                  env,
                  ports: [
                    { name: 'http', containerPort: zeppelinHttpPort },
                    { name: 'rpc', containerPort: zeppelinRpcPort },
                  ],
                  readinessProbe: {
                    httpGet: { path: '/api/version', port: 'http' },
                    periodSeconds: 10,
                    failureThreshold: 30,
                  },
                  resources: {
                    requests: { cpu: resources.cpu, memory: resources.memory },
                    limits: { cpu: resources.cpu, memory: resources.memory },
                  },
                  securityContext: containerSecurity,
                  volumeMounts: mounts,
                },
              ],
              volumes: [
                { name: 'conf', emptyDir: { sizeLimit: '100Mi' } },
                nb.type === 'pvc'
                  ? { name: 'state', persistentVolumeClaim: { claimName: 'zeppelin-notebooks' } }
                  : { name: 'state', emptyDir: { sizeLimit: '10Gi' } },
                { name: 'template', configMap: { name: 'zeppelin-interpreter-template' } },
                { name: 'aglais-conf', configMap: { name: 'zeppelin-conf' } },
                { name: 'shiro', secret: { secretName: 'zeppelin-shiro' } },
                { name: 'notes', configMap: { name: 'zeppelin-setup-notes' } },
                { name: 'tmp', emptyDir: { sizeLimit: '2Gi' } },
              ],
            },
          },
        },
      }),
    ),
    workload(
      'platform',
      part(p, 'zeppelin-server', 'v1', 'Service', zeppelinServiceName, ns, {
        spec: {
          selector: labels,
          ports: [
            { name: 'http', port: zeppelinHttpPort, targetPort: 'http' },
            { name: 'rpc', port: zeppelinRpcPort, targetPort: 'rpc' },
          ],
        },
      }),
    ),
  );
  return out;
}
