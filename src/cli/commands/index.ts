import type { Command } from 'commander';
import { register as plan } from './plan.js';
import { register as validate } from './validate.js';
import { register as data } from './data.js';
import { register as check } from './check.js';

/** Every command, in the order `aglais --help` lists them. */
export const commands: ReadonlyArray<(program: Command) => void> = [plan, validate, data, check];
