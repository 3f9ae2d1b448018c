"""Shared by the commands that save what planners edit together (classification, segments, measures
imports): a colleague's newer save refused with advice, and `--as-copy` to keep one's changes in a
copy of the project instead."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from desktop.core.errors import SaveConflict, UserError
from desktop.core.lang import t

T = TypeVar("T")


def add_as_copy_option(parser) -> None:
    parser.add_argument("--as-copy", metavar="KOPIO", help=t(
        "tallenna muutokset projektin kopioon (uusi .sote-tiedosto tai tyhjä tietokanta), ei itse projektiin",
        "save the changes into a copy of the project (a new .sote file or an empty database), not the project"))


def save_or_copy(store_arg: str, as_copy: str | None, save: Callable[..., T], export_hint: str) -> T:
    """Open the project (or copy it to `as_copy` first) and run `save(store)`; a refused save (a
    colleague's newer version) becomes exit 2 with what to do."""
    from desktop.core.progress import ConsoleProgress
    from desktop.services import edit_versions
    from desktop.store import open_store
    from desktop.store.copying import copy_project

    target = store_arg
    if as_copy:
        copy_project(store_arg, as_copy, progress=ConsoleProgress())
        target = as_copy
    try:
        with open_store(target) as store:
            if as_copy:
                edit_versions.own_copy(store)
            return save(store)
    except SaveConflict as exc:
        raise UserError(exc.message + " " + t(
            f"Lataa uusin: {export_hint.format(store=store_arg)} ja tee muutoksesi siihen, tai tallenna "
            "omasi kopioon lisäämällä valinta --as-copy KOPIO.sote. Tiedostoasi ei muutettu.",
            f"Reload the newest: {export_hint.format(store=store_arg)} and make your changes there, or save yours "
            "into a copy with --as-copy COPY.sote. Your file was not changed.")) from exc
