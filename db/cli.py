"""The ``diplodb`` command line.

The configuration is resolved once, here, from options and environment variables, and
handed to each command. Expected failures print one line on stderr and exit 2.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from diplodb.config import SETTINGS, Config, resolve
from diplodb.errors import DiplodbError, explain

EXIT_CODES = """exit codes:
  0    done
  2    an expected failure, explained in one line on stderr (bad configuration or seed
       files, unreachable server, missing privilege, a lock held too long, ...)
  3    status: the embedded server is not running
  130  interrupted
  any other code is a bug: please report it with its traceback"""


def _environment_help() -> str:
    lines = ["environment (each also an option of every command; the option wins):"]
    for setting in SETTINGS:
        default = f" [default: {setting.default}]" if setting.default else ""
        lines.append(f"  {setting.env:26s} {setting.option}: {setting.help}{default}")
    return "\n".join(lines)


# -- commands -------------------------------------------------------------------------
def cmd_up(config: Config, args) -> int:
    from diplodb import fastpath

    current = fastpath.current_state(config, need_head=True)
    if current is not None:
        owner, analyst, where, state = current
        _print_ready(config, analyst or owner, where, state.revision, state.data_version,
                     "seed data unchanged, nothing written", args.show_password)
        return 0
    if config.external:
        return _up(config, args)
    from diplodb.target import embedded_server

    server = embedded_server(config)
    with server.lock(config.lock_timeout):
        return _up(config, args)


def _up(config: Config, args) -> int:
    import threading

    from diplodb.target import embedded_server, started_target

    preload, prepared = None, {}
    if not config.external and not embedded_server(config).is_initialized():
        # A new cluster will certainly be migrated and seeded: import what that needs and
        # render the migrations' SQL (about a second) while initdb runs in its own process.
        preload = threading.Thread(target=_prepare_new_cluster, args=(config, prepared))
        preload.start()
    try:
        target = started_target(config)
    finally:
        if preload is not None:
            preload.join()
    from diplodb import fastpath

    # A cluster made just now is empty; any other may be a restarted one that is current.
    current = None if preload is not None else fastpath.current_state(config, need_head=True)
    if current is not None:  # a restarted server whose data is current: nothing to load
        _check_readers(target)
        _print_ready(config, target.analyst or target.owner, target.where, current[3].revision,
                     current[3].data_version, "seed data unchanged, nothing written",
                     args.show_password)
        return 0
    from diplodb.migrate import upgrade
    from diplodb.seed.loader import seed

    owner = target.owner_sqlalchemy_url()
    revision = upgrade(owner, reader_group=config.reader_group, lock_timeout=config.lock_timeout,
                       new_database_script=prepared.get("script"))
    _warn_drift(owner)
    report = seed(owner, config.seeds, lock_timeout=config.lock_timeout)
    _check_readers(target)
    version = report.corpus.data_version if report.corpus else _data_version(target.owner)
    _print_ready(config, target.analyst or target.owner, target.where, revision, version,
                 report.summary(), args.show_password)
    return 0


def _warn_drift(owner) -> None:
    from diplodb.drift import drift_line, schema_drift

    differences = schema_drift(owner)
    if differences:
        print(f"diplodb: warning: {drift_line(differences)}", file=sys.stderr)


def _prepare_new_cluster(config: Config, prepared: dict) -> None:
    try:
        import diplodb.seed.loader  # noqa: F401
        from diplodb.migrate import render_new_database_script

        prepared["script"] = render_new_database_script(config.reader_group)
    except Exception:  # noqa: BLE001 - the same step runs again in the main thread,
        pass           # which reports its failure as one line


def _data_version(conninfo: str) -> str | None:
    import psycopg

    from diplodb.state import read_state

    with psycopg.connect(conninfo) as conn:
        return read_state(conn).data_version


def _check_readers(target) -> None:
    """Before saying "ready": the reader group can read every analytics view, and the
    embedded analyst login is in it."""
    import psycopg

    group = target.config.reader_group
    with psycopg.connect(target.owner) as conn:
        unreadable = [row[0] for row in conn.execute(
            "select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace "
            "where n.nspname = 'analytics' and c.relkind in ('v', 'm') "
            "and not has_table_privilege(%s, c.oid, 'select') order by 1", (group,))]
        member = target.analyst is None or conn.execute(
            "select pg_has_role(%s, %s, 'member')", ("analyst", group)).fetchone()[0]
    if unreadable:
        raise DiplodbError(f"the reader group {group} cannot read analytics."
                           f"{', analytics.'.join(unreadable)}; run 'diplodb migrate'")
    if not member:
        raise DiplodbError(f"the analyst login is not in the reader group {group}")


def _print_ready(config, url, where, revision, version, summary, show_password) -> None:
    from diplodb.config import mask_password

    shown = url if show_password else mask_password(url)
    hint = "" if show_password or shown == url else "; password: diplodb url --show-password"
    print(f"diplodb ready: {shown} ({where}; revision {revision}; data version {version}; "
          f"{summary}{hint})")


def cmd_down(config: Config, args) -> int:
    if config.external:
        raise DiplodbError("DATABASE_URL is set: diplodb does not stop a server it did not start")
    from diplodb.target import embedded_server

    server = embedded_server(config)
    with server.lock(config.lock_timeout):
        stopped = server.stop()
    print(f"diplodb {'stopped' if stopped else 'was not running'} ({server.settings.home})")
    return 0


def cmd_status(config: Config, args) -> int:
    from diplodb.config import mask_password
    from diplodb.status import describe, lines

    report: dict = {}
    if config.external:
        report["server"] = {"kind": "DATABASE_URL", "url": mask_password(config.database_url)}
        header = f"server: DATABASE_URL {report['server']['url']}"
    else:
        from diplodb.target import embedded_server

        server = embedded_server(config)
        pid = server.running_pid()
        report["server"] = {"kind": "embedded", "running": pid is not None, "pid": pid,
                            "port": server.running_port() or server.settings.port,
                            "home": str(server.settings.home)}
        header = (f"server: {'running, pid ' + str(pid) if pid else 'stopped'}; "
                  f"port {report['server']['port']}; data in {server.settings.home}")
        if pid is None:
            _emit(args, report, [header])
            return 3
    from diplodb.target import running_target

    target = running_target(config)
    report.update(describe(target.owner))
    report["drift"] = None
    if report["at_head"]:
        from diplodb.drift import schema_drift

        report["drift"] = schema_drift(target.owner)
    _emit(args, report, [header, *lines(report)])
    return 0


def _emit(args, report: dict, text_lines: list[str]) -> None:
    if args.json:
        print(json.dumps(report, indent=2, sort_keys=True))
    else:
        print("\n".join(text_lines))


def cmd_migrate(config: Config, args) -> int:
    from diplodb.migrate import upgrade
    from diplodb.target import running_target

    revision = upgrade(running_target(config).owner_sqlalchemy_url(), args.revision,
                       reader_group=config.reader_group, lock_timeout=config.lock_timeout,
                       allow_downgrade=args.yes)
    print(f"database at revision {revision or 'base'}")
    return 0


def cmd_seed(config: Config, args) -> int:
    if args.check:
        from diplodb.seed.loader import check

        corpus = check(config.seeds)
        print(f"seed files are valid: {corpus.summary()}")
        for source, (done, total) in corpus.coverage().items():
            print(f"  {source}: {done}/{total} sentences accounted for ({100 * done // total} %)")
        return 0
    if not args.force:
        from diplodb.fastpath import current_state

        if current_state(config, need_head=False) is not None:
            print("seeded: seed data unchanged, nothing written")
            return 0
    from diplodb.seed.loader import seed
    from diplodb.target import running_target

    report = seed(running_target(config).owner_sqlalchemy_url(), config.seeds, force=args.force,
                  lock_timeout=config.lock_timeout)
    print(f"seeded: {report.summary()}")
    return 0


def cmd_synthesize(config: Config, args) -> int:
    from pathlib import Path

    from diplodb.seed.synthetic import synthesize

    described = synthesize(config.seeds, Path(args.directory), args.scale)
    print(f"synthetic corpus in {args.directory}: {described}")
    return 0


def cmd_url(config: Config, args) -> int:
    from diplodb.config import ANALYST_ROLE, OWNER_ROLE, mask_password

    if config.external:
        if args.role == "analyst":
            raise DiplodbError(
                "DATABASE_URL is set, so the analyst login is yours to create: create role "
                f"analyst login password '…' in role {config.reader_group}")
        url = config.database_url
    else:
        from diplodb.target import embedded_server

        server = embedded_server(config)
        if not server.settings.credentials_file.exists():
            raise DiplodbError(f"no embedded database in {server.settings.home}; "
                               "run 'diplodb up' first")
        role = ANALYST_ROLE if args.role == "analyst" else OWNER_ROLE
        url = server.conninfo(role, server.credentials())
    if args.driver == "sqlalchemy":
        url = url.replace("postgresql://", "postgresql+psycopg://", 1)
    print(url if args.show_password else mask_password(url))
    return 0


def cmd_docs(config: Config, args) -> int:
    from diplodb.docs import build, default_path
    from diplodb.target import running_target

    path = Path(args.output) if args.output else default_path()
    content = build(running_target(config).owner_sqlalchemy_url(), config.reader_group)
    if args.check:
        if not path.exists() or path.read_text(encoding="utf-8") != content:
            raise DiplodbError(f"{path} is out of date; run 'diplodb docs'")
        print(f"{path} is current")
        return 0
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(content, encoding="utf-8")
    print(f"wrote {path}")
    return 0


def cmd_export(config: Config, args) -> int:
    from diplodb.export import export
    from diplodb.target import running_target

    if not args.directory.strip():
        raise DiplodbError("export needs a directory to write to, got an empty name")
    report = export(running_target(config).owner_sqlalchemy_url(), Path(args.directory),
                    seeds=config.seeds, overwrite=args.overwrite)
    print(f"exported {report.summary()} to {report.directory}")
    return 0


# -- parser ---------------------------------------------------------------------------
def _settings_parent() -> argparse.ArgumentParser:
    parent = argparse.ArgumentParser(add_help=False)
    group = parent.add_argument_group("configuration")
    for setting in SETTINGS:
        default = f" [default: {setting.default}]" if setting.default else ""
        group.add_argument(setting.option, dest=setting.env, default=argparse.SUPPRESS,
                           metavar="VALUE", help=f"{setting.help} [env: {setting.env}]{default}")
    return parent


def _password_flags(parser: argparse.ArgumentParser, *, shown_by_default: bool) -> None:
    flags = parser.add_mutually_exclusive_group()
    flags.add_argument("--show-password", dest="show_password", action="store_true",
                       default=shown_by_default,
                       help="print the password" + (" (default)" if shown_by_default else ""))
    flags.add_argument("--hide-password", dest="show_password", action="store_false",
                       help="print *** for the password" + ("" if shown_by_default
                                                           else " (default)"))


def build_parser() -> argparse.ArgumentParser:
    settings = _settings_parent()
    parser = argparse.ArgumentParser(
        prog="diplodb", description=__doc__.splitlines()[0], parents=[settings],
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog=f"{_environment_help()}\n\n{EXIT_CODES}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def command(name: str, func, help: str) -> argparse.ArgumentParser:
        cmd = sub.add_parser(name, help=help, description=help, parents=[settings])
        cmd.set_defaults(func=func)
        return cmd

    up = command("up", cmd_up, "start the embedded server (or use DATABASE_URL), migrate, "
                               "seed, and print the analyst URL")
    _password_flags(up, shown_by_default=False)
    command("down", cmd_down, "stop the embedded server")
    status = command("status", cmd_status, "server, schema revision, data version and row "
                                           "counts (exit 3 when the embedded server is stopped)")
    status.add_argument("--json", action="store_true", help="print one JSON object")
    migrate = command("migrate", cmd_migrate, "migrate to REVISION (default head); needs a "
                                              "running server ('diplodb up' starts one)")
    migrate.add_argument("revision", nargs="?", default="head")
    migrate.add_argument("--yes", action="store_true",
                         help="allow a downgrade (it drops views, tables and their data)")
    seed = command("seed", cmd_seed, "validate and load the seed files; needs a running server")
    seed.add_argument("--check", action="store_true", help="validate only; touch no database")
    seed.add_argument("--force", action="store_true", help="reload even if nothing changed")
    synthesize = command("synthesize", cmd_synthesize, "write a synthetic corpus to DIRECTORY: "
                         "N copies of the seed files, marked synthetic (for benchmarks and "
                         "test environments; never loaded beside real data)")
    synthesize.add_argument("directory")
    synthesize.add_argument("--scale", type=int, default=1, metavar="N")
    docs = command("docs", cmd_docs, "write the data dictionary from the live catalog")
    docs.add_argument("--output", help="where to write (default: docs/data-dictionary.md in a "
                                       "checkout, else ./data-dictionary.md)")
    docs.add_argument("--check", action="store_true",
                      help="fail if the file differs from what the catalog gives")
    export = command("export", cmd_export, "write the analytics views to DIRECTORY as a data "
                                           "package: datapackage.json, CSV and Parquet")
    export.add_argument("directory")
    export.add_argument("--overwrite", action="store_true",
                        help="replace DIRECTORY if it is not empty")
    url = command("url", cmd_url, "print a connection URL (for psql, or --driver sqlalchemy "
                                  "for SQLAlchemy 2 tools such as Superset)")
    url.add_argument("--role", choices=("analyst", "owner"), default="analyst")
    url.add_argument("--driver", choices=("libpq", "sqlalchemy"), default="libpq",
                     help="postgresql:// (psql, JDBC-style tools) or postgresql+psycopg://")
    _password_flags(url, shown_by_default=True)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        config = resolve({s.env: getattr(args, s.env, None) for s in SETTINGS})
        return args.func(config, args)
    except KeyboardInterrupt:
        return 130
    except Exception as error:
        message = explain(error)
        if message is None:
            raise
        if isinstance(error, BrokenPipeError):
            _silence_stdout()
        print(f"diplodb: {message}", file=sys.stderr)
        return 2


def _silence_stdout() -> None:
    # Python flushes stdout again at exit; point it at /dev/null so that fails quietly.
    import os

    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


def entry_point() -> None:
    try:
        code = main()
        sys.stdout.flush()
    except BrokenPipeError:
        _silence_stdout()
        print(f"diplodb: {explain(BrokenPipeError())}", file=sys.stderr)
        code = 2
    sys.exit(code)


if __name__ == "__main__":
    entry_point()
