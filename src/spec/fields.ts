/**
 * Small zod building blocks shared by the spec's parts. Each carries the
 * message a user sees when a value does not fit, so errors say what was expected.
 */
import { z } from 'zod';

/** A DNS-1123 label: what Kubernetes accepts as a namespace or Service name. */
export const dnsLabel = (what: string, max = 63) =>
  z
    .string()
    .max(max, { message: `${what} must be at most ${max} characters` })
    .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, {
      message: `${what} must be a DNS label: lower-case letters, digits and '-', starting and ending with a letter or digit`,
    });

/** A Kubernetes resource quantity such as `8Gi`, `500m` or `2`. */
export const quantity = z
  .union([z.string(), z.number()])
  .transform((v) => String(v))
  .pipe(
    z.string().regex(/^([+]?[0-9.]+)([eE][-+]?[0-9]+|[numkMGTPE]i?|Ki)?$/, {
      message: 'expected a Kubernetes quantity such as 8Gi, 500m or 4',
    }),
  );

/** A memory or storage size, in binary units (`512Mi`, `8Gi`, `2Ti`). */
export const byteSize = z.string().regex(/^[0-9]+(\.[0-9]+)?(Ki|Mi|Gi|Ti|Pi|k|M|G|T|P)?$/, {
  message: 'expected a size such as 512Mi, 8Gi or 2Ti',
});

/** A Kubernetes label map: keys may carry a DNS prefix, values ≤ 63 characters. */
export const labels = z.record(
  z.string().regex(/^([a-z0-9]([-a-z0-9.]*[a-z0-9])?\/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/, {
    message: 'expected a label key such as example.org/role or role',
  }),
  z.string().regex(/^(([A-Za-z0-9][-A-Za-z0-9_.]{0,61})?[A-Za-z0-9])?$/, {
    message: 'expected a label value: at most 63 letters, digits, -, _ or .',
  }),
);

/** An IPv4 CIDR block such as `10.10.0.0/24`. */
export const cidr = z
  .string()
  .regex(/^((25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(25[0-5]|2[0-4]\d|1?\d?\d)\/(3[0-2]|[12]?\d)$/, {
    message: 'expected an IPv4 CIDR block such as 10.10.0.0/24',
  });

/** A reference by name or by id (exactly one), as OpenStack and other clouds accept. */
export const nameOrId = (what: string) =>
  z
    .strictObject({
      name: z.string().min(1).optional().describe(`The ${what}'s name.`),
      id: z
        .string()
        .min(1)
        .optional()
        .describe(`The ${what}'s id (wins over the name when both could match).`),
    })
    .refine((v) => (v.name === undefined) !== (v.id === undefined), {
      message: `give the ${what}'s name or its id, exactly one of them`,
    });

/** A positive whole number. */
export const count = (min = 0) => z.number().int().min(min);

/** A reference to a Secret and, optionally, where its values come from when aglais creates it. */
export const secretRef = (what: string, defaultKeys: string) =>
  z
    .strictObject({
      secretName: dnsLabel('secretName', 253).describe(`Name of the Secret holding the ${what}.`),
      fromFile: z
        .string()
        .min(1)
        .optional()
        .describe(
          `A local file whose content becomes the Secret (${defaultKeys}). Read only with --include-secrets or by 'up'; never printed.`,
        ),
      fromEnv: z
        .record(
          z.string(),
          z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, { message: 'expected an environment variable name' }),
        )
        .optional()
        .describe('Secret keys filled from environment variables: {key: ENV_VAR}.'),
    })
    .describe(`Where the ${what} are kept. Their values are never written unless you ask for them.`);
