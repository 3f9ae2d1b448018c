"""`sote-planner privacy STORE [--min-group N] [--json]`: what the project holds about persons and how
its figures are protected; `--min-group N` sets the project's smallest group shown as a figure."""

from __future__ import annotations

import json

from desktop.core.lang import t


def register(sub) -> None:
    p = sub.add_parser(
        "privacy",
        help=t("projektin tietosuoja: avaimen tunniste, pienin näytettävä ryhmä",
               "the project's privacy: key fingerprint, smallest group shown"),
        description=t("Näyttää projektin avaimen tunnisteen ja pienimmän näytettävän ryhmän (oletus 5 henkilöä). "
                      "--min-group N muuttaa ryhmän kokoa (vähintään 5).",
                      "Shows the project's key fingerprint and the smallest group shown (default 5 persons). "
                      "--min-group N changes the group size (at least 5)."),
    )
    p.add_argument("store", help=t("projektitiedosto (.sote)", "project file (.sote)"))
    p.add_argument("--min-group", type=int, metavar="N",
                   help=t("pienin luvuin näytettävä ryhmä (henkilöä, vähintään 5)",
                          "smallest group shown as a figure (persons, at least 5)"))
    p.add_argument("--json", action="store_true", help=t("tulosta JSON", "print JSON"))
    p.set_defaults(func=run)


def run(args) -> int:
    from desktop.analysis import privacy
    from desktop.core.errors import UserError
    from desktop.store import open_store
    from desktop.store.keys import key_status

    if args.min_group is not None:
        if args.min_group < privacy.MIN_GROUP:
            raise UserError(t(f"Pienin näytettävä ryhmä on vähintään {privacy.MIN_GROUP} henkilöä (annettu {args.min_group}).",
                              f"The smallest group shown is at least {privacy.MIN_GROUP} persons ({args.min_group} given)."))
        with open_store(args.store) as store:
            store.set_setting(privacy.MIN_GROUP_SETTING, int(args.min_group))
    with open_store(args.store, readonly=True) as store:
        status = key_status(store)
        doc = {"key_fingerprint": status["fingerprint"], "key_available": status["available"],
               "min_group": privacy.min_group(store)}
    if args.json:
        print(json.dumps(doc))
        return 0
    key = doc["key_fingerprint"] or t("ei avainta (ei henkilötason tietoja)", "no key (no person-level data)")
    where = "" if doc["key_fingerprint"] is None else (
        t(" – tällä koneella", " – on this computer") if doc["key_available"] else t(" – ei tällä koneella", " – not on this computer"))
    print(t(f"Pseudonymisointiavain: {key}{where}", f"Pseudonymisation key: {key}{where}"))
    n = doc["min_group"]
    print(t(f"Pienin näytettävä ryhmä: {n} henkilöä (pienemmät '<{n}', niiden täydentäjät '..').",
            f"Smallest group shown: {n} persons (smaller ones '<{n}', their complements '..')."))
    return 0
