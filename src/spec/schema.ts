/**
 * The platform spec (`kind: Platform`). Every default is given here and shown
 * in the JSON Schema (`aglais schema`); unknown keys are errors everywhere.
 */
import { z } from 'zod';
import { cloudSchema } from './cloud.js';
import { controlPlaneSchema, kubernetesSchema, nodePoolSchema } from './cluster.js';
import { datasetSchema } from './datasets.js';
import { dnsLabel, labels } from './fields.js';
import { platformSchema } from './platform.js';
import { userDefaultsSchema, userSchema } from './users.js';

export const apiVersion = 'aglais.dev/v1alpha1';

export const specSchema = z.strictObject({
  cloud: cloudSchema,
  kubernetes: kubernetesSchema,
  controlPlane: controlPlaneSchema,
  nodePools: z.array(nodePoolSchema).min(1, { message: 'expected at least one node pool' }),
  datasets: z.array(datasetSchema).default([]),
  userDefaults: userDefaultsSchema,
  users: z.array(userSchema).default([]),
  platform: platformSchema,
});

export const platformSpecSchema = z
  .strictObject({
    apiVersion: z.literal(apiVersion, { message: `expected apiVersion ${apiVersion}` }),
    kind: z.literal('Platform', { message: 'expected kind Platform' }),
    metadata: z.strictObject({
      name: dnsLabel('metadata.name', 40).describe(
        'Platform name; prefixes every object (at most 40 characters).',
      ),
      namespace: dnsLabel('metadata.namespace')
        .optional()
        .describe('Management-cluster namespace for the Cluster API objects. Default: the platform name.'),
      labels: labels.default({}).describe('Extra labels for every rendered object.'),
    }),
    spec: specSchema,
  })
  .describe(
    'An aglais platform: a Kubernetes cluster on a cloud with a Zeppelin + Spark analysis platform on it.',
  );

/** A validated platform spec with every default filled in. */
export type Platform = z.output<typeof platformSpecSchema>;
/** A platform spec as a user writes it. */
export type PlatformInput = z.input<typeof platformSpecSchema>;
