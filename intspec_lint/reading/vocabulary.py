"""The vocabulary (rules/vocabulary.yaml): which words name which part, field, category or metric."""

from __future__ import annotations

import difflib
import re
from functools import lru_cache
from typing import Mapping

from ..resources import data_path
from .auth_words import CREDENTIAL_WORD

_NUMBERING = re.compile(r"^\s*(?:[0-9]+(?:\.[0-9]+)*|[ivxlc]+|[a-z])[.)]\s+|^\s*(?:[0-9]+|[a-z])(?:\.[0-9]+)+\s+"
                        r"|^\s*[0-9]{1,3}/\s+(?:[-*•]\s+)?", re.I)  # a thread's post: "16/ - partial: ..."
_LABELLED = re.compile(r"^([^:—–]{2,40}?)\s*(?::|—|–|\s-\s)\s*(\S.*)$", re.S)
_SEPARATORS = re.compile(r"(?:\s+-\s+|[\s&+/|,;:()\[\]{}*_`\"'!?<>#=]|(?<=[a-z])\.(?=[a-z]))+")  # "flows.jsonc"


def strip_numbering(text: str) -> str:
    """A heading without its numbering: "5.1 RxDispense" -> "RxDispense"."""
    return _NUMBERING.sub("", text.strip())


def normalize(text: str) -> str:
    """Lower case, numbering and markup dropped, separators folded to single spaces."""
    text = _NUMBERING.sub("", text.strip())
    text = text.replace("→", " ").replace("—", " ").replace("–", " ")
    return _SEPARATORS.sub(" ", text.lower()).strip(" .")


def _widest(text: str, patterns: dict) -> tuple[str, ...]:
    """The parts whose words the text holds, but not a part named only inside a longer phrase of another's: "Replay
    safety" is idempotency's, not the dead letters' "replay"."""
    spans = {part: found for part, pattern in patterns.items() if (found := pattern.runs(text))}
    if len(spans) < 2:
        return tuple(spans)
    return tuple(part for part, found in spans.items() if not all(
        any(a <= start and end <= b and (a, b) != (start, end) for other, theirs in spans.items() if other != part
            for a, b in theirs) for start, end in found))


class _Phrases:
    """Whole-word phrases, found by looking up each run of words of the (normalized) text; a
    trailing plural "s" is allowed. A set lookup per run costs less than one big regular
    expression, and nothing has to be compiled at start-up."""

    def __init__(self, words):
        self.phrases = {normalize(str(w)) for w in words} - {""}
        self.longest = max((len(p.split(" ")) for p in self.phrases), default=0)
        self.first_words = {p.split(" ")[0] for p in self.phrases}  # a run can only start with one of them

    def search(self, text: str) -> str | None:
        """The first phrase found in `text` (the longest at each position), or None."""
        tokens = text.split(" ")
        phrases, first_words = self.phrases, self.first_words
        for start in range(len(tokens)):
            token = tokens[start]
            if token not in first_words and not (token.endswith("s") and token[:-1] in first_words):
                continue
            for size in range(min(self.longest, len(tokens) - start), 0, -1):
                run = " ".join(tokens[start : start + size])
                if run in phrases or (run.endswith("s") and run[:-1] in phrases):
                    return run
        return None

    def runs(self, text: str) -> list[tuple[int, int]]:
        """Where its phrases stand in `text`, as (first word, word after the last), the longest at each position."""
        tokens = text.split(" ")
        found = []
        for start in range(len(tokens)):
            token = tokens[start]
            if token not in self.first_words and not (token.endswith("s") and token[:-1] in self.first_words):
                continue
            for size in range(min(self.longest, len(tokens) - start), 0, -1):
                run = " ".join(tokens[start : start + size])
                if run in self.phrases or (run.endswith("s") and run[:-1] in self.phrases):
                    found.append((start, start + size))
                    break
        return found


_TOKEN = re.compile(r"[a-z0-9]+")
_ASIDE = re.compile(r"\([^()]*\)")
_PERCENTILE = re.compile(r"\b[pP](?:50|75|90|95|99|99\.9)\b|\bpercentile\b")


class _Index:
    """Phrases of several parts, found in one pass over a text's words: phrase -> its parts."""

    def __init__(self, by_part: Mapping):
        self.parts_of: dict[str, set[str]] = {}
        for part, words in by_part.items():
            for word in words:
                phrase = " ".join(_TOKEN.findall(str(word).lower()))
                if phrase:
                    self.parts_of.setdefault(phrase, set()).add(part)
        self.longest = max((len(p.split(" ")) for p in self.parts_of), default=0)
        self.first_words = {p.split(" ")[0] for p in self.parts_of}

    def parts(self, text: str) -> set[str]:
        found: set[str] = set()
        tokens = _TOKEN.findall(text.lower())
        first_words, parts_of = self.first_words, self.parts_of
        for start, token in enumerate(tokens):
            if token not in first_words and not (token.endswith("s") and token[:-1] in first_words):
                continue
            for size in range(min(self.longest, len(tokens) - start), 0, -1):
                run = " ".join(tokens[start : start + size])
                hit = parts_of.get(run) or (parts_of.get(run[:-1]) if run.endswith("s") else None)
                if hit:
                    found |= hit
                    break
        return found


def _phrases(words) -> _Phrases:
    return _Phrases(words)


class Vocabulary:
    def __init__(self, data: Mapping):
        self.data = data
        weak = {normalize(str(w)) for w in data.get("weak_section_words", [])}
        self._sections = {part: _phrases(words) for part, words in data["sections"].items()}
        self._strong_sections = {
            part: _phrases([w for w in words if normalize(str(w)) not in weak] or ["\x00"])
            for part, words in data["sections"].items()
        }
        self._umbrellas = {normalize(k): tuple(v) for k, v in data.get("umbrellas", {}).items()}
        self._umbrellas.update({normalize(str(k)): () for k in data.get("not_parts", [])})  # a product's goals
        self._history = _phrases(data.get("history_sections", []))
        self._old_side = {normalize(str(label)) for label in data.get("old_side_labels", [])}
        self._tests = _phrases(data.get("test_sections", []))
        self._subsections = _phrases(data["contract_subsections"])
        self._fields: dict[str, dict[str, str]] = {}
        self._all_fields: dict[str, dict[str, list[str]]] = {}  # a word that names several fields: all of them
        self._field_patterns: dict[str, list[tuple[str, str]]] = {}
        for part, fields in data["fields"].items():
            exact: dict[str, str] = {}
            every: dict[str, list[str]] = {}
            contained: list[tuple[str, str]] = []
            for name, words in fields.items():
                for word in words:
                    key = normalize(str(word))
                    exact.setdefault(key, name)
                    every.setdefault(key, []).append(name)
                    contained.append((key, name))
            self._all_fields[part] = every
            contained.sort(key=lambda pair: len(pair[0]), reverse=True)
            self._fields[part] = exact
            self._field_patterns[part] = contained
        self._categories = [(name, _phrases(words)) for name, words in data["categories"].items()]
        self._metric_kinds = [(name, _phrases(words)) for name, words in data["metric_kinds"].items()]
        self._hand_waving: re.Pattern | None = None
        self._topic_words = _Index(data.get("topic_words", {}))

    @property
    def hand_waving(self) -> re.Pattern:
        """One expression for every hand-waving phrase (compiled on first use), to search in the
        lower-cased text. Phrases are compiled in lower case without re.I, three times faster, unless
        one holds an escape that lower case would change (\\S, \\W, \\B...)."""
        if self._hand_waving is None:
            phrases = [str(p) for p in self.data.get("hand_waving", [])] or [r"(?!)"]
            source = "|".join(f"(?:{p})" for p in phrases)
            if re.search(r"\\[A-Z]", source):
                self._hand_waving = re.compile(source, re.I)
            else:
                self._hand_waving = re.compile(source.lower())
        return self._hand_waving

    def topics_of(self, text: str) -> set[str]:
        """The parts a text names in its own words (`topic_words`)."""
        return self._topic_words.parts(text)

    def label(self, text: str) -> tuple[str, str]:
        """(label, item) of a text labelled by a part ("Contract: Create order", "Flow 2 — Results come
        back"), or ("", "") when the text before the separator names no part."""
        match = _LABELLED.match(strip_numbering(text.strip(" *`")))
        if match and self.section_parts(match.group(1)):
            return match.group(1), match.group(2)
        return "", ""

    def section_parts(self, title: str, nested: bool = False) -> tuple[str, ...]:
        """The parts a heading names, in vocabulary order; () when it names none.

        Under a heading that already names a part (`nested`), weak words ("API", "events") do not
        count: "Fulfillment API" under "Authentication" is a system, not a contract.
        """
        return self._section_parts(title, nested)

    @lru_cache(maxsize=8192)
    def _section_parts(self, title: str, nested: bool) -> tuple[str, ...]:
        text = normalize(title)
        if text in self._umbrellas:
            return self._umbrellas[text]
        patterns = self._strong_sections if nested else self._sections
        found = _widest(text, patterns)
        if not found and "-" in text:  # "Failed-message handling": the two words a hyphen joins, as words (not a
            spaced = _TWO_JOINED.sub(r"\1 \2", text)  # name in kebab case: "push-pull-notifications-api")
            found = tuple(part for part, pattern in patterns.items() if pattern.search(spaced)) if spaced != text else ()
        return found

    def is_history(self, title: str) -> bool:
        """A heading of what happened before ("What broke", "Root causes", "Incident timeline"), or the old side of
        a revision, labelled by that alone ("**Was:**" over the text a "**Now:**" replaces)."""
        said = normalize(title)
        return bool(self._history.search(said)) or said in self._old_side

    def is_test(self, title: str) -> bool:
        """A heading of tests run or planned ("Test plan", "Acceptance tests"): what they expect is no metric."""
        return bool(self._tests.search(normalize(title)))

    @lru_cache(maxsize=8192)
    def is_part_name(self, title: str) -> bool:
        """The title is a part's name and nothing more ("Retry", "API contracts"), not a unit that
        names its part in passing ("Meridian outbound events")."""
        text = normalize(strip_numbering(title))
        return any(text == normalize(word) for words in self.data["sections"].values() for word in words)

    @lru_cache(maxsize=8192)
    def is_contract_subsection(self, title: str) -> bool:
        text = normalize(title)
        match = self._subsections.search(text)
        if match is not None and len(text) <= len(match) + 12:
            return True
        tail = re.search(r"[(\[—–:-]\s*([^()\[\]—–:-]+?)\s*[)\]]?\s*$", title)  # "Publish object (response)"
        return tail is not None and self._subsections.search(normalize(tail.group(1))) == normalize(tail.group(1))

    @lru_cache(maxsize=16384)
    def field(self, part: str, key: str) -> str | None:
        """The field of `part` that a column header or a "key:" names."""
        text = normalize(key)
        if not text:
            return None
        if "/" in key and not self._fields[part].get(text):  # "Transform / default": the first name it joins
            for piece in key.split("/"):
                found = self._field(part, normalize(piece)) if normalize(piece) else None
                if found:
                    return found
        return self._field(part, text)

    @lru_cache(maxsize=4096)
    def _field(self, part: str, text: str) -> str | None:
        exact = self._fields[part].get(text)
        if exact:
            return exact
        if part == "retry":  # `pauseAfterServerFailures = 5`, `open_after_errors`, `pause_for`, `trip_duration`: a
            # breaker's settings named by what it does (pause, open, trip) and by what counts (failures) or how long
            breaker = _BREAKER_KEY.match(text)
            if breaker:
                return "circuit_open" if breaker.group("long") else "circuit_breaker"
        timed = _TIMED_KEY.match(text) if part == "retry" else None
        if timed:  # `RETRY_BASE_MS`, `BACKOFF_MAX_SECONDS`: a duration setting, named by what it bounds
            head = timed.group(1).split()[-1]
            return _TIMED_HEADS.get(head) or self._field(part, timed.group(1))
        padded = f" {text} "
        found = None  # (where it ends, its length, the field): the head of a noun phrase is its last word, so
        for word, name in self._field_patterns[part]:  # "Broker credential rotation" is a rotation, not a credential
            at = padded.rfind(f" {word} ")
            if len(word) >= 4 and word not in _WHOLE_ONLY.get(part, ()) and at >= 0 and (
                    found is None or (at + len(word), len(word)) > found[:2]):
                found = (at + len(word), len(word), name)  # "how" or "to" only count as the whole key
        if found:
            return found[2]
        abbreviated = self._abbreviation(part, text)
        if abbreviated:
            return abbreviated
        if len(text) >= 6:  # a typo: "max retrys", "circut breaker" (words that start alike)
            bucket = [word for word in self._fields[part] if word[:3] == text[:3]]
            close = difflib.get_close_matches(text, bucket, n=1, cutoff=0.85) if bucket else []
            if close:
                return self._fields[part][close[0]]
        return None

    def _abbreviation(self, part: str, text: str) -> str | None:
        """The one field a short header abbreviates, word by word, each word's letters in order in the
        field's word: "Src", "Dest", "Trig.", "Pyld", "Freq.", "Sev.", "Tgt typ", "Src fld", "Dflt",
        "Xform" (x for "trans")."""
        tokens = text.split()
        if not tokens or len(tokens) > 3 or any(len(t) > 5 or not t.isalpha() for t in tokens) or len(text) < 3:
            return None
        found = {name for word, name in self._fields[part].items()
                 if len(word.split()) == len(tokens) and word != text
                 and all(abbreviates(t, w) for t, w in zip(tokens, word.split()))}
        return found.pop() if len(found) == 1 else None

    def field_exactly(self, part: str, key: str) -> str | None:
        """The field of `part` that `key` is one of the words for, as a whole ("Trigger", not "Play event")."""
        return self._fields[part].get(normalize(key))

    def other_fields(self, part: str, key: str) -> list[str]:
        """The fields of `part` that `key` names as a whole besides the first ("Event": a flow's name, and
        its trigger where the name is in another column)."""
        return self._all_fields[part].get(normalize(key), [])[1:]

    def names_exactly(self, part: str, key: str, name: str) -> bool:
        """`key` is one of the words for field `name` itself, not a longer phrase containing one."""
        return self._fields[part].get(normalize(key)) == name

    @lru_cache(maxsize=8192)
    def category(self, text: str) -> str | None:
        """transient / permanent / partial (or success, an outcome that is no error), from a category's name."""
        short = _CATEGORY_SHORT.match(text)
        if short:  # "| trans. | 429, 503 |", "| perm. |", "| part. |": a class's name cut short, the whole cell
            return _CATEGORY_OF_SHORT[short.group(1).lower()]
        normal = normalize(text)
        for name, pattern in self._categories:
            if pattern.search(normal):
                return name
        return None

    @lru_cache(maxsize=8192)
    def metric_kind(self, text: str) -> str:
        """The kind of a metric by its words; names in code spans count only when the words alone tell
        none (`cpms-token-sync` is a consumer group, not a token), or name a dead-letter queue."""
        whole = text
        bare = _ASIDE.sub(" ", text)  # "Error rate per flow (non-2xx, or DLQ'd records ÷ records)": the name, not the aside
        if bare != text and self._kind_of(re.sub(r"`[^`]*`", " ", bare)) != "other":
            text = bare
        kind = self._kind_of(text)
        if kind == "other" and (_QUEUE_COUNT.search(text) or _QUEUE_NAMED.search(text)):
            return "queue-depth"  # "inbound top-up queue | > 200 messages", "unsent IF1 batches | > 4": what waits
        if kind in ("other", "throughput") and _STORE_COUNT.search(text):
            return "queue-depth"
        if kind == "dlq-size" and _PERCENTILE.search(whole):
            return "latency"  # "Excursion start to quarantine flag (P95)": the time to a quarantine, not a count of it
        if kind == "other" and (_TIME_LEFT.search(text) or _TIME_SINCE.search(text)) and CREDENTIAL_WORD.search(text):
            return "token-expiry"  # "client secret days remaining", "days since API key change": a credential's time
        if kind == "other" and _FAILED_SELECTOR.search(text):
            return "error-rate"  # `calls_total{result!="ok"} / all`: the calls that failed, of all  # "`hiredesk.outbound` ready messages": what stands in a queue named by its name
        if kind == "token-expiry" and _PERCENTILE.search(text):
            return "latency"  # "ticket issued → credential created, p95": a credential's event, timed
        if kind == "error-rate" and _PERCENTILE.search(text) and not re.search(r"%|\brates?\b|\bratio\b", text, re.I):
            return "latency"  # "fault event to work order created, p95 over 2 minutes": a fault's handling, timed
        if "`" in text and kind != "dlq-size":  # a queue named `orders-dlq` is a dead-letter queue
            words = self._kind_of(re.sub(r"`[^`]*`", " ", text))
            if words == "throughput" and kind == "error-rate":
                return kind  # "`send_errors_total` rate / calls": the rate of an errors counter is an error rate
            return words if words != "other" else kind
        return kind

    @lru_cache(maxsize=8192)
    def _kind_of(self, text: str) -> str:
        if not re.search(r"\s", text.strip()):  # one identifier, `ExecutionTime`: words run together (not a name
            text = _CAMEL_WORD.sub(" ", text)  # in a phrase: "OceanCert calls" are no certificate)
        else:
            if _HUMPS.search(text):  # a cloud metric's name in a phrase: "ApproximateNumberOfMessagesVisible > 200"
                text = _HUMPS.sub(lambda m: " " + _CAMEL_WORD.sub(" ", m.group(0)) + " ", text)
            if "`" in text:  # a metric's identifier in a phrase: `DaysToCredentialExpiry`, `trackgroom_key_days_left`
                text = re.sub(r"`([A-Za-z][\w.]*)`",
                              lambda m: " " + _CAMEL_WORD.sub(" ", m.group(1)).replace("_", " ") + " ", text)
        normal = re.sub(r"\s+", " ", re.sub(r"[-.]", " ", normalize(text)))  # "err. rate" is "err rate"
        if _DAYS_TO_RENEWAL.search(normal):
            return "token-expiry"  # "Days to the HoursBook client secret or Tripwise key renewal": the days a credential has
        for name, pattern in self._metric_kinds:
            if pattern.search(normal):
                return name
        return "other"

    def table_part(self, header: list[str], prior: tuple[str, ...]) -> tuple[str, dict[int, str]] | None:
        """Which part a table's columns describe, and the field of each column it knows."""
        return self._table_part(tuple(header), prior)

    @lru_cache(maxsize=4096)
    def _table_part(self, header: tuple[str, ...], prior: tuple[str, ...]) -> tuple[str, dict[int, str]] | None:
        best: tuple[float, str, dict[int, str]] | None = None
        retry = {self.field("retry", cell) for cell in header} - {None}
        for part in _TABLE_PARTS:
            columns: dict[int, str] = {}
            for index, cell in enumerate(header):
                name = self.field(part, cell)
                if part == "flows" and name in ("source", "destination") and _FIELD_WORD.search(cell):
                    continue  # "From (sender's field)", "Source field": a field's side in a mapping, not a system
                if name and name not in columns.values():
                    columns[index] = name
            if part == "mappings" and not _TABLE_NEEDS[part].issubset(columns.values()):
                columns = self._mapping_by_position(header) or _field_by_position(header, columns)
                if "mappings" in prior and len(header) == 3 and columns == {2: "transform"}:
                    columns = {0: "source_field", 1: "target_field", 2: "transform"}  # "| Dispatch | SkyRelay |
                    # Transform |" under a mapping heading: the two systems' fields, then the rule
            needed = _TABLE_NEEDS[part]
            if part == "auth" and 0 not in columns and "mechanism" in columns.values() and len(columns) >= 3:
                columns[0] = "system"  # "| Direction | Mechanism | Rotation | Storage |": each row's first cell names whose
            if part == "flows" and "direction" in columns.values():
                needed = {"direction"}  # "Source → Destination" in one column
                if not {"trigger", "payload", "frequency"} & set(columns.values()) or any(
                        self.field("contracts", cell) in ("method", "url") for cell in header):
                    continue  # "Method | Path | Direction | Purpose": endpoints, not flows
            if len(columns) < 2 or not needed.issubset(columns.values()):
                continue
            if prior and part not in prior and set(columns.values()) <= _ENDS.get(part, set()):
                continue  # "Source | Dead-letter destination | Who is alerted" under "Dead letters": theirs
            if part == "mappings":
                columns = self._mapping_columns(header, columns)
            if part in _NEEDS_CONTEXT and part not in prior and len(columns) < 3:
                continue  # "Method | Direction" in an endpoint table is not an auth table
            score = len(columns) + (2.5 if part in prior else 0)
            if len(retry) >= 3 and len(retry) >= score:
                continue  # "| Who | Strategy | Init | Max att | Cap |": a retry setting per caller, no metric table
            if best is None or score > best[0]:
                best = (score, part, columns)
        return (best[1], best[2]) if best else None


    def _mapping_by_position(self, header: list[str]) -> dict[int, str] | None:
        """"HRIS field | HRIS type | Payroll field | Payroll type | Conversion": the first field column is
        the source, the second the target, and each type column belongs to the field before it."""
        # "Column type", "Avro type": a type column, named by what it types; "Field and type" is a field's column
        types = [i for i, cell in enumerate(header) if _TYPE_WORD.search(normalize(cell))
                 and not re.search(r"\band\s+types?$", normalize(cell))]
        fields = [i for i, cell in enumerate(header) if _FIELD_WORD.search(normalize(cell)) and i not in types]
        if len(fields) != 2 and len(types) == 2 and types[0] >= 1 and types[1] == types[0] + 2:
            fields = [types[0] - 1, types[1] - 1]  # "ChoirDesk | Type | Cantata | Type | Rule": a field, then its type
        if len(fields) != 2:
            return None
        columns = {fields[0]: "source_field", fields[1]: "target_field"}
        for index, cell in enumerate(header):
            if index in columns:
                continue
            text = normalize(cell)
            if _TYPE_WORD.search(text):
                columns[index] = "source_type" if index < fields[1] else "target_type"
            else:
                name = self.field("mappings", cell)
                if name in ("transform", "default", "nullable") and name not in columns.values():
                    columns[index] = name
        if any(_FIELD_WORD.fullmatch(normalize(header[i])) for i in fields) and \
                any(_DESCRIBED.fullmatch(normalize(cell)) for cell in header) and \
                sum(1 for name in columns.values() if name.endswith("_type")) < 2 and \
                not {"transform", "default"} & set(columns.values()):
            return None  # "Column | API field | Type | Description": one dataset's names for its fields, described, a
            # dictionary (a mapping by position names both sides, "HRIS field | Payroll field", types each side, or
            # says how one becomes the other)
        return columns

    def _mapping_columns(self, header: tuple[str, ...], columns: dict[int, str]) -> dict[int, str]:
        """A mapping table's columns with what its header words leave unsaid: fields and types by position
        when few columns are named, a bare type column as its field's ("| Field | Type | Null? | Target |"),
        and a free last column as the rule ("| Ours | Type | Theirs | Type | What we do |", "... | Notes |")."""
        if len(columns) < 4:
            columns = self._mapping_by_position(header) or columns
        columns = _typed_by_position(header, columns)
        last = len(header) - 1
        if "transform" not in columns.values() and last not in columns and last > max(columns):
            columns = {**columns, last: "transform"}
        return columns


# the columns that only say where from and where to: no flow or mapping table by themselves outside its part
_ENDS = {"flows": {"source", "destination", "name"}, "mappings": {"source_field", "target_field"}}


def _field_by_position(header, columns: dict[int, str]) -> dict[int, str]:
    """"Event field | Source type | YardPlan target | Target type": the one side a mapping table names by
    "field" alone is the other side of the one it names by its role."""
    named = {v: k for k, v in columns.items()}
    for index, cell in enumerate(header):
        if index in columns or not _FIELD_WORD.search(normalize(cell)):
            continue
        if "target_field" in named and "source_field" not in named and index < named["target_field"]:
            return {**columns, index: "source_field"}
        if "source_field" in named and "target_field" not in named and index > named["source_field"]:
            return {**columns, index: "target_field"}
    return columns


def abbreviates(short: str, word: str) -> bool:
    if short == word:
        return True
    forms = [short] + ([f"trans{short[1:]}"] if short[0] == "x" else [])
    return len(word) > len(short) >= 2 and any(form[0] == word[0] and _in_order(form, word) for form in forms)


def _in_order(letters: str, word: str) -> bool:
    at = 0
    for letter in letters:
        at = word.find(letter, at) + 1
        if not at:
            return False
    return True


def _typed_by_position(header: tuple[str, ...], columns: dict[int, str]) -> dict[int, str]:
    """"Source | Type | Target | Type": a bare type column belongs to the field column before it."""
    target = next(index for index, name in columns.items() if name == "target_field")
    typed = dict(columns)
    for index, cell in enumerate(header):
        if index not in typed and _TYPE_WORD.search(normalize(cell)):
            name = "source_type" if index < target else "target_type"
            if name not in typed.values():
                typed[index] = name
    return typed


_NEEDS_CONTEXT = {"auth", "errors", "idempotency"}
# "TourPOS field (type)" normalizes to "tourpos field type": a field column that gives the type too
_FIELD_WORD = re.compile(r"\b(field|attribute|column|property|path|element)s?(?:\s+(?:and\s+)?types?)?$")
# a COBOL picture clause is a record field's type; "Type / unit" is the type with its unit
_DESCRIBED = re.compile(r"(?:description|meaning|definition|descr|desc)s?")  # what a data dictionary's fields mean
_TYPE_WORD = re.compile(r"\b(type|format|data type|pic|picture)(?:\s+(?:units?|formats?))?$")
_FIELD_WORD = re.compile(r"\b(?:fields?|attributes?|columns?|properties)\b", re.I)
_TABLE_PARTS = ("flows", "mappings", "monitoring", "errors", "auth", "status_codes", "schema_fields",
                "idempotency")
# a metric is a thing measured: "What" alone heads its column, "What happens" (a clause) names no metric
_WHOLE_ONLY = {"monitoring": frozenset({"what"})}
_TABLE_NEEDS = {
    "flows": {"source", "destination"},
    "mappings": {"source_field", "target_field"},
    "monitoring": {"metric"},
    "errors": {"category"},
    "auth": {"system"},
    "status_codes": {"code"},
    "schema_fields": {"field", "type"},
    "idempotency": {"operation", "key"},
}


@lru_cache(maxsize=1)
def vocabulary_data() -> dict:
    """rules/vocabulary.yaml as data (a fresh copy is made by callers that change it)."""
    from .. import cache
    from ..resources import load_yaml

    return cache.data(data_path("rules", "vocabulary.yaml"), load_yaml)


# a metric's label selector that keeps the failures: `{result!="ok"}`, `{status=~"5.."}`, `{outcome="error"}`
_FAILED_SELECTOR = re.compile(r"\{[^}]*(?:!=\s*\"(?:ok|success|succeeded|2xx|200)\"|!~\s*\"2|=~\s*\"[45]|"
                              r"(?:status|code|result|outcome)\s*=\s*\"(?:error|errors|fail\w*|[45]\d\d|[45]xx)\")", re.I)
_BREAKER_KEY = re.compile(r"^(?:circuit\s+|breaker\s+)?(?:pause[sd]?|open(?:s|ed)?|trip(?:s|ped)?|breaks?|halt(?:s|ed)?|"
                          r"suspend(?:s|ed)?|stop(?:s|ped)?)\s+(?:(?:sending|calling|calls|traffic|requests)\s+)?(?:"
                          r"(?:after|at|on)\s+(?:\w+\s+){0,2}(?:failures|errors|fails|timeouts)"
                          r"|(?P<long>for|duration|period|time))$")
# a stop named by when it comes, what counts in the value: "Stop sending after | 10 failures in a row" is a breaker,
# "Stop sending after | 8 attempts" the attempt limit (retry.py asks the value)
STOP_KEY = re.compile(r"^(?:stop(?:s|ped)?|pause[sd]?|halt(?:s|ed)?)\s+(?:sending|calling|calls|traffic|requests|trying)\s+"
                      r"(?:after|when|once|if)$")
_TIMED_KEY = re.compile(r"^(.+?)\s+(?:ms|millis|milliseconds|s|sec|secs|seconds|mins?|minutes)$")
_TIMED_HEADS = {"base": "initial_delay", "initial": "initial_delay", "first": "initial_delay", "min": "initial_delay",
                "max": "max_delay", "maximum": "max_delay", "cap": "max_delay", "ceiling": "max_delay"}
# the days left before a credential is renewed (not "days to dispatch", "days until the event")
_DAYS_TO_RENEWAL = re.compile(r"\bdays\s+(?:to|until|before)\b.{0,60}(?:\b(?:secrets?|keys?|tokens?|certificates?|certs?|"
                              r"passwords?|credentials?)\b.{0,30}\b(?:renew\w*|rotat\w*|roll\w*|expir\w*|change\w*|replace\w*)"
                              r"|\bre\s?authori[sz]\w*)")  # "... until the Ledgerly connection must be re-authorised"
_CATEGORY_SHORT = re.compile(r"^\W*(trans|temp|perm|part)\.?\W*$", re.I)
_CATEGORY_OF_SHORT = {"trans": "transient", "temp": "transient", "perm": "permanent", "part": "partial"}
_TIME_LEFT = re.compile(r"\b(?:days?|hours?|weeks?)\s+(?:remaining|left|until|to\s+go)\b|\bwithin\s+\d+\s*(?:days?|weeks?)\s+of\s+"
                        r"(?:its\s+|the\s+)?(?:expiry|expiration|replacement|renewal|rotation)", re.I)
_TIME_SINCE = re.compile(r"\b(?:days?|hours?|weeks?)\s+since\b|\bolder\s+than\s+\d+\s*(?:days?|weeks?|months?)\b", re.I)
_QUEUE_COUNT = re.compile(r"`[^`\s]+`\s+(?:[a-z]+\s+)?messages\b", re.I)
_TWO_JOINED = re.compile(r"(?<![\w-])([a-z]+)-([a-z]+)(?![\w-])")
_QUEUE_NAMED = re.compile(r"\bqueues?\b|\bunsent\b|\bnot\s+yet\s+sent\b", re.I)  # no other kind's words: what it holds
# "`callouthub-outbound` task count": how many wait in a store named by its name (a count, not a rate)
_STORE_COUNT = re.compile(r"(?:`[^`\s]+`|<code>[^<\s]+</code>)\s+(?:[a-z]+\s+)?(?:tasks?|jobs?|items?|records?|rows?)\s+"
                          r"(?:count|waiting|pending)\b"
                          # "Rows in `payout_outbox`": what stands in a store named for what waits in it
                          r"|\b(?:tasks?|jobs?|items?|records?|rows?|messages?|entries|files?)\s+(?:waiting\s+)?in\s+(?:the\s+)?"
                          r"`(?![^`\s]*(?:sent|log|archive|done|history))[^`\s]*(?:outbox|queue|inbox|spool|buffer|pending|"
                          r"backlog)[^`\s]*`(?![^|\n]{0,30}\b(?:per|rate)\b)", re.I)  # (not "processed per minute", `outbox_sent_log`)
_HUMPS = re.compile(r"\b[A-Z][a-z]+(?:[A-Z][a-z]+){2,}\b")  # three capitalised words run together at least
_CAMEL_WORD = re.compile(r"(?<=[a-z0-9])(?=[A-Z][a-z])|(?<=[A-Z])(?=[A-Z][a-z])")  # "DLQNotEmpty": "DLQ Not Empty"


@lru_cache(maxsize=16)
def load_vocabulary(extra: tuple = ()) -> Vocabulary:
    """The shipped vocabulary, with `extra` ((section-or-field path, words) pairs) added."""
    import copy

    data = copy.deepcopy(vocabulary_data()) if extra else vocabulary_data()
    for path, words in extra:
        node = data
        *parents, leaf = path
        for key in parents:
            node = node.setdefault(key, {})
        node[leaf] = list(node.get(leaf, [])) + list(words)
    return Vocabulary(data)
