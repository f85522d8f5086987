/**
 * Every libvirt-side artefact of examples/libvirt.yaml checked by the real tool:
 * virt-xml-validate (libvirt's RNG schemas) for pool, network, volume and domain
 * XML; `cloud-init schema` for each user-data; cloud-init's own network renderer
 * for each network-config; blkid and isoinfo for the seed images; `sh -n` for
 * the scripts. Tools come from
 * scripts/setup/50-libvirt-tools.sh; missing ones skip locally, fail under CI=true.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parse } from 'yaml';
import { loadSpec } from '../../spec/load.js';
import type { PlatformOn } from '../types.js';
import { hostArtefacts } from './hosts.js';
import { prepareScriptText, resetScriptText } from './node-scripts.js';

const setupHint =
  'run `bash scripts/setup/50-libvirt-tools.sh` (Debian: libvirt-clients, libxml2-utils, cloud-init)';

function has(cmd: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' }).status === 0;
}

/** undefined when the tools are there; else the reason to skip (a failure under CI=true). */
function missing(...cmds: string[]): string | undefined {
  const absent = cmds.filter((c) => !has(c));
  if (absent.length === 0) return undefined;
  const why = `${absent.join(', ')} not found: ${setupHint}`;
  if (process.env['CI'] === 'true') throw new Error(`${why}; under CI=true a missing tool is a failure`);
  return why;
}

function run(cmd: string, args: string[]): { status: number | null; out: string } {
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

async function writeArtefacts(): Promise<{ dir: string; files: Map<string, string | Uint8Array> }> {
  const { platform } = await loadSpec('examples/libvirt.yaml');
  const files = hostArtefacts(platform as PlatformOn<'libvirt'>);
  const dir = mkdtempSync(join(tmpdir(), 'aglais-libvirt-'));
  for (const [rel, text] of files) {
    mkdirSync(dirname(join(dir, rel)), { recursive: true });
    writeFileSync(join(dir, rel), text);
  }
  return { dir, files };
}

/** virt-xml-validate's schema name for an artefact path. */
function schemaOf(rel: string): string {
  if (rel.endsWith('/pool.xml')) return 'storagepool';
  if (rel.endsWith('/network.xml')) return 'network';
  if (rel.includes('/volumes/')) return 'storagevol';
  if (rel.includes('/domains/')) return 'domain';
  throw new Error(`no schema for ${rel}`);
}

const xmlSkip = missing('virt-xml-validate', 'xmllint');
test(
  'virt-xml-validate: every pool, network, volume and domain XML of the example',
  { skip: xmlSkip },
  async () => {
    const { dir, files } = await writeArtefacts();
    try {
      const xml = [...files.keys()].filter((f) => f.endsWith('.xml'));
      // Two hosts, each: pool, network, base volume; 12 VMs: root + seed volume and a domain each.
      assert.equal(xml.length, 2 * 3 + 12 * 3);
      const failures = xml
        .map((rel) => ({ rel, r: run('virt-xml-validate', [join(dir, rel), schemaOf(rel)]) }))
        .filter(({ r }) => r.status !== 0)
        .map(({ rel, r }) => `${rel}: ${r.out.trim()}`);
      assert.deepEqual(failures, []);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
);

test(
  'virt-xml-validate: control, a domain with a misspelt element is rejected',
  { skip: xmlSkip },
  async () => {
    const { dir, files } = await writeArtefacts();
    try {
      const rel = [...files.keys()].find((f) => f.includes('/domains/')) ?? '';
      const broken = String(files.get(rel) ?? '')
        .replace('<vcpu placement="static">', '<vcpus placement="static">')
        .replace('</vcpu>', '</vcpus>');
      assert.notEqual(broken, files.get(rel));
      writeFileSync(join(dir, rel), broken);
      const r = run('virt-xml-validate', [join(dir, rel), 'domain']);
      assert.notEqual(r.status, 0, r.out);
      assert.match(r.out, /fails to validate/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
);

const cloudInitSkip = missing('cloud-init');
test(
  'cloud-init schema: every user-data of the example is valid cloud-config',
  { skip: cloudInitSkip },
  async () => {
    const { dir, files } = await writeArtefacts();
    try {
      const seeds = [...files.keys()].filter((f) => f.endsWith('/user-data'));
      assert.equal(seeds.length, 12);
      for (const rel of seeds) {
        const r = run('cloud-init', ['schema', '--config-file', join(dir, rel)]);
        assert.equal(r.status, 0, `${rel}: ${r.out}`);
        assert.match(r.out, /Valid cloud-config/);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
);

test(
  'cloud-init schema: control, a write_files entry without a path is rejected',
  { skip: cloudInitSkip },
  () => {
    const dir = mkdtempSync(join(tmpdir(), 'aglais-libvirt-'));
    try {
      writeFileSync(join(dir, 'user-data'), '#cloud-config\nwrite_files:\n  - content: x\n');
      const r = run('cloud-init', ['schema', '--config-file', join(dir, 'user-data')]);
      assert.notEqual(r.status, 0, r.out);
      assert.match(r.out, /'path' is a required property/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
);

test(
  'cloud-init net-convert: each network-config renders to a systemd-networkd unit with the VM address',
  { skip: cloudInitSkip },
  async () => {
    const { dir, files } = await writeArtefacts();
    try {
      const seeds = [...files.keys()].filter((f) => f.endsWith('/network-config'));
      assert.equal(seeds.length, 12);
      for (const rel of seeds) {
        const out = join(dir, 'net', rel);
        const r = run('cloud-init', [
          'devel',
          'net-convert',
          '-p',
          join(dir, rel),
          '-k',
          'yaml',
          '-D',
          'ubuntu',
          '-O',
          'networkd',
          '-d',
          out,
        ]);
        assert.equal(r.status, 0, `${rel}: ${r.out}`);
        const unit = readFileSync(join(out, 'etc/systemd/network/10-cloud-init-eth0.network'), 'utf8');
        const config = parse(String(files.get(rel) ?? '')) as {
          ethernets: { eth0: { addresses: string[]; match: { macaddress: string } } };
        };
        const eth = config.ethernets.eth0;
        assert.match(unit, new RegExp(`^Address=${eth.addresses[0]}$`, 'm'), `${rel}: ${unit}`);
        assert.match(unit, new RegExp(`^MACAddress=${eth.match.macaddress}$`, 'm'));
        assert.match(unit, /^Gateway=192\.0\.2\.1$/m);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
);

test('sh -n: apply.sh and remove.sh of each host and the node scripts parse as POSIX shell', async () => {
  const { dir, files } = await writeArtefacts();
  try {
    writeFileSync(join(dir, 'prepare.sh'), prepareScriptText());
    writeFileSync(join(dir, 'reset.sh'), resetScriptText());
    const scripts = [...[...files.keys()].filter((f) => f.endsWith('.sh')), 'prepare.sh', 'reset.sh'];
    assert.equal(scripts.length, 6);
    for (const rel of scripts) {
      const r = run('sh', ['-n', join(dir, rel)]);
      assert.equal(r.status, 0, `${rel}: ${r.out}`);
    }
    // Control: the same check rejects a script with an unclosed if.
    writeFileSync(join(dir, 'broken.sh'), 'if true; then\n  echo x\n');
    assert.notEqual(run('sh', ['-n', join(dir, 'broken.sh')]).status, 0);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

const isoSkip = missing('isoinfo', 'blkid');
test(
  'seed images: blkid finds an iso9660 labelled cidata, isoinfo reads back each seed file by its Joliet name',
  { skip: isoSkip },
  async () => {
    const { dir, files } = await writeArtefacts();
    try {
      const isos = [...files.keys()].filter((f) => f.endsWith('.iso'));
      assert.equal(isos.length, 12);
      for (const rel of isos) {
        const iso = join(dir, rel);
        // How cloud-init's NoCloud source finds its seed: by file system label.
        const probe = run('blkid', ['-p', '-o', 'export', iso]);
        assert.equal(probe.status, 0, probe.out);
        assert.match(probe.out, /^TYPE=iso9660$/m);
        assert.match(probe.out, /^LABEL=cidata$/m);
        const listing = run('isoinfo', ['-J', '-l', '-i', iso]);
        assert.equal(listing.status, 0, listing.out);
        const names = [...listing.out.matchAll(/\]\s+(\S+)\s*$/gm)]
          .map((m) => m[1])
          .filter((n) => n !== '.' && n !== '..');
        assert.deepEqual(names, ['meta-data', 'network-config', 'user-data']);
        for (const name of names) {
          const r = spawnSync('isoinfo', ['-J', '-i', iso, '-x', `/${name}`], { encoding: 'utf8' });
          assert.equal(r.status, 0, r.stderr);
          assert.equal(r.stdout, files.get(rel.replace(/\.iso$/, `/${name}`)), `${rel}: ${name}`);
        }
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
);

test(
  'seed images: control, isoinfo sees a different file when the image is changed',
  { skip: isoSkip },
  async () => {
    const { isoImage } = await import('./iso.js');
    const dir = mkdtempSync(join(tmpdir(), 'aglais-libvirt-'));
    try {
      const a = isoImage('cidata', [{ name: 'user-data', content: '#cloud-config\nhostname: a\n' }]);
      const b = isoImage('cidata', [{ name: 'user-data', content: '#cloud-config\nhostname: b\n' }]);
      assert.deepEqual(
        a,
        isoImage('cidata', [{ name: 'user-data', content: '#cloud-config\nhostname: a\n' }]),
      );
      writeFileSync(join(dir, 'b.iso'), b);
      const r = spawnSync('isoinfo', ['-J', '-i', join(dir, 'b.iso'), '-x', '/user-data'], {
        encoding: 'utf8',
      });
      assert.equal(r.stdout, '#cloud-config\nhostname: b\n');
      assert.notEqual(r.stdout, '#cloud-config\nhostname: a\n');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
);

const virshSkip = missing('virsh');
test(
  "libvirt's test driver (virsh -c test:///default, libvirt's in-process fake hypervisor) parses and starts every host's pool, network, seed volumes and domains",
  { skip: virshSkip },
  async () => {
    const { dir, files } = await writeArtefacts();
    try {
      for (const host of ['hv1', 'hv2']) {
        const at = (rel: string) => join(dir, 'hosts', host, rel);
        const domains = [...files.keys()].filter((f) => f.startsWith(`hosts/${host}/domains/`));
        const seeds = [...files.keys()].filter(
          (f) => f.startsWith(`hosts/${host}/volumes/`) && f.endsWith('-seed.iso.xml'),
        );
        const base = [...files.keys()].find((f) => f.startsWith(`hosts/${host}/volumes/base-`)) ?? '';
        // One root volume: the test driver's pools hold 100 GiB, less than a host's VM disks.
        const root = seeds[0]?.replace('-seed.iso.xml', '.qcow2.xml') ?? '';
        const commands = [
          `pool-define ${at('pool.xml')}`,
          'pool-start aglais',
          `net-define ${at('network.xml')}`,
          'net-start aglais-br0',
          ...[base, root, ...seeds].map((v) => `vol-create aglais ${join(dir, v)}`),
          ...domains.map((d) => `define ${join(dir, d)}`),
          ...domains.map(
            (d) =>
              `start ${d
                .split('/')
                .pop()
                ?.replace(/\.xml$/, '')}`,
          ),
        ];
        const r = run('virsh', ['-c', 'test:///default', commands.join(' ; ')]);
        // virsh exits 0 even when one of several commands fails: read its output.
        assert.doesNotMatch(r.out, /error:/, r.out);
        assert.equal((r.out.match(/^Vol \S+ created from/gm) ?? []).length, 2 + seeds.length, r.out);
        assert.equal((r.out.match(/^Domain '\S+' defined from/gm) ?? []).length, domains.length, r.out);
        assert.equal((r.out.match(/^Domain '\S+' started/gm) ?? []).length, domains.length, r.out);
        assert.equal(domains.length, 6);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
);
