/** The analysis platform on the workload cluster: Zeppelin, Spark, Livy, ingress, TLS, monitoring. */
import { z } from 'zod';
import { byteSize, count, dnsLabel, quantity } from './fields.js';

const hostname = z.string().regex(/^([a-z0-9]([-a-z0-9]*[a-z0-9])?\.)+[a-z]{2,}$/, {
  message: 'expected a DNS name such as dmp.example.org',
});

const s3Location = {
  bucket: z.string().regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, { message: 'expected an S3 bucket name' }),
  prefix: z.string().default(''),
  endpoint: z
    .string()
    .url({ message: 'expected an endpoint URL such as https://s3.example.org' })
    .optional()
    .describe("Default: the cloud's object store."),
  credentialsSecret: dnsLabel('credentialsSecret', 253).describe('Secret with access-key and secret-key.'),
};

export const tlsSchema = z
  .discriminatedUnion('type', [
    z.strictObject({
      type: z.literal('acme'),
      email: z.string().email({ message: 'expected an e-mail address for the ACME account' }),
      server: z
        .string()
        .url()
        .default('https://acme-v02.api.letsencrypt.org/directory')
        .describe("ACME directory. Default: Let's Encrypt production."),
    }),
    z.strictObject({
      type: z.literal('secret'),
      secretName: dnsLabel('secretName', 253).describe('A kubernetes.io/tls Secret you provide.'),
    }),
    z.strictObject({ type: z.literal('selfSigned') }),
    z.strictObject({ type: z.literal('none') }),
  ])
  .default({ type: 'selfSigned' })
  .describe('How the ingress gets its certificate (cert-manager). Default: selfSigned.');

export const authSchema = z
  .discriminatedUnion('type', [
    z
      .strictObject({ type: z.literal('shiro') })
      .describe("Zeppelin's Shiro realm with the users' password hashes."),
    z.strictObject({
      type: z.literal('oidc'),
      issuerURL: z.string().url(),
      clientID: z.string().min(1),
      clientSecretName: dnsLabel('clientSecretName', 253).describe(
        'Secret with the client secret (key client-secret).',
      ),
    }),
  ])
  .default({ type: 'shiro' })
  .describe('How users log in to Zeppelin. Default: shiro.');

export const notebookStorageSchema = z
  .discriminatedUnion('type', [
    z.strictObject({
      type: z.literal('pvc'),
      size: byteSize.default('10Gi'),
      storageClass: dnsLabel('storageClass', 253)
        .optional()
        .describe("Default: the cloud's block StorageClass."),
    }),
    z.strictObject({
      type: z.literal('git'),
      url: z.string().min(1),
      branch: z.string().min(1).default('main'),
      credentialsSecret: dnsLabel('credentialsSecret', 253).optional(),
    }),
    z.strictObject({ type: z.literal('s3'), ...s3Location }),
  ])
  .default({ type: 'pvc', size: '10Gi' })
  .describe('Where notebooks persist. Default: a 10Gi PVC.');

export const placementSchema = z
  .strictObject({
    platform: dnsLabel('pool', 30)
      .optional()
      .describe('Pool for Zeppelin, history server, operators. Default: the first pool.'),
    interpreters: dnsLabel('pool', 30)
      .optional()
      .describe('Pool for interpreter (driver) pods. Default: the platform pool.'),
    executors: dnsLabel('pool', 30).optional().describe('Pool for Spark executors. Default: the last pool.'),
  })
  .default({})
  .describe('Which node pool runs what (by the aglais.dev/pool node label).');

const resources = z.strictObject({ cpu: quantity, memory: byteSize });

export const zeppelinSchema = z
  .strictObject({
    version: z
      .string()
      .regex(/^\d+\.\d+\.\d+$/)
      .default('0.12.0')
      .describe('Zeppelin release. Default: 0.12.0.'),
    image: z.string().min(1).optional().describe('Server image. Default: apache/zeppelin:<version>.'),
    resources: resources
      .default({ cpu: '2', memory: '4Gi' })
      .describe('Server requests (= limits for memory). Default: 2 CPU, 4Gi.'),
    notebookStorage: notebookStorageSchema,
  })
  .default({
    version: '0.12.0',
    resources: { cpu: '2', memory: '4Gi' },
    notebookStorage: { type: 'pvc', size: '10Gi' },
  });

export const sparkSchema = z
  .strictObject({
    version: z
      .string()
      .regex(/^3\.5\.\d+$/, { message: 'expected a Spark 3.5 release such as 3.5.7' })
      .default('3.5.7')
      .describe('Spark release. Default: 3.5.7.'),
    image: z
      .string()
      .min(1)
      .optional()
      .describe('Image with Spark in /opt/spark. Default: apache/spark:<version>.'),
    driver: z
      .strictObject({ cores: count(1).default(1), memory: byteSize.default('4Gi') })
      .default({ cores: 1, memory: '4Gi' })
      .describe('The driver, which runs in the interpreter pod. Default: 1 core, 4Gi.'),
    executor: z
      .strictObject({
        cores: count(1).default(4),
        memory: byteSize.default('8Gi'),
        min: count(0).default(0).describe('Dynamic allocation floor. Default: 0.'),
        max: count(1).default(8).describe('Dynamic allocation ceiling per user session. Default: 8.'),
      })
      .default({ cores: 4, memory: '8Gi', min: 0, max: 8 })
      .describe('Executors: size and dynamic allocation range (with shuffle tracking).'),
    scratch: z
      .discriminatedUnion('type', [
        z.strictObject({ type: z.literal('emptyDir'), sizeLimit: byteSize.default('50Gi') }),
        z.strictObject({
          type: z.literal('onDemand'),
          size: byteSize.default('100Gi'),
          storageClass: dnsLabel('storageClass', 253).optional(),
        }),
      ])
      .default({ type: 'emptyDir', sizeLimit: '50Gi' })
      .describe(
        'spark.local.dir: emptyDir with a size limit, or an OnDemand claim per executor. Default: emptyDir 50Gi.',
      ),
    operator: z
      .strictObject({ enabled: z.boolean().default(true) })
      .default({ enabled: true })
      .describe('kubeflow spark-operator. Default: enabled.'),
    historyServer: z
      .strictObject({
        enabled: z.boolean().default(true),
        eventLogs: z
          .discriminatedUnion('type', [
            z.strictObject({ type: z.literal('pvc'), size: byteSize.default('50Gi') }),
            z.strictObject({ type: z.literal('s3'), ...s3Location }),
          ])
          .default({ type: 'pvc', size: '50Gi' }),
      })
      .default({ enabled: true, eventLogs: { type: 'pvc', size: '50Gi' } })
      .describe('Spark history server and where event logs go. Default: enabled, 50Gi RWX PVC.'),
  })
  .default({
    version: '3.5.7',
    driver: { cores: 1, memory: '4Gi' },
    executor: { cores: 4, memory: '8Gi', min: 0, max: 8 },
    scratch: { type: 'emptyDir', sizeLimit: '50Gi' },
    operator: { enabled: true },
    historyServer: { enabled: true, eventLogs: { type: 'pvc', size: '50Gi' } },
  });

export const platformSchema = z
  .strictObject({
    domain: hostname.describe('Host name of the platform (Zeppelin at https://<domain>/).'),
    tls: tlsSchema,
    auth: authSchema,
    placement: placementSchema,
    zeppelin: zeppelinSchema,
    spark: sparkSchema,
    livy: z
      .strictObject({ enabled: z.boolean().default(false), version: z.string().default('0.9.0') })
      .default({ enabled: false, version: '0.9.0' })
      .describe("Apache Livy (REST for Spark) with Zeppelin's %livy interpreter. Default: off."),
    monitoring: z
      .strictObject({ enabled: z.boolean().default(false) })
      .default({ enabled: false })
      .describe('Prometheus + Grafana with Spark and Zeppelin metrics. Default: off.'),
  })
  .describe('The analysis platform on the workload cluster.');

export type PlatformComponentsSpec = z.output<typeof platformSchema>;
export type SparkSpec = z.output<typeof sparkSchema>;
export type ZeppelinSpec = z.output<typeof zeppelinSchema>;
