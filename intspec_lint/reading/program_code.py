"""What a program pasted into a spec says: its prose (line comments, docstrings, block and doc comments) and
its settings (constants, a dict's or a struct literal's entries, a property's default), for the statements
step. A code-first spec ("the client module is the spec") states its retry budget as `MAX_ATTEMPTS = 6` or
`public int MaxAttempts { get; set; } = 6;`; read as keys, those are the config keys the readers know."""

from __future__ import annotations

import re

from .lazy_re import lazy

# the languages whose programs give settings as well as prose (`MAX_ATTEMPTS = 6`)
PROGRAM_LANGUAGES = {"http", "rest", "bash", "sh", "shell", "zsh", "smithy", "python", "py", "typescript", "ts", "javascript",
                     "js", "java", "kotlin", "go", "csharp", "cs", "c#", "rust", "ruby", "rb", "scala", "swift", "php",
                     "make", "makefile", "mk", "dockerfile", "powershell", "ps1", "groovy", "perl",
                     "script"}  # "script": a program saved as the whole document (document/markdown.py)
# text shown as it is, not a program: its `#` or `--` lines are a prompt, a log's or a diff's, no comments
SHOWN_LANGUAGES = {"xml", "html", "xhtml", "csv", "tsv", "console", "terminal", "shell-session", "log", "logs", "diff",
                   "patch", "markdown", "md", "output", "mermaid", "plantuml", "puml", "dot", "ascii", "diagram"}
COMMENT_LINE = lazy(r"^\s*(?:#|//|;|--)\s?(.*)$")
_DOC_OPEN = lazy(r"^\s*(?:[rRuUbBfF]{0,2}(\"\"\"|\'\'\')|/\*\*?!?)")  # a docstring or a block comment opens the line
_DOC_MARKUP = lazy(r"</?(?:summary|remarks|returns|value|para|c|code|see|example|exception|param|typeparam)\b[^>]*>"
                   r"|\{@\w+\s+([^}]*)\}")  # C# XML doc tags, Javadoc inline tags ({@code 429} -> 429)


_CODE_LINE = lazy(r"(?:[;{}(]|\)|=>)\s*(?://.*)?$|^\s*(?:const|let|var|return|if|for|def|import|function)\b")


def looks_like_program(text: str) -> bool:
    """Text that is a program: half of its lines or more end as statements do or open with a keyword."""
    lines = [line for line in text.split("\n") if line.strip()]
    return len(lines) >= 3 and sum(bool(_CODE_LINE.search(line)) for line in lines) * 2 >= len(lines)


def program_prose(text: str) -> list[str]:
    """What each line of a program says in words, "" for a line of code: its line comment (`# ...`, `// ...`,
    `/// ...`, indented as it is under the comment mark), the lines of a docstring (Python's triple quotes) or of a block comment (`/** ... */`, each
    ` * ` line), with documentation markup (`<summary>`, `{@code ...}`) taken off."""
    said: list[str] = []
    closing = ""  # the docstring's quotes or "*/" while inside one
    for raw in text.split("\n"):
        line = raw.strip()
        if closing:  # a docstring's lines keep their indentation: "Errors" over "    Transient: ..."
            body, ended, _rest = (line if closing == "*/" else raw.rstrip()).partition(closing)
            if ended:
                closing = ""
            said.append(_doc_words(body.lstrip("*").strip() if not closing or closing == "*/" else body))
            continue
        opened = _DOC_OPEN.match(line)
        if opened:
            mark = opened.group(1) or "*/"
            body, ended, _rest = line[opened.end():].partition(mark)
            closing = "" if ended else mark
            said.append(_doc_words(body.strip()))
            continue
        comment = COMMENT_LINE.match(raw)
        body = comment.group(1) if comment else ""
        if body[:1] in ("/", "!"):  # `/// text`, `//! text`: a doc comment's mark, not its words
            body = body.lstrip("/!").removeprefix(" ")
        said.append(_doc_words(body).rstrip() if body.strip() else "")  # its indentation kept: a hanging indent
    return said


_UNDERLINE = lazy(r"^\s*(?:-{3,}|={3,}|~{3,})\s*$")
_TITLE = lazy(r"^\s*[A-Z][\w&/-]*(?: [\w&/-]+){0,2}\s*$")  # "Errors", "Dead letters": a short title, no sentence
_COMMENT_MARK = lazy(r"^\s*(?:#|//|--|;|/?\*|\"\"\"|\'\'\'|<!--|-->)")  # a line a comment or a docstring goes on
_BULLET = lazy(r"^(\s*)[-*•]\s+(?=\S)")
_LABELLED = lazy(r"^\s*([a-z][\w/-]*)\s{2,}(?!->|→|=>)(\S.*)$")  # "  transient  Kafka NOT_ENOUGH_REPLICAS ...": a label, its cell
_ALIGNED = lazy(r"\S {3,}\S|\S ?\.{4,} ?\S")  # a comment laid out in columns or with dot leaders: a row of a table
_RULER = lazy(r"^[-=#*/ ]*([A-Za-z][\w ,/&-]{0,40}?)\s*[-=#*/]{3,}\s*$")  # "--- Error classification ------": a title
# "# AUTH", "# FLOWS (all times UTC)", "# MONITORING  HealthJob -> StatsD": a capitalised word over the comments below
_CAPS_TITLE = lazy(r"^([A-Z][A-Z&/-]{2,}(?: [A-Z&/-]{2,}){0,3})(?:\s*\([^)]*\)\s*$|\s*$|\s{2,}(\S.*)$)")


def markup_prose(text: str) -> list[str]:
    """What each line of an XML or HTML document says in its comments (`<!-- ... -->`, over as many lines as it
    runs, indented as written), "" for a line of markup."""
    said: list[str] = []
    inside = False
    for raw in text.split("\n"):
        words = ""
        rest = raw
        while rest:
            if not inside:
                start = rest.find("<!--")
                if start < 0:
                    break
                rest, inside = " " * (start + 4) + rest[start + 4:], True
                continue
            end = rest.find("-->")
            words += rest if end < 0 else rest[:end]
            if end < 0:
                break
            rest, inside = rest[end + 3:], False
        said.append(words.rstrip() if words.strip() else "")
    return said


def comment_runs(text: str, first_line: int, prose=None) -> list[tuple[str, list[tuple[int, str]]]]:
    """The paragraphs of a program's prose, each as (the title it stands under, its (line, text) lines): comment
    lines one under another are a paragraph; a ruler (`# --- Retry ---`), a docstring's underlined section or a
    capitalised word alone on its line titles those below it; a line laid out in columns is a row of its own."""
    out: list[tuple[str, list[tuple[int, str]]]] = []
    run: list[tuple[int, str]] = []  # consecutive comment lines: a paragraph of prose
    banner = ""  # "# --- Retry (both workers) ---": the title of the comments below it, as a heading's
    row: list | None = None  # [line, text, column of its second cell] of a row laid out in columns

    def emit(lines: list[tuple[int, str]]) -> None:
        if lines:
            out.append((banner, lines))

    raws = text.split("\n")
    titled = False  # the banner is a title the comment gave itself ("# AUTH"), not a ruler over the code below it
    for offset, said in enumerate([*(prose or program_prose)(text), ""]):
        line = first_line + offset
        raw = raws[offset] if offset < len(raws) else ""
        if titled and ("<!--" in raw or not said and raw.strip() and not _COMMENT_MARK.match(raw)):
            emit(run)  # a new comment, or code between: the title the last comment gave ends with it
            run, banner, titled = [], "", False
        said = _BULLET.sub(r"\1", said)  # "#   - SFTP: user ..., key signed by ...": an entry, its dash no part of its key
        if row and said.strip() and len(said) - len(said.lstrip()) >= row[2]:
            row[1] += " " + said.strip()  # "              timeout; ES 429 -> retried": the row's cell wraps
            continue
        if row:
            emit([(row[0], row[1])])
            row = None
        ruler = _RULER.match(said)
        caps = None if ruler else _CAPS_TITLE.match(said.strip())
        if ruler or caps:
            emit(run)
            run, banner, titled = [], (ruler or caps).group(1), caps is not None
            if caps and caps.group(2):  # "MONITORING  IntegrationHealthJob (every minute) -> Datadog"
                run.append((line, caps.group(2)))
        elif _UNDERLINE.match(said) and run and run[-1][0] == line - 1 and \
                len(run[-1][1].strip()) <= 80 and not run[-1][1].rstrip().endswith((".", ",", ";")):
            title = run.pop()[1].strip()  # a docstring's section: "Dead letters" over "------------"
            emit(run)
            run, banner = [], title
        elif _ALIGNED.search(said) or _LABELLED.match(said):  # "error rate > 3% over 15 min      critical": a row
            emit(run)
            gap = re.search(r"\S(\s{2,})\S", said)
            labelled = _LABELLED.match(said)
            # "transient  Kafka NOT_ENOUGH_REPLICAS ...": a label and its cell, read as "transient: Kafka ..."
            text = f"{labelled.group(1)}: {labelled.group(2)}" if labelled and ":" not in labelled.group(1) else said
            row = [line, text, gap.end(1) if gap else len(said)]
            run = []
        elif said.strip(" -=#/*"):
            if run and _TITLE.match(run[-1][1]) and _indent(said) > _indent(run[-1][1]):
                title = run.pop()[1].strip()  # "Errors" over "    Transient: timeouts ...": a section's title
                emit(run)
                run, banner, titled = [], title, True
            run.append((line, said))
        else:
            emit(run)
            run = []
    return out


def _indent(text: str) -> int:
    return len(text) - len(text.lstrip())


def _doc_words(text: str) -> str:
    return _DOC_MARKUP.sub(lambda m: m.group(1) or " ", text).rstrip() if "<" in text or "{@" in text else text


# -- settings --------------------------------------------------------------------------------------------

# a value a setting is given: a number (with its unit, or as a language's duration), a string, a boolean
_DURATION_CALL = lazy(
    r"(?:Duration\.of|TimeSpan\.From|Duration::from_|time\.)?(?P<unit>Millis|Milliseconds|Seconds|Secs|Minutes|Mins|Hours)"
    r"\(\s*(?P<n>\d+(?:\.\d+)?)\s*\)"
    r"|timedelta\(\s*(?P<tunit>milliseconds|seconds|minutes|hours)\s*=\s*(?P<tn>\d+(?:\.\d+)?)\s*\)"
    r"|(?P<gn>\d+(?:\.\d+)?)\s*\*\s*time\.(?P<gunit>Millisecond|Second|Minute|Hour)\b", re.I)
_LITERAL = (r"(?:-?\d+(?:[._]\d+)*(?:\s*(?:ms|s|m|h|min|L|f|d|u32|u64|i32|i64|usize))?\b"
            r"|\"[^\"\n]{0,120}\"|'[^'\n]{0,120}'|true|false|True|False"
            r"|(?:Duration\.of|TimeSpan\.From|Duration::from_)\w+\(\s*\d+(?:\.\d+)?\s*\)"
            r"|timedelta\(\s*\w+\s*=\s*\d+(?:\.\d+)?\s*\)|\d+(?:\.\d+)?\s*\*\s*time\.\w+)")
_SETTING = lazy(
    # `MAX_ATTEMPTS = 6`, `const MaxAttempts = 6`, `pub const MAX_ATTEMPTS: u32 = 6;`, `max_attempts: int = 6`,
    # `private static final int MAX_ATTEMPTS = 6;`, `val maxAttempts = 6`
    r"^\s*(?:(?:pub(?:\(crate\))?|public|private|protected|internal|export|static|final|readonly|const|val|var|let)\s+)*"
    r"(?:[A-Za-z_][\w.<>\[\]?]*\s+)?(?P<a>[A-Za-z_]\w*)\s*(?::\s*[\w.<>\[\]&'? ]+?)?\s*=\s*(?P<av>" + _LITERAL + r")\s*[;,]?\s*$"
    # `public int MaxAttempts { get; set; } = 6;`
    r"|^\s*(?:(?:public|internal|private|protected|required)\s+)*[\w.<>\[\]?]+\s+(?P<p>[A-Za-z_]\w*)\s*\{\s*get;\s*"
    r"(?:set|init);\s*\}\s*=\s*(?P<pv>" + _LITERAL + r")\s*;"
    # `"max_attempts": 6,` in a dict, `max_attempts: 6,` in a struct or object literal, `max_attempts=6,` as an argument
    r"|^\s*[\"']?(?P<d>[A-Za-z_][\w-]*)[\"']?\s*[:=]\s*(?P<dv>" + _LITERAL + r")\s*,?\s*$")
# a line that opens a named scope: a class, struct or record, a dict or object assigned, a constructor's arguments
_SCOPE = lazy(
    r"^\s*(?:(?:pub|public|private|internal|export|sealed|static|final|data|abstract|partial)\s+)*"
    r"(?:class|struct|record|object|interface|impl|type)\s+(?P<c>[A-Za-z_]\w*)"
    r"|^\s*(?:(?:const|let|var|val|export)\s+)?(?P<v>[A-Za-z_]\w*)\s*(?::\s*[\w.<>\[\]]+)?\s*[=:]\s*(?:[A-Za-z_][\w.]*)?\s*"
    r"(?:\(\s*\{|[({])\s*$"  # `const RETRY = Object.freeze({`
    r"|^\s*[\"'](?P<k>[A-Za-z_][\w-]*)[\"']\s*:\s*[{(]\s*$"
    r"|^\s*@(?P<t>[A-Za-z_][\w.#]*)\s*\(\s*\[?\s*$"  # a trait or annotation with arguments: Smithy's `@retryPolicy(`
    # a call with a name and an object: `alarm("psd-queue-depth", {`, `new aws.sqs.Queue("orders-dlq", {`
    r"|^\s*(?:(?:const|let|var|val|export)\s+\w+\s*=\s*)?(?:new\s+)?(?P<f>[A-Za-z_][\w.]*)\(\s*[\"'`](?P<fl>[^\"'`]{1,80})"
    r"[\"'`]\s*,\s*\{\s*$")


def _whole_line(line: str) -> bool:
    """A line that is one object in braces, or opens or closes one."""
    stripped = line.strip().rstrip(",;")
    return stripped.startswith("{") or stripped.endswith(("{", "[", "(")) or stripped in ("}", "]", ")", "});")


# one object on its line in a list: `{ metric: "latency p95", threshold: "> 3 s", action: "warning" }`
_OBJECT_LINE = lazy(r"^\s*\{(.+)\}\s*,?\s*$")


def program_settings(text: str) -> list[tuple[int, str, str]]:
    """(line offset, key, value) of each setting the program gives a literal value: the key is its name under the
    scopes it stands in (`RetryOptions.MaxAttempts`, `RETRY.max_attempts`), the value in words where it is a
    language's duration (`TimeSpan.FromSeconds(2)` -> "2 s")."""
    found: list[tuple[int, str, str]] = []
    scopes: list[tuple[int, str]] = []  # (indentation, name)
    counts: dict[int, int] = {}  # the objects listed one per line so far, by scope depth
    for offset, raw in enumerate(text.split("\n")):
        line = re.sub(r"\s+(?://|#)\s.*$", "", raw.rstrip())  # a trailing comment is prose, read as such
        if not line.strip():
            continue
        indent = len(line) - len(line.lstrip())
        while scopes and indent <= scopes[-1][0] and not line.strip().startswith((")", "}", "]", "{")):
            scopes.pop()
        match = _SETTING.match(line)
        if match:
            name = match.group("a") or match.group("p") or match.group("d")
            said = match.group("av") or match.group("pv") or match.group("dv")
            key = ".".join([scope for _, scope in scopes] + [name])
            found.append((offset, key, _in_words(said)))
            continue
        opened = _SCOPE.match(line)
        if opened:
            name = opened.group("c") or opened.group("v") or opened.group("k") or opened.group("t")
            if opened.group("f"):  # each call its own scope: `alarm[psd-queue-depth]`
                name = f"{opened.group('f').split('.')[-1]}[{opened.group('fl')}]"
            scopes.append((indent, name))
            continue
        several = object_pairs(line.strip().rstrip(",")) if scopes and not _whole_line(line) and "," in line else []
        if len(several) >= 2:  # `namespace: "AWS/SQS", metricName: "ApproximateNumberOfMessagesVisible",`: each
            owner = ".".join(scope for _, scope in scopes)
            found += [(offset, ".".join([owner, *path]), said.strip("\"'")) for path, said in several]
            continue
        built = _BUILT_LINE.match(line)
        if built:  # `var svBreaker = circuit.Config{ConsecutiveFailures: 5, OpenFor: 5 * time.Minute}`: an object in one line
            owner = ".".join([scope for _, scope in scopes] + [built.group(1)])
            found += [(offset, ".".join([owner, *path]), _in_words(said)) for path, said in object_pairs(built.group(2))]
            continue
        whole = _OBJECT_LINE.match(line)
        if whole and scopes:  # `{ metric: ..., threshold: ... }` in a list: an item of its own
            counts[len(scopes)] = counts.get(len(scopes), -1) + 1
            owner = ".".join(scope for _, scope in scopes) + f"[{counts[len(scopes)]}]"
            for path, said in object_pairs(whole.group(1)):
                found.append((offset, ".".join([owner, *path]), said))
    return found


_BUILT_LINE = lazy(r"^\s*(?:(?:var|const|let|val|final|static)\s+)*([A-Za-z_]\w*)\s*(?::\s*[\w.<>]+)?\s*:?=\s*&?"
                   r"(?:new\s+)?[A-Za-z_][\w.]*\s*[{(](.*:.*)[})]\s*;?\s*$")
_UNITS = {"millis": "ms", "milliseconds": "ms", "millisecond": "ms", "seconds": "s", "secs": "s", "second": "s",
          "minutes": "min", "mins": "min", "minute": "min", "hours": "h", "hour": "h"}


def _in_words(value: str) -> str:
    """A literal as a spec would write it: quotes off, a duration call as its number and unit."""
    duration = _DURATION_CALL.search(value)
    if duration:
        number = duration.group("n") or duration.group("tn") or duration.group("gn")
        unit = (duration.group("unit") or duration.group("tunit") or duration.group("gunit")).lower()
        return f"{number} {_UNITS.get(unit, unit)}"
    return _DIGIT_GROUPS.sub("", value.strip("\"'"))  # `30_000` (a numeric literal's separators) is 30000


_DIGIT_GROUPS = lazy(r"(?<=\d)_(?=\d{3}\b)")
# a type or a constraint where a value would stand: `int & >=1`, `=~"^[0-9]+s$"`, `string`, `*"a" | "b"`
CONSTRAINT = lazy(r"^(?:=~|!~|[<>]=?\s*\d|(?:int|uint|float|number|string|bool|bytes|time\.\w+|#\w+)\s*(?:&|\||$))")


def object_pairs(text: str, depth: int = 0) -> list[tuple[list[str], str]]:
    """(key path, value) of each field of a one-line object's body (its braces off): `a: 1, b: {c: "x"}` -> a = 1,
    b.c = x; a type or constraint (a schema's, `int & >=1`) gives none."""
    found: list[tuple[list[str], str]] = []
    for part in _top_level(text):
        name, sign, said = re.split(r"([:=])", part, maxsplit=1) if re.search(r"[:=]", part) else (part, "", "")
        name, said = name.strip().strip("\"'#?"), said.strip()
        if not sign or not re.fullmatch(r"[\w$-]+", name) or CONSTRAINT.match(said):
            continue
        inner = re.fullmatch(r"(?:#?[\w.]+\s*&\s*)?\{(.*)\}", said)
        if inner and depth < 6:
            found += [([name, *key], value) for key, value in object_pairs(inner.group(1), depth + 1)]
        else:
            found.append(([name], said.strip("\"'")))
    return found


def _top_level(text: str) -> list[str]:
    """The comma-separated parts of `text` outside brackets and quotes."""
    parts, depth, quote, start = [], 0, "", 0
    for at, char in enumerate(text):
        if quote:
            quote = "" if char == quote and text[at - 1] != "\\" else quote
        elif char in "\"'":
            quote = char
        elif char in "{[(":
            depth += 1
        elif char in "}])":
            depth -= 1
        elif char == "," and depth == 0:
            parts.append(text[start:at])
            start = at + 1
    parts.append(text[start:])
    return [part.strip() for part in parts if part.strip()]


_ENTRY = lazy(r"^[A-Z][\w .()/&-]{0,40}:\s")  # "  Fiskbok: managed identity ..." under a line: an entry of its own


def hanging(lines: list[tuple[int, str]]) -> str:
    """The text of consecutive comment lines as a paragraph, a line indented under the one before it joined to
    it ("# CaseWeave: partner API key in X-Api-Key,⏎#   limited to ..."): one entry, not a new "key: value" line;
    an indented line that opens with a capitalised key ("#   KlokHub: app registration ...") is an entry itself.
    A joined line stays as an empty one, so that every line keeps its number."""
    out: list[str] = []
    head = -1  # the line the indented ones continue
    for _, said in lines:
        indent = len(said) - len(said.lstrip())
        if head >= 0 and indent > len(out[head]) - len(out[head].lstrip()) and not _ENTRY.match(said.strip()):
            out[head] += " " + said.strip()
            out.append("")
        else:
            head = len(out)
            out.append(said)
    return "\n".join(line.strip() for line in out)
