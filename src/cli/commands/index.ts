import type { Command } from 'commander';
import { register as init } from './init.js';
import { register as schema } from './schema.js';
import { register as plan } from './plan.js';
import { register as compare } from './compare.js';
import { register as validate } from './validate.js';
import { register as up } from './up.js';
import { register as diff } from './diff.js';
import { register as status } from './status.js';
import { register as down } from './down.js';
import { register as data } from './data.js';
import { register as check } from './check.js';
import { register as hashPassword } from './hash-password.js';

/** Every command, in the order `aglais --help` lists them. */
export const commands: ReadonlyArray<(program: Command) => void> = [
  init,
  schema,
  plan,
  compare,
  validate,
  up,
  diff,
  status,
  down,
  data,
  check,
  hashPassword,
];
