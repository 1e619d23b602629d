"""Departments' forms: reading a printed form's layout, and writing it back filled for a
province's schools (the connector's share of results?format=template), provenance sheet with one row per value."""

from __future__ import annotations

import io
import os
import time

from connectors.base import form_reader_for
from connectors.template import Filled, FilledRow, Layout, fill
from tests.connectors import sheets

SCHOOLS = int(os.environ.get("BENCH_SCHOOLS", "30000"))
READS = 20


def main() -> None:
    data = sheets.health_survey()
    start = time.perf_counter()
    for _ in range(READS):
        form = form_reader_for(data).read(data)
    read_ms = (time.perf_counter() - start) / READS * 1000
    layout = Layout.from_json(form.layout)
    asked = [c for c in layout.columns if c.role is None and c.ref != "D4"]
    rows = [FilledRow({"code": f"{2430000000 + i}", "name": f"第{i}学校"},
                      {c.ref: (i % 97 if c.label != "学校地址" else f"某区某路{i}号") for c in asked})
            for i in range(SCHOOLS)]
    filled = Filled(layout=layout, rows=rows, identity_columns={"D4": "name"},
                    numeric={c.ref for c in asked if c.label != "学校地址"},
                    provenance=(["school code", "school name", "record", "cell", "column", "field", "value", "source",
                                 "recorded at", "by", "reference", "action"],
                                [[r.identity["code"], r.identity["name"], r.identity["code"], f"{c.ref[0]}{8 + i}",
                                  c.label, "school.x", r.values[c.ref], "computed", None, "teacher records",
                                  "as of 2026-09-01", None] for i, r in enumerate(rows) for c in asked]),
                    completion=(["school", "status"], [[r.identity["code"], "submitted"] for r in rows]))
    buf = io.BytesIO()
    start = time.perf_counter()
    fill(data, filled, buf)
    seconds = time.perf_counter() - start
    print(f"templates: read a two-row-header form in {read_ms:.1f} ms; filled it for {SCHOOLS} schools "
          f"({len(asked)} columns, with provenance and completion sheets) in {seconds:.1f} s, "
          f"{SCHOOLS / seconds:.0f} schools/s, {len(buf.getvalue()) / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
