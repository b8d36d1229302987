"""The ``diplodb`` command line.

Expected failures (a port in use, an unreachable server, a wrong password, a database
newer than the code, a broken seed file) print one line to stderr and exit non-zero.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from diplodb.errors import DiplodbError
from diplodb.paths import SEEDS_DIR
from diplodb.settings import ANALYST_ROLE, OWNER_ROLE, embedded_settings, external_url, libpq_url


def _embedded():
    from diplodb.embedded import EmbeddedServer

    return EmbeddedServer(embedded_settings())


def _start_embedded():
    """Start (or reuse) the embedded server; returns (server, credentials)."""
    server = _embedded()
    started = server.start()
    if started or not server.settings.credentials_file.exists():
        return server, server.bootstrap()
    from diplodb.embedded import Credentials

    return server, Credentials.load(server.settings.credentials_file)


def _target_owner_url():
    """DATABASE_URL when set; else the embedded owner, starting the server if needed."""
    url = external_url()
    if url is not None:
        return url
    server, creds = _start_embedded()
    return server.url(OWNER_ROLE, creds)


def _import_migrate_and_seed() -> None:
    import alembic.command  # noqa: F401
    import alembic.script  # noqa: F401

    import diplodb.migrate  # noqa: F401
    import diplodb.seed.loader  # noqa: F401


def cmd_up(args) -> int:
    from diplodb.fastpath import ready_line_if_current

    embedded = None
    if not os.environ.get("DATABASE_URL"):
        preload = None
        if not _embedded().is_initialized():
            # A new cluster will certainly be migrated and seeded: import what that
            # needs (about a second) while initdb runs in its own process.
            import threading

            preload = threading.Thread(target=_import_migrate_and_seed)
            preload.start()
        try:
            embedded = _start_embedded()
        finally:
            if preload is not None:
                preload.join()
    # Started or not, a database already at head with these seeds needs nothing more.
    line = ready_line_if_current(Path(args.seeds), show_password=args.show_password)
    if line is not None:
        print(line)
        return 0
    from diplodb.migrate import upgrade
    from diplodb.seed.loader import seed

    if embedded is None:
        owner = shown = external_url()
        where = "DATABASE_URL"
    else:
        server, creds = embedded
        owner = server.url(OWNER_ROLE, creds)
        shown = server.url(ANALYST_ROLE, creds)
        where = f"data in {server.settings.home}"
    revision = upgrade(owner)
    report = seed(owner, Path(args.seeds))
    print(f"diplodb ready: {libpq_url(shown, show_password=args.show_password)} "
          f"({where}; revision {revision}; {report.summary()})")
    return 0


def cmd_down(args) -> int:
    if external_url() is not None:
        raise DiplodbError("DATABASE_URL is set: diplodb does not stop a server it did not start")
    server = _embedded()
    if server.stop():
        print(f"diplodb stopped ({server.settings.home})")
    else:
        print(f"diplodb was not running ({server.settings.home})")
    return 0


def cmd_status(args) -> int:
    from diplodb.status import describe

    url = external_url()
    if url is None:
        server = _embedded()
        pid = server.running_pid()
        print(f"server: {'running, pid ' + str(pid) if pid else 'stopped'}; "
              f"port {server.settings.port}; data in {server.settings.home}")
        if pid is None or not server.settings.credentials_file.exists():
            return 0 if pid else 3
        from diplodb.connect import embedded_url

        url = embedded_url(OWNER_ROLE)
    else:
        print(f"server: DATABASE_URL {libpq_url(url, show_password=False)}")
    for line in describe(url):
        print(line)
    return 0


def cmd_migrate(args) -> int:
    from diplodb.migrate import upgrade

    revision = upgrade(_target_owner_url(), args.revision)
    print(f"database at revision {revision or 'base'}")
    return 0


def cmd_seed(args) -> int:
    seeds = Path(args.seeds)
    if args.check:
        from diplodb.seed.loader import check

        corpus = check(seeds)
        print(f"seed files are valid: {corpus.summary()}")
        return 0
    if not args.force:
        from diplodb.fastpath import seed_is_current

        if seed_is_current(seeds):
            print("seeded: seed data unchanged, nothing written")
            return 0
    from diplodb.seed.loader import seed

    report = seed(_target_owner_url(), seeds, force=args.force)
    print(f"seeded: {report.summary()}")
    return 0


def cmd_url(args) -> int:
    from diplodb.connect import role_url

    url = role_url(args.role)
    print(libpq_url(url, show_password=not args.hide_password))
    return 0


def cmd_docs(args) -> int:
    from diplodb.docs import DICTIONARY_PATH, build

    path = Path(args.output) if args.output else DICTIONARY_PATH
    content = build(_target_owner_url())
    if args.check:
        if not path.exists() or path.read_text(encoding="utf-8") != content:
            raise DiplodbError(f"{path} is out of date; run 'diplodb docs'")
        print(f"{path} is current")
        return 0
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(content, encoding="utf-8")
    print(f"wrote {path}")
    return 0


def cmd_export(args) -> int:
    from diplodb.export import export

    report = export(_target_owner_url(), Path(args.directory))
    print(f"exported {report.summary()} to {report.directory}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="diplodb", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)

    up = sub.add_parser("up", help="start the embedded server (or use DATABASE_URL), migrate, seed")
    up.add_argument("--show-password", action="store_true", help="print the password unmasked")
    up.add_argument("--seeds", default=str(SEEDS_DIR), help="seed directory")
    up.set_defaults(func=cmd_up)

    sub.add_parser("down", help="stop the embedded server").set_defaults(func=cmd_down)
    sub.add_parser("status", help="server, data directory, revision, row counts").set_defaults(
        func=cmd_status)

    migrate = sub.add_parser("migrate", help="migrate to REVISION (default head)")
    migrate.add_argument("revision", nargs="?", default="head")
    migrate.set_defaults(func=cmd_migrate)

    seed = sub.add_parser("seed", help="load the seed files (validated first)")
    seed.add_argument("--check", action="store_true", help="validate only; touch no database")
    seed.add_argument("--force", action="store_true", help="reload even if nothing changed")
    seed.add_argument("--seeds", default=str(SEEDS_DIR), help="seed directory")
    seed.set_defaults(func=cmd_seed)

    docs = sub.add_parser("docs", help="write docs/data-dictionary.md from the live catalog")
    docs.add_argument("--output", help="where to write (default docs/data-dictionary.md)")
    docs.add_argument("--check", action="store_true",
                      help="fail if the file differs from what the catalog gives")
    docs.set_defaults(func=cmd_docs)

    export = sub.add_parser("export", help="write the analytics views to DIRECTORY as a "
                            "data package: datapackage.json, CSV and Parquet")
    export.add_argument("directory")
    export.set_defaults(func=cmd_export)

    url = sub.add_parser("url", help="print a connection URL")
    url.add_argument("--role", choices=("analyst", "owner"), default="analyst")
    url.add_argument("--hide-password", action="store_true", help="mask the password")
    url.set_defaults(func=cmd_url)

    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except DiplodbError as error:
        print(f"diplodb: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except Exception as error:  # database errors users meet: say what, not where
        message = _expected_database_error(error)
        if message is None:
            raise
        print(f"diplodb: {message}", file=sys.stderr)
        return 2


def _expected_database_error(error: Exception) -> str | None:
    import psycopg
    import sqlalchemy.exc

    original = getattr(error, "orig", error)
    if isinstance(error, sqlalchemy.exc.OperationalError) or isinstance(original,
                                                                        psycopg.OperationalError):
        text = str(original).strip().splitlines()[0] if str(original).strip() else repr(original)
        if "password authentication failed" in text:
            return f"wrong password: {text}"
        return f"cannot reach the database: {text}"
    return None


if __name__ == "__main__":
    sys.exit(main())
