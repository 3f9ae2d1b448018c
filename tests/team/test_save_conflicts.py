"""A save over a colleague's newer save is refused (classification, segment rules, reach goals,
measures), with a Finnish message offering reload or a copy; never a silent overwrite. On a team
project two analysts' stores; in a file (and on a server) a stale exported file on the command line."""

from __future__ import annotations

import json

import pytest

from desktop.cli import main
from desktop.core.errors import SaveConflict
from desktop.services import edit_versions, network, segments
from desktop.services import measures as measures_svc
from desktop.services.classification import load_classification, save_classification
from desktop.services.new_project import create_project
from desktop.store import Store


@pytest.fixture
def two_analysts(pg_server):
    database = pg_server.new_database("ristiin")
    first = create_project(pg_server.url("analyst1", database))
    second = Store.open(pg_server.url("analyst2", database))
    yield first, second
    second.close()
    first.close()


def _rename_first_segment(store, name):
    rules = segments.load_segments(store, active_only=False)
    rules[0] = type(rules[0])(name, rules[0].condition, rules[0].kind, rules[0].name_en, rules[0].description)
    return rules


def test_segments_a_save_over_a_newer_save_is_refused(two_analysts):
    mine, theirs = two_analysts
    edit_versions.begin_editing(mine, "segments")
    edit_versions.begin_editing(theirs, "segments")
    segments.save_segments(theirs, _rename_first_segment(theirs, "Heidän nimensä"))
    with pytest.raises(SaveConflict) as caught:
        segments.save_segments(mine, _rename_first_segment(mine, "Minun nimeni"))
    message = caught.value.message
    assert "Segmenttisäännöt: analyst2 tallensi uudemman version" in message
    assert "Lataa uusin versio uudelleen" in message and "kopioon" in message
    assert segments.load_segments(mine)[0].name == "Heidän nimensä"  # nothing of mine was written
    # after reloading, my save goes through (and theirs is now the stale one)
    edit_versions.begin_editing(mine, "segments")
    segments.save_segments(mine, _rename_first_segment(mine, "Minun nimeni"))
    assert segments.load_segments(theirs)[0].name == "Minun nimeni"
    with pytest.raises(SaveConflict):
        segments.save_segments(theirs, _rename_first_segment(theirs, "Taas heidän"))


def test_classification_goals_and_measures_carry_versions_too(two_analysts):
    mine, theirs = two_analysts
    for area in ("classification", "goals", "measures"):
        edit_versions.begin_editing(mine, area)
        edit_versions.begin_editing(theirs, area)
    # classification
    theirs_version = load_classification(theirs)
    theirs_version.name = "Heidän luokituksensa"
    save_classification(theirs, theirs_version)
    mine_version = load_classification(mine)
    mine_version.name = "Minun luokitukseni"
    with pytest.raises(SaveConflict, match="Palveluluokitus: analyst2"):
        save_classification(mine, mine_version)
    assert load_classification(mine).name == "Heidän luokituksensa"
    # reach goals
    goals = network.list_goals(theirs)
    network.replace_goals(theirs, goals[1:])
    with pytest.raises(SaveConflict, match="Saavutettavuustavoitteet"):
        network.replace_goals(mine, goals[:1])
    assert len(network.list_goals(mine)) == len(goals) - 1
    # measures: each edit is a save of the tracker
    measures_svc.AddGoal(theirs, "Heidän tavoitteensa").do()
    with pytest.raises(SaveConflict, match="Kehittämistoimenpiteet"):
        measures_svc.AddGoal(mine, "Minun tavoitteeni").do()
    names = [g.name for g in measures_svc.load_tracker(mine).goals]
    assert "Heidän tavoitteensa" in names and "Minun tavoitteeni" not in names


def test_two_saves_at_the_same_moment_one_is_refused(two_analysts):
    """The later of two concurrent saves waits for the first (row lock) and is then refused."""
    import threading

    mine, theirs = two_analysts
    edit_versions.begin_editing(mine, "segments")
    edit_versions.begin_editing(theirs, "segments")
    outcomes: dict[str, object] = {}
    start = threading.Barrier(2)

    def save(store, name):
        start.wait()
        try:
            segments.save_segments(store, _rename_first_segment(store, name))
            outcomes[name] = "saved"
        except SaveConflict as exc:
            outcomes[name] = exc

    threads = [threading.Thread(target=save, args=(s, n)) for s, n in ((mine, "A"), (theirs, "B"))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert sorted(type(v).__name__ for v in outcomes.values()) == ["SaveConflict", "str"]
    winner = next(n for n, v in outcomes.items() if v == "saved")
    assert segments.load_segments(mine)[0].name == winner


def test_a_stale_exported_file_is_refused_on_the_command_line(place, tmp_path, capsys):
    """Files too: a segments file exported before a colleague's import cannot overwrite it (exit 2);
    --as-copy keeps the changes in a copy of the project instead."""
    store = place.target("p")
    create_project(store).close()
    mine, theirs = tmp_path / "minun.json", tmp_path / "heidan.json"
    assert main(["segments", "export", store, str(mine)]) == 0
    assert main(["segments", "export", store, str(theirs)]) == 0
    for path, name in ((mine, "Minun segmenttini"), (theirs, "Heidän segmenttinsä")):
        doc = json.loads(path.read_text(encoding="utf-8"))
        doc["segments"][0]["name"] = name
        path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    capsys.readouterr()
    assert main(["segments", "import", store, str(theirs)]) == 0
    assert main(["segments", "import", store, str(mine)]) == 2
    err = capsys.readouterr().err
    assert "Segmenttisäännöt:" in err and "tallensi uudemman version" in err
    assert "sote-planner segments export" in err and "--as-copy" in err
    with Store.open(store, readonly=True) as s:
        names = [x.name for x in segments.load_segments(s)]
    assert "Heidän segmenttinsä" in names and "Minun segmenttini" not in names
    copy = tmp_path / "omat.sote"
    assert main(["segments", "import", store, str(mine), "--as-copy", str(copy)]) == 0
    with Store.open(copy, readonly=True) as s:
        assert "Minun segmenttini" in [x.name for x in segments.load_segments(s)]
    with Store.open(store, readonly=True) as s:
        assert "Minun segmenttini" not in [x.name for x in segments.load_segments(s)]


def test_stale_classification_and_measures_files_exit_2(place, tmp_path, capsys):
    store = place.target("q")
    create_project(store).close()
    old_json = tmp_path / "luokitus.json"
    assert main(["classification", "export", store, str(old_json)]) == 0
    assert main(["classification", "import", store, str(old_json)]) == 0  # the same version: fine
    assert main(["classification", "import", store, str(old_json)]) == 2  # now older than the save
    assert "Palveluluokitus:" in capsys.readouterr().err
    with Store.open(store) as s:
        measures_svc.install_seed_example(s)  # months and ratings to export
    sheet = tmp_path / "arviot.xlsx"
    assert main(["measures", "export", store, str(sheet)]) == 0
    with Store.open(store) as s:
        measures_svc.AddGoal(s, "Välissä tallennettu").do()
    capsys.readouterr()
    assert main(["measures", "import", store, str(sheet)]) == 2
    assert "Kehittämistoimenpiteet:" in capsys.readouterr().err
