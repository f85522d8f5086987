/**
 * Test support (not used by aglais itself): rendering our interpreter template
 * with real Jinjava, the engine Zeppelin's Kubernetes launcher uses, from the
 * bindings the launcher gives. Jinjava comes from scripts/setup/27-jinjava.sh;
 * src/platform/testdata/RenderTemplate.java drives it.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments } from 'yaml';
import type { Platform } from '../spec/schema.js';
import { interpreterSettings, interpreterTemplate } from './interpreters.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const jars = join(homedir(), '.cache', 'aglais', 'jinjava', '2.7.2');
const ci = process.env['CI'] === 'true';

/** Why Jinjava cannot run here, or undefined. Under CI a missing peer is a failure. */
export function jinjavaMissing(): string | undefined {
  const why = !existsSync(join(jars, 'jinjava-2.7.2.jar'))
    ? 'interpreter-template: Jinjava missing; run bash scripts/setup/27-jinjava.sh'
    : spawnSync('java', ['-version']).status !== 0
      ? 'interpreter-template: no Java (17) on PATH'
      : undefined;
  if (why && ci) throw new Error(`${why} (CI=true: a missing test peer is a failure)`);
  return why;
}

/** What Zeppelin's launcher binds for one interpreter of `setting` (a spark_<user> or md setting). */
export function bindings(p: Platform, setting: string, group: string, pod: string): Record<string, unknown> {
  const s = (
    interpreterSettings(p).interpreterSettings as Record<
      string,
      { properties: Record<string, { value: string }> }
    >
  )[setting];
  assert.ok(s, setting);
  const props = Object.fromEntries(Object.entries(s.properties).map(([k, v]) => [k, v.value]));
  const ns = props['zeppelin.k8s.interpreter.namespace'] ?? 'aglais';
  const envs: Record<string, string> = {
    SERVICE_DOMAIN: p.spec.platform.domain,
    ZEPPELIN_HOME: '/opt/zeppelin',
    INTERPRETER_GROUP_ID: `${setting}-shared_process`,
  };
  const b: Record<string, unknown> = {
    'zeppelin.k8s.interpreter.user': props['aglais.user'] ?? 'admin',
    'zeppelin.k8s.interpreter.namespace': ns,
    'zeppelin.k8s.interpreter.pod.name': pod,
    'zeppelin.k8s.interpreter.serviceAccount': props['zeppelin.k8s.interpreter.serviceAccount'] ?? 'default',
    'zeppelin.k8s.interpreter.container.name': group,
    'zeppelin.k8s.interpreter.container.image': 'apache/zeppelin:0.12.0',
    'zeppelin.k8s.interpreter.group.id': `${setting}-shared_process`,
    'zeppelin.k8s.interpreter.group.name': group,
    'zeppelin.k8s.interpreter.setting.name': setting,
    'zeppelin.k8s.interpreter.localRepo': '/tmp/local-repo',
    'zeppelin.k8s.interpreter.rpc.portRange': '12321:12321',
    'zeppelin.k8s.server.rpc.service': 'zeppelin-server.aglais.svc',
    'zeppelin.k8s.server.rpc.portRange': 12320,
  };
  if (group === 'spark') {
    b['zeppelin.k8s.spark.container.image'] = 'apache/spark:3.5.7';
    envs['SPARK_HOME'] = '/spark';
    envs['SPARK_SUBMIT_OPTIONS'] =
      ` --master k8s://https://kubernetes.default.svc --deploy-mode client --conf spark.kubernetes.namespace=${ns} --conf spark.driver.host=${pod}.${ns}.svc --conf spark.driver.port=22321`;
    // spark.driver.memory + spark.driver.memoryOverhead, and spark.driver.cores.
    b['zeppelin.k8s.interpreter.memory'] = '4505Mi';
    b['zeppelin.k8s.interpreter.cores'] = props['spark.driver.cores'];
  }
  b['zeppelin.k8s.envs'] = envs;
  return { ...b, ...props };
}

export function renderTemplate(p: Platform, b: Record<string, unknown>): Record<string, unknown>[] {
  const dir = mkdtempSync(join(tmpdir(), 'aglais-jinjava-'));
  try {
    writeFileSync(join(dir, 'template.yaml'), interpreterTemplate(p));
    writeFileSync(join(dir, 'bindings.json'), JSON.stringify(b));
    const r = spawnSync(
      'java',
      [
        '-cp',
        `${jars}/*`,
        join(root, 'src', 'platform', 'testdata', 'RenderTemplate.java'),
        join(dir, 'template.yaml'),
        join(dir, 'bindings.json'),
      ],
      { encoding: 'utf8', timeout: 120_000 },
    );
    assert.equal(r.status, 0, `Jinjava failed: ${r.stderr}`);
    const docs = parseAllDocuments(r.stdout);
    for (const d of docs) assert.deepEqual(d.errors, [], `rendered template is not YAML:\n${r.stdout}`);
    return docs.map((d) => d.toJS() as Record<string, unknown>).filter((o) => o !== null);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
