"""File names inside a run folder: a qualified name may hold any character (curifactory's B3:
a ``/`` crashed its report) and may repeat, so files get a safe, unique stem."""

from __future__ import annotations

import os
import re

_UNSAFE = re.compile(r"[^A-Za-z0-9._()+-]+")
#: Longest stem; a file name must stay well under the 255 bytes most file systems allow.
MAX_STEM = 120


class ReportableFiles:
    """Hands out unique file names under ``<run>/reportables`` (case-insensitively unique, so a
    run folder copied to macOS or Windows keeps every file)."""

    def __init__(self, run_dir: str):
        self.run_dir = run_dir
        self.dir = os.path.join(run_dir, "reportables")
        os.makedirs(self.dir, exist_ok=True)
        self._taken: set[str] = {name.lower() for name in os.listdir(self.dir)}

    def claim(self, qualified_name: str, ext: str) -> tuple[str, str]:
        """A fresh (relative, absolute) path for a file of ``qualified_name`` with ``ext``."""
        stem = _UNSAFE.sub("_", qualified_name).strip("._") or "reportable"
        stem = stem[:MAX_STEM]
        candidate, n = f"{stem}{ext}", 1
        while candidate.lower() in self._taken:
            n += 1
            candidate = f"{stem}-{n}{ext}"
        self._taken.add(candidate.lower())
        return f"reportables/{candidate}", os.path.join(self.dir, candidate)

    def snapshot(self) -> dict[str, tuple[float, int]]:
        """Every file under reportables/ with its mtime and size, to see what a render() wrote."""
        found: dict[str, tuple[float, int]] = {}
        for root, _dirs, names in os.walk(self.dir):
            for name in names:
                full = os.path.join(root, name)
                stat = os.stat(full)
                found[full] = (stat.st_mtime, stat.st_size)
        return found

    def written_since(self, before: dict[str, tuple[float, int]]) -> list[str]:
        """Run-relative paths of files created or changed since ``before``, sorted; claims them."""
        after = self.snapshot()
        changed = sorted(path for path, stamp in after.items() if before.get(path) != stamp)
        relative = []
        for path in changed:
            rel = os.path.relpath(path, self.run_dir).replace(os.sep, "/")
            self._taken.add(os.path.basename(path).lower())
            relative.append(rel)
        return relative
