"""The diplodb command line's click application (``diplodb.cli`` is its entry point).

Every setting is an option of ``diplodb`` and of each command (the value after the
command wins), with its environment variable; the configuration is resolved once, here,
and handed to the command (``diplodb.commands``). Every expected failure, a usage error
included, is one line on stderr and exit 2; Ctrl-C is one line and exit 130.
"""

from __future__ import annotations

import sys

import click

from diplodb.config import SETTINGS, resolve
from diplodb.errors import INTERRUPTED, DiplodbError, explain

EXIT_CODES = """\b
Exit codes:
  0    done
  2    an expected failure, explained in one line on stderr (a usage error, bad
       configuration or seed files, unreachable server, missing privilege, a lock held
       too long, ...)
  3    status: the embedded server is not running
  130  interrupted (Ctrl-C); nothing was written
  any other code is a bug: please report it with its traceback"""

COMMAND_EPILOG = ("The settings (--database-url, --home, --port, --seeds, ...), each with "
                  "its environment variable, are listed by 'diplodb --help'; they may be "
                  "given after the command too.\n\n" + EXIT_CODES)


# -- typed values: the configuration's own checks, as click types ---------------------
class _Validated(click.ParamType):
    """A setting checked by diplodb.config; its message already names the setting."""

    def __init__(self, name: str, check):
        self.name, self._check = name, check

    def convert(self, value, param, ctx):
        if value is None or value == "":
            return None
        try:
            self._check(value)
        except DiplodbError as error:
            raise _SettingError(str(error)) from None
        return value


class _SettingError(click.BadParameter):
    def format_message(self) -> str:
        return self.message


class _Revision(click.ParamType):
    name = "REVISION"

    def convert(self, value, param, ctx):
        import re

        from diplodb.state import revision_graph

        known = sorted(revision_graph())
        if value in ("head", "heads", "base") or value in known or re.fullmatch(r"[+-]\d+", value):
            return value
        raise _SettingError(f"Can't locate revision {value!r}: a revision is head, base, "
                            f"{known[0]} … {known[-1]}, or -N/+N relative to the current one")


def _setting_types() -> dict:
    from diplodb import config

    return {
        "DATABASE_URL": _Validated("URL", config._database_url),
        "DIPLODB_HOME": click.Path(file_okay=False, path_type=str),
        "DIPLODB_PORT": _Validated("PORT", config._port),
        "DIPLODB_LISTEN_ADDRESSES": _Validated("ADDRESSES", config._listen_addresses),
        "DIPLODB_SEEDS": click.Path(exists=True, file_okay=False, path_type=str),
        "DIPLODB_READER_GROUP": _Validated("ROLE", config._reader_group),
        "DIPLODB_LOCK_TIMEOUT": _Validated("SECONDS", config._seconds),
    }


def _settings(*, on_group: bool):
    """The settings as options: on ``diplodb`` each reads its environment variable and
    shows it in --help; after a command, the same options (listed once, in
    ``diplodb --help``) override them."""
    types = _setting_types()

    def decorate(function):
        for setting in reversed(SETTINGS):
            default = f" [default: {setting.default}]" if setting.default else ""
            function = click.option(
                setting.option, setting.env, type=types[setting.env], default=None,
                envvar=setting.env if on_group else None, show_envvar=on_group,
                hidden=not on_group, metavar=types[setting.env].name.upper(),
                help=f"{setting.help[0].upper()}{setting.help[1:]}.{default}")(function)
        return function
    return decorate


def _password_flag(*, shown_by_default: bool):
    return click.option(
        "--show-password/--hide-password", "show_password", default=shown_by_default,
        help="Print the password, or *** in its place (default: "
             f"{'shown' if shown_by_default else 'hidden'}).")


# -- the group and its commands --------------------------------------------------------
class _Escaped(Exception):
    """Carries Ctrl-C and a closed stdout past click's main, which would print an empty
    line or exit 1 for them."""

    def __init__(self, original: BaseException):
        super().__init__(str(original))
        self.original = original


class _Group(click.Group):
    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except (KeyboardInterrupt, BrokenPipeError) as error:
            raise _Escaped(error) from None

    def main(self, args=None, prog_name=None, **extra):  # noqa: D401 - click's signature
        args = sys.argv[1:] if args is None else list(args)
        try:
            if not args:
                click.echo(self.get_help(click.Context(self, info_name="diplodb")))
                code = 0
            else:
                code = super().main(args, prog_name="diplodb", standalone_mode=False, **extra)
        except click.exceptions.Exit as done:  # --help, --version
            code = done.exit_code
        except click.UsageError as error:
            command = error.ctx.command_path if error.ctx else "diplodb"
            _fail(f"{error.format_message()} (see '{command} --help')")
            code = 2
        except (KeyboardInterrupt, click.Abort):
            _fail(INTERRUPTED)
            code = 130
        except click.ClickException as error:
            _fail(error.format_message())
            code = 2
        except Exception as caught:  # noqa: BLE001 - expected ones become one line
            error = caught.original if isinstance(caught, _Escaped) else caught
            if isinstance(error, KeyboardInterrupt):
                _fail(INTERRUPTED)
                sys.exit(130)
            message = explain(error)
            if message is None:
                raise error from None
            if isinstance(error, BrokenPipeError):
                _silence_stdout()
            _fail(message)
            code = 2
        sys.exit(code if isinstance(code, int) else 0)


def _fail(message: str) -> None:
    print(f"diplodb: {message}", file=sys.stderr)


@click.group(cls=_Group, epilog=EXIT_CODES, context_settings={"max_content_width": 100})
@click.version_option(package_name="diplodb", prog_name="diplodb",
                      message="%(prog)s %(version)s", help="Print the version and exit.")
@_settings(on_group=True)
@click.pass_context
def cli(ctx, **settings):
    """A sourced PostgreSQL database of Iran-Iraq diplomacy: start, migrate, seed, export.

    Every setting below is also an environment variable (shown beside it) and may be
    given after the command as well; the value given last wins.
    """
    ctx.obj = {k: v for k, v in settings.items() if v is not None}


def _command(name: str, summary: str):
    """A subcommand whose function gets the resolved Config and its own parameters."""
    def decorate(function):
        @_settings(on_group=False)
        @click.pass_context
        def run(ctx, **params):
            given = dict(ctx.obj or {})
            for setting in SETTINGS:
                value = params.pop(setting.env, None)
                if value is not None:
                    given[setting.env] = value
            config = resolve(given, environ={})
            try:
                return function(config, **params)
            except Exception as error:  # noqa: BLE001 - re-raised unless the log explains it
                full = _full_disk_behind(config, error)
                if full is None:
                    raise
                raise DiplodbError(full) from None

        run.__doc__ = summary
        run.__name__ = function.__name__
        return cli.command(name, epilog=COMMAND_EPILOG, help=summary)(run)
    return decorate


def _full_disk_behind(config, error: BaseException) -> str | None:
    """The embedded server dropped the connection because its disk filled (a full WAL
    disk is a PANIC, not an error a client receives): say so, from its log."""
    message = explain(error)
    if config.external or not message or not message.startswith(
            "the server closed the connection"):
        return None
    log = config.embedded().log_file
    try:
        with open(log, "rb") as file:
            file.seek(max(0, file.seek(0, 2) - 16384))
            lines = file.read().decode(errors="replace").splitlines()
    except OSError:
        return None
    full = [line for line in lines if "No space left on device" in line]
    return f"no space left on the database's disk: {full[-1].strip()} (log: {log})" \
        if full else None


def _commands():
    from diplodb import commands
    return commands


@_password_flag(shown_by_default=False)
@_command("up", "Start the embedded server (or use DATABASE_URL), migrate to head, seed, "
                "and print the analyst URL. Nothing is written when all is current.")
def up(config, show_password):
    return _commands().cmd_up(config, show_password=show_password)


@_command("down", "Stop the embedded server of the data home (refused with DATABASE_URL).")
def down(config):
    return _commands().cmd_down(config)


@click.option("--json", "as_json", is_flag=True, help="Print one JSON object instead of lines.")
@_command("status", "Print the server, schema revision, data version, drift and row counts "
                    "(exit 3 when the embedded server is stopped).")
def status(config, as_json):
    return _commands().cmd_status(config, as_json=as_json)


@click.option("--yes", is_flag=True,
              help="Allow a downgrade (it drops views, tables and their data).")
@click.argument("revision", type=_Revision(), default="head", required=False)
@_command("migrate", "Migrate to REVISION: head (the default), base, a revision id such as "
                     "0009, or -N/+N. Needs a running server ('diplodb up' starts one).")
def migrate(config, revision, yes):
    return _commands().cmd_migrate(config, revision=revision, yes=yes)


@click.option("--force", is_flag=True, help="Reload every file even if nothing changed.")
@click.option("--check", is_flag=True, help="Validate the seed files only; touch no database.")
@_command("seed", "Validate the seed files (--seeds) and load them in one transaction; "
                  "unchanged files are not written. Needs a running server.")
def seed(config, check, force):
    return _commands().cmd_seed(config, check=check, force=force)


@click.option("--outlet", metavar="NAME", help="The publisher, recorded as the source's publisher.")
@click.option("--published", metavar="DATE",
              help="Publication date, YYYY-MM-DD (or YYYY-MM, YYYY); default: the date the "
                   "article's first lines state.")
@click.option("--source-id", metavar="ID",
              help="The new source's id (default: made from the outlet, date and first words).")
@click.argument("article", type=click.Path(dir_okay=False, path_type=str))
@_command("draft", "Register ARTICLE (a UTF-8 text file) in the seed data set (--seeds) and "
                   "write a draft of its annotation file: every sentence undecided, the known "
                   "names, dates and candidate facts marked draft. 'seed' refuses a draft "
                   "until it is complete (docs/drafting.md). Never uses the network.")
def draft(config, article, source_id, published, outlet):
    return _commands().cmd_draft(config, article=article, source_id=source_id,
                                 published=published, outlet=outlet)


@click.option("--scale", type=click.IntRange(min=1), default=1, show_default=True,
              metavar="N", help="How many copies of the seed files to write.")
@click.argument("directory", type=click.Path(file_okay=False, path_type=str))
@_command("synthesize", "Write a synthetic corpus to DIRECTORY (new or empty): N copies of "
                        "the seed files, marked synthetic, for benchmarks and test "
                        "environments; never loaded beside real data.")
def synthesize(config, directory, scale):
    return _commands().cmd_synthesize(config, directory=directory, scale=scale)


@click.option("--check", is_flag=True,
              help="Fail (exit 2) if the file differs from what the catalog gives.")
@click.option("--output", type=click.Path(dir_okay=False, path_type=str), metavar="FILE",
              help="Where to write (default: docs/data-dictionary.md in a checkout, "
                   "else ./data-dictionary.md).")
@_command("docs", "Write the data dictionary from the live catalog of a migrated database.")
def docs(config, output, check):
    return _commands().cmd_docs(config, output=output, check=check)


@click.option("--overwrite", is_flag=True, help="Replace DIRECTORY if it is not empty.")
@click.argument("directory", type=click.Path(file_okay=False, path_type=str))
@_command("export", "Write the analytics views to DIRECTORY (new or empty) as CSV and "
                    "Parquet with two data packages, datapackage.json (CSV) and "
                    "datapackage-parquet.json, read in one snapshot; all or nothing.")
def export(config, directory, overwrite):
    return _commands().cmd_export(config, directory=directory, overwrite=overwrite)


def _driver_help() -> str:
    from diplodb.urls import DRIVERS

    return "The URL form: " + "; ".join(f"{k}: {v}" for k, v in DRIVERS.items()) + "."


@_password_flag(shown_by_default=True)
@click.option("--driver", type=click.Choice(["libpq", "jdbc", "sqlalchemy", "psycopg2"]),
              default="libpq", show_default=True, help=_driver_help())
@click.option("--role", type=click.Choice(["analyst", "owner"]), default="analyst",
              show_default=True, help="The read-only analyst login, or the owner that "
                                      "migrates and seeds.")
@_command("url", "Print a connection URL for psql, a BI tool or SQLAlchemy (see --driver).")
def url(config, role, driver, show_password):
    return _commands().cmd_url(config, role=role, driver=driver, show_password=show_password)


def _silence_stdout() -> None:
    # Python flushes stdout again at exit; point it at /dev/null so that fails quietly.
    import os

    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
