"""`sote-planner key create|list|show|export|import`: the pseudonymisation keys (desktop.store.keys).

- `key create [--no-default]`: a new key in the user's key folder (new projects get it);
- `key list [--json]`: the keys in the folder;
- `key show STORE [--json]`: the project's key fingerprint and whether this user has the key;
- `key export STORE|FINGERPRINT FILE`: write the key to a file for a colleague or a backup;
- `key import FILE [--default]`: take a key file into the user's key folder.
"""

from __future__ import annotations

import json
from pathlib import Path

from desktop.core.lang import t


def register(sub) -> None:
    p = sub.add_parser(
        "key",
        help=t("pseudonymisointiavaimet: luonti, vienti, tuonti ja tunniste",
               "pseudonymisation keys: create, export, import and fingerprint"),
        description=t(
            "Henkilötunnisteet tallennetaan projektiin avaimella laskettuina pseudonyymeinä. Avain on projektitiedoston "
            "ulkopuolella käyttäjän avainkansiossa (tai SOTE_PLANNER_KEY_FILE-muuttujan nimeämässä tiedostossa); "
            "projektiin tallennetaan vain sen tunniste. Avain tarvitaan vain henkilötason tietojen tuontiin.",
            "Person ids are stored in the project as pseudonyms computed with a key. The key is kept outside the "
            "project file, in the user's key folder (or the file named by SOTE_PLANNER_KEY_FILE); the project "
            "keeps only its fingerprint. The key is needed only to import person-level data.",
        ),
    )
    actions = p.add_subparsers(dest="action", metavar="TOIMINTO" if t("fi", "en") == "fi" else "ACTION")
    actions.required = True

    c = actions.add_parser("create", help=t("luo uusi avain avainkansioon", "create a new key in the key folder"))
    c.add_argument("--no-default", action="store_true",
                   help=t("älä anna avainta uusille projekteille", "do not give the key to new projects"))
    c.add_argument("--json", action="store_true", help=t("tulosta JSON", "print JSON"))
    c.set_defaults(func=run_create)

    ls = actions.add_parser("list", help=t("avainkansion avaimet", "the keys in the key folder"))
    ls.add_argument("--json", action="store_true", help=t("tulosta JSON", "print JSON"))
    ls.set_defaults(func=run_list)

    s = actions.add_parser("show", help=t("projektin avaimen tunniste ja onko avain tällä koneella",
                                          "the project's key fingerprint and whether the key is here"))
    s.add_argument("store", help=t("projektitiedosto (.sote) tai tiimin projektin osoite (postgresql://…)",
                                   "project file (.sote) or a team project's address (postgresql://…)"))
    s.add_argument("--json", action="store_true", help=t("tulosta JSON", "print JSON"))
    s.set_defaults(func=run_show)

    e = actions.add_parser("export", help=t("kirjoita avain tiedostoon (kollegalle tai varmuuskopioksi)",
                                            "write the key to a file (for a colleague or a backup)"))
    e.add_argument("source", metavar="STORE|TUNNISTE" if t("fi", "en") == "fi" else "STORE|FINGERPRINT",
                   help=t("projektitiedosto, tiimin projektin osoite tai avaimen tunniste",
                          "project file, a team project's address or key fingerprint"))
    e.add_argument("file", help=t("kohdetiedosto", "target file"))
    e.set_defaults(func=run_export)

    i = actions.add_parser("import", help=t("ota avaintiedosto käyttöön avainkansioon", "take a key file into the key folder"))
    i.add_argument("file", help=t("avaintiedosto", "key file"))
    i.add_argument("--default", action="store_true",
                   help=t("anna avain myös uusille projekteille", "give the key to new projects too"))
    i.set_defaults(func=run_import)


def run_create(args) -> int:
    from desktop.store.keys import create_key, lost_key_warning

    key = create_key(make_default=not args.no_default)
    if args.json:
        print(json.dumps({"fingerprint": key.fingerprint, "path": str(key.path)}))
        return 0
    print(t(f"Uusi avain {key.fingerprint}: {key.path}", f"New key {key.fingerprint}: {key.path}"))
    print(lost_key_warning())
    return 0


def run_list(args) -> int:
    from desktop.store.keys import key_folder, list_keys

    keys = list_keys()
    if args.json:
        print(json.dumps({"folder": str(key_folder()), "keys": keys}, ensure_ascii=False))
        return 0
    print(t(f"Avainkansio: {key_folder()}", f"Key folder: {key_folder()}"))
    if not keys:
        print(t("  ei avaimia", "  no keys"))
    for k in keys:
        mark = t(" (uusien projektien oletus)", " (default for new projects)") if k["default"] else ""
        print(f"  {k['fingerprint']}{mark}")
    return 0


def run_show(args) -> int:
    from desktop.store import open_store
    from desktop.store.keys import key_status

    with open_store(args.store, readonly=True) as store:
        status = key_status(store)
    if args.json:
        print(json.dumps(status))
        return 0
    if status["fingerprint"] is None:
        print(t("Projektissa ei ole vielä henkilötason tietoja; sillä ei ole avainta.",
                "The project holds no person-level data yet; it has no key."))
    elif status["available"]:
        print(t(f"Projektin avain: {status['fingerprint']} (tällä koneella: {status['path']})",
                f"Project key: {status['fingerprint']} (on this computer: {status['path']})"))
    else:
        print(t(f"Projektin avain: {status['fingerprint']} – ei tällä koneella. Henkilötason tietoja ei voi tuoda "
                "ennen kuin avain tuodaan: sote-planner key import TIEDOSTO.",
                f"Project key: {status['fingerprint']} – not on this computer. Person-level data cannot be imported "
                "until the key is imported: sote-planner key import FILE."))
    return 0


def run_export(args) -> int:
    from desktop.core.errors import UserError
    from desktop.store.keys import export_key, lost_key_warning, project_fingerprint
    from desktop.store.location import is_server_url

    wanted = args.source
    if is_server_url(args.source) or Path(args.source).exists():  # a project file or a team project
        from desktop.store import open_store

        with open_store(args.source, readonly=True) as store:
            wanted = project_fingerprint(store)
            where = store.display if store.is_server else Path(args.source).name
        if wanted is None:
            raise UserError(t(f"Projektilla {where} ei ole avainta (ei henkilötason tietoja).",
                              f"Project {where} has no key (no person-level data)."))
    path = export_key(wanted, args.file)
    print(t(f"Avain {wanted} kirjoitettu tiedostoon {path}.", f"Key {wanted} written to {path}."))
    print(lost_key_warning())
    return 0


def run_import(args) -> int:
    from desktop.store.keys import import_key

    key = import_key(args.file, make_default=args.default)
    print(t(f"Avain {key.fingerprint} otettu käyttöön: {key.path}", f"Key {key.fingerprint} taken into use: {key.path}"))
    return 0
