/** The plan command's work, apart from argument parsing so that tests can call it. */
import { ExitCode, UserError } from '../cli/errors.js';
import { cloudOf } from '../clouds/registry.js';
import { manifestFiles, writeHostFiles, writeManifests } from '../manifest/write.js';
import { render } from '../render/index.js';
import { readSecretValues } from '../secrets/read.js';
import { loadSpec } from '../spec/load.js';
import { formatSummary, summarize } from './summary.js';

export interface PlanRunOptions {
  readonly output?: string;
  readonly includeSecrets?: boolean;
}

/** Returns what plan prints on stdout. */
export async function runPlan(specPath: string, opts: PlanRunOptions): Promise<string> {
  const { platform } = await loadSpec(specPath);
  const secrets = opts.includeSecrets ? await readSecretValues(platform) : undefined;
  const objects = render(platform, secrets ? { secrets } : {});
  const summary = summarize(platform, objects);
  if (summary.capacity.errors.length) {
    const list = summary.capacity.errors.map((e) => `  - ${e}`).join('\n');
    throw new UserError(
      `plan: ${specPath}: the platform cannot be scheduled on its nodes:\n${list}`,
      ExitCode.usage,
    );
  }
  if (opts.output === 'json') return `${JSON.stringify(summary, null, 2)}\n`;
  if (opts.output === 'yaml') return [...manifestFiles(objects).values()].join('');
  const { module, platform: onCloud } = cloudOf(platform);
  let text = formatSummary(summary);
  if (module.planNotes) text += `\n${module.planNotes(onCloud)}`;
  if (opts.output !== undefined) {
    const written = await writeManifests(opts.output, objects);
    text += `\nWrote ${objects.length} objects to ${written.length} files:\n${written.map((w) => `  ${w}`).join('\n')}\n`;
    const host = module.hostArtefacts?.(onCloud);
    if (host) {
      const files = await writeHostFiles(opts.output, host);
      text += `\nWrote ${files.length} host files (apply with each host's apply.sh before 'up'):\n${files.map((w) => `  ${w}`).join('\n')}\n`;
    }
  } else {
    text += '\n(nothing written: -o DIR writes the manifests)\n';
  }
  return text;
}
