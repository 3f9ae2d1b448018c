"""The command line: `sote-planner [--lang fi|en] [--version] [--self-test] [COMMAND ...]`.

Exit codes: 0 success, 2 bad input or bad usage (message on stderr), 1 unexpected error (the
message names a log file with the details).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import traceback

from desktop import APP_NAME, APP_NAME_EN, __version__
from desktop.core import collector
from desktop.core.errors import UserError
from desktop.core.lang import default_language, set_language, t

EXIT_OK, EXIT_ERROR, EXIT_USAGE = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # usage errors: exit 2, in the user's language
        self.print_usage(sys.stderr)
        sys.stderr.write(t(f"Virheellinen komento: {message}\n", f"Bad usage: {message}\n"))
        raise SystemExit(EXIT_USAGE)


def _command_word(argv: list[str]) -> str | None:
    """The command named on the command line (the first word that is not an option or --lang's value)."""
    skip = False
    for arg in argv:
        if skip:
            skip = False
        elif arg == "--lang":
            skip = True
        elif not arg.startswith("-"):
            return arg
    return None


def build_parser(argv: list[str] | None = None) -> argparse.ArgumentParser:
    """The command line's parser; with `argv` naming a command, only that command's parser is built
    (its module alone imported); otherwise every command's (the overview, a usage error's choices)."""
    from desktop.commands import COMMAND_NAMES, command_modules

    word = None if argv is None else _command_word(argv)
    names = (word,) if word in COMMAND_NAMES else COMMAND_NAMES

    parser = _Parser(
        prog="sote-planner",
        description=t(
            f"{APP_NAME}: hyvinvointialueen palveluiden suunnittelu. Ilman komentoa avautuu sovellus.",
            f"{APP_NAME_EN}: planning a wellbeing services county's services. Without a command the app opens.",
        ),
    )
    parser.add_argument("--version", action="version", version=f"{APP_NAME} {__version__}")
    parser.add_argument("--lang", choices=["fi", "en"], help=t("viestien kieli", "language of messages"))
    parser.add_argument(
        "--self-test",
        action="store_true",
        help=t(
            "avaa pääikkunan näytöttä pienellä demoaineistolla, piirtää jokaisen sivun ja palauttaa 0 kun kaikki onnistui",
            "open the main window offscreen on a small demo store, render every page, exit 0 when all succeeded",
        ),
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for module in command_modules(names):
        module.register(sub)
    return parser


def _log_unexpected(exc: BaseException) -> str:
    import logging

    from desktop.paths import log_dir, write_log

    path = log_dir() / f"virhe-{dt.datetime.now():%Y%m%d-%H%M%S}.log"
    write_log(path, "".join(traceback.format_exception(exc)))
    logger = logging.getLogger(__name__)
    if logger.hasHandlers():  # without handlers logging's last resort would print the traceback on stderr
        logger.error("unexpected error", exc_info=exc)
    return str(path)


def _one_line(exc: BaseException, limit: int = 200) -> str:
    """The first line of an exception's text, shortened (SQL errors carry the statement after it)."""
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _language_option(argv: list[str]) -> str | None:
    """The value of `--lang X` or `--lang=X` before the command (decided before building help texts)."""
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            return argv[i + 1]
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
    return None


def command_line() -> int:
    """The process's entry point (`sote-planner ...`, `python -m desktop ...`, the bundle): `main()` on
    the process's arguments; the process ends when this returns (desktop.core.collector.exiting)."""
    code = main()
    collector.exiting()
    return code


def main(argv: list[str] | None = None) -> int:
    own_process = argv is None  # `sote-planner ...` / `python -m desktop ...`, not a caller's process
    argv = list(sys.argv[1:] if argv is None else argv)
    set_language(default_language())
    language = _language_option(argv)
    if language in ("fi", "en"):  # decide the language before building help texts
        set_language(language)
    try:
        parser = build_parser(argv)
        args = parser.parse_args(argv)
        if args.self_test:
            from desktop.ui.selftest import run_self_test

            return run_self_test()
        if not args.command:
            from desktop.app import run_gui

            return run_gui(None)
        if own_process and args.command != "gui":  # held back while the command loads (desktop.core.collector)
            collector.hold()
            # numpy's OpenBLAS starts a spinning thread per core when it loads (0.1 s of CPU of a small
            # command, the other core kept busy); the few matrix products of a report are small
            os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
        return int(args.func(args) or 0)
    except SystemExit as exc:
        return int(exc.code or 0) if isinstance(exc.code, int) else EXIT_USAGE
    except UserError as exc:
        from desktop.store.location import redact

        sys.stderr.write(redact(str(exc)) + "\n")
        return EXIT_USAGE
    except BrokenPipeError:
        # the reader (e.g. `| head`) went away: not an error of ours; silence the final flush too
        try:
            sys.stdout = open(os.devnull, "w")  # noqa: SIM115
        except OSError:
            pass
        return EXIT_OK
    except KeyboardInterrupt:
        sys.stderr.write(t("Keskeytetty.\n", "Interrupted.\n"))
        return EXIT_USAGE
    except Exception as exc:  # noqa: BLE001 - last resort: log and tell where
        from desktop.paths import safe_text
        from desktop.store.sqlite_health import as_damage

        damage = as_damage(exc, "")
        if damage is not None:  # SQLite found damage the opening check did not reach
            sys.stderr.write(str(damage) + "\n")
            return EXIT_USAGE
        try:
            path = _log_unexpected(exc)
        except Exception:  # noqa: BLE001 - even the log could not be written
            path = t("(lokia ei voitu kirjoittaa)", "(the log could not be written)")
        sys.stderr.write(
            t(
                f"Odottamaton virhe ({type(exc).__name__}: {safe_text(_one_line(exc))}). Tiedot on tallennettu lokitiedostoon {path}\n",
                f"Unexpected error ({type(exc).__name__}: {safe_text(_one_line(exc))}). Details were saved to {path}\n",
            )
        )
        return EXIT_ERROR
