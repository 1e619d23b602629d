"""Opening an uploaded .xlsx safely, for every reader of workbooks (imports, templates, XLSForms).

An .xlsx is a zip of XML parts, so a small upload can claim much more than it holds:
- a part that inflates a thousandfold (a zip bomb) is refused from the zip's directory, before any
  XML is parsed (Python's zipfile stops a part at the size its directory states, so it cannot lie);
- openpyxl streams the sheets but parses every other part it reads whole, at about a second and
  tens of MB per MB of styles or strings: those parts are bounded by size from the directory too;
- the XML is parsed by openpyxl through defusedxml (a declared dependency): a DOCTYPE declaring
  entities (billion laughs, external entities) is refused, never expanded or fetched;
- a sheet's <dimension> can claim 1,048,576 rows by 16,384 columns over one cell: the sheet's rows
  are read as the sheet holds them (`reset_dimensions`), each at most as wide as its header;
- a part that is not well-formed XML fails while rows are read, not only at opening: that failure,
  too, is the file's fault and is reported as such.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, cast

from openpyxl import load_workbook
from openpyxl.utils import column_index_from_string, get_column_letter
from openpyxl.worksheet._read_only import ReadOnlyWorksheet
from openpyxl.worksheet.worksheet import Worksheet

from connectors.base import UnreadableFile

XLS = bytes.fromhex("d0cf11e0a1b11ae1")  # an Excel 97-2003 workbook (OLE2)
MAX_RATIO = 100  # deflate reaches 5-20x on sheets; a part inflating more than this, and large, is a bomb
RATIO_FLOOR = 8 * 1024 * 1024  # parts smaller than this may compress as well as they like
# A part other than a sheet or the strings, e.g. the styles: Excel holds at most 65,430 cell formats
# (MS-OI29500 2.1.727), about 16 MB with the named styles years of copy-paste leave. Real ones are
# kilobytes; a bloated one several MB (and openpyxl takes a second per MB to read it).
MAX_PART = 16 * 1024 * 1024
MAX_OTHER = 4 * MAX_PART  # all of them together: styles, drawings, media, links
# The shared strings of an import: a million teachers, each with a name, an ID number, a staff number
# and a phone number of their own, are about 100 MB of them.
MAX_STRINGS = 256 * 1024 * 1024
MAX_COLUMNS = 1024  # an import's header row: the dictionary's entities have a few dozen columns
_SHEET = re.compile(r"xl/worksheets/[^/]+\.xml")
_TYPED = re.compile(rb'<(?:[A-Za-z_][\w.-]*:)?(?:Override|Relationship)\s[^>]*>')
_ATTR = re.compile(rb'\b(PartName|ContentType|Target|TargetMode|Type)\s*=\s*["\']([^"\']*)["\']')
_CELL = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?c[\s/>]")  # a cell element, with or without a namespace prefix
_MERGED = re.compile(rb'<(?:[A-Za-z_][\w.-]*:)?mergeCell\s[^>]{0,64}?ref\s*=\s*["\']\$?([A-Za-z]{1,3})\$?(\d{1,7})'
                     rb'(?::\$?([A-Za-z]{1,3})\$?(\d{1,7}))?')


def check_package(source: bytes | Path, max_unpacked: int | None = None, max_strings: int = MAX_STRINGS) -> None:
    """Refuse what is not an .xlsx package, a part inflating like a zip bomb, a part openpyxl would
    parse whole larger than a real workbook's (the shared strings past `max_strings`), and (if given)
    a package unpacking to more than `max_unpacked` bytes; no part but the package's directories
    ([Content_Types].xml and the relationships) is decompressed."""
    name = f"{source.name}: " if isinstance(source, Path) else ""
    with source.open("rb") if isinstance(source, Path) else io.BytesIO(source) as fh:
        head = fh.read(8)
        fh.seek(0)
        if not zipfile.is_zipfile(fh):
            hint = " (an Excel 97-2003 .xls: save it as .xlsx)" if head == XLS else ""
            raise UnreadableFile(f"{name}not an .xlsx workbook{hint}")
        try:
            with zipfile.ZipFile(fh) as z:
                parts = z.infolist()
                for part in parts:
                    if part.file_size > RATIO_FLOOR and part.file_size > MAX_RATIO * max(part.compress_size, 1):
                        raise UnreadableFile(f"{name}the part {part.filename} inflates from {part.compress_size} to "
                                             f"{part.file_size} bytes, more than {MAX_RATIO} times: refused as a zip bomb")
                _check_parts(name, z, max_strings)
        except (zipfile.BadZipFile, ValueError, OSError) as exc:
            raise UnreadableFile(f"{name}not a readable .xlsx workbook ({exc})") from exc
    unpacked = sum(p.file_size for p in parts)
    if max_unpacked is not None and unpacked > max_unpacked:
        raise UnreadableFile(f"{name}the workbook unpacks to {unpacked} bytes; at most {max_unpacked} are read")


def _check_parts(name: str, z: zipfile.ZipFile, max_strings: int) -> None:
    """Bound the parts openpyxl reads whole. A sheet is streamed, so a part under xl/worksheets/ is
    left to the sheet's readers unless the package's directories give it another role (strings, a
    workbook, a link...): openpyxl finds parts by their declared type and relationships, not their
    folder, and a part's folder alone would let a hostile file pass its strings off as a sheet."""
    parts = z.infolist()
    directories = [p for p in parts if p.filename == "[Content_Types].xml" or p.filename.endswith(".rels")]
    _bound(name, directories)
    strings, roles = {"xl/sharedStrings.xml"}, set()
    for part in directories:
        for path, kind in _declared(part.filename, z.read(part)):
            if kind.endswith(("sharedStrings+xml", "/sharedStrings")):
                strings.add(path)
            elif not kind.endswith(("worksheet+xml", "/worksheet")):
                roles.add(path)
    others = []
    for part in parts:
        if part.filename in strings:
            if part.file_size > max_strings:
                raise UnreadableFile(f"{name}the part {part.filename}, the shared strings, unpacks to {part.file_size} "
                                     f"bytes; at most {max_strings} are read")
        elif not _SHEET.fullmatch(part.filename) or part.filename in roles:
            others.append(part)
    _bound(name, others)


def _declared(source: str, xml: bytes) -> Iterator[tuple[str, str]]:
    """(part, type) of each part [Content_Types].xml or a relationships part names, the path
    resolved as openpyxl resolves it."""
    folder = posixpath.dirname(posixpath.dirname(source))
    for tag in _TYPED.finditer(xml):
        attrs = {k.decode(): v.decode(errors="replace") for k, v in _ATTR.findall(tag[0])}
        if "PartName" in attrs:
            yield attrs["PartName"].lstrip("/"), attrs.get("ContentType", "")
        elif "Target" in attrs and attrs.get("TargetMode") != "External":
            target = attrs["Target"]
            path = target[1:] if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
            yield path, attrs.get("Type", "")


def _bound(name: str, parts: list[zipfile.ZipInfo]) -> None:
    for part in parts:
        if part.file_size > MAX_PART:
            raise UnreadableFile(f"{name}the part {part.filename} unpacks to {part.file_size} bytes; a workbook's parts "
                                 f"other than its sheets and shared strings are read whole, at most {MAX_PART} bytes each")
    if (total := sum(p.file_size for p in parts)) > MAX_OTHER:
        raise UnreadableFile(f"{name}the workbook's parts other than its sheets and shared strings unpack to {total} "
                             f"bytes; at most {MAX_OTHER} are read")


@contextmanager
def first_sheet(path: Path) -> Iterator[Worksheet]:
    """The first sheet of the workbook at `path`, read as a stream; any failure of the file while it
    is read (damaged XML, a forbidden entity) is an UnreadableFile."""
    check_package(path)
    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for a damaged file
        raise UnreadableFile(f"{path.name}: not a readable .xlsx workbook ({type(exc).__name__}: {exc})") from exc
    try:
        if not wb.worksheets:
            raise UnreadableFile(f"{path.name}: the workbook has no sheet")
        ws = wb.worksheets[0]
        if not isinstance(ws, ReadOnlyWorksheet):  # a chartsheet first
            raise UnreadableFile(f"{path.name}: the first sheet holds no cells")
        ws.reset_dimensions()  # rows as the sheet holds them, not as its <dimension> claims
        yield cast(Worksheet, ws)  # read-only: the same reading methods (openpyxl's stubs type them apart)
    except UnreadableFile:
        raise
    except Exception as exc:  # a part found damaged only when its rows are read
        raise UnreadableFile(f"{path.name}: not a readable .xlsx workbook ({type(exc).__name__}: {exc})") from exc
    finally:
        wb.close()


def width_of(ws: Worksheet, header: tuple[Any, ...] | list[Any], line: int = 1) -> int:
    """The columns of a header row, refused past MAX_COLUMNS (naming the first cell too far)."""
    if len(header) > MAX_COLUMNS:
        raise UnreadableFile(f"the header row has {len(header)} columns; a file may have at most {MAX_COLUMNS}",
                             (ws.title, f"{get_column_letter(MAX_COLUMNS + 1)}{line}"))
    return len(header)


def rows(ws: Worksheet, first: int, width: int) -> Iterator[tuple[int, tuple[Any, ...]]]:
    """(line, values) of each row from `first` that holds a value, `width` values wide."""
    for line, row in enumerate(ws.iter_rows(min_row=first, max_col=max(width, 1), values_only=True), start=first):
        if row.count(None) != len(row):
            yield line, row


def _merged_area(m: re.Match[bytes]) -> int:
    """The cells a merged range covers: openpyxl makes an object of each when it opens the sheet."""
    c0, r0 = column_index_from_string(m[1].decode()), int(m[2])
    c1, r1 = (column_index_from_string(m[3].decode()), int(m[4])) if m[3] else (c0, r0)
    return (abs(c1 - c0) + 1) * (abs(r1 - r0) + 1)


def count_cells(data: bytes, limit: int) -> int:
    """How many cells the workbook's sheets hold, and its merged ranges cover, counted in their XML
    as it inflates (one chunk at a time), stopping past `limit`. Opened whole, a workbook costs about
    a kilobyte a cell, and a range merged over a whole sheet would be 17 billion of them: this
    bounds both before the workbook is opened."""
    total = 0
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        for part in z.infolist():
            if not (part.filename.startswith("xl/worksheets/") and part.filename.endswith(".xml")):
                continue
            with z.open(part) as fh:
                tail = b""
                while chunk := fh.read(1 << 20):
                    text = tail + chunk
                    cut = max(len(text) - 256, 0)  # a tag cut by the chunk's end is counted with the next
                    total += _count(text, 0) - _count(text, cut)  # those starting before `cut`
                    tail = text[cut:]
                    if total > limit:
                        return total
                total += _count(tail, 0)
    return total


def _count(text: bytes, start: int) -> int:
    return len(_CELL.findall(text, start)) + sum(_merged_area(m) for m in _MERGED.finditer(text, start))
