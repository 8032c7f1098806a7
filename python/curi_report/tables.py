"""pandas DataFrames (DFReporter) -> run.json table data, column types kept and size bounded."""

from __future__ import annotations

from typing import Any

from .problems import note
from .values import json_value, number, safe_str

#: Cells of one table a run keeps; a bigger frame keeps its first rows.
MAX_TABLE_CELLS = 250_000
#: Columns of one table a run keeps.
MAX_TABLE_COLUMNS = 1_000


def _column_type(series: Any) -> str:
    kind = series.dtype.kind
    if kind in "iu":
        return "int"
    if kind == "f":
        return "float"
    if kind == "b":
        return "bool"
    values = [v for v in series.tolist() if v is not None and v == v]
    if all(isinstance(v, str) for v in values):
        return "string"
    if all(isinstance(v, bool) for v in values):
        return "bool"
    if all(isinstance(v, int) and not isinstance(v, bool) for v in values):
        return "int"
    if all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in values):
        return "float"
    return "mixed" if kind == "O" else "string"


def _cell(value: Any, column_type: str) -> Any:
    if value is None:
        return None
    if column_type in ("int", "float"):
        if value != value:  # NaN, pd.NA-free: keep it visible as NaN
            return {"$float": "NaN"}
        return number(value)
    if column_type == "bool":
        return bool(value)
    if column_type == "string":
        return safe_str(value)
    converted = json_value(value)
    return converted if isinstance(converted, (str, int, float, bool, dict)) or converted is None else safe_str(value)


def table_data(df: Any, float_prec: Any) -> dict[str, Any]:
    """A DataFrame as table data: column types kept (ints stay ints, unlike curifactory's B13).
    A frame over ``MAX_TABLE_CELLS`` keeps its first rows (and ``MAX_TABLE_COLUMNS`` columns),
    with a first row that says what was left out."""
    total_rows, total_columns = df.shape
    width = min(total_columns, MAX_TABLE_COLUMNS)
    height = min(total_rows, MAX_TABLE_CELLS // max(width, 1))
    shown = df.iloc[:height, :width]
    types = [_column_type(shown.iloc[:, i]) for i in range(width)]
    columns = [list(shown.iloc[:, i].tolist()) for i in range(width)]
    rows = [[_cell(columns[c][r], types[c]) for c in range(width)] for r in range(height)]
    index = [safe_str(i) for i in shown.index]
    if (height, width) != (total_rows, total_columns):
        index.insert(0, note(
            f"a DataFrame of {total_rows:,} rows × {total_columns:,} columns is over the {MAX_TABLE_CELLS:,} cells"
            f" a run keeps of a table; its first {height:,} rows and {width:,} columns follow"
        ))
        rows.insert(0, [None] * width)
    return {
        "columns": [safe_str(c) for c in shown.columns],
        "column_types": types,
        "index": index,
        "rows": rows,
        "float_precision": int(float_prec),
    }
