"""Baselines: record today's findings, then report only new ones.

A finding is keyed by file, code and fingerprint (the code, the message and the text of its line),
never by its line number, so editing unrelated lines does not bring old findings back. Identical
findings are counted, so a second copy of a known problem is still new.

A finding that names several gaps of one object (a flow with no payload and no frequency) is matched
gap by gap: each gap has the fingerprint a finding of it alone would have (its code, its message and
the text of its own line). The finding stays hidden while every gap it names is in the baseline, so
fixing one gap leaves the others hidden (unless they stand on the line that was edited), and a new
gap on a known object brings the finding back. A baseline written before findings were grouped (its
entries have no `gaps`) counts each entry as one gap, which is what it was.
"""

from __future__ import annotations

import json
from collections import Counter

from . import __version__
from .output import write_atomic

FORMAT = 1


class BaselineError(Exception):
    pass


def _keys(finding) -> Counter:
    return Counter((finding.file, finding.code, gap.fingerprint) for gap in finding.each_gap)


def write(path: str, findings) -> None:
    entries = sorted(
        ({"file": f.file, "code": f.code, "fingerprint": f.fingerprint, "message": f.message,
          "gaps": [gap.fingerprint for gap in f.each_gap]} for f in findings),
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
        known = Counter((e["file"], e["code"], gap) for e in document["findings"]
                        for gap in (e.get("gaps") or [e["fingerprint"]]))
    except FileNotFoundError:
        raise BaselineError(f"baseline {path} does not exist (create it with --write-baseline)") from None
    except BaselineError:
        raise
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as error:
        raise BaselineError(f"baseline {path} cannot be read: {error}") from None
    fresh = []
    hidden = 0
    for finding in findings:
        keys = _keys(finding)
        if all(known[key] >= count for key, count in keys.items()):
            known.subtract(keys)
            hidden += 1
        else:
            fresh.append(finding)
    return fresh, hidden
