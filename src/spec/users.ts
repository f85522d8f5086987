/** The platform's users and the share of the cluster each may hold. */
import { z } from 'zod';
import { byteSize, dnsLabel, quantity } from './fields.js';

export const quotaSchema = z
  .strictObject({
    cpu: quantity
      .default('16')
      .describe('CPU a user may request in all (interpreter + executors). Default: 16.'),
    memory: byteSize.default('64Gi').describe('Memory a user may request in all. Default: 64Gi.'),
    pods: z.number().int().positive().default(40).describe('Pods at once. Default: 40.'),
    storage: byteSize.default('200Gi').describe('Persistent storage requested in all. Default: 200Gi.'),
  })
  .describe("A user's share of the cluster (a ResourceQuota on the user's namespace).");

export const userDefaultsSchema = z
  .strictObject({
    quota: quotaSchema.default({ cpu: '16', memory: '64Gi', pods: 40, storage: '200Gi' }),
    homeSize: byteSize.default('1Gi').describe('Home volume. Default: 1Gi.'),
    volumeSize: byteSize.default('50Gi').describe('User data volume. Default: 50Gi.'),
  })
  .default({
    quota: { cpu: '16', memory: '64Gi', pods: 40, storage: '200Gi' },
    homeSize: '1Gi',
    volumeSize: '50Gi',
  })
  .describe('What every user gets unless their entry says otherwise.');

export const userSchema = z
  .strictObject({
    name: dnsLabel('user name', 40).describe('Login name; the user namespace is user-<name>.'),
    fullName: z.string().optional(),
    email: z.string().email({ message: 'expected an e-mail address' }).optional(),
    admin: z.boolean().default(false).describe('May manage interpreters and see every note. Default: false.'),
    passwordHash: z
      .string()
      .regex(/^\$shiro1\$SHA-(256|512)\$\d+\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/, {
        message:
          'expected a Shiro hash such as $shiro1$SHA-256$500000$<salt>$<hash> (never a plain password)',
      })
      .optional()
      .describe('Shiro password hash. Not needed with OIDC.'),
    quota: quotaSchema.partial().optional().describe('Overrides of the default quota for this user.'),
    homeSize: byteSize.optional(),
    volumeSize: byteSize.optional(),
  })
  .describe('A platform user.');

export type UserSpec = z.output<typeof userSchema>;
export type UserDefaultsSpec = z.output<typeof userDefaultsSchema>;
export type QuotaSpec = z.output<typeof quotaSchema>;
