"""File names inside a run folder: a qualified name may hold any character (curifactory's B3:
a ``/`` crashed its report) and may repeat, so files get a safe, unique stem."""

from __future__ import annotations

import os
import re

from .problems import note

_UNSAFE = re.compile(r"[^A-Za-z0-9._()+-]+")
#: Files of the run folder that the exporter writes itself, after the reportables.
OWN_FILES = ("run.json", "log.txt")
#: Longest stem; a file name must stay well under the 255 bytes most file systems allow.
MAX_STEM = 120


def _unlinkable(rel: str) -> str | None:
    """Why a file render() wrote cannot be one of the run's files, or None when it can."""
    if rel in OWN_FILES:
        return "a name the run folder keeps for itself"
    try:
        rel.encode("utf-8")
    except UnicodeError:
        return "a name that is not valid UTF-8 (run.json cannot name it)"
    # Keep in sync with unsafePathReason in src/run/paths.ts: a reader refuses such a path.
    if "\\" in rel or re.match(r"^[A-Za-z]:", rel):
        return "a name with a backslash or a drive letter, which a run may not name"
    return None


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
        """Every file of the run folder with its mtime and size, to see what a render() wrote:
        curifactory's own user guide writes ``f"{self.path}{name}.png"``, beside ``reportables/``."""
        found: dict[str, tuple[float, int]] = {}
        for root, _dirs, names in os.walk(self.run_dir):
            for name in names:
                full = os.path.join(root, name)
                stat = os.stat(full)
                found[full] = (stat.st_mtime, stat.st_size)
        return found

    def written_since(self, before: dict[str, tuple[float, int]]) -> list[str]:
        """Run-relative paths of files created or changed since ``before``, sorted; claims them.
        A file the exporter writes itself (run.json, log.txt) is left out with a note."""
        after = self.snapshot()
        changed = sorted(path for path, stamp in after.items() if before.get(path) != stamp)
        relative = []
        for path in changed:
            rel = os.path.relpath(path, self.run_dir).replace(os.sep, "/")
            problem = _unlinkable(rel)
            if problem is not None:
                os.remove(path)
                note(f"render() wrote {rel!r}, {problem}; that file is left out")
                continue
            if os.path.dirname(path) == self.dir:
                self._taken.add(os.path.basename(path).lower())
            relative.append(rel)
        return relative
