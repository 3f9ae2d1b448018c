"""Just enough of the ELF format (64-bit, little-endian: Linux x86-64 and arm64) for the Linux build.

Used by the spec to follow library dependencies (DT_NEEDED) and to strip debug information from
the libraries that carry it (a pyenv-built libpython has 23 MB of it), which saves ~70 MB of bundle.
`strip` corrupts libraries that auditwheel patched with patchelf (numpy's OpenBLAS then fails with
"ELF load command address/offset not page-aligned"), so such libraries are left alone and every
stripped copy is checked for that fault before it replaces the original.
"""

from __future__ import annotations

import shutil
import struct
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

DT_NEEDED, DT_RPATH, DT_RUNPATH = 1, 15, 29
SHT_DYNAMIC, PT_LOAD = 6, 1


@dataclass
class ElfInfo:
    needed: list[str] = field(default_factory=list)
    rpaths: list[str] = field(default_factory=list)
    sections: list[str] = field(default_factory=list)
    #: every PT_LOAD segment satisfies offset % align == vaddr % align (what the loader requires)
    loads_aligned: bool = True


def read_elf(path: str | Path) -> ElfInfo | None:
    """The parts of a 64-bit little-endian ELF file used here; None for anything else."""
    try:
        data = Path(path).read_bytes()
    except OSError:
        return None
    if data[:4] != b"\x7fELF" or data[4] != 2 or data[5] != 1:
        return None
    info = ElfInfo()
    (phoff, shoff) = struct.unpack_from("<QQ", data, 0x20)
    phentsize, phnum, shentsize, shnum, shstrndx = struct.unpack_from("<HHHHH", data, 0x36)
    for i in range(phnum):
        p_type, _flags, p_offset, p_vaddr, _paddr, _filesz, _memsz, p_align = struct.unpack_from(
            "<IIQQQQQQ", data, phoff + i * phentsize
        )
        if p_type == PT_LOAD and p_align > 1 and (p_vaddr - p_offset) % p_align != 0:
            info.loads_aligned = False
    sections = [struct.unpack_from("<IIQQQQIIQQ", data, shoff + i * shentsize) for i in range(shnum)]

    def string(table_offset: int, index: int) -> str:
        end = data.index(b"\0", table_offset + index)
        return data[table_offset + index : end].decode("utf-8", "replace")

    if 0 < shstrndx < len(sections):
        names_at = sections[shstrndx][4]
        info.sections = [string(names_at, s[0]) for s in sections]
    for _name, sh_type, _flags, _addr, offset, size, link, _info, _align, entsize in sections:
        if sh_type != SHT_DYNAMIC:
            continue
        strtab = sections[link][4]
        for pos in range(offset, offset + size, entsize or 16):
            tag, val = struct.unpack_from("<qQ", data, pos)
            if tag == 0:
                break
            if tag == DT_NEEDED:
                info.needed.append(string(strtab, val))
            elif tag in (DT_RPATH, DT_RUNPATH):
                info.rpaths.append(string(strtab, val))
    return info


def elf_needed(path: str | Path) -> list[str]:
    """DT_NEEDED names of an ELF file ([] for anything else)."""
    info = read_elf(path)
    return info.needed if info else []


def patched_by_auditwheel(path: str | Path, info: ElfInfo) -> bool:
    """Vendored into a wheel's `*.libs` folder, or pointed there by RPATH: patchelf touched it."""
    return any(part.endswith(".libs") for part in Path(path).parts) or any(".libs" in r for r in info.rpaths)


def strip_debug(src: str | Path, cache: Path, dest_name: str) -> Path:
    """`src` without its debug information (a cached copy under `cache`), or `src` itself when it
    has none, was patched by auditwheel, `strip` is missing, or the stripped copy would not load."""
    src = Path(src)
    info = read_elf(src)
    if info is None or ".debug_info" not in info.sections or patched_by_auditwheel(src, info):
        return src
    if shutil.which("strip") is None:
        return src
    out = cache / dest_name
    stat = src.stat()
    stamp = out.with_name(out.name + ".source")
    key = f"{src}|{stat.st_size}|{stat.st_mtime_ns}"
    if out.exists() and stamp.exists() and stamp.read_text(encoding="utf-8") == key:
        return out
    out.parent.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(
        ["strip", "--strip-debug", "-o", str(out), str(src)], capture_output=True, check=False
    )
    stripped = read_elf(out) if done.returncode == 0 else None
    if stripped is None or not stripped.loads_aligned or stripped.needed != info.needed:
        out.unlink(missing_ok=True)
        return src
    out.chmod(stat.st_mode & 0o777 | 0o644)
    stamp.write_text(key, encoding="utf-8")
    return out
