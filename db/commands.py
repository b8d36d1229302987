"""What each ``diplodb`` command does, given the configuration the command line resolved
(``diplodb.cli`` parses the options; each function here gets a ``Config`` and the
command's own parameters and returns the exit code). Expected failures raise
``DiplodbError`` (one line on stderr, exit 2)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from diplodb.config import Config
from diplodb.errors import DiplodbError

# -- commands -------------------------------------------------------------------------
def ready_if_current(config: Config, show_password: bool) -> bool:
    """The no-op ``up``: when the database is at head and holds the seed files, print
    the ready line and return True (psycopg only: no SQLAlchemy, Alembic or click)."""
    from diplodb import fastpath

    current = fastpath.current_state(config, need_head=True)
    if current is None:
        return False
    owner, analyst, where, state = current
    _print_ready(config, analyst or owner, where, state.revision, state.data_version,
                 "seed data unchanged, nothing written", show_password)
    return True


def cmd_up(config: Config, *, show_password: bool = False) -> int:
    if ready_if_current(config, show_password):
        return 0
    if config.external:
        return _up(config, show_password)
    from diplodb.target import embedded_server

    server = embedded_server(config)
    with server.lock(config.lock_timeout):
        return _up(config, show_password)


def _up(config: Config, show_password: bool) -> int:
    from diplodb.progress import Steps

    steps = Steps("up", ["start", "migrate", "seed"])
    try:
        return _up_steps(config, show_password, steps)
    finally:
        steps.close()


def _up_steps(config: Config, show_password: bool, steps) -> int:
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
    steps.done(0)
    from diplodb import fastpath

    # A cluster made just now is empty; any other may be a restarted one that is current.
    current = None if preload is not None else fastpath.current_state(config, need_head=True)
    if current is not None:  # a restarted server whose data is current: nothing to load
        _check_readers(target)
        steps.close()
        _print_ready(config, target.analyst or target.owner, target.where, current[3].revision,
                     current[3].data_version, "seed data unchanged, nothing written",
                     show_password)
        return 0
    from diplodb.migrate import upgrade
    from diplodb.seed.loader import seed

    owner = target.owner_sqlalchemy_url()
    revision = upgrade(owner, reader_group=config.reader_group, lock_timeout=config.lock_timeout,
                       new_database_script=prepared.get("script"))
    steps.done(1)
    if preload is None:  # a cluster made just now holds exactly what the migrations make
        _warn_drift(owner)
    report = seed(owner, config.seeds, lock_timeout=config.lock_timeout)
    steps.done(2)
    _check_readers(target)
    version = report.corpus.data_version if report.corpus else _data_version(target.owner)
    steps.close()
    _print_ready(config, target.analyst or target.owner, target.where, revision, version,
                 report.summary(), show_password)
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
    from diplodb.config import analyst_login_sql, mask_password

    shown = url if show_password else mask_password(url)
    if config.external:  # the URL is DATABASE_URL's: diplodb made no analyst login there
        hint = f"; analyst login, made by an administrator: {analyst_login_sql(config.reader_group)}"
    else:
        hint = "" if show_password or shown == url else "; password: diplodb url --show-password"
    print(f"diplodb ready: {shown} ({where}; revision {revision}; data version {version}; "
          f"{summary}{hint})")


def cmd_down(config: Config) -> int:
    if config.external:
        raise DiplodbError("DATABASE_URL is set: diplodb does not stop a server it did not start")
    from diplodb.target import embedded_server

    server = embedded_server(config)
    with server.lock(config.lock_timeout):
        stopped = server.stop()
    print(f"diplodb {'stopped' if stopped else 'was not running'} ({server.settings.home})")
    return 0


def cmd_status(config: Config, *, as_json: bool = False) -> int:
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
            _emit(as_json, report, [header])
            return 3
    from diplodb.target import running_target

    target = running_target(config)
    report.update(describe(target.owner))
    report["drift"] = None
    if report["at_head"]:
        from diplodb.drift import schema_drift

        report["drift"] = schema_drift(target.owner)
    _emit(as_json, report, [header, *lines(report)])
    return 0


def _emit(as_json: bool, report: dict, text_lines: list[str]) -> None:
    if as_json:
        print(json.dumps(report, indent=2, sort_keys=True))
    else:
        print("\n".join(text_lines))


def cmd_migrate(config: Config, *, revision: str = "head", yes: bool = False) -> int:
    from diplodb.migrate import upgrade
    from diplodb.target import running_target

    reached = upgrade(running_target(config).owner_sqlalchemy_url(), revision,
                       reader_group=config.reader_group, lock_timeout=config.lock_timeout,
                       allow_downgrade=yes)
    print(f"database at revision {reached or 'base'}")
    return 0


def cmd_seed(config: Config, *, check: bool = False, force: bool = False) -> int:
    if check:
        from diplodb.seed.drafts import progress_lines
        from diplodb.seed.loader import check
        from diplodb.seed.problems import SeedValidationError

        try:
            corpus = check(config.seeds)
        except SeedValidationError as error:
            for line in progress_lines(error.problems):  # a draft's progress, then why
                print(line)
            raise
        print(f"seed files are valid: {corpus.summary()}")
        for source, (done, total) in corpus.coverage().items():
            print(f"  {source}: {done}/{total} sentences accounted for ({100 * done // total} %)")
        return 0
    if not force:
        from diplodb.fastpath import current_state

        if current_state(config, need_head=False) is not None:
            print("seeded: seed data unchanged, nothing written")
            return 0
    from diplodb.seed.loader import seed
    from diplodb.target import running_target

    report = seed(running_target(config).owner_sqlalchemy_url(), config.seeds, force=force,
                  lock_timeout=config.lock_timeout)
    print(f"seeded: {report.summary()}")
    return 0


def cmd_draft(config: Config, *, article: str, source_id: str | None = None,
              published: str | None = None, outlet: str | None = None) -> int:
    from diplodb.draft import draft_article

    if not article.strip():
        raise DiplodbError("draft needs an article file, got an empty name")
    done = draft_article(config.seeds, Path(article), source_id=source_id,
                         published=published, outlet=outlet)
    article_file, _, annotation = done.files
    print(f"registered {done.source_id} as {article_file}; draft {annotation}: "
          f"{done.sentences} sentences undecided, {done.persons} person mentions, "
          f"{done.candidates} new names, {done.facts} candidate facts "
          "(next: complete it, then 'diplodb seed --check')")
    return 0


def cmd_synthesize(config: Config, *, directory: str, scale: int = 1) -> int:
    from diplodb.seed.synthetic import synthesize

    if not directory.strip():
        raise DiplodbError("synthesize needs a directory to write to, got an empty name")
    described = synthesize(config.seeds, Path(directory), scale)
    print(f"synthetic corpus in {directory}: {described}")
    return 0


def cmd_url(config: Config, *, role: str = "analyst", driver: str = "libpq",
            show_password: bool = True) -> int:
    from diplodb.config import ANALYST_ROLE, OWNER_ROLE

    if config.external:
        if role == "analyst":
            from diplodb.config import analyst_login_sql

            raise DiplodbError("DATABASE_URL is set, so the analyst login is an "
                               "administrator's to create: "
                               f"{analyst_login_sql(config.reader_group)}; "
                               "'diplodb url --role owner' prints DATABASE_URL")
        url = config.database_url
    else:
        from diplodb.target import embedded_server

        server = embedded_server(config)
        if not server.settings.credentials_file.exists():
            raise DiplodbError(f"no embedded database in {server.settings.home}; "
                               "run 'diplodb up' first")
        role = ANALYST_ROLE if role == "analyst" else OWNER_ROLE
        url = server.conninfo(role, server.credentials())
    from diplodb.urls import url_for_driver

    print(url_for_driver(url, driver, show_password=show_password))
    return 0


def cmd_docs(config: Config, *, output: str | None = None, check: bool = False) -> int:
    from diplodb.docs import build, default_path
    from diplodb.target import running_target

    path = Path(output) if output else default_path()
    content = build(running_target(config).owner_sqlalchemy_url(), config.reader_group)
    if check:
        if not path.exists() or path.read_text(encoding="utf-8") != content:
            raise DiplodbError(f"{path} is out of date; run 'diplodb docs'")
        print(f"{path} is current")
        return 0
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(content, encoding="utf-8")
    print(f"wrote {path}")
    return 0


def cmd_export(config: Config, *, directory: str, overwrite: bool = False) -> int:
    from diplodb.export import export
    from diplodb.target import running_target

    if not directory.strip():
        raise DiplodbError("export needs a directory to write to, got an empty name")
    report = export(running_target(config).owner_sqlalchemy_url(), Path(directory),
                    seeds=config.seeds, overwrite=overwrite)
    print(f"exported {report.summary()} to {report.directory}")
    return 0


