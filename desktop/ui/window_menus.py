"""The main window's menus: Tiedosto (projects, recent projects, import, copy, keys), Muokkaa (undo, redo and
copy on the page shown), Näytä (language, pages with Ctrl+1...) and Ohje (guide, about); the language switch
rebuilds pages and menus (part of MainWindow, see main_window.py)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence

from desktop.store.location import is_server_url, parse_location
from desktop.ui import settings as S
from desktop.ui.clicks import on_click


class WindowMenus:
    """The menu bar and what its Muokkaa, Näytä and Ohje actions do."""

    def _build_menus(self) -> None:
        bar = self.menuBar()
        bar.clear()
        file_menu = bar.addMenu(self.tr("&Tiedosto"))
        self.new_action = self._action(file_menu, self.tr("&Uusi projekti..."), self.new_project, QKeySequence.StandardKey.New)
        self.open_action = self._action(file_menu, self.tr("&Avaa projekti..."), self.open_dialog, QKeySequence.StandardKey.Open)
        self.team_action = self._action(file_menu, self.tr("Avaa &tiimin projekti…"), self.open_team_project)
        self.recent_menu = file_menu.addMenu(self.tr("&Viimeisimmät"))
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        self._fill_recent_menu()
        self.demo_action = self._action(file_menu, self.tr("Avaa &demoalue"), self.open_demo)
        file_menu.addSeparator()
        self.import_action = self._action(file_menu, self.tr("&Tuo tiedosto..."), self.run_import, "Ctrl+I")
        self.export_action = self._action(file_menu, self.tr("Tallenna &kopio..."), self.export_copy, "Ctrl+Shift+S")
        self.keys_action = self._action(file_menu, self.tr("Pseudonymisointi&avaimet..."), self.show_keys)
        self.close_action = self._action(file_menu, self.tr("&Sulje projekti"), self.close_store, QKeySequence.StandardKey.Close)
        file_menu.addSeparator()
        # StandardKey.Quit has no binding offscreen or on Windows: Ctrl+Q explicitly
        self.quit_action = self._action(file_menu, self.tr("&Lopeta"), self.close, "Ctrl+Q")

        view_menu = bar.addMenu(self.tr("&Näytä"))
        language_menu = view_menu.addMenu(self.tr("&Kieli / Language"))
        group = QActionGroup(self)
        self.language_actions = {}
        from desktop.core.lang import language

        for code, name in (("fi", "Suomi"), ("en", "English")):
            action = QAction(name, self, checkable=True)
            action.setChecked(language() == code)
            on_click(action, self.set_language, code)
            group.addAction(action)
            language_menu.addAction(action)
            self.language_actions[code] = action

        view_menu.addSeparator()
        self.page_actions = []
        for number, page in enumerate(self.pages, start=1):  # Ctrl+1 ... Ctrl+6: the pages in the list's order
            action = self._action(view_menu, page.title(), lambda key=page.key: self.show_page(key),
                                  f"Ctrl+{number}" if number < 10 else None)
            self.page_actions.append(action)

        # Muokkaa: undo and redo act on the page shown (each editing page keeps its own history); the
        # shortcuts stay the pages' own (a window-wide Ctrl+Z would be ambiguous), so they are shown only
        edit_menu = bar.addMenu(self.tr("&Muokkaa"))
        bar.insertMenu(view_menu.menuAction(), edit_menu)
        self.undo_action = self._action(edit_menu, self.tr("&Kumoa") + "\tCtrl+Z", self.undo_on_page)
        self.redo_action = self._action(edit_menu, self.tr("&Tee uudelleen") + "\tCtrl+Shift+Z", self.redo_on_page)
        edit_menu.addSeparator()
        self.copy_action = self._action(edit_menu, self.tr("K&opioi") + "\tCtrl+C", self.copy_selection)

        help_menu = bar.addMenu(self.tr("&Ohje"))
        self.guide_action = self._action(help_menu, self.tr("&Käyttöopas"), self.show_guide, "F1")
        self.about_action = self._action(help_menu, self.tr("&Tietoja ohjelmasta..."), self.show_about)
        self._update_actions()

    def _action(self, menu, text: str, slot, shortcut=None) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        on_click(action, slot)
        menu.addAction(action)
        return action

    def _update_actions(self) -> None:
        has_store = self.store is not None
        writable = has_store and not self.store.readonly  # type: ignore[union-attr]
        self.import_action.setEnabled(writable)
        self.export_action.setEnabled(has_store)
        self.close_action.setEnabled(has_store)

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        files = self.settings.recent_files()
        for i, name in enumerate(files, start=1):
            if is_server_url(name):  # a team project: the address without its password
                where = parse_location(name)
                text = f"&{i} {where.name}  —  {where.host or 'localhost'} " + self.tr("(tiimin projekti)")
            else:
                text = f"&{i} {Path(name).name}  —  {Path(name).parent}"
            action = self.recent_menu.addAction(text)
            action.setData(name)
            action.setEnabled(is_server_url(name) or Path(name).exists())
            on_click(action, self.open_path, name)
        if not files:
            empty = self.recent_menu.addAction(self.tr("(ei viimeisimpiä projekteja)"))
            empty.setEnabled(False)
        else:
            self.recent_menu.addSeparator()
            clear = self.recent_menu.addAction(self.tr("Tyhjennä luettelo"))
            on_click(clear, self.settings.set, S.RECENT_FILES, [])

    def undo_on_page(self) -> None:
        """Muokkaa > Kumoa: the last edit of the page shown."""
        page = self.current_page()
        if page is not None and hasattr(page, "undo"):
            page.undo()
        else:
            self.statusBar().showMessage(self.tr("Tällä sivulla ei ole kumottavaa."), 5_000)

    def redo_on_page(self) -> None:
        page = self.current_page()
        if page is not None and hasattr(page, "redo"):
            page.redo()

    def copy_selection(self) -> None:
        """Muokkaa > Kopioi: the selected cells of the table in focus (as Excel text), or the selected text."""
        from PySide6.QtWidgets import QAbstractItemView, QApplication

        from desktop.ui.widgets.table_tools import copy_table

        widget = QApplication.focusWidget()
        if isinstance(widget, QAbstractItemView) and widget.model() is not None:
            copy_table(widget)
        elif widget is not None and hasattr(widget, "copy"):
            widget.copy()

    def show_guide(self) -> None:
        """F1: the user guide at the section of the page shown."""
        from desktop.ui.dialogs.help_dialog import HelpDialog

        page = self.current_page()
        dialog = HelpDialog(page.key if page else None, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()

    def show_about(self) -> None:
        from desktop.ui.dialogs.about_dialog import AboutDialog

        synthetic = bool(self.store.setting("synthetic", False)) if self.store else False
        dialog = AboutDialog(self, synthetic=synthetic)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    def set_language(self, code: str) -> None:
        """Switch the UI language now and remember it; pages and menus are rebuilt in the new language."""
        from desktop.core.lang import language
        from desktop.ui.application import install_translators

        if code != language() and not self.confirm_discard_changes():  # the pages are rebuilt
            self.language_actions[language()].setChecked(True)
            return
        self.settings.set(S.LANGUAGE, code)
        install_translators(code)
        self.retranslate()

    def retranslate(self) -> None:
        current = self.current_page()
        key = current.key if current else None
        self.navigation.blockSignals(True)
        self.navigation.clear()
        while self.stack.count():
            holder = self.stack.widget(0)
            self.stack.removeWidget(holder)
            holder.deleteLater()
        self.pages = []
        self._build_pages()
        self.navigation.blockSignals(False)
        for page in self.pages:
            self._call_page(page, page.set_store, self.store)
        self._build_menus()
        self.show_page(key)
        self._update_title()

