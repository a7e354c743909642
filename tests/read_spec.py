"""What the reading tests share: a Markdown spec read into the model, and the codes a lint of it reports."""

from intspec_lint import lint_text
from intspec_lint.config import Settings
from intspec_lint.document.markdown import parse_markdown
from intspec_lint.reading.markdown import extract_markdown
from intspec_lint.reading.vocabulary import load_vocabulary


def spec_of(text):
    return extract_markdown(parse_markdown(text), load_vocabulary())


def codes(text, *only):
    """The codes a lint reports; with `only`, of those rules alone, run as `--select` runs them (a rule off by
    default included)."""
    settings = Settings(select=only) if only else None
    return sorted({f.code for f in lint_text(text, "markdown", settings=settings)})
