from ..findings import Severity
from ..rule import Case, rule

syntax_error = rule(
    code="IS001",
    name="syntax-error",
    checklist="syntax",
    severity=Severity.ERROR,
    summary="The file cannot be read or parsed as a spec.",
    rationale="A file the linter cannot read is a file nobody checked: binary content, an encoding other "
    "than UTF-8 or UTF-16 with a BOM, a file over the size limit or YAML that does not parse are "
    "reported here, at the position the reader stopped, instead of being skipped silently.",
    bad="intspec: 1\ntitle: [Orders\n",
    good="intspec: 1\ntitle: Orders\n",
    bad_format="yaml",
    cases=(Case(Severity.ERROR, "a file that cannot be read or parsed: nothing in it can be checked (the tool's "
                "own check)"),),
)(None)
