"""Column helpers shared by the importers and storage, for files of 100k rows.

An export repeats a few thousand distinct values (workout starts, exercise names) over
every row; these build such text columns in Arrow, never a Python string per row.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa

TEXT = pd.StringDtype("pyarrow", na_value=np.nan)


def take_text(labels, codes: np.ndarray, index: pd.Index) -> pd.Series:
    """`labels[codes]` as a text column on `index`; code -1 is missing."""
    codes = np.asarray(codes)
    taken = pa.array(labels, type=pa.string()).take(pa.array(codes, mask=codes < 0))
    return pd.Series(taken, index=index, dtype=TEXT)


def mapped_text(column: pd.Series, function) -> pd.Series:
    """`function` applied to each distinct value of a text column, spread back."""
    codes, values = pd.factorize(column)
    return take_text([function(v) for v in values], codes, column.index)
