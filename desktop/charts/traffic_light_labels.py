"""The words and colours of the traffic-light charts: level, measure and structure names in the
current language (the *_NAMES_FI tables stay Finnish: reports and the CLI use them), the colour-blind
safe colours (Okabe-Ito bluish green, yellow, vermillion; grey for unclassified), figures as text,
short unique bar labels and the filters' subtitle. No matplotlib here."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from desktop.charts.numbers import eur, number
from desktop.core.lang import t

LEVELS = ("green", "yellow", "red", "unclassified")
LEVEL_COLOURS = {"green": "#009E73", "yellow": "#F0E442", "red": "#D55E00", "unclassified": "#BBBBBB"}
LEVEL_TEXT_COLOURS = {"green": "white", "yellow": "black", "red": "white", "unclassified": "black"}
LEVEL_NAMES_FI = {"green": "vihreä", "yellow": "keltainen", "red": "punainen", "unclassified": "luokittelematon"}
MEASURE_NAMES_FI = {"contacts": "käynnit ja kontaktit", "clients": "asiakkaat", "cost_eur": "eurot",
                    "units": "suoritteet", "eur_per_resident": "€/asukas", "eur_per_client": "€/asiakas",
                    "fte": "henkilötyövuodet (htv)", "ledger_eur": "kirjanpidon eurot", "contacts_per_fte": "käyntejä / htv",
                    "eur_per_contact": "kirjanpidon € / käynti"}
STRUCTURE_NAMES_FI = {"avo": "ehkäisevät ja avopalvelut", "asumis": "asumispalvelut", "laitos": "laitospalvelut",
                      "unclassified": "luokittelematon"}
LEVEL_NAMES_EN = {"green": "green", "yellow": "yellow", "red": "red", "unclassified": "unclassified"}
MEASURE_NAMES_EN = {"contacts": "visits and contacts", "clients": "clients", "cost_eur": "euros",
                    "units": "units", "eur_per_resident": "€/resident", "eur_per_client": "€/client",
                    "fte": "full-time equivalents (FTE)", "ledger_eur": "ledger euros", "contacts_per_fte": "contacts / FTE",
                    "eur_per_contact": "ledger € / contact"}
STRUCTURE_NAMES_EN = {"avo": "preventive and outpatient services", "asumis": "housing services",
                      "laitos": "institutional services", "unclassified": "unclassified"}
STRUCTURE_COLOURS = {"avo": "#56B4E9", "asumis": "#0072B2", "laitos": "#CC79A7", "unclassified": "#BBBBBB"}


def _name(names_fi: Mapping[str, str], names_en: Mapping[str, str], key: str) -> str:
    return t(names_fi.get(key, key), names_en.get(key, key))


def level_name(level: str) -> str:
    """'green' -> 'vihreä' / 'green' in the current language; an unknown key comes back as it is."""
    return _name(LEVEL_NAMES_FI, LEVEL_NAMES_EN, level)


def measure_name(measure: str) -> str:
    """'contacts' -> 'käynnit ja kontaktit' / 'visits and contacts'."""
    return _name(MEASURE_NAMES_FI, MEASURE_NAMES_EN, measure)


def structure_name(structure: str) -> str:
    """'avo' -> 'ehkäisevät ja avopalvelut' / 'preventive and outpatient services'."""
    return _name(STRUCTURE_NAMES_FI, STRUCTURE_NAMES_EN, structure)


def measure_text(value, measure: str) -> str:
    """A figure of `measure` in the current language's format ('<5' stays)."""
    if isinstance(value, str):
        return value
    if measure in ("cost_eur", "ledger_eur"):
        return eur(value)
    if measure == "fte":
        return number(value, 1)
    if measure == "contacts_per_fte":
        return number(value, 0)
    if measure == "eur_per_contact":
        return eur(value, 0 if value is None or abs(value) >= 100 else 2)
    if measure in ("eur_per_resident", "eur_per_client"):
        return eur(value, 0 if value is None or abs(value) >= 100 else 2)
    if measure == "units":
        return number(value, 0)
    return number(value)


def short_labels(names: Sequence[str], width: int = 28) -> list[str]:
    """Names cut to `width` characters with '…' and never two alike: when cutting the end would make
    two names equal, their middle is cut instead ('Kotihoito, ikä…ihmiset' / 'Kotihoito, ikä…vammaiset');
    names still alike after that get ' (2)', ' (3)'."""
    def cut(name: str, head: int) -> str:
        if len(name) <= width:
            return name
        tail = width - 1 - head
        return name[:head].rstrip() + "…" + (name[-tail:].lstrip() if tail > 0 else "")

    labels = [cut(str(n), width - 1) for n in names]
    for _round in range(2):
        seen: dict[str, list[int]] = {}
        for i, label in enumerate(labels):
            seen.setdefault(label, []).append(i)
        for same in seen.values():
            if len({str(names[i]) for i in same}) > 1:
                for i in same:
                    labels[i] = cut(str(names[i]), (width - 1) // 2)
    counts: dict[str, int] = {}
    out = []
    for label in labels:
        counts[label] = counts.get(label, 0) + 1
        out.append(label if counts[label] == 1 else f"{label} ({counts[label]})")
    return out


def filters_subtitle(years: Sequence[int], filters: Mapping[str, Sequence[str]] | None = None) -> str:
    """'Vuosi 2024 · kunta: 179, 182 · sukupuoli: 2' (English: 'Year 2024 · municipality: 179, 182 ·
    sex: 2') for chart subtitles; filter values are data and stay as they are."""
    names_fi = {"municipality": "kunta", "sex": "sukupuoli", "age_band": "ikäryhmä", "producer": "tuottaja",
                "segment": "segmentti", "life_stage": "elämänkaari", "aura": "AURA", "service": "palvelu",
                "structure": "rakenne", "level": "taso", "year": "vuosi"}
    names_en = {"municipality": "municipality", "sex": "sex", "age_band": "age group", "producer": "producer",
                "segment": "segment", "life_stage": "life stage", "aura": "AURA", "service": "service",
                "structure": "structure", "level": "level", "year": "year"}
    years = list(years)
    if not years:
        parts = []
    elif len(years) == 1:
        parts = [t(f"Vuosi {years[0]}", f"Year {years[0]}")]
    else:
        parts = [t(f"Vuodet {years[0]}–{years[-1]}", f"Years {years[0]}–{years[-1]}")]
    words = {"sex": ({"1": "miehet", "2": "naiset"}, {"1": "men", "2": "women"}),
             "producer": ({"own": "oma", "purchased": "ostopalvelu", "voucher": "palveluseteli"},
                          {"own": "own", "purchased": "purchased", "voucher": "voucher"})}
    for dim, values in (filters or {}).items():
        fi, en = words.get(dim, ({}, {}))
        shown = [t(fi.get(str(v), str(v)), en.get(str(v), str(v))) for v in values]
        parts.append(f"{_name(names_fi, names_en, dim)}: {', '.join(shown)}")
    return " · ".join(parts)
