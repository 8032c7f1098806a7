"""Finding the curi-report command (Node.js) from Python, and saying exactly what to install when
it cannot be found. curi-report is not on the npm registry: it is installed from its repository
(a checkout, a git URL or a tarball made with ``npm pack``), never by its bare name."""

from __future__ import annotations

import json
import os
import shutil
from dataclasses import dataclass

#: The environment variable that names curi-report (as ``--curi-report`` does).
ENV_VAR = "CURI_REPORT"
#: The Node.js version curi-report needs (package.json's ``engines``).
NODE_VERSION = "20.19"


@dataclass(frozen=True)
class Found:
    """A command line that runs curi-report, and where it was found (for messages)."""

    command: list[str]
    source: str


class NotFound(Exception):
    """curi-report (or Node.js) is missing; the message says what to install or pass."""


def locate(configured: str | None, cwd: str) -> Found:
    """curi-report from ``configured`` (the flag, else $CURI_REPORT), else ``npx --no-install
    curi-report`` when the project (``cwd`` or a folder above it) has it in node_modules, else
    ``curi-report`` on PATH. Raises NotFound with what to install."""
    given = configured or os.environ.get(ENV_VAR) or None
    if given is not None:
        return _configured(given, "--curi-report" if configured else f"${ENV_VAR}")
    local = _project_bin(cwd)
    if local is not None:
        _need_node()
        npx = shutil.which("npx")
        return Found([npx, "--no-install", "curi-report"] if npx else [local], f"this project ({local})")
    on_path = shutil.which("curi-report")
    if on_path is not None:
        _need_node()
        return Found([on_path], f"PATH ({on_path})")
    _need_node()
    raise NotFound(missing_message())


def _configured(given: str, what: str) -> Found:
    """A checkout or package folder (its bin/curi-report.js), a .js file, or an executable."""
    path = os.path.abspath(os.path.expanduser(given))
    script = os.path.join(path, "bin", "curi-report.js") if os.path.isdir(path) else path
    if not os.path.isfile(script):
        raise NotFound(
            f"{what} is {given!r}, where there is no curi-report: give a curi-report checkout (or its installed"
            " package folder, node_modules/curi-report), its bin/curi-report.js, or a curi-report executable."
        )
    if script.endswith(".js"):
        node = _need_node()
        built = os.path.join(os.path.dirname(os.path.dirname(script)), "dist", "src", "cli", "main.js")
        if not os.path.isfile(built):
            folder = os.path.dirname(os.path.dirname(script))
            raise NotFound(f"{what}: the curi-report in {folder} is not built; run `npm ci && npm run build` there.")
        return Found([node, script], f"{what} ({script})")
    return Found([script], f"{what} ({script})")


def _project_bin(cwd: str) -> str | None:
    """node_modules/.bin/curi-report of ``cwd`` or the nearest folder above it that has one."""
    folder = os.path.abspath(cwd)
    while True:
        candidate = os.path.join(folder, "node_modules", ".bin", "curi-report")
        if os.path.exists(candidate):
            return candidate
        parent = os.path.dirname(folder)
        if parent == folder:
            return None
        folder = parent


def _need_node() -> str:
    node = shutil.which("node")
    if node is None:
        raise NotFound(
            f"Node.js is not on PATH, and curi-report needs Node.js {NODE_VERSION} or newer: install it (its"
            " installer, or your system's package manager where it offers that version), then curi-report:\n"
            + install_hint()
        )
    return node


def missing_message() -> str:
    """What to do when no curi-report was found."""
    return (
        "curi-report is not installed in this project, not on PATH, and neither --curi-report nor"
        f" ${ENV_VAR} names one. It is not on the npm registry; install it from its repository:\n" + install_hint()
    )


def install_hint() -> str:
    """The install commands, naming this package's own checkout when it runs from one."""
    checkout = own_checkout()
    at = checkout or "/path/to/curi-report"
    lines = [
        f"  in this project: npm install {at}     (a checkout, after `npm ci && npm run build` in it)",
        "               or: npm install ./curi-report-<version>.tgz   (made by `npm pack` in a checkout)",
        f"  or point at a checkout: --curi-report {at}   (or export {ENV_VAR}={at})",
    ]
    return "\n".join(lines)


def own_checkout() -> str | None:
    """The curi-report repository this Python package sits in (python/curi_report), if any."""
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    try:
        with open(os.path.join(root, "package.json"), encoding="utf-8") as f:
            return root if json.load(f).get("name") == "curi-report" else None
    except (OSError, ValueError):
        return None
