"""The built wheel, installed in a fresh virtual environment and run from an empty
directory, sets up the same database as the checkout does."""

from __future__ import annotations

import re
import subprocess
import sys
import zipfile
from importlib import metadata
from pathlib import Path

import psycopg
import pytest

from diplodb.paths import CHECKOUT_ROOT
from diplodb.urls import libpq_url
from tests.test_production import CLEAN_ENV


def runtime_distributions() -> list[metadata.Distribution]:
    """The distributions a plain ``pip install diplodb`` brings: [project] dependencies
    and theirs, without any extra (the test tools, pandas, frictionless stay out)."""
    found: dict[str, metadata.Distribution] = {}
    pending = list(metadata.requires("diplodb") or [])
    while pending:
        requirement = pending.pop()
        name, _, marker = requirement.partition(";")
        if marker.strip() and not _marker_holds(marker):
            continue
        base = re.match(r"[A-Za-z0-9._-]+", name.strip()).group(0)
        wanted = re.search(r"\[([^\]]+)\]", name)
        key = re.sub(r"[-_.]+", "-", base).lower()
        extras = {e.strip() for e in wanted.group(1).split(",")} if wanted else set()
        if key in found and not extras:
            continue
        dist = found.setdefault(key, metadata.distribution(base))
        for sub in dist.requires or []:
            sub_marker = sub.partition(";")[2]
            extra = re.search(r"extra\s*==\s*['\"]([^'\"]+)['\"]", sub_marker)
            if extra is None or extra.group(1) in extras:
                pending.append(re.sub(r"and\s+extra\s*==\s*['\"][^'\"]+['\"]|extra\s*==\s*"
                                      r"['\"][^'\"]+['\"]", "", sub).rstrip(" ;"))
    return list(found.values())


def _marker_holds(marker: str) -> bool:
    from packaging.markers import Marker

    return Marker(marker.strip()).evaluate({"extra": ""})


def link_distributions(site: Path, distributions) -> None:
    """Make ``distributions`` (as installed in the test environment) importable in
    ``site`` by symlinking their top-level files: nothing else of the test venv shows."""
    for dist in distributions:
        tops = {Path(str(f)).parts[0] for f in dist.files or [] if not str(f).startswith("..")}
        for top in tops:
            source = Path(dist.locate_file(top))
            if source.exists() and not (site / top).exists() and top != "__pycache__":
                (site / top).symlink_to(source)


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """bin/ of a new venv holding the wheel and exactly its runtime dependencies (no
    extras), linked from the test environment so that the test needs no package index."""
    if CHECKOUT_ROOT is None:
        pytest.fail("the wheel test builds from a checkout")
    work = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(work),
                    str(CHECKOUT_ROOT)], check=True, capture_output=True, timeout=300)
    (wheel,) = work.glob("diplodb-*.whl")
    tops = {name.split("/")[0] for name in zipfile.ZipFile(wheel).namelist()}
    assert tops == {"diplodb", wheel.name.split("-")[0] + "-" + wheel.name.split("-")[1]
                    + ".dist-info"}, tops
    venv = work / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    site = next((venv / "lib").glob("python*/site-packages"))
    link_distributions(site, runtime_distributions())
    subprocess.run([sys.executable, "-m", "pip", "--python", str(venv / "bin" / "python"),
                    "install", "-q", "--no-deps", str(wheel)], check=True, capture_output=True,
                   timeout=300)
    return venv / "bin"


def run(bin_dir: Path, cwd: Path, *args, env=None):
    return subprocess.run([str(bin_dir / "diplodb"), *args], cwd=cwd, capture_output=True,
                          text=True, timeout=300, env={**CLEAN_ENV, **(env or {})})


def view_contents(url: str) -> dict[str, list]:
    with psycopg.connect(url) as conn:
        views = [r[0] for r in conn.execute(
            "select table_name from information_schema.views "
            "where table_schema = 'analytics' order by 1")]
        contents = {}
        for view in views:
            columns = [r[0] for r in conn.execute(
                "select column_name from information_schema.columns where table_schema = "
                "'analytics' and table_name = %s and column_name <> 'loaded_at' "
                "order by ordinal_position", (view,))]
            listed = ", ".join(f'"{c}"::text' for c in columns)
            contents[view] = sorted(map(repr, conn.execute(
                f"select {listed} from analytics.{view}").fetchall()))
        return contents


def test_the_isolated_venv_has_no_test_tools(installed):
    probe = subprocess.run([str(installed / "python"), "-c",
                            "import importlib.util as u; print([m for m in ('frictionless', "
                            "'pandas', 'pytest', 'duckdb') if u.find_spec(m)])"],
                           capture_output=True, text=True, check=True)
    assert probe.stdout.strip() == "[]"


def test_the_installed_package_validates_plover_records_with_its_schema(installed):
    """The JSON Schema ships in the wheel and jsonschema comes with a plain install."""
    probe = subprocess.run([str(installed / "python"), "-c",
                            "from diplodb import plover; print(plover.SCHEMA_PATH.is_file(), "
                            "len(plover.event_types()), plover.problems({'id': 'x'})[0])"],
                           capture_output=True, text=True, check=True)
    assert probe.stdout.split(" ", 2)[:2] == ["True", "16"], probe
    assert "'date' is a required property" in probe.stdout, probe


def test_installed_wheel_sets_up_the_same_database_from_an_empty_directory(
        installed, make_database, seeded_url, tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    url = libpq_url(make_database(), show_password=True)
    up = run(installed, empty, "up", env={"DATABASE_URL": url})
    assert up.returncode == 0 and up.stdout.startswith("diplodb ready: "), up.stderr
    assert view_contents(url) == view_contents(libpq_url(seeded_url, show_password=True))
    docs = run(installed, empty, "docs", env={"DATABASE_URL": url})
    assert docs.returncode == 0, docs.stderr
    assert (empty / "data-dictionary.md").is_file()
    assert sorted(p.name for p in empty.iterdir()) == ["data-dictionary.md"]
    external = {"DATABASE_URL": url}
    for args, code, expected in [
            (("--version",), 0, "diplodb "),
            (("status",), 0, "at head"),
            (("migrate",), 0, "database at revision"),
            (("seed",), 0, "unchanged"),
            (("url", "--role", "owner", "--hide-password"), 0, "postgresql://"),
            (("export", str(tmp_path / "export")), 0, "exported "),
            (("synthesize", str(tmp_path / "synthetic")), 0, "synthetic corpus"),
            (("down",), 2, "did not start")]:
        result = run(installed, empty, *args, env=external)
        assert result.returncode == code, (args, result.stderr)
        assert expected in (result.stdout if code == 0 else result.stderr), (args, result)
    assert (tmp_path / "export" / "datapackage.json").is_file()
    assert (tmp_path / "export" / "visits.parquet").is_file()


def test_installed_wheel_keeps_its_data_home_in_the_user_data_directory(installed, tmp_path):
    data_home = tmp_path / "xdg"
    status = run(installed, tmp_path, "status", env={"XDG_DATA_HOME": str(data_home)})
    assert status.returncode == 3, status.stderr
    assert f"data in {data_home / 'diplodb'}" in status.stdout
