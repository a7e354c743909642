"""Specs kept as one register table ("Section | Item | Specification") read like any other spec."""

from intspec_lint import lint_text
from intspec_lint.document.markdown import parse_markdown
from intspec_lint.reading.markdown import extract_markdown
from intspec_lint.reading.vocabulary import load_vocabulary

THREE_COLUMNS = """# Shop → Warehouse: order feed

| Section | Item | Specification |
|---|---|---|
| Overview | Systems | Shop (producer) and Warehouse (consumer) |
| Overview | Pattern | Event-driven, one webhook per order |
| Flow | Order placed | Shop → Warehouse; trigger: checkout; payload: order JSON; frequency: 300/hour |
| Contract: Order webhook | Method and URL | `POST https://wh.example.com/hooks/orders` |
| Contract: Order webhook | Request fields | `order_id` string required; `qty` integer required |
| Contract: Order webhook | Status codes | 200 stored; 400 invalid body; 503 restarting |
| Contract: Order webhook | Example request | `{"order_id": "A-1", "qty": "2"}` |
| Retry | Strategy | Exponential backoff with full jitter |
| Retry | Max attempts | 5 |
| Retry | Circuit breaker | 10 failures open it for 1 minute |
"""

TWO_COLUMNS = """# Shop → Warehouse

| Topic | Fact |
|---|---|
| Overview: pattern | Event-driven |
| Flow: Order placed | Shop → Warehouse; trigger: checkout; payload: order JSON; frequency: 300/hour |
| Retry: strategy | Exponential backoff |
| Retry: max attempts | as needed |
| Auth: Warehouse API | API key in `X-Api-Key`, rotated yearly, stored in Vault |
"""


def spec_of(text):
    return extract_markdown(parse_markdown(text), load_vocabulary())


def test_a_three_column_register_is_read_as_its_sections():
    spec = spec_of(THREE_COLUMNS)
    assert [(f.name.text, f.source.text, f.destination.text) for f in spec.flows] == [
        ("Order placed", "Shop", "Warehouse")]
    (contract,) = spec.contracts
    assert (contract.method.text, contract.url.text) == ("POST", "https://wh.example.com/hooks/orders")
    assert [s.code for s in contract.status_codes] == [200, 400, 503]
    assert [(f.name, f.type, f.required) for f in contract.bodies["request"].fields] == [
        ("order_id", "string", True), ("qty", "integer", True)]
    assert spec.retry.max_attempts.number == 5 and spec.retry.circuit_open.number == 60


def test_an_example_in_a_register_cell_is_checked_at_its_row():
    found = [(f.code, f.line) for f in lint_text(THREE_COLUMNS, "markdown") if f.code == "IS204"]
    assert found == [("IS204", 11)]  # "qty" is a string where the fields say integer


def test_a_two_column_register_keys_each_fact_by_its_item():
    spec = spec_of(TWO_COLUMNS)
    assert spec.retry.strategy.text == "Exponential backoff"
    assert spec.retry.max_attempts.placeholder
    assert [a.system.text for a in spec.auth] == ["Warehouse API"]
    gaps = {(f.code, gap.line, gap.text) for f in lint_text(TWO_COLUMNS, "markdown") for gap in f.gaps}
    # "as needed" is owed: a gap of the retry policy's finding, placed at its row
    assert ("IS501", 8, "no maximum number of attempts (only the placeholder 'as needed')") in gaps


def test_an_ordinary_table_is_not_a_register():
    text = ("# Feed\n\n## Monitoring\n\n| Metric | Threshold | Alert |\n|---|---|---|\n"
            "| Error rate | > 1% | critical |\n| Retry count | > 100 | warning |\n| Auth failures | > 0 | critical |\n"
            "| DLQ depth | > 0 | critical |\n| Latency P99 | > 2 s | warning |\n")
    spec = spec_of(text)
    assert len(spec.monitoring) == 5 and not spec.flows and spec.retry is None


def test_a_register_names_a_contract_facet_by_its_units_id_and_a_part_by_map_or_monitor():
    from intspec_lint.reading.table_layouts import _part_of
    vocab = load_vocabulary()
    assert _part_of("F1 example request", vocab) == ("API contracts", "F1", "example request")
    assert _part_of("F3 endpoint", vocab) == ("API contracts", "F3", "endpoint")
    assert _part_of("Map – tooth", vocab)[0] == "Map"
    assert _part_of("Monitor – queue", vocab)[0] == "Monitor"
    assert "mappings" in vocab.section_parts("Map") and "monitoring" in vocab.section_parts("Monitor")


def test_a_register_whose_sections_are_paths_under_a_title_naming_a_part_gathers_each_call():
    """Under a title that names a part ("# Payment Events → Ledger"), rows "Endpoints / `POST /v3/x` — Request example"
    and the call's own row "Endpoints / `POST /v3/x` | Header ... Response: ..." are one contract, with its
    examples; a colon after the path ("POST /v3/x: Header") ends it."""
    text = ("# Payment Events → Ledger\n\n| Section — item | Fact |\n|---|---|\n"
            "| Overview | Shop publishes payment events that Ledger books; event-driven. |\n"
            "| Endpoints / POST /v3/terminations | Header `Idempotency-Key: <event id>`. Request fields: `date` (date, "
            "required). Response: `{termination_id, status}`. Status codes: 201 recorded, 400 invalid. |\n"
            "| Endpoints / POST /v3/terminations — Request example | `{\"date\": \"2024-05-31\"}` |\n"
            "| Endpoints / POST /v3/terminations — Response example | `{\"termination_id\": \"T1\", \"status\": \"ok\"}` |\n"
            "| Retry — max attempts | 5 |\n")
    spec = extract_markdown(parse_markdown(text), load_vocabulary())
    assert [(c.url.text.strip("`"), len(c.examples)) for c in spec.contracts] == [("/v3/terminations", 2)]
    assert not [f for f in lint_text(text, "markdown") if f.code == "IS202"]


def test_a_register_row_grouped_under_a_name_that_is_no_part_reads_from_its_item():
    """"| Integration sheet | Flow: OTA reservation | ChannelBridge → StayOps; trigger: ...; payload: ...; frequency:
    ... |" beside "| Contracts / ARI update | ... |": the group is the document's own, the item names the part."""
    text = ("# StayOps ⇄ ChannelBridge\n\n| Section | Item | Specification |\n|---|---|---|\n"
            "| Integration sheet | Overview: purpose | Publish rates to the channel manager and load OTA reservations |\n"
            "| Integration sheet | Flow: OTA reservation | ChannelBridge → StayOps; trigger: an OTA booking reaches "
            "ChannelBridge; payload: reservation JSON; frequency: ~1,900/day |\n"
            "| Integration sheet | Retry: max attempts | 5 |\n| Integration sheet | Retry: initial delay | 500 ms |\n"
            "| Field mapping | `rate` | Source type: decimal; target field: `amount`; target type: numeric(10,2); "
            "transform: as is |\n")
    spec = extract_markdown(parse_markdown(text), load_vocabulary())
    assert [(f.source.text, f.destination.text) for f in spec.flows] == [("ChannelBridge", "StayOps")]
    assert spec.retry is not None and spec.retry.max_attempts.text == "5"


def test_a_numbered_list_of_questions_whose_second_column_names_parts_is_no_register():
    """"| 3 | Triggers | RallyDesk webhooks; a nightly pull |" in an intake grid: a number is no group of rows."""
    text = ('# Integration Specification: RallyDesk → Lumen LC-400 (court gates and floodlights)\n'
            '\n'
            '> Prepared by the integration-spec agent for Hartfield Lawn Tennis Club, ticket HLTC-112.\n'
            '> Sources read: RallyDesk API v3 reference, Lumen LC-400 API 2.1 manual, the intake answers below.\n'
            '> All tables are plain ASCII in code blocks because the club wiki strips Markdown tables.\n'
            '\n'
            '## 0. Intake answers\n'
            '\n'
            '```\n'
            '+---+-------------+---------------------------------------------------------------+\n'
            '| # | Question    | Answer (M. Okafor, club IT volunteer)                         |\n'
            '+---+-------------+---------------------------------------------------------------+\n'
            '| 1 | Systems     | RallyDesk 3.8 (booking SaaS); Lumen LC-400, firmware 2.1      |\n'
            '| 2 | Data        | Bookings -> gate PINs and light schedule; usage -> charges    |\n'
            '| 3 | Triggers    | RallyDesk webhooks; a nightly pull of floodlight usage        |\n'
            '| 4 | Auth        | HMAC webhooks; OAuth2 on RallyDesk; mTLS + key on LC-400      |\n'
            '| 5 | SLA         | PIN live within 60 s of confirmation, 07:00-22:30 every day   |\n'
            '| 6 | Lumen down? | Queue and retry; duty manager issues manual PINs meanwhile    |\n'
            '+---+-------------+---------------------------------------------------------------+\n'
            '```\n')
    assert not extract_markdown(parse_markdown(text), load_vocabulary()).flows
