"""`sote-planner upgrade STORE`: bring a project's schema up to this app's version. A file is upgraded
whenever it is opened (after a backup copy); a team's database only with this command (or the app's
question), since every analyst of the team must then use the new app version."""

from __future__ import annotations

from desktop.core.lang import t


def register(sub) -> None:
    p = sub.add_parser(
        "upgrade",
        help=t("päivitä projektin tietokantarakenne tämän ohjelmaversion mukaiseksi",
               "upgrade a project's schema to this app version"),
        description=t(
            "Päivittää tiimin projektin (postgresql://) tai projektitiedoston tietokantarakenteen yhdessä "
            "transaktiossa. Ota palvelimesta varmuuskopio ensin ja päivitä koko tiimin ohjelmat.",
            "Upgrades a team project's (postgresql://) or a project file's schema in one transaction. Back up "
            "the server first and upgrade the whole team's apps.",
        ),
    )
    p.add_argument("store", help=t("projektitiedosto tai postgresql://-osoite", "project file or postgresql:// URL"))
    p.set_defaults(func=run)


def run(args) -> int:
    from desktop.store import open_store
    from desktop.store.migrations import SCHEMA_VERSION

    with open_store(args.store, upgrade_schema=True) as store:
        before = store.upgraded_from
        backup = store.backup_path
        where = store.display
    if before is not None and before < SCHEMA_VERSION or backup is not None:
        print(t(f"Projektin {where} tietokantarakenne päivitettiin versioon {SCHEMA_VERSION}.",
                f"The schema of {where} was upgraded to version {SCHEMA_VERSION}.")
              + (t(f" Vanha tallennettiin tiedostoon {backup}.", f" The old one was saved as {backup}.") if backup else ""))
    else:
        print(t(f"Projektin {where} tietokantarakenne on jo versiota {SCHEMA_VERSION}.",
                f"The schema of {where} is already version {SCHEMA_VERSION}."))
    return 0
