/**
 * Test support: a small CRD written for the purpose, with every structural-schema
 * keyword in one place (group test.example.org, kinds Widget and Gadget), and
 * helpers to build Widgets and check them.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { KubernetesObject } from '../render/types.js';
import { crdValidatorFor, formatFinding, validateObjects, type CrdValidator } from './index.js';

export const crdYaml = `
apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: widgets.test.example.org
spec:
  group: test.example.org
  names: {kind: Widget, listKind: WidgetList, plural: widgets, singular: widget}
  scope: Namespaced
  versions:
  - name: v1
    served: true
    storage: true
    schema:
      openAPIV3Schema:
        type: object
        properties:
          apiVersion: {type: string}
          kind: {type: string}
          metadata: {type: object}
          spec:
            type: object
            required: [size]
            x-kubernetes-validations:
            - rule: self.minReplicas <= self.maxReplicas
              message: minReplicas above maxReplicas
            properties:
              size:
                x-kubernetes-int-or-string: true
                anyOf: [{type: integer}, {type: string}]
                pattern: '^[0-9]+(Mi|Gi)$'
              replicas: {type: integer, format: int32, default: 1}
              minReplicas: {type: integer}
              maxReplicas: {type: integer}
              mode: {type: string, enum: [fast, slow], default: fast}
              note: {type: string, nullable: true}
              data: {type: string, format: byte}
              since: {type: string, format: date-time}
              fancy: {type: string, format: made-up-by-someone}
              ratio: {type: number, minimum: 0, exclusiveMinimum: true}
              tags:
                type: array
                items: {type: string}
                x-kubernetes-list-type: set
              ports:
                type: array
                x-kubernetes-list-type: map
                x-kubernetes-list-map-keys: [port, protocol]
                items:
                  type: object
                  required: [port]
                  properties:
                    port: {type: integer}
                    protocol: {type: string, default: TCP}
              values:
                type: object
                x-kubernetes-preserve-unknown-fields: true
              partlyFree:
                type: object
                x-kubernetes-preserve-unknown-fields: true
                properties:
                  known:
                    type: object
                    properties:
                      a: {type: string}
              template:
                type: object
                x-kubernetes-embedded-resource: true
                x-kubernetes-preserve-unknown-fields: true
              strictTemplate:
                type: object
                x-kubernetes-embedded-resource: true
                properties:
                  spec:
                    type: object
                    properties:
                      x: {type: string}
              labels:
                type: object
                additionalProperties: {type: string}
              options:
                type: object
                properties:
                  retries: {type: integer, default: 3}
                  backoff: {type: string, default: 10s}
              choice:
                type: object
                anyOf: [{required: [a]}, {required: [b]}]
                properties:
                  a: {type: string}
                  b: {type: string}
  - name: v1beta1
    served: false
    storage: false
    schema:
      openAPIV3Schema: {type: object}
---
apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: gadgets.test.example.org
spec:
  group: test.example.org
  names: {kind: Gadget, plural: gadgets}
  scope: Cluster
  versions:
  - name: v1
    served: true
    storage: true
    schema:
      openAPIV3Schema:
        type: object
        properties:
          spec: {type: object, properties: {colour: {type: string}}}
`;

/** A temporary directory holding the Widget CRDs; `dispose` removes it. */
export function widgetCrdDir(): { dir: string; dispose: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'aglais-validate-'));
  writeFileSync(join(dir, 'widgets.yaml'), crdYaml);
  return { dir, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A validator over the Widget CRDs in `dir`, without the on-disk cache. */
export function widgetValidator(dir: string): CrdValidator {
  return crdValidatorFor([dir], { cacheDir: undefined });
}

export function widget(
  spec: Record<string, unknown>,
  metadata: Record<string, unknown> = { name: 'w1', namespace: 'ns1' },
): KubernetesObject {
  return { apiVersion: 'test.example.org/v1', kind: 'Widget', metadata, spec } as unknown as KubernetesObject;
}

/** The findings for one object, formatted. */
export async function findingsFor(crds: CrdValidator, object: unknown): Promise<string[]> {
  return (await validateObjects([{ target: 'management', object }], { crds })).map(formatFinding);
}

/** The identity of the default Widget in findings. */
export const widgetId = 'management/Widget/ns1/w1';
