"""Layout-invariance (metamorphic) testing of the reader (issue 13).

The reader must find the same things whatever layout a spec uses. Each rewrite here is a pure
function from a Markdown spec to the same spec in another layout (or None when the spec has
nothing the rewrite could change); `measure` lints a spec and each of its rewrites and compares
the decisions, the set of (rule code, checklist item) pairs reported.

The package lives in tests/ because the test suite is its first user: pytest already puts tests/
on the import path (as for browser.py and environments.py), so the tests import it with no path
changes, and scripts/layout_invariance.py, the command line report, adds tests/ to its path.
"""

from __future__ import annotations

from .blocks import (
    bullet_style,
    crlf,
    emphasis_style,
    fenced_to_inline_example,
    lists_to_tables,
    policy_to_yaml_block,
    table_align,
    tables_to_lists,
    unwrap,
    wrap,
)
from .headings import (
    bold_headings,
    bold_headings_all,
    heading_levels,
    heading_levels_up,
    heading_synonyms,
    merge_sections,
    numbered_headings,
    reorder_sections,
    setext_headings,
)
from .measure import KindResult, Outcome, decisions, measure, run_kind
from .register import whole_spec_as_register, whole_spec_as_table

# name -> rewrite, in the order the report lists them: the kinds issue 13 asks for, then the
# markup variants (setext, line endings, emphasis, bullets, table padding, unwrapped prose, the
# three-column register).
REWRITES = {
    "heading-synonyms": heading_synonyms,
    "reorder-sections": reorder_sections,
    "heading-levels": heading_levels,
    "heading-levels-up": heading_levels_up,
    "bold-headings": bold_headings,
    "bold-headings-all": bold_headings_all,
    "numbered-headings": numbered_headings,
    "tables-to-lists": tables_to_lists,
    "lists-to-tables": lists_to_tables,
    "merge-sections": merge_sections,
    "wrap": wrap,
    "unwrap": unwrap,
    "fenced-to-inline-example": fenced_to_inline_example,
    "policy-to-yaml-block": policy_to_yaml_block,
    "whole-spec-as-table": whole_spec_as_table,
    "whole-spec-as-register": whole_spec_as_register,
    "setext-headings": setext_headings,
    "crlf": crlf,
    "emphasis-style": emphasis_style,
    "bullet-style": bullet_style,
    "table-align": table_align,
}

__all__ = ["REWRITES", "KindResult", "Outcome", "decisions", "measure", "run_kind"]
