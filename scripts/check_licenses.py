#!/usr/bin/env python3
"""Fails when a dependency can only be used under a copyleft licence (GPL, AGPL, LGPL, SSPL, EUPL, ...).
weakties is MIT OR Apache-2.0, so every crate it links must allow that. Run from the repository root."""
import json
import re
import subprocess
import sys

COPYLEFT = re.compile(r"\b(A?GPL|LGPL|SSPL|EUPL|OSL|CDDL|MPL)\b")

meta = json.loads(subprocess.check_output(["cargo", "metadata", "--format-version", "1", "--locked"]))
bad, unknown = [], []
for pkg in meta["packages"]:
    if pkg["source"] is None:  # the workspace itself
        continue
    licence = pkg.get("license")
    if not licence:
        unknown.append(f'{pkg["name"]} {pkg["version"]}')
        continue
    # An SPDX expression is fine when some alternative of its top-level ORs is free of copyleft terms.
    alternatives = [a.strip(" ()") for a in re.split(r"\s+OR\s+|/", licence)]
    if all(COPYLEFT.search(a) for a in alternatives):
        bad.append(f'{pkg["name"]} {pkg["version"]}: {licence}')

for line in unknown:
    print(f"no licence field (check by hand): {line}")
for line in bad:
    print(f"copyleft only: {line}")
print(f"{len(meta['packages'])} packages checked, {len(bad)} copyleft-only")
sys.exit(1 if bad else 0)
