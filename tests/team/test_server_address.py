"""A team project's address: `postgresql://USER[:PASSWORD]@HOST[:PORT]/DB` wherever a project path
is accepted; the password from the URL, PGPASSWORD or a pgpass file, never shown or written;
`sslmode` from the URL honoured."""

from __future__ import annotations

from pathlib import Path

import pytest
from pg_server import PASSWORDS

from desktop.cli import main
from desktop.core.errors import UserError
from desktop.store.location import FileLocation, ServerLocation, parse_location, redact, server_location

DATA = Path(__file__).resolve().parents[1] / "data" / "imports"


def test_parsing_and_redacting_addresses():
    location = parse_location("postgresql://maija:salainen@sote.example.fi:6543/keski_suomi?sslmode=require")
    assert isinstance(location, ServerLocation)
    assert (location.user, location.host, location.port, location.database) == ("maija", "sote.example.fi", 6543,
                                                                                 "keski_suomi")
    assert location.url.password == "salainen" and location.url.query["sslmode"] == "require"
    assert location.display == "postgresql://maija@sote.example.fi:6543/keski_suomi?sslmode=require"
    assert "salainen" not in location.key
    assert parse_location("postgres://a@h/d").url.drivername == "postgresql+psycopg"
    assert parse_location("postgresql+psycopg://a@h/d").display == "postgresql://a@h/d"
    assert isinstance(parse_location("projekti.sote"), FileLocation)
    assert "pw" not in parse_location("postgresql://a@h/d?password=pw").display
    with pytest.raises(UserError, match="puuttuu tietokannan nimi"):
        parse_location("postgresql://maija:salainen@palvelin")
    assert redact("yhteys postgresql://maija:salainen@h:5/d epäonnistui") == "yhteys postgresql://maija@h:5/d epäonnistui"
    assert "salainen" not in redact("host=h password=salainen dbname=d")
    dialog = server_location("h", "d", "maija", 5433, "salainen")
    assert dialog.url.password == "salainen" and dialog.display == "postgresql://maija@h:5433/d"


@pytest.fixture
def no_pgpass(tmp_path, monkeypatch):
    empty = tmp_path / "tyhja-pgpass"
    empty.write_text("")
    empty.chmod(0o600)
    monkeypatch.setenv("PGPASSFILE", str(empty))
    monkeypatch.delenv("PGPASSWORD", raising=False)


def _everything_written(home: Path) -> str:
    """Every file the app wrote in the user's folder (logs, settings, keys)."""
    return "\n".join(p.read_text(errors="replace") for p in home.rglob("*") if p.is_file() and not p.suffix == ".key")


def test_password_from_the_url_is_used_and_never_shown(pg_server, no_pgpass, _user_home, capsys):
    database = pg_server.new_database("salasana")
    secret = PASSWORDS["analyst1"]
    url = pg_server.url("analyst1", database, password=True)
    assert secret in url
    assert main(["import", url, "events", str(DATA / "events_pipe.csv")]) == 0
    assert main(["info", url]) == 0
    out = capsys.readouterr()
    assert secret not in out.out + out.err
    assert f"postgresql://analyst1@127.0.0.1:{pg_server.port}/{database}" in out.out
    wrong = url.replace(secret, "vaara-salasana-123")
    assert main(["info", wrong]) == 2
    err = capsys.readouterr().err
    assert "ei saatu yhteyttä" in err and "vaara-salasana-123" not in err
    assert main(["info", pg_server.url("analyst1", database)]) == 2  # no password anywhere: a clear refusal
    assert "ei saatu yhteyttä" in capsys.readouterr().err
    assert secret not in _everything_written(_user_home) and "vaara-salasana" not in _everything_written(_user_home)


def test_password_from_pgpassword(pg_server, no_pgpass, monkeypatch, capsys):
    database = pg_server.new_database("ymparisto")
    monkeypatch.setenv("PGPASSWORD", PASSWORDS["analyst2"])
    assert main(["import", pg_server.url("analyst2", database), "events", str(DATA / "events_pipe.csv")]) == 0
    assert PASSWORDS["analyst2"] not in capsys.readouterr().out


def test_sslmode_from_the_url_is_honoured(pg_server, capsys):
    """The test server speaks no SSL: 'require' is refused with the server's reason, 'disable' works."""
    database = pg_server.new_database("ssl")
    url = pg_server.url("analyst1", database)
    assert main(["import", url + "?sslmode=disable", "events", str(DATA / "events_pipe.csv")]) == 0
    capsys.readouterr()
    assert main(["info", url + "?sslmode=require"]) == 2
    err = capsys.readouterr().err
    assert "ei saatu yhteyttä" in err and "SSL" in err


def test_an_unreachable_server_is_a_clear_message(capsys):
    from pg_server import free_port

    assert main(["info", f"postgresql://maija:piilossa@127.0.0.1:{free_port()}/sote"]) == 2
    err = capsys.readouterr().err
    assert "ei saatu yhteyttä" in err and "piilossa" not in err and "Traceback" not in err


def test_an_unexpected_error_line_and_its_log_drop_passwords_and_mask_identity_codes(monkeypatch, capsys, _user_home):
    """The one-line unexpected error (issue #15) and its log (identity codes masked, issue #13) carry
    no database password either."""
    from desktop.commands import info

    def broken(args):
        raise RuntimeError("yhteys postgresql://maija:piilossa@palvelin/sote katkesi, asiakas 131052-308T")

    monkeypatch.setattr(info, "run", broken)
    assert main(["info", "postgresql://maija@palvelin/sote"]) == 1
    line = capsys.readouterr().err.strip()
    assert line.startswith("Odottamaton virhe (RuntimeError: yhteys postgresql://maija@palvelin/sote katkesi")
    assert "piilossa" not in line and "131052-308T" not in line and "******-****" in line
    log = Path(line.split("lokitiedostoon ")[1])
    text = log.read_text(encoding="utf-8")
    assert "Traceback" in text and "piilossa" not in text and "131052-308T" not in text
    assert "piilossa" not in _everything_written(_user_home)
