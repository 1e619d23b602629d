"""Connector bases: one per direction, one module per format, registered by name so the CLI and
the API share them. Connectors read and write; they never touch the store or the rules."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO, ClassVar

import pyarrow as pa

# Columns an importer may add beside the file's own: the row's line in the file (the header is 1),
# and why a row could not be read into columns (it is then empty, and reported, not dropped).
ROW = "__row"
PROBLEM = "__problem"


class Importer(ABC):
    """Reads a tabular file into an Arrow table of text columns, one row per data row, in order."""

    name: ClassVar[str]
    suffixes: ClassVar[tuple[str, ...]]

    @abstractmethod
    def read(self, path: Path) -> pa.Table: ...

    def read_batches(self, path: Path) -> pa.RecordBatchReader:
        """The same rows in batches; formats that can stream override this so a large file is
        never held whole in memory."""
        table = self.read(path)
        return pa.RecordBatchReader.from_batches(table.schema, table.to_batches())


class Exporter(ABC):
    name: ClassVar[str]
    media_type: ClassVar[str]

    @abstractmethod
    def write(self, table: pa.Table, stream: BinaryIO) -> None: ...

    def write_batches(self, schema: pa.Schema, batches: Iterable[pa.RecordBatch], stream: BinaryIO, *,
                      header: bool = True) -> None:
        """Write rows arriving in batches; formats that can stream override this to bound memory."""
        self.write(pa.Table.from_batches(list(batches), schema=schema), stream)


IMPORTERS: dict[str, Importer] = {}
EXPORTERS: dict[str, Exporter] = {}


def register_importer(importer: Importer) -> Importer:
    IMPORTERS[importer.name] = importer
    return importer


def register_exporter(exporter: Exporter) -> Exporter:
    EXPORTERS[exporter.name] = exporter
    return exporter


class UnreadableFile(Exception):
    """The file is not a table we can read; the message says why, `where` names the place
    (sheet and cell, or sheet and row) when there is one."""

    def __init__(self, message: str, where: tuple[str, ...] = ()) -> None:
        super().__init__(message)
        self.where = where


@dataclass(frozen=True)
class Choice:
    name: str  # the value a form stores
    labels: dict[str, str]  # language ("zh", "en", or as the file names it) -> label


@dataclass(frozen=True)
class Question:
    """One asked cell of a department's form definition, as the file states it."""

    ref: str  # where it sits in the file: the leaf header cell ("D5") or the survey row ("survey!B7")
    label: str
    headers: tuple[str, ...] = ()  # the headers (or groups) above it, outermost first
    type: str | None = None  # integer, decimal, text, date, boolean, enum; None when the file does not say
    unit: str | None = None
    name: str | None = None  # the file's own name for it (an XLSForm `name`)
    labels: dict[str, str] = field(default_factory=dict)  # every language the file gives
    choices: tuple[Choice, ...] = ()
    role: str | None = None  # "sequence" for a running-number column: not a question


@dataclass(frozen=True)
class FormDefinition:
    """A department's form as read from its file: title, questions in order, and what the reader
    needs to write the same form back (`layout`, JSON-serialisable)."""

    format: str
    title: str | None
    questions: tuple[Question, ...]
    layout: dict[str, Any]
    notes: tuple[str, ...] = ()  # what the reader skipped or assumed, said once each


class FormReader(ABC):
    """Reads a form definition (a department's Excel template, an XLSForm) from a file's bytes."""

    name: ClassVar[str]
    priority: ClassVar[int] = 0  # readers of a narrower kind of file (an XLSForm) are asked first

    @abstractmethod
    def accepts(self, data: bytes) -> bool:
        """Whether the bytes are this reader's kind of file."""

    @abstractmethod
    def read(self, data: bytes, sheet: str | None = None) -> FormDefinition: ...


FORM_READERS: dict[str, FormReader] = {}


def register_form_reader(reader: FormReader) -> FormReader:
    FORM_READERS[reader.name] = reader
    return reader


def _load(found: Callable[[], bool] = lambda: False) -> None:
    """Register the formats: the CSV one first, the spreadsheet ones (openpyxl takes 0.2-0.35 s to
    load, a fifth of a 100,000-teacher import) only when `found` says the CSV one is not what is asked for."""
    from connectors import csv_file  # noqa: F401  (registers the format)

    if not found():
        from connectors import excel, national_teachers, template, xlsform  # noqa: F401


def exporter_for(name: str) -> Exporter:
    _load(lambda: name in EXPORTERS)
    return EXPORTERS[name]


def importer_named(name: str) -> Importer:
    """An importer by its registered name, for layouts a file suffix cannot tell apart."""
    _load(lambda: name in IMPORTERS)
    if name not in IMPORTERS:
        raise UnreadableFile(f"unknown import format {name!r}; use one of {sorted(IMPORTERS)}")
    return IMPORTERS[name]


def form_reader_for(data: bytes, name: str | None = None) -> FormReader:
    """The reader named, or the first that accepts the bytes (an XLSForm before a plain template)."""
    _load()
    if name is not None:
        if name not in FORM_READERS:
            raise UnreadableFile(f"unknown form format {name!r}; use one of {sorted(FORM_READERS)}")
        return FORM_READERS[name]
    for reader in sorted(FORM_READERS.values(), key=lambda r: -r.priority):
        if reader.accepts(data):
            return reader
    raise UnreadableFile("not a form this service reads: send an .xlsx workbook (a department's template or an XLSForm)")


def importer_for(filename: str) -> Importer:
    suffix = Path(filename).suffix.lower()
    _load(lambda: any(suffix in imp.suffixes for imp in IMPORTERS.values()))
    for imp in IMPORTERS.values():
        if suffix in imp.suffixes:
            return imp
    known = sorted(s for imp in IMPORTERS.values() for s in imp.suffixes)
    raise UnreadableFile(f"unsupported file type {suffix or '(none)'!r}; use one of {known}")
