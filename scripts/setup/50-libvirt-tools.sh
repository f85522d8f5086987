#!/usr/bin/env bash
# Real checkers for the libvirt-side artefacts aglais generates (issue 8):
#   virt-xml-validate (libvirt-clients; libvirt's RNG schemas come with libvirt0,
#   xmllint with libxml2-utils) for domain, storage pool, volume and network XML;
#   cloud-init for `cloud-init schema` and its network-config renderer;
#   isoinfo (genisoimage) and blkid (util-linux) to read back the seed images.
# No libvirt daemon: nothing here runs VMs. Idempotent: installs only what is missing.
set -euo pipefail
missing=()
command -v virt-xml-validate >/dev/null 2>&1 || missing+=(libvirt-clients)
command -v xmllint >/dev/null 2>&1 || missing+=(libxml2-utils)
command -v cloud-init >/dev/null 2>&1 || missing+=(cloud-init)
command -v isoinfo >/dev/null 2>&1 || missing+=(genisoimage)
command -v blkid >/dev/null 2>&1 || missing+=(util-linux)
if [ ${#missing[@]} -eq 0 ]; then
  echo "libvirt tools: present (virt-xml-validate, xmllint, cloud-init, isoinfo, blkid)"
  exit 0
fi
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null 2>&1 || {
    echo "libvirt tools: need root or sudo to install ${missing[*]}" >&2
    exit 1
  }
  sudo="sudo"
fi
start=$(date +%s)
export DEBIAN_FRONTEND=noninteractive
# A stale or empty package list makes install fail: refresh it once.
$sudo apt-get update -q >/dev/null
# Without recommends: no qemu, no libvirt daemon; only the checkers and their schemas.
$sudo apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
echo "libvirt tools: installed ${missing[*]} in $(($(date +%s) - start))s"
