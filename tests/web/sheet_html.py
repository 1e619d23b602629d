"""A worksheet drawn as an HTML table (merged cells, borders, bold, widths), for screenshots of
departments' forms in the README: no office suite is needed to show a workbook."""

from __future__ import annotations

from html import escape
from typing import Any

from openpyxl.utils import get_column_letter


def sheet_html(ws: Any, caption: str) -> str:
    spans: dict[tuple[int, int], tuple[int, int]] = {}
    covered: set[tuple[int, int]] = set()
    for m in ws.merged_cells.ranges:
        spans[(m.min_row, m.min_col)] = (m.max_row - m.min_row + 1, m.max_col - m.min_col + 1)
        covered |= {(r, c) for r in range(m.min_row, m.max_row + 1) for c in range(m.min_col, m.max_col + 1)}
    cols = ws.max_column
    widths = "".join(
        f'<col style="width:{int((ws.column_dimensions[get_column_letter(c)].width or 9) * 8)}px">'
        for c in range(1, cols + 1))
    rows = []
    for r in range(1, ws.max_row + 1):
        cells = []
        for c in range(1, cols + 1):
            if (r, c) in covered and (r, c) not in spans:
                continue
            cell = ws.cell(row=r, column=c)
            rs, cs = spans.get((r, c), (1, 1))
            b = cell.border
            style = ["border:1px solid #333" if b.left.style or b.top.style else "border:1px solid transparent;white-space:nowrap"]
            if cell.font.b:
                style.append("font-weight:bold")
            if cell.font.sz and cell.font.sz > 12:
                style.append(f"font-size:{int(cell.font.sz * 1.2)}px")
            if isinstance(cell.value, int | float):
                style.append("text-align:right")
            text = escape("" if cell.value is None else str(cell.value)).replace("\n", "<br>")
            cells.append(f'<td rowspan="{rs}" colspan="{cs}" style="{";".join(style)}">{text}</td>')
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return (f'<html><head><meta charset="utf-8"><style>body{{font-family:"WenQuanYi Micro Hei","Noto Sans CJK SC",sans-serif;margin:12px}}'
            f"table{{border-collapse:collapse;table-layout:fixed;font-size:13px}}td{{padding:3px 5px;height:20px}}"
            f"caption{{text-align:left;color:#555;padding:4px 0}}</style></head><body><table>"
            f"<caption>{escape(caption)}</caption>{widths}{''.join(rows)}</table></body></html>")
