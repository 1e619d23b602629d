"""Connector bases: one per direction, one module per format, registered by name so the CLI and
the API share them. Connectors read and write; they never touch the store or the rules."""

from __future__ import annotations

from abc import ABC, abstractmethod
from pathlib import Path
from typing import BinaryIO, ClassVar

import pyarrow as pa


class Importer(ABC):
    """Reads a tabular file into an Arrow table of text columns, one row per data row, in order."""

    name: ClassVar[str]
    suffixes: ClassVar[tuple[str, ...]]

    @abstractmethod
    def read(self, path: Path) -> pa.Table: ...


class Exporter(ABC):
    name: ClassVar[str]
    media_type: ClassVar[str]

    @abstractmethod
    def write(self, table: pa.Table, stream: BinaryIO) -> None: ...


IMPORTERS: dict[str, Importer] = {}
EXPORTERS: dict[str, Exporter] = {}


def register_importer(importer: Importer) -> Importer:
    IMPORTERS[importer.name] = importer
    return importer


def register_exporter(exporter: Exporter) -> Exporter:
    EXPORTERS[exporter.name] = exporter
    return exporter


class UnreadableFile(Exception):
    """The file is not a table we can read; the message says why."""


def _load() -> None:
    from connectors import csv_file, excel  # noqa: F401  (registers the formats)


def exporter_for(name: str) -> Exporter:
    _load()
    return EXPORTERS[name]


def importer_for(filename: str) -> Importer:
    _load()
    suffix = Path(filename).suffix.lower()
    for imp in IMPORTERS.values():
        if suffix in imp.suffixes:
            return imp
    known = sorted(s for imp in IMPORTERS.values() for s in imp.suffixes)
    raise UnreadableFile(f"unsupported file type {suffix or '(none)'!r}; use one of {known}")
