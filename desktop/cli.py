"""The command line: `sote-planner [--lang fi|en] [--version] [--self-test] [COMMAND ...]`.

Exit codes: 0 success, 2 bad input or bad usage (message on stderr), 1 unexpected error (the
message names a log file with the details).
"""

from __future__ import annotations

import argparse
import datetime as dt
import logging
import os
import sys
import traceback

from desktop import APP_NAME, APP_NAME_EN, __version__
from desktop.core.errors import UserError
from desktop.core.lang import default_language, set_language, t

EXIT_OK, EXIT_ERROR, EXIT_USAGE = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # usage errors: exit 2, in the user's language
        self.print_usage(sys.stderr)
        sys.stderr.write(t(f"Virheellinen komento: {message}\n", f"Bad usage: {message}\n"))
        raise SystemExit(EXIT_USAGE)


def build_parser() -> argparse.ArgumentParser:
    from desktop.commands import command_modules

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
    for module in command_modules():
        module.register(sub)
    return parser


def _log_unexpected(exc: BaseException) -> str:
    from desktop.paths import log_dir
    from desktop.store.location import redact

    path = log_dir() / f"virhe-{dt.datetime.now():%Y%m%d-%H%M%S}.log"
    path.write_text(redact("".join(traceback.format_exception(exc))), encoding="utf-8")  # no database password
    logging.getLogger(__name__).error("unexpected error: %s", redact(str(exc)))
    return str(path)


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    set_language(default_language())
    if "--lang" in argv:  # decide the language before building help texts
        i = argv.index("--lang")
        if i + 1 < len(argv):
            set_language(argv[i + 1])
    try:
        parser = build_parser()
        args = parser.parse_args(argv)
        if args.self_test:
            from desktop.ui.selftest import run_self_test

            return run_self_test()
        if not args.command:
            from desktop.app import run_gui

            return run_gui(None)
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
        from desktop.store.location import redact

        path = _log_unexpected(exc)
        sys.stderr.write(
            redact(t(
                f"Odottamaton virhe: {exc}. Tiedot on tallennettu lokitiedostoon {path}\n",
                f"Unexpected error: {exc}. Details were saved to {path}\n",
            ))
        )
        return EXIT_ERROR
