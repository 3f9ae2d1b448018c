"""What the main window says about the open project: the window title, the project header above the
navigation (name, region, data years, synthetic, read-only, team project) and the status bar's project label
(part of MainWindow, see main_window.py)."""

from __future__ import annotations

import html
import logging

from desktop import APP_NAME
from desktop.store import Store

log = logging.getLogger(__name__)


def format_years(years: list[int]) -> str:
    if not years:
        return ""
    years = sorted(years)
    if len(years) > 1 and years == list(range(years[0], years[-1] + 1)):
        return f"{years[0]}–{years[-1]}"
    return ", ".join(str(y) for y in years)


def store_years(store: Store) -> list[int]:
    """The data years of a store: years of its service events (finance years when it has none)."""
    from desktop.services.project_info import event_years

    years = event_years(store)
    if years:
        return years
    from desktop.services.project_info import project_info

    for dataset in project_info(store)["datasets"]:
        if dataset["kind"] == "finance" and dataset["years"]:
            return list(dataset["years"])
    return []



class ProjectTitle:
    def _update_title(self) -> None:
        """Window title and the project header: name, region, data years, synthetic, read-only."""
        if self.store is None:
            self.setWindowTitle(APP_NAME)
            self.store_label.setText(self.tr("Ei avointa projektia"))
            self.project_header.setText(
                "<b>" + html.escape(self.tr("Ei avointa projektia")) + "</b><br>"
                + html.escape(self.tr("Avaa projekti tai luo uusi Tiedosto-valikosta."))
            )
            return
        name = self.store.name
        try:
            years = format_years(store_years(self.store))
            synthetic = bool(self.store.setting("synthetic", False))
            region = self.store.setting("region_name", None)
        except Exception:  # noqa: BLE001 - a title never fails the window
            log.exception("could not read the project facts for the title")
            years, synthetic, region = "", False, None
        title = " · ".join(p for p in (name, years) if p)
        header = [f"<b>{html.escape(name)}</b>"]
        if region:
            header.append(html.escape(str(region)))
        if years:
            header.append(html.escape(self.tr("Tiedot vuosilta %1").replace("%1", years)))
        if synthetic:
            title += " " + self.tr("(synteettinen demoaineisto)")
            header.append("<span style='color:#8a5a00'>" + html.escape(self.tr("Synteettinen demoaineisto")) + "</span>")
        if self.store.is_server:
            title += " " + self.tr("[tiimin projekti palvelimella %1]").replace("%1", self.store.location.host or "localhost")
            header.append(html.escape(self.tr("Tiimin projekti: %1").replace("%1", self.store.display)))
        if self.store.readonly:
            title += " " + self.tr("[vain luku]")
            header.append("<span style='color:#a00000'>" + html.escape(self.tr("Vain luku")) + "</span>")
        self.setWindowTitle(f"{title} — {APP_NAME}")
        self.project_header.setText("<br>".join(header))
        label = self.store.display
        if self.store.readonly:
            label += "  (" + self.tr("vain luku") + ")"
        self.store_label.setText(label)

