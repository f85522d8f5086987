/**
 * Zeppelin interpreters on Kubernetes. Zeppelin starts an interpreter pod in
 * the namespace its interpreter setting names (zeppelin.k8s.interpreter.namespace),
 * so every user gets their own Spark (and Livy) setting, owned by them, whose
 * pods run in user-<name> under the user's quota. The pods come from our own
 * template directory (k8s/interpreter/100-interpreter-spec.yaml, a ConfigMap
 * mounted over the image's), which adds the data sets read-only, the user's
 * volumes, the Spark configuration and the pool placement.
 *
 * The template is Jinjava, rendered by Zeppelin with its bindings
 * (zeppelin.k8s.interpreter.*, zeppelin.k8s.envs, zeppelin.k8s.spark.container.image)
 * and the setting's own properties (we add aglais.user).
 */
import type { Platform } from '../spec/schema.js';
import { datasetVolumes } from './datasets.js';
import { eventLogDir, eventsClaim, eventsMountPath } from './history.js';
import { livyURL } from './livy.js';
import {
  interpreterPorts,
  platformNamespace,
  pools,
  poolLabel,
  sparkUid,
  tolerationsFor,
  zeppelinUid,
} from './names.js';
import { s3ContainerEnv } from './s3.js';
import { driverPodMiB, sparkConfDir } from './spark.js';
import { sparkMemory } from './units.js';
import {
  effectiveUsers,
  homeClaim,
  interpreterServiceAccount,
  userVolumeClaim,
  type EffectiveUser,
} from './users.js';
import { stringify } from 'yaml';

/** Interpreter groups Zeppelin loads (zeppelin.interpreter.include). */
export function interpreterGroups(p: Platform): string[] {
  return ['md', 'spark', ...(p.spec.platform.livy.enabled ? ['livy'] : [])];
}

export function sparkSettingName(u: Pick<EffectiveUser, 'name'>): string {
  return `spark_${u.name.replace(/-/g, '_')}`;
}
export function livySettingName(u: Pick<EffectiveUser, 'name'>): string {
  return `livy_${u.name.replace(/-/g, '_')}`;
}

function props(m: Record<string, string>): Record<string, { name: string; value: string; type: string }> {
  return Object.fromEntries(
    Object.keys(m)
      .sort()
      .map((k) => [k, { name: k, value: m[k] as string, type: 'string' }]),
  );
}

function option(owners: string[], perUser: 'shared' | 'isolated') {
  return {
    remote: true,
    port: -1,
    perNote: 'shared',
    perUser,
    isExistingProcess: false,
    setPermission: owners.length > 0,
    owners,
    isUserImpersonate: false,
  };
}

/**
 * The interpreter settings Zeppelin starts with (conf/interpreter.json).
 * Zeppelin merges each with its group's interpreter-setting.json, so only
 * what differs from Zeppelin's defaults is given.
 */
export function interpreterSettings(p: Platform): Record<string, unknown> {
  const s = p.spec.platform.spark;
  const settings: Record<string, unknown> = {
    md: {
      id: 'md',
      name: 'md',
      group: 'md',
      properties: {},
      status: 'READY',
      dependencies: [],
      option: option([], 'shared'),
    },
  };
  const admins = effectiveUsers(p)
    .filter((u) => u.admin)
    .map((u) => u.name);
  for (const u of effectiveUsers(p)) {
    const owners = [...new Set([u.name, ...admins])].sort();
    const common = {
      'aglais.user': u.name,
      'zeppelin.k8s.interpreter.namespace': u.namespace,
      'zeppelin.k8s.interpreter.serviceAccount': interpreterServiceAccount,
    };
    const name = sparkSettingName(u);
    settings[name] = {
      id: name,
      name,
      group: 'spark',
      properties: props({
        ...common,
        'spark.master': 'k8s://https://kubernetes.default.svc',
        'spark.driver.cores': String(s.driver.cores),
        'spark.driver.memory': sparkMemory(s.driver.memory),
        'spark.driver.memoryOverhead': `${driverPodMiB(p).overhead}m`,
        'zeppelin.spark.enableSupportedVersionCheck': 'true',
      }),
      status: 'READY',
      dependencies: [],
      // One Spark session per user: the quota is per user anyway.
      option: option(owners, 'shared'),
    };
    if (p.spec.platform.livy.enabled) {
      const ln = livySettingName(u);
      settings[ln] = {
        id: ln,
        name: ln,
        group: 'livy',
        properties: props({
          ...common,
          'zeppelin.livy.url': livyURL(),
          'livy.spark.kubernetes.namespace': u.namespace,
          'livy.spark.driver.cores': String(s.driver.cores),
          'livy.spark.driver.memory': sparkMemory(s.driver.memory),
          'livy.spark.executor.cores': String(s.executor.cores),
          'livy.spark.executor.memory': sparkMemory(s.executor.memory),
          'livy.spark.dynamicAllocation.enabled': 'true',
          'livy.spark.dynamicAllocation.shuffleTracking.enabled': 'true',
          'livy.spark.dynamicAllocation.minExecutors': String(s.executor.min),
          'livy.spark.dynamicAllocation.maxExecutors': String(s.executor.max),
        }),
        status: 'READY',
        dependencies: [],
        option: option(owners, 'shared'),
      };
    }
  }
  return { interpreterSettings: settings, interpreterRepositories: [] };
}

/** Resources of interpreters that are not Spark (md, livy clients). */
export const lightInterpreter = { cpu: '500m', memory: '1Gi' } as const;

function indent(text: string, n: number): string {
  const pad = ' '.repeat(n);
  return text
    .trimEnd()
    .split('\n')
    .map((l) => (l ? pad + l : l))
    .join('\n');
}

/** YAML of a list, for splicing into the template at an indentation. */
function yamlList(items: readonly unknown[], n: number): string {
  return items.length ? indent(stringify(items, { lineWidth: 0 }), n) : '';
}

/** Our k8s/interpreter/100-interpreter-spec.yaml (Jinjava, rendered by Zeppelin). */
export function interpreterTemplate(p: Platform): string {
  const pool = pools(p).interpreters;
  const tolerations = tolerationsFor(p, pool);
  const data = datasetVolumes(p);
  const events = eventLogDir(p)?.startsWith('file:') ?? false;
  const sparkVolumes = [
    { name: 'spark-home', emptyDir: { sizeLimit: '2Gi' } },
    { name: 'spark-conf', configMap: { name: 'spark-conf' } },
    ...data.volumes,
    { name: 'home', persistentVolumeClaim: { claimName: homeClaim } },
    { name: 'user-data', persistentVolumeClaim: { claimName: userVolumeClaim } },
    ...(events ? [{ name: 'spark-events', persistentVolumeClaim: { claimName: eventsClaim } }] : []),
  ];
  const sparkMounts = [
    { name: 'spark-home', mountPath: '/spark' },
    { name: 'spark-conf', mountPath: sparkConfDir, readOnly: true },
    ...data.mounts,
    ...(events ? [{ name: 'spark-events', mountPath: eventsMountPath }] : []),
  ];
  const s3env = s3ContainerEnv(p);
  const restricted = `{ allowPrivilegeEscalation: false, capabilities: { drop: [ALL] } }`;
  return `{#- aglais: interpreter pods for Zeppelin in Kubernetes mode. Rendered by Zeppelin (Jinjava). -#}
kind: Pod
apiVersion: v1
metadata:
  namespace: {{zeppelin.k8s.interpreter.namespace}}
  name: {{zeppelin.k8s.interpreter.pod.name}}
  labels:
    app: {{zeppelin.k8s.interpreter.pod.name}}
    interpreterSettingName: {{zeppelin.k8s.interpreter.setting.name}}
    app.kubernetes.io/component: interpreter
    app.kubernetes.io/managed-by: zeppelin
    aglais.dev/user: "{{aglais.user}}"
  {% if zeppelin.k8s.server.uid is defined %}
  ownerReferences:
  - apiVersion: v1
    controller: false
    blockOwnerDeletion: false
    kind: Pod
    name: {{zeppelin.k8s.server.pod.name}}
    uid: {{zeppelin.k8s.server.uid}}
  {% endif %}
spec:
  serviceAccountName: {{zeppelin.k8s.interpreter.serviceAccount}}
  {% if zeppelin.k8s.interpreter.group.name == "spark" %}
  automountServiceAccountToken: true
  {% else %}
  automountServiceAccountToken: false
  {% endif %}
  restartPolicy: Never
  terminationGracePeriodSeconds: 30
  securityContext: { runAsNonRoot: true, runAsUser: ${zeppelinUid}, runAsGroup: ${zeppelinUid}, fsGroup: ${zeppelinUid}, seccompProfile: { type: RuntimeDefault } }
  nodeSelector: { ${poolLabel}: ${pool} }
${tolerations.length ? `  tolerations:\n${yamlList(tolerations, 2)}\n` : ''}  containers:
  - name: {{zeppelin.k8s.interpreter.container.name}}
    image: {{zeppelin.k8s.interpreter.container.image}}
    args:
      - "$(ZEPPELIN_HOME)/bin/interpreter.sh"
      - "-d"
      - "$(ZEPPELIN_HOME)/interpreter/{{zeppelin.k8s.interpreter.group.name}}"
      - "-r"
      - "{{zeppelin.k8s.interpreter.rpc.portRange}}"
      - "-c"
      - "{{zeppelin.k8s.server.rpc.service}}"
      - "-p"
      - "{{zeppelin.k8s.server.rpc.portRange}}"
      - "-i"
      - "{{zeppelin.k8s.interpreter.group.id}}"
      - "-l"
      - "{{zeppelin.k8s.interpreter.localRepo}}/{{zeppelin.k8s.interpreter.setting.name}}"
      - "-g"
      - "{{zeppelin.k8s.interpreter.setting.name}}"
    env:
    {% for key, value in zeppelin.k8s.envs.items() %}
    - name: "{{key}}"
      value: "{{value}}"
    {% endfor %}
    - name: HOME
      value: "/home/{{aglais.user}}"
    {% if zeppelin.k8s.interpreter.group.name == "spark" %}
    - name: SPARK_CONF_DIR
      value: "${sparkConfDir}"
${s3env.length ? `${yamlList(s3env, 4)}\n` : ''}    {% endif %}
    securityContext: ${restricted}
    resources:
    {% if zeppelin.k8s.interpreter.cores is defined and zeppelin.k8s.interpreter.memory is defined %}
      requests: { cpu: "{{zeppelin.k8s.interpreter.cores}}", memory: "{{zeppelin.k8s.interpreter.memory}}" }
      # A memory limit equal to the request: the user's quota counts limits.
      limits: { cpu: "{{zeppelin.k8s.interpreter.cores}}", memory: "{{zeppelin.k8s.interpreter.memory}}" }
    {% else %}
      requests: { cpu: "${lightInterpreter.cpu}", memory: "${lightInterpreter.memory}" }
      limits: { cpu: "${lightInterpreter.cpu}", memory: "${lightInterpreter.memory}" }
    {% endif %}
    volumeMounts:
    - { name: tmp, mountPath: /tmp }
    {% if zeppelin.k8s.interpreter.namespace != "${platformNamespace}" %}
    - { name: home, mountPath: "/home/{{aglais.user}}" }
    - { name: user-data, mountPath: "/user/{{aglais.user}}" }
    {% endif %}
    {% if zeppelin.k8s.interpreter.group.name == "spark" %}
${yamlList(sparkMounts, 4)}
  initContainers:
  - name: spark-home-init
    image: {{zeppelin.k8s.spark.container.image}}
    command: ["sh", "-c", "cp -r /opt/spark/. /spark/"]
    securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: [ALL] }, runAsUser: ${sparkUid} }
    resources: { requests: { cpu: 100m, memory: 256Mi }, limits: { cpu: 500m, memory: 256Mi } }
    volumeMounts:
    - { name: spark-home, mountPath: /spark }
    {% endif %}
  volumes:
  - { name: tmp, emptyDir: { sizeLimit: 10Gi } }
  {% if zeppelin.k8s.interpreter.namespace != "${platformNamespace}" %}
  - { name: home, persistentVolumeClaim: { claimName: ${homeClaim} } }
  - { name: user-data, persistentVolumeClaim: { claimName: ${userVolumeClaim} } }
  {% endif %}
  {% if zeppelin.k8s.interpreter.group.name == "spark" %}
${yamlList(
  sparkVolumes.filter((v) => v.name !== 'home' && v.name !== 'user-data'),
  2,
)}
  {% endif %}
---
kind: Service
apiVersion: v1
metadata:
  namespace: {{zeppelin.k8s.interpreter.namespace}}
  name: {{zeppelin.k8s.interpreter.pod.name}}
  labels:
    app.kubernetes.io/component: interpreter
    app.kubernetes.io/managed-by: zeppelin
  {% if zeppelin.k8s.server.uid is defined %}
  ownerReferences:
  - apiVersion: v1
    controller: false
    blockOwnerDeletion: false
    kind: Pod
    name: {{zeppelin.k8s.server.pod.name}}
    uid: {{zeppelin.k8s.server.uid}}
  {% endif %}
spec:
  clusterIP: None
  selector:
    app: {{zeppelin.k8s.interpreter.pod.name}}
  ports:
  - { name: intp, port: ${interpreterPorts.rpc} }
  {% if zeppelin.k8s.interpreter.group.name == "spark" %}
  - { name: spark-driver, port: ${interpreterPorts.driver} }
  - { name: spark-blockmanager, port: ${interpreterPorts.blockManager} }
  - { name: spark-ui, port: ${interpreterPorts.ui} }
  {% endif %}
`;
}
