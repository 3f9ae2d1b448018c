"""Recognising columns: which source column holds which canonical field of a dataset kind.

Headers are compared case-, space-, underscore- and diacritic-insensitively against the canonical
names and common Finnish, Swedish and English headers. A planner can override any of it by hand
(`--map CANONICAL=SOURCE` or the drop-downs of the import dialog) and save it as a profile.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from desktop.core.errors import UserError
from desktop.core.lang import t


@dataclass(frozen=True)
class Field:
    name: str
    label_fi: str
    required: bool = False
    aliases: tuple[str, ...] = ()


def _f(name: str, label: str, *aliases: str, required: bool = False) -> Field:
    return Field(name, label, required, aliases)


MUNICIPALITY = ("kunta", "kotikunta", "kuntakoodi", "kuntanro", "kuntanumero", "kuntanimi", "asuinkunta",
                "kommun", "hemkommun", "kommunkod", "municipalitycode", "kunnankoodi")
YEAR = ("vuosi", "tilastovuosi", "ar", "year", "vuosiluku")
SEX = ("sukupuoli", "sp", "kon", "gender", "sex")
X = ("itakoordinaatti", "easting", "xkoordinaatti", "xkoord", "coordx", "etrstm35finx", "e")
Y = ("pohjoiskoordinaatti", "northing", "ykoordinaatti", "ykoord", "coordy", "etrstm35finy", "n")
LON = ("longitude", "lng", "long", "pituusaste", "lon")
LAT = ("latitude", "leveysaste", "lat")
COST_CENTRE = ("kustannuspaikka", "kustannuspaikkakoodi", "kustannuspaikannimi", "kustpaikka", "kustp", "kp",
               "kostnadsstalle", "costcentre", "costcenter")

KIND_FIELDS: dict[str, tuple[Field, ...]] = {
    "events": (
        _f("person_id", "henkilö", "henkilo", "henkilotunnus", "hetu", "asiakas", "asiakasnumero", "asiakasnro",
           "asiakasid", "asiakastunnus", "potilas", "potilasnumero", "potilasnro", "potilasid", "pseudonyymi",
           "pseudonym", "henkiloid", "henkilonumero", "personbeteckning", "personnummer", "klient", "klientnummer",
           "patient", "patientid", "clientid", "person", required=True),
        _f("date", "päivämäärä", "pvm", "paivamaara", "kayntipaiva", "kayntipvm", "tapahtumapaiva", "tapahtumapvm",
           "kaynninpvm", "aloituspvm", "alkupvm", "paiva", "datum", "besoksdatum", "eventdate", "visitdate", required=True),
        _f("birth_year", "syntymävuosi", "syntymavuosi", "syntvuosi", "syntymavuosi", "fodelsear", "birthyear", "svuosi"),
        _f("age", "ikä", "ika", "ikavuosina", "alder", "age"),
        _f("sex", "sukupuoli", *SEX),
        _f("municipality", "kunta", *MUNICIPALITY),
        _f("service_code", "palvelu", "palvelukoodi", "palvelu", "palvelunimi", "palvelunkoodi", "palvelutuote",
           "tjanst", "tjanstekod", "service", "servicecode"),
        _f("service_form", "palvelumuoto", "palvelumuoto", "palvelumuotokoodi", "servicetype", "serviceform", "vardform"),
        _f("visit_nature", "käynnin luonne", "kaynninluonne", "kaynninluonnekoodi", "luonne", "visitnature",
           "besoketsnatur"),
        _f("contact_type", "yhteystapa", "yhteystapa", "yhteystapakoodi", "kontaktsatt", "kontakttyp", "contacttype"),
        _f("professional_group", "ammattiluokka", "ammattiluokka", "ammattiryhma", "ammatti", "ammattikoodi",
           "yrkesgrupp", "yrkesklass", "professionalgroup", "profession"),
        _f("reasons", "käyntisyy", "kayntisyy", "kayntisyyt", "kaynninsyy", "syy", "syyt", "diagnoosi", "diagnoosit",
           "icd10", "icpc2", "icpc", "dg", "diagnos", "besoksorsak", "reason", "reasons", "diagnosis"),
        _f("producer", "tuottaja", "tuottaja", "tuotantotapa", "tuottajatyyppi", "producent", "produktionssatt",
           "producer"),
        _f("cost_eur", "kustannus", "kustannus", "kustannukset", "kustannuseur", "hinta", "euroa", "eur", "euro",
           "kostnad", "kostnadeur", "cost", "costeur"),
        _f("units", "määrä", "maara", "yksikot", "yksikkomaara", "hoitopaivat", "hoitopv", "paivat", "tunnit",
           "antal", "units"),
        _f("special_law", "erityislaki", "erityislaki", "laki", "paatos", "lagstiftning", "speciallaw"),
        _f("source", "lähde", "lahde", "lahdejarjestelma", "jarjestelma", "tietojarjestelma", "kalla", "source"),
    ),
    "population": (
        _f("municipality", "kunta", *MUNICIPALITY, required=True),
        _f("year", "vuosi", *YEAR, required=True),
        _f("age", "ikä", "ika", "ikaryhma", "ikaluokka", "ikavuodet", "aldersgrupp", "alder", "agegroup", "age",
           required=True),
        _f("sex", "sukupuoli", *SEX),
        _f("count", "lukumäärä", "vaesto", "vakiluku", "asukkaita", "asukasluku", "lukumaara", "lkm", "maara",
           "henkiloa", "antal", "invanare", "befolkning", "population", "count", required=True),
    ),
    "grid": (
        _f("cell_id", "ruutu", "ruutu", "ruutuid", "ruudunid", "ruutunro", "ruudukko", "ykrid", "gridid", "cellid",
           "index", "id", "rutid", required=True),
        _f("x", "x", *X),
        _f("y", "y", *Y),
        _f("lon", "pituusaste", *LON),
        _f("lat", "leveysaste", *LAT),
        _f("population", "väestö", "vaesto", "asukkaita", "asukasluku", "vakiluku", "vaki", "vakimaara", "pop",
           "population", "befolkning", "invanare", "asukkaat", required=True),
        _f("municipality", "kunta", *MUNICIPALITY),
    ),
    "sites": (
        _f("site_id", "tunnus", "tunnus", "toimipisteid", "toimipistetunnus", "toimipistekoodi", "yksikkoid",
           "yksikkotunnus", "kohdeid", "id", "siteid", "fid", required=True),
        _f("name", "nimi", "nimi", "toimipiste", "toimipisteennimi", "yksikko", "yksikonnimi", "namn", "name",
           required=True),
        _f("type", "tyyppi", "tyyppi", "laji", "palvelutyyppi", "toimipistetyyppi", "typ", "type", required=True),
        _f("size", "koko", "koko", "kokoluokka", "storlek", "size"),
        _f("capacity", "kapasiteetti", "kapasiteetti", "kapasiteettihloa", "kapasiteettihenkiloa",
           "asiakaskapasiteetti", "kapacitet", "capacity"),
        _f("x", "x", *X),
        _f("y", "y", *Y),
        _f("lon", "pituusaste", *LON),
        _f("lat", "leveysaste", *LAT),
        _f("municipality", "kunta", *MUNICIPALITY),
    ),
    "travel-times": (
        _f("origin", "lähtöruutu", "lahto", "lahtoruutu", "lahtopiste", "mista", "alkupiste", "fromid", "from",
           "origin", "originid", "fran", required=True),
        _f("destination", "kohde", "kohde", "kohdeid", "minne", "maaranpaa", "toimipiste", "toid", "to",
           "destination", "destinationid", "till", required=True),
        _f("minutes", "minuutit", "minuutit", "minuuttia", "min", "aika", "matkaaika", "matkaaikamin", "restid",
           "traveltime", "time", "minutes", required=True),
        _f("mode", "kulkutapa", "kulkutapa", "kulkumuoto", "fardsatt", "mode"),
    ),
    "finance": (
        _f("aura_code", "AURA-koodi", "aura", "aurakoodi", "auraluokka", "palveluluokka", "palveluluokkakoodi",
           "luokka", "tehtavaluokka", "tehtavakoodi", "auracode"),
        _f("aura_name", "AURA-nimi", "auranimi", "palveluluokannimi", "palveluluokkanimi", "tehtava", "tehtavannimi",
           "palvelu", "auraname"),
        _f("year", "vuosi", *YEAR, required=True),
        _f("cost_eur", "kustannus", "kustannus", "kustannukset", "kustannuseur", "menot", "toimintakulut", "euroa",
           "eur", "euro", "kostnad", "cost", "costeur", required=True),
        _f("producer", "tuottaja", "tuottaja", "tuotantotapa", "producent", "producer"),
        _f("cost_centre", "kustannuspaikka", *COST_CENTRE),
    ),
    "staff": (
        _f("cost_centre", "kustannuspaikka", *COST_CENTRE, "yksikko", "yksikkokoodi", "yksikonnimi", "tulosyksikko",
           "enhet", "unit", required=True),
        _f("professional_group", "ammattiryhmä", "ammattiryhma", "ammattiluokka", "ammatti", "nimike",
           "tehtavanimike", "nimikeryhma", "ammattinimike", "yrkesgrupp", "yrkesbeteckning", "befattning",
           "professionalgroup", "profession", "jobtitle"),
        _f("year", "vuosi", *YEAR, required=True),
        _f("month", "kuukausi", "kuukausi", "kk", "manad", "month"),
        _f("fte", "henkilötyövuodet", "htv", "henkilotyovuodet", "henkilotyovuosi", "henkilotyovuosia",
           "tehdythtv", "arsverken", "arsverke", "arsv", "fte", "fulltimeequivalent", required=True),
        _f("wages_eur", "palkat", "palkat", "palkkakulut", "palkkamenot", "palkkasumma", "palkkaeur", "palkka",
           "henkilostokulut", "loner", "lonekostnader", "wages", "wageseur", "salaries"),
        _f("employees", "henkilöt", "henkilot", "henkilomaara", "henkilostomaara", "tyontekijat", "lkm",
           "antalanstallda", "anstallda", "employees", "headcount"),
    ),
}
KIND_LABELS = {
    "events": ("Palvelutapahtumat", "Service-use events"),
    "population": ("Väestö", "Population"),
    "grid": ("Väestöruudukko", "Population grid"),
    "sites": ("Toimipisteet", "Service sites"),
    "travel-times": ("Matka-ajat", "Travel times"),
    "finance": ("Talous (AURA)", "Finance (AURA)"),
    "staff": ("Henkilöstö (htv)", "Personnel (FTE)"),
}
# alternative requirements: any one group of fields is enough
ONE_OF = {
    "grid": (("x", "y"), ("lon", "lat")),
    "sites": (("x", "y"), ("lon", "lat")),
    "finance": (("aura_code",), ("aura_name",)),
}


def normalise_header(name: str) -> str:
    """'Käynnin luonne' -> 'kaynninluonne' (lower case, no diacritics, only letters and digits)."""
    text = unicodedata.normalize("NFKD", str(name).strip().lower())
    text = "".join(c for c in text if not unicodedata.combining(c))
    return re.sub(r"[^0-9a-z]", "", text)


def fields(kind: str) -> tuple[Field, ...]:
    try:
        return KIND_FIELDS[kind]
    except KeyError:
        raise UserError(
            t(
                f"Tuntematon aineiston laji '{kind}'. Lajit: {', '.join(KIND_FIELDS)}.",
                f"Unknown dataset kind '{kind}'. Kinds: {', '.join(KIND_FIELDS)}.",
            )
        ) from None


def field_names(kind: str) -> list[str]:
    return [f.name for f in fields(kind)]


def recognise(headers: list[str], kind: str) -> dict[str, str]:
    """{canonical: source header} for the headers recognised for `kind` (first match wins; a
    canonical name itself beats an alias, a source column is used once)."""
    norm = {h: normalise_header(h) for h in headers}
    used: set[str] = set()
    out: dict[str, str] = {}
    for exact_pass in (True, False):
        for field in fields(kind):
            if field.name in out:
                continue
            wanted = [normalise_header(field.name)] if exact_pass else [normalise_header(a) for a in field.aliases]
            for alias in wanted:
                hit = next((h for h in headers if h not in used and norm[h] == alias), None)
                if hit is not None:
                    out[field.name] = hit
                    used.add(hit)
                    break
    return out


def missing_required(kind: str, mapping: dict[str, str]) -> list[str]:
    missing = [f.name for f in fields(kind) if f.required and f.name not in mapping]
    groups = ONE_OF.get(kind)
    if groups and not any(all(g in mapping for g in group) for group in groups):
        missing.append(" + ".join(groups[0]) + " / " + " + ".join(groups[1]))
    return missing


def guess_kind(headers: list[str]) -> str | None:
    """The kind whose required fields are all recognised with the most recognised fields."""
    best, best_score = None, 0.0
    for kind in KIND_FIELDS:
        found = recognise(headers, kind)
        if missing_required(kind, found):
            continue
        score = len(found) + 0.5 * sum(1 for f in fields(kind) if f.required)
        if score > best_score:
            best, best_score = kind, score
    return best


def apply_overrides(
    headers: list[str], kind: str, recognised: dict[str, str], overrides: dict[str, str | None]
) -> dict[str, str]:
    """Merge hand-made choices into the recognised mapping. A value None or '' unmaps the field.
    Source names are matched exactly first, then like headers (case/diacritics ignored)."""
    mapping = dict(recognised)
    known = set(field_names(kind))
    by_norm = {normalise_header(h): h for h in headers}
    for canonical, source in overrides.items():
        if canonical not in known:
            raise UserError(
                t(
                    f"'{canonical}' ei ole lajin {kind} kenttä. Kentät: {', '.join(sorted(known))}.",
                    f"'{canonical}' is not a field of {kind}. Fields: {', '.join(sorted(known))}.",
                )
            )
        if not source:
            mapping.pop(canonical, None)
            continue
        actual = source if source in headers else by_norm.get(normalise_header(source))
        if actual is None:
            raise UserError(
                t(
                    f"Tiedostossa ei ole saraketta '{source}'. Sarakkeet: {', '.join(headers)}.",
                    f"The file has no column '{source}'. Columns: {', '.join(headers)}.",
                )
            )
        for other, src in list(mapping.items()):
            if src == actual and other != canonical:
                del mapping[other]
        mapping[canonical] = actual
    return mapping


def parse_map_options(items: list[str] | None) -> dict[str, str]:
    """'--map CANONICAL=SOURCE' items as a dict."""
    out: dict[str, str] = {}
    for item in items or []:
        if "=" not in item:
            raise UserError(
                t(
                    f"--map odottaa muotoa KENTTÄ=SARAKE, saatiin '{item}'.",
                    f"--map expects FIELD=COLUMN, got '{item}'.",
                )
            )
        canonical, source = item.split("=", 1)
        out[canonical.strip()] = source.strip()
    return out
