"""House rules the code itself must keep."""

from __future__ import annotations

import ast
from pathlib import Path

CORE = Path(__file__).resolve().parent.parent / "rehab_core"


def test_rehab_core_never_imports_streamlit():
    offenders = []
    for path in CORE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            if any(name == "streamlit" or name.startswith("streamlit.") for name in names):
                offenders.append(str(path.relative_to(CORE.parent)))
    assert offenders == []
