"""The built wheel, installed in a fresh virtual environment and run from an empty
directory, sets up the same database as the checkout does."""

from __future__ import annotations

import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import psycopg
import pytest

from diplodb.paths import CHECKOUT_ROOT
from diplodb.settings import libpq_url
from tests.test_production import CLEAN_ENV


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """bin/ of a new venv holding only the wheel; its dependencies are borrowed from the
    test environment (a .pth line), so the test needs no package index."""
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
    (site / "borrowed.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
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


def test_installed_wheel_keeps_its_data_home_in_the_user_data_directory(installed, tmp_path):
    data_home = tmp_path / "xdg"
    status = run(installed, tmp_path, "status", env={"XDG_DATA_HOME": str(data_home)})
    assert status.returncode == 3, status.stderr
    assert f"data in {data_home / 'diplodb'}" in status.stdout
