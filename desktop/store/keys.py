"""Pseudonymisation keys: kept outside the project, by the user or by the organisation.

A key is 32 random bytes; every person id is stored as HMAC-SHA-256 under the key (see
desktop.importers.henkilotunnus). Whoever has a project file but not its key cannot turn identity
codes into the stored pseudonyms, so cannot find a person in the file by enumerating codes. The
project stores only the key's *fingerprint* (meta `key_fingerprint`): an HMAC of a fixed text under
the key, which tells which key a project needs and nothing that helps to recover it.

Where a project's key is looked for (the first key with the project's fingerprint wins):
1. a key file given explicitly (`sote-planner import --key FILE`),
2. the key file named by the environment variable `SOTE_PLANNER_KEY_FILE` (a key the county's IT
   hands out; several files may be listed, separated by the path separator),
3. the user's key folder (`desktop.paths.key_dir()`, owner-only): one file `<fingerprint>.key` per key.

A project gets its key at its first import of person-level data: the explicit or environment key
if given, else the user's default key (created on first need). Only importing person-level data
needs the key; reports, editors, charts and exports work on a copy without it.
"""

from __future__ import annotations

import hmac
import os
import secrets
from dataclasses import dataclass
from hashlib import sha256
from pathlib import Path

from desktop.core.errors import UserError
from desktop.core.lang import t
from desktop.core.private_files import write_private_text

KEY_ENV = "SOTE_PLANNER_KEY_FILE"
META_FINGERPRINT = "key_fingerprint"
LEGACY_META = "pseudonym_secret"  # the key as older versions kept it, inside the project file
KEY_BYTES = 32
DEFAULT_FILE = "oletus.txt"  # in the key folder: the fingerprint of the key new projects get
_FINGERPRINT_TEXT = b"sote-planner/key-fingerprint/v1"
_HEADER = (
    "# Sote-suunnittelijan pseudonymisointiavain (Sote Planner pseudonymisation key)\n"
    "# Säilytä tallessa ja luottamuksellisena: ilman avainta projektiin ei voi tuoda uusia henkilötason\n"
    "# tietoja niin, että ne liittyvät jo tallennettuihin henkilöihin.\n"
)


def fingerprint(secret: bytes) -> str:
    """The key's fingerprint, e.g. '3f2a-91bc-0d44-7e10-55aa': HMAC-SHA-256 of a fixed text under
    the key, 80 bits shown. It identifies the key; it cannot be used to compute pseudonyms."""
    digest = hmac.new(secret, _FINGERPRINT_TEXT, sha256).hexdigest()[:20]
    return "-".join(digest[i : i + 4] for i in range(0, 20, 4))


@dataclass(frozen=True)
class Key:
    """A pseudonymisation key and the file it was read from (None: made in memory)."""

    secret: bytes
    path: Path | None = None

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.secret)


def new_key() -> Key:
    return Key(secrets.token_bytes(KEY_BYTES))


def key_folder() -> Path:
    from desktop.paths import key_dir

    return key_dir()


# ------------------------------------------------------------------------------------ key files
def key_file_text(key: Key) -> str:
    return f"{_HEADER}tunniste: {key.fingerprint}\navain: {key.secret.hex()}\n"


def write_key_file(path: str | os.PathLike, key: Key) -> Path:
    """Write `key` to `path`, owner-only (0600)."""
    path = Path(path)
    if path.is_dir():
        path = path / f"{key.fingerprint}.key"
    path.parent.mkdir(parents=True, exist_ok=True)
    write_private_text(path, key_file_text(key))
    return path


def read_key_file(path: str | os.PathLike) -> Key:
    """Read a key file; UserError (Finnish first) when it is missing or not a key file."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise UserError(t(f"Avaintiedostoa {path} ei löydy.", f"Key file {path} not found.")) from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise UserError(t(f"Avaintiedostoa {path} ei voitu lukea ({exc}).", f"Could not read key file {path} ({exc}).")) from exc
    fields: dict[str, str] = {}
    for line in text.splitlines():
        name, sep, value = line.partition(":")
        if sep and not line.lstrip().startswith("#"):
            fields[name.strip().lower()] = value.strip()
    raw = fields.get("avain") or fields.get("key") or ""
    try:
        secret = bytes.fromhex(raw)
    except ValueError:
        secret = b""
    if len(secret) != KEY_BYTES:
        raise UserError(t(f"{path.name} ei ole Sote-suunnittelijan avaintiedosto (avainrivi puuttuu tai on väärän pituinen).",
                          f"{path.name} is not a Sote Planner key file (the key line is missing or has the wrong length)."))
    key = Key(secret, path)
    stated = fields.get("tunniste") or fields.get("fingerprint")
    if stated and stated != key.fingerprint:
        raise UserError(t(f"Avaintiedosto {path.name} on vioittunut: avain ei vastaa tiedoston tunnistetta {stated}.",
                          f"Key file {path.name} is damaged: the key does not match its fingerprint {stated}."))
    return key


def folder_keys() -> list[Key]:
    """Every readable key file in the user's key folder."""
    out = []
    for path in sorted(key_folder().glob("*.key")):
        try:
            out.append(read_key_file(path))
        except UserError:
            continue
    return out


def save_to_folder(key: Key) -> Path:
    """Keep `key` in the user's key folder (once); returns its file."""
    path = key_folder() / f"{key.fingerprint}.key"
    if not path.exists():
        write_key_file(path, key)
    return path


def environment_keys() -> list[Key]:
    """Keys of the files named by SOTE_PLANNER_KEY_FILE (a missing or bad file: a clear error)."""
    value = os.environ.get(KEY_ENV, "").strip()
    return [read_key_file(p) for p in value.split(os.pathsep) if p.strip()] if value else []


def default_key(create: bool = True) -> Key | None:
    """The key a new project gets: the first environment key, else the user's default key (made and
    kept in the key folder on first need when `create`)."""
    env = environment_keys()
    if env:
        return env[0]
    marker = key_folder() / DEFAULT_FILE
    if marker.exists():
        wanted = marker.read_text(encoding="utf-8").strip()
        for key in folder_keys():
            if key.fingerprint == wanted:
                return key
    if not create:
        return None
    key = new_key()
    save_to_folder(key)
    set_default(key)
    return Key(key.secret, key_folder() / f"{key.fingerprint}.key")


def set_default(key: Key) -> None:
    """Make `key` the one new projects of this user get."""
    save_to_folder(key)
    write_private_text(key_folder() / DEFAULT_FILE, key.fingerprint + "\n")


def find_key(wanted: str, key_file: str | os.PathLike | None = None) -> Key | None:
    """The key with fingerprint `wanted` from the explicit file, the environment or the key folder."""
    candidates: list[Key] = []
    if key_file:
        candidates.append(read_key_file(key_file))
    candidates += environment_keys()
    for key in candidates:
        if key.fingerprint == wanted:
            return key
    path = key_folder() / f"{wanted}.key"
    if path.exists():
        key = read_key_file(path)
        if key.fingerprint == wanted:
            return key
    return next((k for k in folder_keys() if k.fingerprint == wanted), None)


# ------------------------------------------------------------------------------------ projects
def project_fingerprint(store) -> str | None:
    """The fingerprint of the key `store` was pseudonymised with (None: no person data yet)."""
    return store.meta(META_FINGERPRINT)


def _project_name(store) -> str:
    """How messages name the project: the file's name, or a team project's address (no password)."""
    return store.display if getattr(store, "is_server", False) else Path(store.path).name


def _missing_key_error(store, wanted: str, key_file) -> UserError:
    name = _project_name(store)
    if key_file:
        given = read_key_file(key_file)
        return UserError(t(
            f"Avaintiedosto {Path(key_file).name} (tunniste {given.fingerprint}) ei ole projektin {name} avain "
            f"(tunniste {wanted}). Henkilötason tietoja ei tuotu, koska niitä ei voisi liittää projektin henkilöihin.",
            f"Key file {Path(key_file).name} (fingerprint {given.fingerprint}) is not the key of project {name} "
            f"(fingerprint {wanted}). Person-level data was not imported: it could not be linked to the project's persons."))
    return UserError(t(
        f"Projektin {name} pseudonymisointiavainta (tunniste {wanted}) ei löydy tältä koneelta. Henkilötason "
        "tietojen tuonti tarvitsee sen, jotta uudet tiedot liittyvät samoihin henkilöihin; mitään ei tuotu. "
        "Pyydä avaintiedosto projektin tehneeltä tai organisaatiosi tietohallinnolta ja tuo se komennolla "
        "'sote-planner key import TIEDOSTO' (sovelluksessa Tiedosto > Pseudonymisointiavaimet) tai anna se "
        "tuonnille valinnalla --key TIEDOSTO.",
        f"The pseudonymisation key of project {name} (fingerprint {wanted}) is not on this computer. Importing "
        "person-level data needs it so that new data links to the same persons; nothing was imported. Ask the "
        "project's author or your organisation's IT for the key file and import it with "
        "'sote-planner key import FILE' (in the app: File > Pseudonymisation keys) or give it to the import with "
        "--key FILE."))


@dataclass(frozen=True)
class ProjectKey:
    """The key a person-level import uses; `assigned` when this call gave the project its key,
    `created` when the key itself was made now (the user had none)."""

    key: Key
    assigned: bool = False
    created: bool = False

    @property
    def secret(self) -> bytes:
        return self.key.secret


def project_key(store, key_file: str | os.PathLike | None = None) -> ProjectKey:
    """The project's key for importing person-level data.

    A project with a fingerprint needs exactly that key (explicit file, environment or key folder);
    without it, or with another key given, a UserError says how to get it. A writable project without
    a fingerprint (no person data yet) gets the explicit key, else the default key, now. A team
    project on a server holds only the fingerprint too: the analysts who import person-level data
    hold the key; viewers need none."""
    wanted = project_fingerprint(store)
    if wanted:
        key = find_key(wanted, key_file)
        if key is None or (key_file and key.path != Path(key_file)):  # another key given: refused
            raise _missing_key_error(store, wanted, key_file)
        return ProjectKey(key)
    key = read_key_file(key_file) if key_file else default_key(create=False)
    created = key is None
    if key is None:
        key = create_key(make_default=True)
    if not store.readonly:
        stored = store.set_meta_once(META_FINGERPRINT, key.fingerprint)
        if stored != key.fingerprint:  # a colleague's first import gave the team project its key meanwhile
            return project_key(store, key_file)
    return ProjectKey(key, assigned=True, created=created)


def legacy_key_in(conn) -> bytes | None:
    """The key an older version kept inside the project (meta 'pseudonym_secret'), if still there."""
    from sqlalchemy import text

    row = conn.execute(text("SELECT value FROM meta WHERE key = :k"), {"k": LEGACY_META}).fetchone()
    if row is None:
        return None
    try:
        secret = bytes.fromhex(row[0] or "")
    except ValueError:
        return None
    return secret or None


def move_legacy_key(conn) -> Key | None:
    """Move a key kept inside the project to the opening user's key folder (inside the caller's
    transaction): the key file is written first, then the project keeps only the fingerprint.
    Returns the key moved, None when there was none."""
    from sqlalchemy import text

    secret = legacy_key_in(conn)
    if secret is None:
        conn.execute(text("DELETE FROM meta WHERE key = :k"), {"k": LEGACY_META})
        return None
    key = Key(secret)
    save_to_folder(key)
    conn.execute(text("DELETE FROM meta WHERE key IN (:a, :b)"), {"a": LEGACY_META, "b": META_FINGERPRINT})
    conn.execute(text("INSERT INTO meta (key, value) VALUES (:k, :v)"), {"k": META_FINGERPRINT, "v": key.fingerprint})
    return key


def key_created_note(key: Key) -> str:
    """The note an import gives when it made a new key for the project."""
    where = key.path or key_folder()
    return t(f"Projektille luotiin uusi pseudonymisointiavain {key.fingerprint} ({where}). Avain on "
             "projektitiedoston ulkopuolella: ota siitä varmuuskopio (Tiedosto > Pseudonymisointiavaimet tai "
             "'sote-planner key export'). Jos avain katoaa, uusia tuonteja ei voi liittää projektin henkilöihin.",
             f"A new pseudonymisation key {key.fingerprint} was made for the project ({where}). The key is kept "
             "outside the project file: back it up (File > Pseudonymisation keys or 'sote-planner key export'). "
             "If the key is lost, new imports cannot be linked to the project's persons.")


# ------------------------------------------------------------------------ managing keys (CLI, dialog)
LOST_KEY_WARNING = (
    "Säilytä avaintiedosto tallessa ja luottamuksellisena. Jos avain katoaa, projektiin ei voi enää tuoda uusia "
    "henkilötason tietoja niin, että ne liittyvät jo tallennettuihin henkilöihin; raportit toimivat ilman avainta.",
    "Keep the key file safe and confidential. If the key is lost, no new person-level data can be imported so "
    "that it links to the persons already stored; reports work without the key.",
)


def lost_key_warning() -> str:
    return t(*LOST_KEY_WARNING)


def default_fingerprint() -> str | None:
    marker = key_folder() / DEFAULT_FILE
    return marker.read_text(encoding="utf-8").strip() if marker.exists() else None


def list_keys() -> list[dict]:
    """The keys in the user's key folder: fingerprint, file and whether new projects get it."""
    default = default_fingerprint()
    return [{"fingerprint": k.fingerprint, "path": str(k.path), "default": k.fingerprint == default}
            for k in folder_keys()]


def create_key(make_default: bool = True) -> Key:
    """A new random key kept in the user's key folder (and made the default for new projects)."""
    key = new_key()
    path = save_to_folder(key)
    if make_default:
        set_default(key)
    return Key(key.secret, path)


def import_key(path: str | os.PathLike, make_default: bool = False) -> Key:
    """Copy a key file (from a colleague or the county's IT) into the user's key folder."""
    key = read_key_file(path)
    stored = save_to_folder(key)
    if make_default:
        set_default(key)
    return Key(key.secret, stored)


def export_key(wanted: str, dest: str | os.PathLike) -> Path:
    """Write the key with fingerprint `wanted` to `dest` (owner-only) for a colleague or a backup."""
    key = find_key(wanted)
    if key is None:
        raise UserError(t(f"Avainta {wanted} ei ole tällä koneella; sitä ei voi viedä.",
                          f"Key {wanted} is not on this computer; it cannot be exported."))
    return write_key_file(dest, key)


def key_status(store) -> dict:
    """The project's key: fingerprint (None: no person data yet) and whether this user has it."""
    wanted = project_fingerprint(store)
    key = find_key(wanted) if wanted else None
    return {"fingerprint": wanted, "available": key is not None, "path": str(key.path) if key else None}
