/** The first check of every lifecycle command: does the cluster answer at all? */
import { ExitCode, UserError } from '../cli/errors.js';
import type { KubeClient } from '../kube/client.js';
import { KubeApiError } from '../kube/errors.js';

export async function preflightReachable(client: KubeClient): Promise<void> {
  try {
    // Fail fast here: a cluster that does not answer at the start is not restarting.
    await client.request('/version', { retryMs: 2000 });
  } catch (e) {
    throw new UserError(
      `preflight: cannot reach cluster ${client.name} at ${client.server}: ${e instanceof KubeApiError ? e.message : String(e)}`,
      ExitCode.remote,
    );
  }
}
