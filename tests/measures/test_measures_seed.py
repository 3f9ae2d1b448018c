"""The shipped example: the Keski-Suomi self-assessment of October 2020 (seed 004)."""

from collections import Counter

from desktop.core.measures import Month
from desktop.paths import resources_dir
from desktop.reports import measures as report
from desktop.services import measures as svc
from desktop.services.new_project import create_project


def test_resource_names_its_source():
    text = (resources_dir() / "measures" / svc.SEED_EXAMPLE).read_text(encoding="utf-8")
    assert text.startswith("# SOURCE:")
    assert "004_b3733d9f403a71f0" in text.splitlines()[0]


def test_new_project_has_the_five_benefit_goals_and_no_measures(tmp_path):
    store = create_project(tmp_path / "p.sote")
    tr = svc.load_tracker(store)
    assert len(tr.goals) == 5
    assert tr.goals[-1].name == "Kustannusten nousun hillitseminen"
    assert tr.measures == [] and tr.ratings == {}
    svc.install_defaults(store)  # again: nothing doubles
    assert len(svc.load_tracker(store).goals) == 5
    store.close()


def test_seed_example_loads_with_the_right_counts(tmp_path):
    store = create_project(tmp_path / "p.sote")
    result = svc.install_seed_example(store)
    tr = svc.load_tracker(store)
    assert (len(tr.goals), len(tr.areas), len(tr.measures)) == (5, 3, 97)
    assert result.goals_added == 0 and result.areas_added == 3 and result.measures_added == 97
    assert tr.months == [Month(2020, 10), Month(2020, 11), Month(2020, 12)]
    assert {mo for (_m, mo) in tr.ratings} == {Month(2020, 10)}
    assert Counter(tr.ratings.values()) == Counter({1: 40, 2: 52, 3: 5})
    per_goal = Counter(tr.goal(m.goal_id).name[:20] for m in tr.measures)
    assert per_goal == Counter({"Palveluiden laadun j": 33, "Toiminnan painotukse": 20, "Palveluiden yhdenver": 19,
                                "Kustannusten nousun ": 13, "Palveluiden monialai": 12})
    suuntima = next(m for m in tr.measures if m.name == "Asiakkuuksien segmentointi Suuntima-työkalun käyttöön otto")
    assert tr.latest(suuntima.id) == (Month(2020, 10), 3)
    assert tr.area(suuntima.area_id).name == "Vastaanottopalveluiden saatavuus"
    # loading it twice adds nothing
    again = svc.install_seed_example(store)
    assert again.measures_added == 0 and len(svc.load_tracker(store).measures) == 97
    store.close()


def test_report_sentences_for_the_seed(tmp_path):
    store = create_project(tmp_path / "p.sote")
    assert report.summary_sentences(svc.load_tracker(store)) == ["Kehittämistoimenpiteitä ei ole vielä arvioitu."]
    svc.install_seed_example(store)
    tracker = svc.load_tracker(store)
    lines = report.summary_sentences(tracker)
    assert lines[0] == ("loka 2020: 97 kehittämistoimenpidettä; 40 × 1 ei aloitettu, 52 × 2 suunnitellaan, "
                        "5 × 3 kuvattu (toimintamalli).")
    assert "Kustannusten nousun hillitseminen: 13 toimenpidettä, käytössä 0, pilotoidaan 0, kuvattu 0." in lines
    first = tracker.measures[0]
    svc.SetRating(store, first.id, Month(2021, 4), 5).do()
    lines = report.summary_sentences(svc.load_tracker(store))
    assert lines[1] == "Käytössä (5) 0 → 1 ja pilotoitavana (4) 0 → 0 (loka 2020 → huhti 2021); 1 toimenpide edistyi."
    store.close()
