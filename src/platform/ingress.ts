/**
 * Ingress and TLS. The ingress controller (and its load balancer, per cloud)
 * is an addon rendered by the cluster renderer; here: the Zeppelin Ingress and
 * cert-manager's issuer. ACME uses a namespaced Issuer (HTTP-01 through the
 * ingress class), self-signed a namespaced self-signed Issuer, a provided
 * certificate is used as it is, and `none` serves plain HTTP.
 */
import type { ClusterContext } from '../render/seam.js';
import type { RenderedObject } from '../render/types.js';
import type { Platform } from '../spec/schema.js';
import { part, platformNamespace, workload, zeppelinHttpPort } from './names.js';
import { zeppelinServiceName } from './zeppelin.js';

export const certManagerVersion = 'cert-manager.io/v1';

/** Name of the TLS Secret the Ingress serves. */
export function tlsSecretName(p: Platform): string | undefined {
  const tls = p.spec.platform.tls;
  if (tls.type === 'none') return undefined;
  return tls.type === 'secret' ? tls.secretName : 'zeppelin-tls';
}

export function ingressObjects(p: Platform, cluster: ClusterContext): RenderedObject[] {
  const tls = p.spec.platform.tls;
  const ns = platformNamespace;
  const out: RenderedObject[] = [];
  let issuer: string | undefined;
  if (tls.type === 'acme') {
    issuer = 'acme';
    out.push(
      workload(
        'platform',
        part(p, 'ingress', certManagerVersion, 'Issuer', issuer, ns, {
          spec: {
            acme: {
              server: tls.server,
              email: tls.email,
              privateKeySecretRef: { name: 'acme-account-key' },
              solvers: [{ http01: { ingress: { ingressClassName: cluster.ingressClass } } }],
            },
          },
        }),
      ),
    );
  } else if (tls.type === 'selfSigned') {
    issuer = 'self-signed';
    out.push(
      workload(
        'platform',
        part(p, 'ingress', certManagerVersion, 'Issuer', issuer, ns, { spec: { selfSigned: {} } }),
      ),
    );
  }
  const secret = tlsSecretName(p);
  const host = p.spec.platform.domain;
  const ingress = part(p, 'ingress', 'networking.k8s.io/v1', 'Ingress', 'zeppelin', ns, {
    spec: {
      ingressClassName: cluster.ingressClass,
      ...(secret ? { tls: [{ hosts: [host], secretName: secret }] } : {}),
      rules: [
        {
          host,
          http: {
            paths: [
              {
                path: '/',
                pathType: 'Prefix',
                backend: { service: { name: zeppelinServiceName, port: { number: zeppelinHttpPort } } },
              },
            ],
          },
        },
      ],
    },
  });
  ingress.metadata.annotations = {
    ...(issuer ? { 'cert-manager.io/issuer': issuer } : {}),
    // Notebook websockets stay open for hours.
    'nginx.ingress.kubernetes.io/proxy-read-timeout': '3600',
    'nginx.ingress.kubernetes.io/proxy-send-timeout': '3600',
    ...(secret ? { 'nginx.ingress.kubernetes.io/ssl-redirect': 'true' } : {}),
  };
  out.push(workload('platform', ingress));
  return out;
}
