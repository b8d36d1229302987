"""Hostile but valid seed directories: links, special files and huge files are refused
before anything is read, by `seed`, `seed --check` and the no-change shortcut alike; a
flood of problems prints the first fifty and a count."""

from __future__ import annotations

import os
import subprocess
import sys
import time

import pytest

from diplodb.urls import libpq_url


def _cli(*args, env):
    clean = {k: v for k, v in os.environ.items()
             if not k.startswith("DIPLODB_") and k != "DATABASE_URL"}
    return subprocess.run([sys.executable, "-m", "diplodb.cli", *args], capture_output=True,
                          text=True, env={**clean, **env}, timeout=120)


# Each kind of link is in the bad-input corpus (tests/test_seed_rules.py) too; here each
# meets another command, through the CLI.
@pytest.mark.parametrize("plant, command", [("huge", ("seed",)), ("dev-zero", ("up",)),
                                            ("directory", ("seed", "--check"))])
def test_links_are_refused_before_reading_even_when_nothing_changed(
        seeded_url, seeds_copy, tmp_path, plant, command):
    if plant == "huge":
        target = tmp_path / "huge.yaml"
        with open(target, "wb") as handle:
            handle.truncate(400 << 20)  # 400 MB, as a hole
        os.symlink(target, seeds_copy / "annotations/005_huge.yaml")
    elif plant == "dev-zero":
        os.symlink("/dev/zero", seeds_copy / "annotations/005_zero.yaml")
    else:
        os.symlink("/etc", seeds_copy / "annotations/more")
    # The database holds exactly these seed files otherwise: the no-change shortcut applies.
    started = time.monotonic()
    result = _cli(*command, "--seeds", str(seeds_copy),
                  env={"DATABASE_URL": libpq_url(seeded_url)})
    assert time.monotonic() - started < 20
    assert result.returncode == 2, (result.stdout, result.stderr)
    assert "a symbolic link; seed files must be regular files" in result.stderr
    assert "Traceback" not in result.stderr and "unchanged" not in result.stdout


def test_a_flood_of_problems_prints_fifty_and_a_count(seeds_copy, tmp_path):
    for n in range(120):
        (seeds_copy / f"stray-{n:03}.md").write_text("x\n")
    result = _cli("seed", "--check", "--seeds", str(seeds_copy),
                  env={"DIPLODB_HOME": str(tmp_path / "none")})
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert lines[0] == "diplodb: 120 problem(s) in the seed files; nothing was written:"
    assert len(lines) == 52 and all(line.startswith("  - ") for line in lines[1:51])
    assert lines[51] == ("  ... and 70 more problem(s), not shown; fix these and run again "
                         "to see them")
