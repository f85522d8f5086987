/** Read-only data sets: where they come from, where they are mounted, and their tables. */
import { z } from 'zod';
import { byteSize, count, dnsLabel } from './fields.js';

const identifier = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, { message: 'expected a Spark SQL identifier (letters, digits, _)' });

export const dataSourceSchema = z
  .discriminatedUnion('type', [
    z
      .strictObject({
        type: z.literal('manila'),
        shareName: z.string().min(1).optional().describe('Manila share name (give this or shareID).'),
        shareID: z.string().min(1).optional().describe('Manila share id.'),
        accessRuleName: z.string().min(1).optional().describe('The cephx access rule (user) to mount with.'),
        accessRuleID: z.string().min(1).optional().describe('The access rule id.'),
        mode: z
          .enum(['csi', 'nodeMount'])
          .default('csi')
          .describe(
            'csi: a static PV through the Manila CSI driver; nodeMount: mounted on every node at boot and given to pods as a read-only hostPath. Default: csi.',
          ),
      })
      .describe('An OpenStack Manila CephFS share (OpenStack only).'),
    z.strictObject({
      type: z.literal('nfs'),
      server: z.string().min(1),
      path: z.string().startsWith('/', { message: 'expected an absolute export path' }),
    }),
    z
      .strictObject({
        type: z.literal('cephfs'),
        fsName: z.string().min(1).default('gaia').describe('Rook CephFilesystem name. Default: gaia.'),
        path: z.string().startsWith('/', { message: 'expected an absolute path in the filesystem' }),
        clusterNamespace: dnsLabel('clusterNamespace')
          .default('rook-ceph')
          .describe('Namespace of the Rook cluster. Default: rook-ceph.'),
      })
      .describe('A path in a Rook CephFS filesystem.'),
    z
      .strictObject({
        type: z.literal('pvc'),
        claimName: dnsLabel('claimName', 253),
      })
      .describe(
        'An existing ReadOnlyMany/ReadWriteMany claim of this name in every user namespace (pods cannot mount a claim of another namespace).',
      ),
    z
      .strictObject({
        type: z.literal('s3'),
        bucket: z
          .string()
          .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, { message: 'expected an S3 bucket name' }),
        prefix: z.string().default('').describe('Key prefix of the data set in the bucket.'),
        endpoint: z
          .string()
          .url({ message: 'expected an endpoint URL such as https://s3.example.org' })
          .optional()
          .describe("Endpoint. Default: the cloud's object store."),
        pathStyle: z
          .boolean()
          .default(true)
          .describe('Path-style addressing (Ceph RGW and most non-AWS stores). Default: true.'),
        region: z.string().min(1).optional(),
        credentialsSecret: dnsLabel('credentialsSecret', 253)
          .optional()
          .describe('Secret with access-key and secret-key. Default: anonymous.'),
      })
      .describe('Objects in an S3-compatible store: read by Spark through S3A, not mounted.'),
    z
      .strictObject({
        type: z.literal('hostPath'),
        path: z.string().startsWith('/', { message: 'expected an absolute path' }),
      })
      .describe('A directory on every node (dev clusters only).'),
  ])
  .describe('Where the data set lives; `type` picks the branch.');

export const tableSchema = z
  .strictObject({
    name: identifier.describe('Table name.'),
    database: identifier.optional().describe("Spark database. Default: the data set's database."),
    location: z.string().min(1).describe('Directory (or S3 prefix) of the table, relative to the data set.'),
    partitionedBy: z.array(identifier).default([]).describe('Partition columns (k=v directories).'),
    bucketing: z
      .strictObject({
        columns: z.array(identifier).min(1),
        buckets: count(1),
        sortedBy: z.array(identifier).default([]),
      })
      .optional()
      .describe('Spark bucketing, as the Gaia tables: 2048 buckets by source_id, sorted by source_id.'),
  })
  .describe('An external Spark table over files of the data set.');

export const datasetSchema = z
  .strictObject({
    name: dnsLabel('data set name', 40),
    mountPath: z
      .string()
      .regex(/^\/[\w.\-/]*$/, { message: 'expected an absolute path such as /data/gaia/GDR3' })
      .describe('Where the data set appears in interpreter and executor pods, such as /data/gaia/GDR3.'),
    size: byteSize.default('1Ti').describe('Size announced by the static PersistentVolume. Default: 1Ti.'),
    database: identifier.optional().describe('Default Spark database of its tables.'),
    source: dataSourceSchema,
    tables: z.array(tableSchema).default([]),
  })
  .describe('A read-only data set mounted into every interpreter and executor.');

export type DatasetSpec = z.output<typeof datasetSchema>;
export type DataSourceSpec = z.output<typeof dataSourceSchema>;
export type TableSpec = z.output<typeof tableSchema>;
