/**
 * What `aglais check` checks: a URL (http:// or https://), or a platform spec
 * whose `spec.platform.domain` names the host (Zeppelin at https://<domain>/).
 */
import { ExitCode, UserError } from '../cli/errors.js';

export interface Target {
  readonly url: string;
  /** How the URL was found, for the report ("URL" or "spec FILE"). */
  readonly from: string;
}

export async function resolveTarget(target: string): Promise<Target> {
  if (/^https?:\/\//i.test(target)) {
    let u: URL;
    try {
      u = new URL(target);
    } catch {
      throw new UserError(`check: ${target} is not a valid URL`, ExitCode.usage);
    }
    return { url: u.toString().replace(/\/+$/, ''), from: 'URL' };
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(target)) {
    throw new UserError(
      `check: ${target}: expected an http:// or https:// URL, or a platform spec file`,
      ExitCode.usage,
    );
  }
  // A spec: the spec module validates it fully (file:line:column errors) before we read the domain.
  const { loadSpecFile } = await import('../spec/load.js');
  const spec = await loadSpecFile(target);
  return { url: `https://${spec.spec.platform.domain}`, from: `spec ${target}` };
}
