"""The seed digest: each file hashed at most once per command, and not at all while the
stat key core.seed_file recorded for it is unchanged; a change is always seen."""

from __future__ import annotations

import hashlib
import os
import time

import psycopg
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from diplodb.migrate import upgrade
from diplodb.seed import digest as digest_module
from diplodb.seed import files as files_module
from diplodb.seed.digest import file_digests, read_known
from diplodb.seed.loader import seed
from diplodb.urls import libpq_url

from tests.seed_mutations import A000


def known_files(url) -> dict[str, tuple[str, str | None]]:
    with psycopg.connect(libpq_url(url, show_password=True)) as conn, conn.cursor() as cur:
        return read_known(cur)


def count_reads(monkeypatch) -> list[str]:
    read: list[str] = []
    real = files_module.read_bytes
    monkeypatch.setattr(digest_module, "read_bytes",
                        lambda path: read.append(path.name) or real(path))
    return read


def test_the_directory_digest_is_over_each_files_path_and_sha256(seeds_copy):
    found = file_digests(seeds_copy)
    expected = hashlib.sha256()
    for relative in sorted(found.files, key=lambda name: name.split("/")):
        data = (seeds_copy / relative).read_bytes()
        assert found.files[relative] == hashlib.sha256(data).hexdigest()
        expected.update(f"{relative}\0{found.files[relative]}\0".encode())
    assert list(found.files) == sorted(found.files, key=lambda name: name.split("/"))
    assert found.seed == expected.hexdigest()
    # looked up by name in the packed listing: a folder, or a name that sorts between
    # two listed ones, is not a file
    for missing in ("annotations", "annotations/", "articles/zzz.txt", "b", ""):
        assert missing not in found.files and found.files.get(missing) is None
        assert found.stat_keys.get(missing, "absent") == "absent"
    assert dict(found.files.items()) == {name: found.files[name] for name in found.files}


def test_a_no_change_reseed_reads_no_file_once_their_stat_keys_are_kept(
        make_database, seeds_copy, monkeypatch):
    url = make_database()
    upgrade(url)
    monkeypatch.setattr(digest_module, "RACY_NS", 0)  # the copy's files are seconds old
    assert not seed(url, seeds_copy).skipped
    known = known_files(url)
    assert known and all(key is not None for _, key in known.values())
    read = count_reads(monkeypatch)
    assert seed(url, seeds_copy).skipped
    assert read == []
    # --force hashes every file again
    seed(url, seeds_copy, force=True)
    assert len(read) >= len(known)


def test_a_file_changed_keeping_its_size_and_mtime_is_still_seen(make_database, seeds_copy):
    url = make_database()
    upgrade(url)
    time.sleep(digest_module.RACY_NS / 1e9 + 0.1)  # old enough to get stat keys
    seed(url, seeds_copy)
    assert known_files(url)[A000][1] is not None
    path = seeds_copy / A000
    before = os.stat(path)
    content = path.read_text()
    changed = content.replace("Tehran", "Tehrun", 1)
    assert changed != content and len(changed) == len(content)
    path.write_text(changed)
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))  # as `touch -r` would
    report = seed(url, seeds_copy)
    assert not report.skipped and report.mode == "incremental"
    assert known_files(url)[A000][0] == hashlib.sha256(changed.encode()).hexdigest()


def test_a_file_changed_just_before_a_scan_gets_no_stat_key(make_database, seeds_copy):
    url = make_database()
    upgrade(url)
    (seeds_copy / A000).write_text((seeds_copy / A000).read_text() + "\n")
    seed(url, seeds_copy)
    assert known_files(url)[A000][1] is None  # hashed again by the next command


def test_a_stat_key_that_is_not_the_files_gets_it_hashed_again(make_database, seeds_copy,
                                                               monkeypatch):
    url = make_database()
    upgrade(url)
    monkeypatch.setattr(digest_module, "RACY_NS", 0)
    seed(url, seeds_copy)
    kept = known_files(url)[A000]
    with psycopg.connect(libpq_url(url, show_password=True)) as conn:
        conn.execute("update core.seed_file set stat_key = 'x' where path = %s", (A000,))
    read = count_reads(monkeypatch)
    assert seed(url, seeds_copy).skipped
    assert read == [A000.split("/")[-1]]
    assert known_files(url)[A000] == kept


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(st.text(alphabet="ab-./é", min_size=1, max_size=3).filter(
    lambda part: "/" not in part), min_size=1, max_size=3).map("/".join), max_size=12))
def test_the_listing_finds_names_by_the_order_of_their_components(paths):
    """A name is looked up by bisection on a key that must sort as the path components
    do (as the directory is listed), whatever the characters around a "/"."""
    from diplodb.seed.files import Listing, _order_key

    by_components = sorted(set(paths), key=lambda name: name.split("/"))
    assert sorted(by_components, key=_order_key) == by_components
    listing = Listing()
    info = os.stat(__file__)
    for name in by_components:
        listing.add(name, info)
    for name in reversed(by_components):  # not in path order: found by bisection
        assert listing.names[listing.index(name)] == name
    for missing in ("zz", "a/zz", "-"):
        if missing not in by_components:
            try:
                listing.index(missing)
            except KeyError:
                pass
            else:
                raise AssertionError(f"{missing} found")


@settings(max_examples=60, deadline=None)
@given(st.dictionaries(st.sampled_from(["a", "b/c", "b/d", "e/f/g", "h"]),
                       st.sampled_from(["kept", "edited", "removed", "added"]), min_size=1),
       st.booleans())
def test_the_changes_found_from_the_hashed_files_are_all_the_changes(tmp_path_factory,
                                                                      fates, keyed):
    """A seed compares with core.seed_file only the files it had to hash (``changes``);
    the difference is the one that comparing every file gives, whether the stored rows
    had stat keys or not."""
    root = tmp_path_factory.mktemp("dir")
    for name, fate in fates.items():
        if fate != "added":
            (root / name).parent.mkdir(parents=True, exist_ok=True)
            (root / name).write_text(f"{name} before")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(digest_module, "RACY_NS", 0)  # the files are new: trust them anyway
        first = file_digests(root)
    known = {name: (first.files[name], first.stat_keys[name] if keyed else None)
             for name in first.files}
    for name, fate in fates.items():
        if fate == "edited":
            (root / name).write_text(f"{name} after, longer")
        elif fate == "removed":
            (root / name).unlink()
        elif fate == "added":
            (root / name).parent.mkdir(parents=True, exist_ok=True)
            (root / name).write_text(f"{name} new")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(digest_module, "RACY_NS", 0)
        digests = file_digests(root, known)
    hashed = {digests.files.listing.names[i] for i in digests.hashed}
    assert hashed == ({n for n, f in fates.items() if f in ("edited", "added")} if keyed
                      else set(digests.files))
    stored = {name: stored_digest for name, (stored_digest, _) in known.items()}
    changes = digests.changes(known)
    assert changes.changed == [name for name in digests.files
                               if stored.get(name) != digests.files[name]]
    assert changes.removed == sorted(name for name in stored if name not in digests.files)
    assert sorted(changes.changed) == sorted(n for n, f in fates.items() if f in ("edited", "added"))
    assert changes.removed == sorted(n for n, f in fates.items() if f == "removed")
