"""Baselines: record today's findings, then report only new ones.

A finding is keyed by file, code and fingerprint (the code, the message and the text of its line),
never by its line number, so editing unrelated lines does not bring old findings back. Identical
findings are counted, so a second copy of a known problem is still new.
"""

from __future__ import annotations

import json
from collections import Counter

from . import __version__
from .output import write_atomic

FORMAT = 1


class BaselineError(Exception):
    pass


def _key(finding) -> tuple[str, str, str]:
    return (finding.file, finding.code, finding.fingerprint)


def write(path: str, findings) -> None:
    entries = sorted(
        ({"file": f.file, "code": f.code, "fingerprint": f.fingerprint, "message": f.message} for f in findings),
        key=lambda e: (e["file"], e["code"], e["fingerprint"]),
    )
    document = {"tool": "intspec-lint", "version": __version__, "format": FORMAT, "findings": entries}
    write_atomic(path, json.dumps(document, indent=2, ensure_ascii=False) + "\n")


def subtract(path: str, findings) -> tuple[list, int]:
    """(the findings not in the baseline, how many were in it)."""
    try:
        with open(path, encoding="utf-8") as handle:
            document = json.load(handle)
        if document.get("tool") != "intspec-lint" or document.get("format") != FORMAT:
            raise BaselineError(f"baseline {path} cannot be read: it is not an intspec-lint baseline of format "
                                f"{FORMAT} (write it again with --write-baseline)")
        known = Counter((e["file"], e["code"], e["fingerprint"]) for e in document["findings"])
    except FileNotFoundError:
        raise BaselineError(f"baseline {path} does not exist (create it with --write-baseline)") from None
    except BaselineError:
        raise
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as error:
        raise BaselineError(f"baseline {path} cannot be read: {error}") from None
    fresh = []
    hidden = 0
    for finding in findings:
        key = _key(finding)
        if known[key] > 0:
            known[key] -= 1
            hidden += 1
        else:
            fresh.append(finding)
    return fresh, hidden
