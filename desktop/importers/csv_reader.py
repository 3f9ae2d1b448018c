"""Reading delimited text exports (CSV) the Finnish way and others.

The file is read in blocks of bytes. In each block the record boundaries are found with numpy
(newlines outside quotes: an even number of quote characters before them), which gives every
record's line number as a text editor counts it (quoted fields may hold newlines) and its number
of fields, so rows with too many or too few fields are reported by line. Each block is then parsed
by pandas' C reader as text. Encodings: UTF-8 with or without BOM, else Windows-1252 (a superset of
Latin-1 for the letters used in Finnish and Swedish); the encoding, separator and decimal mark are
told by desktop.importers.csv_dialect.
"""

from __future__ import annotations

import csv
import hashlib
import io
import os
import re
import warnings
from collections.abc import Iterator

import numpy as np
import pandas as pd

from desktop.core.errors import UserError
from desktop.core.lang import t
from desktop.core.progress import Progress
from desktop.importers.csv_dialect import (
    HEAD_BYTES,
    NL,
    looks_binary,
    record_layout,
    sniff_decimal,
    sniff_encoding,
    sniff_separator,
)
from desktop.importers.source import Chunk, TableSource, as_progress, prefetched, unique_headers
from desktop.importers.undecoded import fills_width as _fills_width
from desktop.importers.undecoded import to_utf8 as _to_utf8
from desktop.importers.undecoded import undecoded_frame

BLOCK_BYTES = 16 << 20
BYTES_DTYPE = "S40"  # person ids read as bytes: identity codes (11), our exported pseudonyms (35)
SHORT_BYTES_DTYPE = "S16"  # ... when the preview's ids are at most 15 bytes (identity codes): less to copy and hash
MAX_FIELD_CHARS = 1 << 20  # longer cells are cut off by the reader and reported by the converters
MAX_RECORD_BYTES = 32 << 20  # a longer record (line) is a broken file: lost line breaks or a missing quote
_SEP_LINE = re.compile(rb"^sep=(.)\r?\n")  # Excel's separator line above the header


class CsvSource(TableSource):
    format_name = "csv"

    def __init__(self, path: str | os.PathLike, separator: str | None = None, encoding: str | None = None,
                 origin: str | os.PathLike | None = None):
        self._open_file(path, origin)
        self.layer_names = []
        with open(self.path, "rb") as fh:
            head = fh.read(HEAD_BYTES)
        if not head.strip():
            raise UserError(t(f"Tiedosto {self.file_name} on tyhjä.", f"The file {self.file_name} is empty."))
        if looks_binary(head):
            raise UserError(
                t(
                    f"{self.file_name} ei ole tekstimuotoinen CSV-tiedosto (siinä on binäärisisältöä). "
                    "Tallenna aineisto CSV- tai Excel-muodossa.",
                    f"{self.file_name} is not a text CSV file (it has binary content). Save the data as CSV or Excel.",
                )
            )
        enc, self._bom = sniff_encoding(head)
        self.encoding = encoding or enc
        sep_line = _SEP_LINE.match(head[self._bom :])
        pre_lines = 0
        if sep_line and sep_line.group(1) not in b'\r\n"':  # 'sep=;' first: the header is the next line
            separator = separator or sep_line.group(1).decode(self.encoding, errors="replace")
            self._bom += sep_line.end()
            pre_lines = 1
        if b"\n" not in head[self._bom :] and len(head) >= HEAD_BYTES:
            raise UserError(
                t(
                    f"{self.file_name}: ensimmäinen rivi on yli megatavun pituinen ilman rivinvaihtoa; tiedosto ei "
                    "näytä taulukolta (rivinvaihdot puuttuvat tai tiedosto on muuta kuin CSV:tä).",
                    f"{self.file_name}: the first line is over a megabyte long without a line break; the file does not "
                    "look like a table (line breaks are missing or the file is not CSV).",
                )
            )
        sample = head[self._bom :].decode(self.encoding, errors="replace")
        self.separator = separator or sniff_separator(sample)
        sep = ord(self.separator)
        ends, fields, _idx, _open = record_layout(head[self._bom :], sep)
        header_end = int(ends[0]) if len(ends) else len(head) - self._bom
        header_bytes = head[self._bom : self._bom + header_end]
        header_text = header_bytes.decode(self.encoding, errors="replace").rstrip("\r")
        names = next(csv.reader([header_text], delimiter=self.separator, quotechar='"'), [])
        self._data_start = self._bom + header_end + 1
        self._header_lines = header_bytes.count(b"\n") + 1 + pre_lines
        # a separator at the end of every data row but not the header: one unnamed column more
        body_fields = fields[1:201] if len(fields) > 1 else fields[:0]
        if len(body_fields) >= 2:
            values, counts = np.unique(body_fields, return_counts=True)
            mode = int(values[np.argmax(counts)])
            if mode == len(names) + 1 and counts.max() >= 0.9 * len(body_fields):
                names = [*names, ""]
        self.headers = unique_headers(names)
        self._raw_names = names
        self._preview: pd.DataFrame | None = None
        self.decimal = "."
        self.decimal_found = sniff_decimal(self.preview(200))  # None: the file's numbers do not tell
        self.decimal = self.decimal_found or "."

    # ------------------------------------------------------------------ reading

    def preview(self, rows: int = 50) -> pd.DataFrame:
        if self._preview is None or len(self._preview) < rows:
            frames = []
            got = 0
            for chunk in self._blocks(None, (), limit_bytes=HEAD_BYTES, hash_file=False):
                frames.append(chunk.frame)
                got += len(chunk.frame)
                if got >= rows:
                    break
            frame = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=self.headers)
            self._preview = frame
        return self._preview.head(rows).reset_index(drop=True)

    def preview_lines(self, rows: int = 50) -> np.ndarray:
        for chunk in self._blocks(None, (), limit_bytes=HEAD_BYTES, hash_file=False):
            return chunk.lines[:rows]
        return np.empty(0, dtype=np.int64)

    def chunks(self, progress: Progress | None = None, float_columns: tuple[str, ...] = (),
               category_columns: tuple[str, ...] = (), bytes_columns: tuple[str, ...] = ()) -> Iterator[Chunk]:
        """The body in blocks of rows. The next block is read and parsed in a background thread
        while the caller converts this one; progress (by bytes) is reported from the caller's thread.
        `float_columns` are read as numbers when every cell is one; `category_columns` (text with
        few distinct values) come as pandas Categoricals: the C reader hashes their cells without
        making a Python string of each; `bytes_columns` (person ids) come as UTF-8 bytes of a fixed
        width (numpy 'S', no Python object per cell; a block with a longer value comes as text)."""
        progress = as_progress(progress)
        total = max(self.file_size, 1)
        bytes_dtype = self._bytes_dtype(bytes_columns)
        for chunk in prefetched(lambda: self._blocks(None, float_columns, category_columns=category_columns,
                                                     bytes_columns=bytes_columns, bytes_dtype=bytes_dtype)):
            progress.report(chunk.bytes_done, total, t("Luetaan tiedostoa", "Reading the file"))
            yield chunk

    def _blocks(self, progress, float_columns, limit_bytes: int | None = None, hash_file: bool = True,
                category_columns: tuple[str, ...] = (), bytes_columns: tuple[str, ...] = (),
                bytes_dtype: str = BYTES_DTYPE):
        sep = ord(self.separator)
        ncols = len(self.headers)
        digest = hashlib.sha256() if hash_file and self.origin == self.path else None
        line_base = self._header_lines  # text lines before the current buffer
        seen_non_ascii = False
        encoding = self.encoding
        with open(self.path, "rb") as fh:
            first = fh.read(self._data_start)
            if digest is not None:
                digest.update(first)
            pending = b""
            done_bytes = len(first)
            eof = False
            while not eof:
                block = fh.read(BLOCK_BYTES if limit_bytes is None else max(limit_bytes, len(pending)))
                done_bytes += len(block)
                eof = not block
                buf = pending + block
                if not buf:
                    break
                ends, fields, nl_index, open_quote = record_layout(buf, sep, ncols)
                if eof:
                    if open_quote:
                        start_line = line_base + 1 + (int(nl_index[-1]) + 1 if len(ends) else 0)
                        raise UserError(
                            t(
                                f"{self.file_name}: lainausmerkeissä oleva kenttä rivillä {start_line} ei "
                                "pääty ennen tiedoston loppua (tiedosto on katkennut tai lainausmerkki puuttuu).",
                                f"{self.file_name}: a quoted field on line {start_line} does not end before the "
                                "end of the file (the file is cut short or a quote is missing).",
                            )
                        )
                    cut = len(buf)
                    if not buf.endswith(b"\n"):  # last record without a newline
                        ends = np.append(ends, len(buf))
                        tail = buf[(int(ends[-2]) + 1 if len(ends) > 1 else 0) :]
                        fields = np.append(fields, _count_fields(tail, self.separator))
                        nl_index = np.append(nl_index, buf.count(b"\n"))
                else:
                    if not len(ends):
                        if len(buf) > MAX_RECORD_BYTES:
                            raise _record_too_long(self.file_name, line_base + 1, open_quote)
                        pending = buf
                        continue
                    cut = int(ends[-1]) + 1
                if limit_bytes is not None:
                    eof = True  # a preview: the first whole records only
                spans = np.diff(ends, prepend=-1)
                if len(spans) and int(spans.max()) > MAX_RECORD_BYTES:
                    i = int(np.argmax(spans))
                    line = line_base + 1 + (int(nl_index[i - 1]) + 1 if i else 0)
                    raise _record_too_long(self.file_name, line, False)
                part = buf[:cut]
                if digest is not None:
                    digest.update(part)
                pending = buf[cut:] if limit_bytes is not None else b""
                if limit_bytes is None and cut < len(buf):  # the cut record is read again with the next block
                    fh.seek(cut - len(buf), os.SEEK_CUR)  # (rather than joining the rest of this block to it)
                    done_bytes -= len(buf) - cut
                if encoding == "utf-8" and not part.isascii():
                    try:
                        part.decode(encoding)
                        if encoding == "utf-8":
                            seen_non_ascii = True
                    except UnicodeDecodeError:
                        if encoding == "utf-8" and not seen_non_ascii:
                            encoding = "cp1252"
                            self.encoding = encoding
                        elif encoding == "utf-8":
                            raise UserError(
                                t(
                                    f"{self.file_name}: tiedostossa on sekaisin eri merkistöjä (UTF-8 ja muuta). "
                                    "Tallenna se muodossa 'CSV UTF-8'.",
                                    f"{self.file_name}: the file mixes character encodings. Save it as 'CSV UTF-8'.",
                                )
                            ) from None
                # record start lines (text lines, 1-based)
                starts = np.empty(len(ends), dtype=np.int64)
                starts[0] = line_base + 1
                if len(ends) > 1:
                    starts[1:] = line_base + 2 + nl_index[:-1]
                prev_end = np.concatenate(([-1], ends[:-1]))
                lengths = ends - prev_end - 1
                blank = lengths == 0
                cr_blank = (lengths == 1) & (np.frombuffer(part, np.uint8)[np.maximum(ends - 1, 0)] == 13) if len(part) else blank
                blank = blank | cr_blank
                # newlines in this part: the last record's newline is the (nl_index[-1] + 1)th of the buffer
                last_nl = int(ends[-1]) if len(ends) else -1
                line_base += int(nl_index[-1]) + 1 if 0 <= last_nl < len(buf) and buf[last_nl] == NL else part.count(b"\n")
                keep = ~blank & (fields <= ncols)
                problems: list[tuple[int, str, str]] = []
                for i in np.flatnonzero(~blank & (fields != ncols))[:100_000]:
                    problems.append((int(starts[i]), "", _ragged_message(int(fields[i]), ncols)))
                short = (~blank & (fields < ncols))[keep]
                frame = self._parse(part, encoding, float_columns, category_columns, bytes_columns, bytes_dtype)
                lines = starts[keep]
                if len(frame) != len(lines):
                    exact = record_layout(part, sep)
                    if len(exact[0]) == len(ends) and len(fields) == len(exact[1]) and not np.array_equal(exact[1], fields):
                        # compensating ragged rows fooled the quick count: redo the rows' bookkeeping
                        fields = exact[1]
                        keep = ~blank & (fields <= ncols)
                        for i in np.flatnonzero(~blank & (fields != ncols))[:100_000]:
                            problems.append((int(starts[i]), "", _ragged_message(int(fields[i]), ncols)))
                        short = (~blank & (fields < ncols))[keep]
                        lines = starts[keep]
                if len(frame) != len(lines):
                    frame = self._parse_slow(part, encoding)
                    if len(frame) != len(lines):
                        raise UserError(
                            t(
                                f"{self.file_name}: tiedoston rakennetta ei saatu luettua riviltä {int(starts[0])} alkaen.",
                                f"{self.file_name}: could not read the file's structure from line {int(starts[0])} on.",
                            )
                        )
                if short.any():
                    frame = frame.loc[~short].reset_index(drop=True)
                    lines = lines[~short]
                if progress is not None:
                    progress.report(done_bytes, max(self.file_size, 1), t("Luetaan tiedostoa", "Reading the file"))
                yield Chunk(frame=frame, lines=lines, problems=problems, bytes_done=done_bytes - len(pending))
            if pending.strip() and limit_bytes is None and not eof:
                raise UserError(t(f"{self.file_name}: tiedoston loppua ei saatu luettua.", f"{self.file_name}: could not read the end."))
        if digest is not None:
            self._sha256 = digest.hexdigest()

    def _parse(self, part: bytes, encoding: str, float_columns: tuple[str, ...],
               category_columns: tuple[str, ...] = (), bytes_columns: tuple[str, ...] = (),
               bytes_dtype: str = BYTES_DTYPE) -> pd.DataFrame:
        if encoding != "utf-8":  # pandas reads UTF-8 bytes as they are; other encodings re-encoded or undecoded
            if not part.isascii():
                frame = undecoded_frame(part, encoding, self.headers, {*float_columns, *category_columns, *bytes_columns},
                                        lambda errors: self._parse_as(part, "utf-8", float_columns, category_columns,
                                                                      bytes_columns, bytes_dtype, errors))
                if frame is not None and not any(_fills_width(frame[c].to_numpy()) for c in bytes_columns if c in frame):
                    return frame
                part = _to_utf8(part, encoding)
            encoding = "utf-8"
        frame = self._parse_as(part, encoding, float_columns, category_columns, bytes_columns, bytes_dtype)
        cut = [c for c in bytes_columns if c in frame and _fills_width(frame[c].to_numpy())]
        if cut and bytes_dtype != BYTES_DTYPE:  # a value may have been cut at the width: the wider one
            return self._parse(part, encoding, float_columns, category_columns, bytes_columns, BYTES_DTYPE)
        if cut:  # even the wider one: read those columns as text
            frame = self._parse_as(part, encoding, float_columns, category_columns,
                                   tuple(c for c in bytes_columns if c not in cut), bytes_dtype)
        return frame

    def _bytes_dtype(self, columns: tuple[str, ...]) -> str:
        """The narrow byte width when the preview's values of `columns` fit it."""
        preview = self.preview(200)
        for column in columns:
            if column in preview:
                longest = max((len(str(v).encode("utf-8")) for v in preview[column].tolist()), default=0)
                if longest >= np.dtype(SHORT_BYTES_DTYPE).itemsize:
                    return BYTES_DTYPE
        return SHORT_BYTES_DTYPE

    def _parse_as(self, part: bytes, encoding: str, float_columns: tuple[str, ...],
                  category_columns: tuple[str, ...], bytes_columns: tuple[str, ...], bytes_dtype: str,
                  errors: str = "replace") -> pd.DataFrame:
        common = dict(
            sep=self.separator,
            header=None,
            names=self.headers,
            quotechar='"',
            engine="c",
            on_bad_lines="skip",
            skip_blank_lines=True,
            index_col=False,
            encoding=encoding,
            encoding_errors=errors,
            keep_default_na=False,
            na_filter=False,
        )
        text = {c: ("category" if c in category_columns else bytes_dtype if c in bytes_columns else object)
                for c in self.headers}
        if float_columns:
            dtypes = {**text, **{c: np.float64 for c in float_columns if c in text}}
            try:
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")
                    return pd.read_csv(io.BytesIO(part), dtype=dtypes, decimal=self.decimal,
                                       **{**common, "na_filter": True, "na_values": [""]})
            except (ValueError, TypeError, OverflowError):
                pass  # a cell that is not a plain number: read as text and report it exactly
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return pd.read_csv(io.BytesIO(part), dtype=text if category_columns or bytes_columns else object, **common)

    def _parse_slow(self, part: bytes, encoding: str) -> pd.DataFrame:
        """The standard library reader: used when pandas and the record scan disagree."""
        text = part.decode(encoding, errors="replace")
        rows = []
        ncols = len(self.headers)
        csv.field_size_limit(1 << 30)
        for row in csv.reader(io.StringIO(text, newline=""), delimiter=self.separator, quotechar='"'):
            if not row:
                continue
            if len(row) > ncols:
                continue
            rows.append(row + [""] * (ncols - len(row)))
        return pd.DataFrame(rows, columns=self.headers, dtype=object)


def _record_too_long(file_name: str, line: int, open_quote: bool) -> UserError:
    mb = MAX_RECORD_BYTES >> 20
    if open_quote:
        return UserError(t(
            f"{file_name}: rivillä {line} alkava lainausmerkeissä oleva kenttä jatkuu yli {mb} Mt ilman loppumerkkiä "
            "(lainausmerkki puuttuu). Mitään ei tallennettu.",
            f"{file_name}: a quoted field starting on line {line} goes on for over {mb} MB without its closing quote "
            "(a quote is missing). Nothing was stored.",
        ))
    return UserError(t(
        f"{file_name}: rivillä {line} on yli {mb} Mt tekstiä ilman rivinvaihtoa; tiedosto on rikki (rivinvaihdot "
        "puuttuvat). Mitään ei tallennettu.",
        f"{file_name}: line {line} holds over {mb} MB of text without a line break; the file is broken (line breaks "
        "are missing). Nothing was stored.",
    ))


def _ragged_message(fields: int, ncols: int) -> str:
    if fields > ncols:
        return t(
            f"rivillä on {fields} kenttää, otsikkorivillä {ncols}; rivi hylättiin",
            f"the row has {fields} fields, the header {ncols}; row rejected",
        )
    return t(
        f"rivillä on vain {fields} kenttää, otsikkorivillä {ncols} (puuttuuko erotin tai onko tiedosto katkennut?)",
        f"the row has only {fields} fields, the header {ncols} (a missing separator or a cut file?)",
    )


def _count_fields(data: bytes, separator: str) -> int:
    _ends, fields, _idx, _open = record_layout(data + b"\n", ord(separator))
    return int(fields[0]) if len(fields) else 1
