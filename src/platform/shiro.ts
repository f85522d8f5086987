/**
 * Zeppelin's shiro.ini: the spec's users with their password hashes (Shiro
 * `$shiro1$` hashes, checked by Shiro's PasswordMatcher), admins in the admin
 * role; or OIDC through pac4j, the client secret filled in at start from its
 * Secret (placeholder below) so that it is never rendered.
 */
import type { Platform } from '../spec/schema.js';
import { effectiveUsers } from './users.js';

export const oidcSecretPlaceholder = '__AGLAIS_OIDC_CLIENT_SECRET__';

/** URLs only admins may use: interpreter, configuration and credential settings. */
const adminUrls = ['/api/interpreter/**', '/api/configurations/**', '/api/credential/**', '/api/admin/**'];

export function shiroIni(p: Platform): string {
  const auth = p.spec.platform.auth;
  const users = effectiveUsers(p);
  const lines: string[] = ['[main]'];
  if (auth.type === 'shiro') {
    lines.push(
      'passwordMatcher = org.apache.shiro.authc.credential.PasswordMatcher',
      'iniRealm.credentialsMatcher = $passwordMatcher',
      'sessionManager = org.apache.shiro.web.session.mgt.DefaultWebSessionManager',
      'securityManager.sessionManager = $sessionManager',
      'securityManager.sessionManager.globalSessionTimeout = 86400000',
      'shiro.loginUrl = /api/login',
      '',
      '[users]',
    );
    const byName = new Map(p.spec.users.map((u) => [u.name, u]));
    for (const u of users) {
      const hash = byName.get(u.name)?.passwordHash ?? '';
      lines.push(`${u.name} = ${hash}, ${u.admin ? 'admin, user' : 'user'}`);
    }
    lines.push('', '[roles]', 'admin = *', 'user = *');
  } else {
    const discovery = `${auth.issuerURL.replace(/\/$/, '')}/.well-known/openid-configuration`;
    lines.push(
      'oidcConfig = org.pac4j.oidc.config.OidcConfiguration',
      `oidcConfig.discoveryURI = ${discovery}`,
      `oidcConfig.clientId = ${auth.clientID}`,
      `oidcConfig.secret = ${oidcSecretPlaceholder}`,
      'oidcConfig.clientAuthenticationMethodAsString = client_secret_basic',
      'oidcClient = org.pac4j.oidc.client.OidcClient',
      'oidcClient.configuration = $oidcConfig',
      'clients = org.pac4j.core.client.Clients',
      `clients.callbackUrl = https://${p.spec.platform.domain}/api/callback`,
      'clients.clients = $oidcClient',
      'requireRoleAdmin = org.pac4j.core.authorization.authorizer.RequireAnyRoleAuthorizer',
      'config = org.pac4j.core.config.Config',
      'config.clients = $clients',
      'pac4jRealm = io.buji.pac4j.realm.Pac4jRealm',
      'pac4jSubjectFactory = io.buji.pac4j.subject.Pac4jSubjectFactory',
      'securityManager.subjectFactory = $pac4jSubjectFactory',
      'oidcSecurityFilter = io.buji.pac4j.filter.SecurityFilter',
      'oidcSecurityFilter.config = $config',
      'oidcSecurityFilter.clients = oidcClient',
      'callbackFilter = io.buji.pac4j.filter.CallbackFilter',
      'callbackFilter.config = $config',
      '',
      '[roles]',
      'admin = *',
      'user = *',
    );
  }
  lines.push('', '[urls]', '/api/version = anon', '/api/cluster/address = anon');
  if (auth.type === 'oidc') {
    lines.push('/api/callback = callbackFilter');
    for (const u of adminUrls) lines.push(`${u} = oidcSecurityFilter, roles[admin]`);
    lines.push('/** = oidcSecurityFilter');
  } else {
    for (const u of adminUrls) lines.push(`${u} = authc, roles[admin]`);
    lines.push('/** = authc');
  }
  return `${lines.join('\n')}\n`;
}
