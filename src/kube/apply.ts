/**
 * Server-side apply, read and delete of single objects, with one field manager.
 * An apply first reads the live object and skips the write when it would change
 * nothing (see ./compare.ts), so a second `up` of an unchanged spec writes nothing.
 */
import type { KubernetesObject } from '../render/types.js';
import type { KubeClient } from './client.js';
import { applyChanges, withDigest } from './compare.js';
import { KubeApiError, fieldConflicts, isNotFound, type FieldConflict } from './errors.js';
import { describeRef, objectPath, resourceFor, type ObjectRef } from './resources.js';
import { toWire } from './secrets.js';

/** The field manager of everything aglais applies. */
export const fieldManager = 'aglais';

export type LiveObject = KubernetesObject & {
  metadata: KubernetesObject['metadata'] & {
    resourceVersion?: string;
    uid?: string;
    deletionTimestamp?: string;
  };
  status?: Record<string, unknown>;
};

export interface ApplyOptions {
  /** Server-side dry-run: validated and defaulted by the server, never stored. Default false. */
  readonly dryRun?: boolean;
  /** Take over fields another manager owns. Default false: a conflict is an error. */
  readonly force?: boolean;
  /** Field manager. Default {@link fieldManager}. */
  readonly manager?: string;
}

export type ApplyAction = 'created' | 'configured' | 'unchanged';

export interface ApplyResult {
  readonly action: ApplyAction;
  /** The object as the server returned it (for dry-run: as it would be). */
  readonly object: LiveObject;
  /** The live object before the apply, if any. */
  readonly before?: LiveObject;
}

/** A field owned by another manager: aglais will not overwrite it without --force-conflicts. */
export class ConflictError extends KubeApiError {
  readonly ref: ObjectRef;
  readonly conflicts: readonly FieldConflict[];
  constructor(ref: ObjectRef, source: KubeApiError) {
    const conflicts = fieldConflicts(source);
    super(409, 'Conflict', conflictMessage(ref, conflicts), source.causes);
    this.name = 'ConflictError';
    this.ref = ref;
    this.conflicts = conflicts;
  }
}

export function conflictMessage(ref: ObjectRef, conflicts: readonly FieldConflict[]): string {
  const lines = conflicts.map((c) => `  ${c.field} is owned by field manager "${c.manager}"`);
  return [
    `apply: ${describeRef(ref)}: ${conflicts.length === 1 ? 'a field aglais sets is' : `${conflicts.length} fields aglais sets are`} owned by another field manager:`,
    ...(lines.length ? lines : ['  (the server named no field)']),
    'aglais has not changed them. Rerun with --force-conflicts to take them over, or change them back.',
  ].join('\n');
}

export function refOf(o: KubernetesObject): ObjectRef {
  return {
    apiVersion: o.apiVersion,
    kind: o.kind,
    name: o.metadata.name,
    ...(o.metadata.namespace ? { namespace: o.metadata.namespace } : {}),
  };
}

/** The live object, or undefined when it does not exist. */
export async function getObject(client: KubeClient, ref: ObjectRef): Promise<LiveObject | undefined> {
  const r = await resourceFor(client, ref.apiVersion, ref.kind);
  try {
    return await client.request<LiveObject>(objectPath(r, ref.name, ref.namespace));
  } catch (e) {
    if (isNotFound(e)) return undefined;
    throw e;
  }
}

export async function applyObject(
  client: KubeClient,
  desired: KubernetesObject,
  opts: ApplyOptions = {},
): Promise<ApplyResult> {
  const manager = opts.manager ?? fieldManager;
  const wire = withDigest(toWire(desired));
  const ref = refOf(wire);
  const r = await resourceFor(client, ref.apiVersion, ref.kind);
  const path = objectPath(r, ref.name, ref.namespace);
  let before: LiveObject | undefined;
  try {
    before = await client.request<LiveObject>(path);
  } catch (e) {
    if (!isNotFound(e)) throw e;
  }
  if (before && !opts.dryRun && !applyChanges(wire as Record<string, unknown>, before, manager)) {
    return { action: 'unchanged', object: before, before };
  }
  let object: LiveObject;
  try {
    object = await client.request<LiveObject>(path, {
      method: 'PATCH',
      contentType: 'application/apply-patch+yaml',
      body: wire,
      query: {
        fieldManager: manager,
        fieldValidation: 'Strict',
        force: opts.force ? true : undefined,
        dryRun: opts.dryRun ? 'All' : undefined,
      },
    });
  } catch (e) {
    if (e instanceof KubeApiError && e.status === 409 && e.reason === 'Conflict')
      throw new ConflictError(ref, e);
    if (e instanceof KubeApiError) {
      throw new KubeApiError(e.status, e.reason, `apply: ${describeRef(ref)}: ${e.message}`, e.causes);
    }
    throw e;
  }
  const action: ApplyAction = !before
    ? 'created'
    : before.metadata.resourceVersion === object.metadata.resourceVersion
      ? 'unchanged'
      : 'configured';
  return { action, object, ...(before ? { before } : {}) };
}

export type Propagation = 'Background' | 'Foreground' | 'Orphan';

/** Deletes an object; true when a delete was sent, false when it was already gone. */
export async function deleteObject(
  client: KubeClient,
  ref: ObjectRef,
  propagation: Propagation = 'Background',
): Promise<boolean> {
  const r = await resourceFor(client, ref.apiVersion, ref.kind);
  try {
    await client.request(objectPath(r, ref.name, ref.namespace), {
      method: 'DELETE',
      body: { kind: 'DeleteOptions', apiVersion: 'v1', propagationPolicy: propagation },
    });
    return true;
  } catch (e) {
    if (isNotFound(e)) return false;
    throw e;
  }
}
