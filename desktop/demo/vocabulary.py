"""The kinds of service-use events the demo region generates, with the codes a source system would
export (Avohilmo-style service form, professional group, visit nature, reasons) and the hints the
default classification is written against (AURA class, structure, level).

This is the contract between the demo generator (which owns the rates) and the default
classification (which must classify every kind listed here).
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class EventKind:
    key: str
    service_code: str  # the source system's own code (column service_code)
    service_form: str  # Avohilmo palvelumuoto ('' for social care records)
    professional_groups: tuple[str, ...]  # ammattiluokka values used
    visit_natures: tuple[str, ...] = ()  # käynnin luonne values ('TH' terveydenhoito, 'SH' sairaanhoito)
    contact_types: tuple[str, ...] = ("R10",)  # yhteystapa: R10 visit, R20 home visit, R50 phone, R52 video
    reasons: tuple[str, ...] = ()  # pool of reason codes (ICD-10, ICPC-2, OAA)
    special_law: str = ""
    aura: str = ""  # Kunta-AURA class name the service belongs to
    structure: str = "avo"  # 'avo' (preventive/outpatient), 'asumis' (housing), 'laitos' (institutional)
    level_hint: str = "green"  # default traffic-light level of the service
    unit: str = "käynti"  # 'käynti' visit, 'hoitopäivä' care day, 'tunti' hour
    notes: str = field(default="", compare=False)


DENTAL_GROUPS = ("hammaslääkäri", "suuhygienisti", "hammashoitaja")

EVENT_KINDS: tuple[EventKind, ...] = (
    EventKind("aitiysneuvola", "NEUVOLA-Ä", "T21", ("terveydenhoitaja", "kätilö", "lääkäri"), ("TH", "SH"),
              reasons=("Z34", "Z35", "OAA42", "OAA43"), aura="Äitiys- ja lastenneuvolapalvelut",
              level_hint="green", notes="mothers' visits; wholly allocated to children and youth"),
    EventKind("lastenneuvola", "NEUVOLA-L", "T22", ("terveydenhoitaja", "lääkäri"), ("TH", "SH"),
              reasons=("Z00.1", "OAA42", "OAA43", "OAA49", "J06"), aura="Äitiys- ja lastenneuvolapalvelut",
              level_hint="green"),
    EventKind("neuvola_suun", "NEUVOLA-SUU", "T22", ("suuhygienisti", "hammaslääkäri"), ("TH",),
              reasons=("K02",), aura="Suun terveydenhuollon palvelut", level_hint="green",
              notes="dental checks at the child clinic: must NOT go to the clinic service"),
    EventKind("kouluterveydenhuolto", "KOULU-TH", "T24", ("terveydenhoitaja", "lääkäri"), ("TH", "SH"),
              reasons=("Z00.1", "OAA42"), aura="Kouluterveydenhuollon palvelut", level_hint="green"),
    EventKind("opiskeluterveydenhuolto", "OPISK-TH", "T25", ("terveydenhoitaja", "lääkäri"), ("TH", "SH"),
              reasons=("Z00.0", "F41"), aura="Opiskeluterveydenhuollon palvelut", level_hint="green"),
    EventKind("vastaanotto_laakari", "VO-LÄÄK", "T11", ("lääkäri",), ("SH",), ("R10", "R50", "R52"),
              reasons=("J06", "I10", "E11", "M54", "R05", "F32", "F10"), aura="Perustason vastaanottopalvelut",
              level_hint="yellow"),
    EventKind("vastaanotto_hoitaja", "VO-HOIT", "T11", ("sairaanhoitaja", "terveydenhoitaja"), ("SH", "TH"),
              ("R10", "R50"), reasons=("J06", "I10", "E11", "Z00.0"), aura="Perustason vastaanottopalvelut",
              level_hint="green"),
    EventKind("suun_terveydenhuolto", "SUU", "T71", DENTAL_GROUPS, ("TH", "SH"),
              reasons=("K02", "K05", "K08"), aura="Suun terveydenhuollon palvelut", level_hint="green"),
    EventKind("fysioterapia", "FYSIO", "T60", ("fysioterapeutti",), ("SH",), reasons=("M54", "M17"),
              aura="Perustason lääkinnällinen avokuntoutus", level_hint="green"),
    EventKind("mielenterveys_avo", "MT-AVO", "T40", ("psykiatrinen sairaanhoitaja", "psykologi", "lääkäri"),
              ("SH",), ("R10", "R52"), reasons=("F32", "F33", "F41", "F43", "F20"),
              aura="Päihde- ja mielenterveysongelmaisten avun, tuen ja hoidon avopalvelut", level_hint="yellow"),
    EventKind("paihde_avo", "PÄIHDE-AVO", "T51", ("sairaanhoitaja", "sosiaalityöntekijä", "lääkäri"), ("SH",),
              reasons=("F10", "F11", "F12", "F19"),
              aura="Päihde- ja mielenterveysongelmaisten avun, tuen ja hoidon avopalvelut", level_hint="yellow"),
    EventKind("kotihoito", "KOTIHOITO", "T30", ("lähihoitaja", "sairaanhoitaja"), ("SH",), ("R20",),
              aura="Iäkkäiden kotihoito", level_hint="yellow"),
    EventKind("paivatoiminta", "PÄIVÄTOIM", "", ("ohjaaja",), aura="Iäkkäiden muu kotona asumisen tukeminen",
              level_hint="yellow", notes="day centre visits of the elderly"),
    EventKind("tehostettu_palveluasuminen", "TPA", "", ("lähihoitaja",), aura="Iäkkäiden tehostettu palveluasuminen",
              structure="asumis", level_hint="red", unit="hoitopäivä"),
    EventKind("iakkaiden_laitoshoito", "LAITOS-IÄK", "", ("lähihoitaja", "sairaanhoitaja"),
              aura="Iäkkäiden laitospalvelu", structure="laitos", level_hint="red", unit="hoitopäivä"),
    EventKind("vuodeosasto", "VOS", "", ("sairaanhoitaja", "lääkäri"), reasons=("J18", "I50", "S72"),
              aura="Perustason vuodeosastohoito", structure="laitos", level_hint="red", unit="hoitopäivä"),
    EventKind("esh_avo", "ESH-POLI", "", ("lääkäri", "sairaanhoitaja"), reasons=("I25", "C50", "M17", "E10"),
              aura="Somaattinen erikoissairaanhoito", level_hint="yellow"),
    EventKind("esh_osasto", "ESH-OSASTO", "", ("lääkäri", "sairaanhoitaja"), reasons=("I21", "S72", "C18", "O80"),
              aura="Somaattinen erikoissairaanhoito", structure="laitos", level_hint="red", unit="hoitopäivä"),
    EventKind("psykiatria_esh", "PSYK-ESH", "", ("lääkäri", "psykologi", "psykiatrinen sairaanhoitaja"),
              reasons=("F20", "F31", "F32", "F60"), aura="Aikuispsykiatrinen erikoissairaanhoito", level_hint="red"),
    EventKind("paivystys", "PÄIVYSTYS", "", ("lääkäri", "sairaanhoitaja"), reasons=("S52", "R07", "J18", "F10"),
              aura="Ympärivuorokautiset päivystyspalvelut", level_hint="red"),
    EventKind("perhetyo", "PERHETYÖ", "", ("sosiaaliohjaaja", "perhetyöntekijä"),
              aura="Lapsiperheiden kotipalvelu ja perhetyö", level_hint="yellow"),
    EventKind("lastensuojelu_avo", "LS-AVO", "", ("sosiaalityöntekijä", "sosiaaliohjaaja"),
              aura="Lastensuojelun avohuolto", level_hint="yellow"),
    EventKind("lastensuojelu_perhehoito", "LS-PERHE", "", ("sosiaalityöntekijä",),
              aura="Lastensuojelun perhehoito", structure="asumis", level_hint="red", unit="hoitopäivä"),
    EventKind("lastensuojelu_laitos", "LS-LAITOS", "", ("ohjaaja",), aura="Lastensuojelun laitospalvelu",
              structure="laitos", level_hint="red", unit="hoitopäivä"),
    EventKind("vammaisten_asuminen", "VAMM-ASUM", "", ("ohjaaja",), special_law="VPL",
              aura="Vammaisten tehostettu palveluasuminen", structure="asumis", level_hint="red", unit="hoitopäivä"),
    EventKind("henkilokohtainen_apu", "HENK-APU", "", ("henkilökohtainen avustaja",), special_law="VPL",
              aura="Henkilökohtainen apu", level_hint="yellow", unit="tunti"),
    EventKind("kehitysvammapalvelut", "KV-PÄIVÄ", "", ("ohjaaja",), special_law="KVL",
              aura="Vammaisten sosiaalityö ja -ohjaus ja päiväaikainen toiminta", level_hint="yellow"),
    EventKind("mt_asumispalvelu", "MT-ASUM", "", ("ohjaaja",), reasons=("F20", "F25"),
              aura="Mielenterveyskuntoutujien ympärivuorokautinen asumispalvelu", structure="asumis",
              level_hint="red", unit="hoitopäivä"),
    EventKind("aikuissosiaalityo", "AIK-SOS", "", ("sosiaalityöntekijä", "sosiaaliohjaaja"),
              aura="Työikäisten sosiaalityö ja -ohjaus", level_hint="green"),
)

BY_KEY = {k.key: k for k in EVENT_KINDS}
