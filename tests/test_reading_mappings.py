"""How data mappings are read: tables by their columns, rules, enum translations and types. Each test
names the class of misreading it guards."""

from intspec_lint import lint_text
from intspec_lint.config import Settings

from read_spec import codes, spec_of


def test_a_name_two_mapped_fields_share_takes_no_enum_values_from_elsewhere():
    text = """intspec: 1
title: Looms to MES
contracts:
  - name: Stop event
    queue: loom-events
    request:
      fields:
        - {name: kind, type: string}
    examples:
      request: {kind: STOPPED}
  - name: Restart event
    queue: loom-events
    request:
      fields:
        - {name: kind, type: string}
    examples:
      request: {kind: RESTARTED}
  - name: Maintenance window
    method: POST
    url: https://api.loomsense.example/v1/windows
    request:
      fields:
        - {name: kind, type: string}
    examples:
      request: {kind: preventive}
mappings:
  - {source: kind, source_type: enum, target: downtime.state, target_type: string, transform: Enum translation,
     enum_map: {STOPPED: open, RESTARTED: closed}}
  - {source: mw.kind, source_type: enum, target: kind, target_type: enum, transform: Enum translation,
     enum_map: {PREVENTIVE: preventive, CORRECTIVE: corrective}}
"""
    assert [f for f in lint_text(text, "yaml") if f.code == "IS803"] == []


def test_a_list_item_naming_two_systems_heads_the_mappings_below_it():
    spec = spec_of("# A → B\n\n## Data mapping\n\n1. A → B (create enrolment).\n"
                   "   1. `booking.ref` (varchar 9) → `booking_ref` (string): copy.\n"
                   "   1. `child.birth_date` (date) → `swimmer.dob` (string date): `YYYY-MM-DD`.\n"
                   "1. B → A (cancel response): `status` `cancelled` → `booking.state` `CANCELLED`.\n")
    assert [m.source_field.text for m in spec.mappings] == ["booking.ref", "child.birth_date"]


def test_a_mappings_expr_key_is_no_alert_rule_but_a_prometheus_rule_is():
    outbound = ("# A → B\n\n## Outbound\n\n```json\n{\"mapping\": {\"urns\": {\"expr\": \"[ 'tel:' + doc.phone ]\", "
                "\"optional\": false}}}\n```\n")
    assert spec_of(outbound).monitoring == []
    rule = ("# A → B\n\n## Alerts\n\n```yaml\ngroups:\n  - name: sync\n    rules:\n      - alert: SyncErrorRate\n"
            "        expr: rate(sync_errors_total[5m]) > 0.05\n        for: 10m\n        labels:\n"
            "          severity: critical\n```\n")
    assert [m.kind for m in spec_of(rule).monitoring] == ["error-rate"]


def test_a_mapping_side_whose_types_no_row_gives_is_not_asked_its_types_row_by_row():
    base = ("# Draws → Hub\n\n## Mapping\n\n| Avro field | Consumer column | Type | Rule |\n|---|---|---|---|\n"
            "| `tiers[].prize_pence` | `prize_table.pence` | bigint | as is |\n"
            "| `published_at` | `draws.result_at` | timestamptz | UTC |\n")
    assert "IS807" not in codes(base)
    typed = ("# Draws → Hub\n\n## Mapping\n\n| Source field | Source type | Target field | Target type | Transform |\n"
             "|---|---|---|---|---|\n| `prize_pence` | long | `prize_table.pence` | bigint | as is |\n"
             "| `published_at` | | `draws.result_at` | timestamptz | UTC |\n")
    assert "IS807" in codes(typed)  # a type column with an empty cell is still asked for


def test_a_mapped_fields_type_declared_by_its_contracts_schema_need_not_be_repeated_in_the_line():
    text = ("# Shop → Ledger\n\n## Contracts\n\n### POST https://ledger.example/v1/entries\n\n"
            "```json\n{\"type\": \"object\", \"properties\": {\"amount\": {\"type\": \"string\"}, "
            "\"booked_at\": {\"type\": [\"string\", \"null\"]}}}\n```\n\n"
            "## Data mapping\n\n- `order.total` (integer, cents) → `amount` (string): divide by 100\n"
            "- `order.paid_at` (timestamp) → `booked_at`: as UTC ISO 8601\n"
            "- `order.note` (string) → `memo`: cut to 80 characters\n")
    rows = spec_of(text).mappings
    assert [m.target_type.text if m.target_type else None for m in rows] == ["string", "string", None]
    assert [f.line for f in lint_text(text, "markdown") if f.code == "IS807"] == [15]  # `memo`: declared nowhere


def test_a_mapping_rule_wrapped_onto_the_next_line_is_one_rule():
    text = ("# Registry → Shop\n\n## Data mapping\n\n"
            "- `decision` (enum) → `order.status` (enum): `approved`→`PAID`,\n"
            "  `refused`→`CANCELLED`; anything else → `REVIEW`.\n"
            "- `etag` (string) → `If-Match` (string) - sent back on the next call\n")
    first, second = spec_of(text).mappings
    assert {"approved": "PAID", "refused": "CANCELLED"}.items() <= first.enum_map.items()
    assert (second.target_field.text, second.transform.text) == ("If-Match", "sent back on the next call")


MAPPED_BY_SYSTEM = ("# Relay\n\n## How do your fields map to ours?\n\n"
                    "| SonoClean | Type | TraceSure | Type | What the relay does |\n|---|---|---|---|---|\n"
                    "| `cycle_id` | string | `external_id` | string(40) | Copy |\n"
                    "| `result` | enum | `outcome` | enum | `PASS` → `OK`; `FAIL_A`, `FAIL_B` → `FAILED`; `ABORTED` → `STOP` |\n"
                    "| `result` | enum | `quarantine` | boolean | `PASS` → false; every other value → true |\n"
                    "| `card_uid` | text, nullable | `card_ids[]` | string[] | upper-case hex; players without a card skipped |\n"
                    "\n## Contracts\n\n### Cycle event\n\n| Field | Type |\n|---|---|\n"
                    "| `result` | enum `PASS`, `FAIL_A`, `FAIL_B`, `ABORTED` |\n")


def test_a_mapping_table_with_a_type_column_after_each_systems_column():
    rows = spec_of(MAPPED_BY_SYSTEM).mappings
    assert [(m.source_field.text, m.target_type.text, m.transform.text[:6]) for m in rows][:2] == [
        ("`cycle_id`", "string(40)", "Copy"), ("`result`", "enum", "`PASS`")]
    assert rows[1].enum_map == {"PASS": "OK", "FAIL_A": "FAILED", "FAIL_B": "FAILED", "ABORTED": "STOP"}
    # every value mapped, the rest "every other value", and what a missing card means: nothing to report
    assert codes(MAPPED_BY_SYSTEM, "IS801", "IS803", "IS805") == []
    assert "IS803" in codes(MAPPED_BY_SYSTEM.replace("; every other value → true", "; `FAIL_A` → true"))


def test_a_name_optional_in_one_body_and_required_in_another_is_not_called_optional():
    text = ("# Door → Bans\n\n## Contracts\n\n### POST /v1/bans\n\n| Field | Type | Required |\n|---|---|---|\n"
            "| `ban_id` | string | yes |\n\n### POST /v1/scans\n\n| Field | Type | Required |\n|---|---|---|\n"
            "| `ban_id` | string | no |\n\n## Mapping\n\n| Source field | Source type | Target field | Target type | Transform |\n"
            "|---|---|---|---|---|\n| `ban.ban_id` | string | `ban_ref` | string | prefix with `PW-` |\n")
    assert "IS805" not in codes(text, "IS805")  # which body the mapping reads cannot be told
    assert "IS805" in codes(text.replace("| `ban_id` | string | yes |", "| `ban_no` | string | yes |"), "IS805")


def test_a_date_without_time_and_a_field_named_for_its_zone_need_no_timezone_said():
    head = "# Venue → Planner\n\n## Mapping\n\n| Source field | Source type | Target field | Target type | Transform |\n|---|---|---|---|---|\n"
    assert "IS802" not in codes(head + "| `wedding_date` | date (no time) | `event_date` | date | Copy; a calendar date |\n")
    assert "IS802" not in codes(head + "| `checked_in_at_utc` | timestamp | `last_visit` | timestamp | ISO 8601 |\n")
    assert "IS802" in codes(head + "| `tap_time` | TIMESTAMP | `tap_ts` | TIMESTAMP_TZ | ISO 8601 cast |\n")


def test_a_timezone_and_format_said_once_for_all_times_answer_for_every_row():
    head = ("# Lanes → Ops\n\n## Mapping\n\n| Source field | Source type | Target field | Target type | Transform |\n"
            "|---|---|---|---|---|\n| `arrived_at` | string | `arrived_at` | TIMESTAMP | parse |\n\n")
    assert "IS802" in codes(head)
    assert "IS802" not in codes(head + "Since v2 the lanes send every timestamp in UTC as ISO 8601 with `Z`.\n")


def test_an_enum_map_is_the_transform_of_its_row():
    text = ("intspec: 1\ntitle: Nursery to parents\nmappings:\n  - source: Child.RoomCode\n"
            "    source_type: \"enum (BABY, TODDLER)\"\n    target: room\n    target_type: string\n"
            "    enum_map: {BABY: babies, TODDLER: toddlers}\n  - {source: Child.Name, source_type: string, target: name, "
            "target_type: string}\n")
    found = [f.message for f in lint_text(text, "yaml") if f.code == "IS801"]
    assert len(found) == 1 and "Child.Name" in found[0]  # only the row with neither a transform nor a map


def test_an_on_suffix_beside_a_number_type_is_no_date():
    """"`boat.on_number` (int) → `lifeboat_on` (string)": a name ending in "on" with a number type on the
    row is an identifier, not a date asked for a format; `launched_on` (date) still is one."""
    text = ("# Station app → Data platform\n\n## Mapping\n\n"
            "- `boat.on_number` (int) → `lifeboat_on` (string): `ON-` + zero-padded 4 digits\n"
            "- `launch.launched_on` (string) → `launched_on` (string): copy\n")
    messages = [f.message for f in lint_text(text, "markdown", settings=Settings(select=("IS808",)))]
    assert not [m for m in messages if "on_number" in m or "lifeboat_on" in m]
    assert [m for m in messages if "launched_on" in m]


def test_a_zone_aware_column_or_a_bare_local_time_names_no_zone():
    """"string `yyyy-MM-dd HH:mm` → timestamptz, parsed with the pattern": the column keeps a zone but
    nobody says which one the floor clock's time is in, and "local time, no offset" denies one; a value
    carrying its offset, a generated value, a number of minutes added to another time and a date column
    need no zone of their own."""
    def zones(row):
        text = ("# Dye house → Allocations\n\n## Mapping\n\n| Source | Source type | Target | Target type | Transform |\n"
                "|---|---|---|---|---|\n" + row + "\n")
        return [f.message for f in lint_text(text, "markdown") if f.code == "IS802" and "timezone" in f.message]
    assert zones("| `dyed_at` | string `yyyy-MM-dd HH:mm` | `lot.dyed_at` | timestamptz | parsed with the pattern |")
    assert zones("| `slot_start` | local time, no offset | `scheduled_at` | timestamp | copied |")
    assert not zones("| `valid_from` | date-time, local+offset | `effective_from` | timestamptz | copy |")
    assert not zones("| `started_at` | local date-time | `started_at` | timestamp | interpret in Europe/London, "
                     "convert to UTC |")
    assert not zones("| — | — | `ack_due_at` | timestamptz | computed: `reported_at` + 7 days |")
    assert not zones("| `eta_minutes` | integer | `locksmith_eta` | timestamptz | `created_at` + minutes |")
    assert not zones("| `session.started_at` | local date-time | `business_date` | date | the local trading day |")


def test_a_zone_shown_in_the_fields_example_value_is_kept_by_a_zone_aware_column_but_not_by_a_plain_one():
    """`"sent_at": "2025-03-04T11:05:12Z"` in the call's example says the time is UTC: into `timestamptz` the zone is
    kept and said; parsed into a plain `timestamp` it is dropped, and the row still owes it."""
    def zones(target):
        text = ("# Relay → Ingest\n\n## Interfaces\n\n### `POST /batches`\n\n```json\n"
                '{"batch_id": "b-1", "sent_at": "2025-03-04T11:05:12Z"}\n```\n\n`201 Created`\n\n'
                "## Mapping\n\n| Source | Target | Types |\n|---|---|---|\n"
                f"| `sent_at` | `obs.relay_sent_at` | ISO 8601 → `{target}` |\n")
        return [f.message for f in lint_text(text, "markdown") if f.code == "IS802"]
    assert not zones("timestamptz")
    assert zones("timestamp")


def test_an_enum_declared_inside_an_array_of_objects_is_checked_against_a_key_value_mapping_table():
    """"`results` array of objects: ..., `sample_status` string enum `VALID`, `SPOILED`, `CONTAMINATED`"
    declares the nested field's values, and a "Key | Value" table of typed fields under the mapping heading
    is a mapping; its enum map misses CONTAMINATED."""
    text = ("# Lab → Parlour\n\n## Contracts\n\n### C2 Results\n\n`POST https://api.parlour.example/v3/results`\n\n"
            "Request fields: `lab_batch_id` string; `results` array of objects: `bottle_barcode` string, "
            "`sample_status` string enum `VALID`, `SPOILED`, `CONTAMINATED`; `fat_pct` number or null.\n\n"
            "## Field mapping\n\nKey is the lab field and type; value is the parlour field, type and rule.\n\n"
            "| Key | Value |\n|---|---|\n"
            "| `lab_batch_id` (string) | `result_set.lab_batch` (varchar(20)): copy |\n"
            "| `sample_status` (string enum) | `result.quality_flag` (enum `ok`, `spoiled`): `VALID` → `ok`, "
            "`SPOILED` → `spoiled` |\n")
    contract, = spec_of(text).contracts
    field = next(f for f in contract.bodies["request"].fields if f.name == "results[].sample_status")
    assert field.values == ["VALID", "SPOILED", "CONTAMINATED"]
    assert [m.source_field.text for m in spec_of(text).mappings] == ["lab_batch_id", "sample_status"]
    assert [f for f in lint_text(text, "markdown") if f.code == "IS803" and "CONTAMINATED" in f.message]


def test_a_value_whose_last_word_is_a_mapped_key_is_still_a_value_of_its_own():
    """`partially_approved` is not covered by a map of `approved`: only a namespace's last part
    (`object.published` by `published`) names the same value."""
    text = ("intspec: 1\ntitle: Rebates\nsystems:\n  - {name: Garden app, role: producer}\n"
            "  - {name: Claims, role: consumer}\nmappings:\n"
            "  - source: decision\n    source_type: \"string enum (approved, partially_approved, rejected)\"\n"
            "    target: status_label\n    target_type: string\n    transform: Enum translation\n"
            "    enum_map: {approved: Approved, rejected: Not approved}\n")
    assert [f for f in lint_text(text, "yaml") if f.code == "IS803" and "partially_approved" in f.message]


def test_a_source_type_that_names_an_enum_declared_in_a_schema_block_takes_its_values():
    """"enum `Grade`" names the Avro enum `{"type": "enum", "name": "Grade", "symbols": [...]}` declared in a
    schema block: a map that leaves out INDUSTRIAL misses a value. A Protocol Buffers enum's zero value
    (`..._UNSPECIFIED`) is never sent, and its shared prefix may be left off in the map."""
    avro = ("# Grader → Packhouse\n\n## Topic\n\n```json\n{\"type\": \"record\", \"name\": \"LotGraded\", \"fields\": [\n"
            "  {\"name\": \"grade\", \"type\": {\"type\": \"enum\", \"name\": \"Grade\", "
            "\"symbols\": [\"A\", \"B\", \"INDUSTRIAL\", \"REJECT\"]}}]}\n```\n\n## Mapping\n\n"
            "| Source | Source type | Target | Target type | Transform |\n|---|---|---|---|---|\n"
            "| `grade` | enum `Grade` | `product_class` | varchar(8) | `A`→`CLASS_A`, `B`→`CLASS_B`, `REJECT`→`WASTE` |\n")
    assert [f for f in lint_text(avro, "markdown") if f.code == "IS803" and "INDUSTRIAL" in f.message]
    proto = ("# Seats → Billing\n\n## Messages\n\n```proto\nenum EventKind {\n  EVENT_KIND_UNSPECIFIED = 0;\n"
             "  EVENT_KIND_GRANTED = 1;\n  EVENT_KIND_REVOKED = 2;\n}\n```\n\n## Mapping\n\n"
             "| Source | Source type | Target | Target type | Transform |\n|---|---|---|---|---|\n"
             "| `kind` | `EventKind` | `action` | varchar(8) | `GRANTED`→`add`, `REVOKED`→`remove` |\n")
    assert not [f for f in lint_text(proto, "markdown") if f.code == "IS803"]


def test_an_example_that_breaks_a_declared_enum_adds_no_value_to_map():
    """The schema's enum is the source field's domain; an example sending another value is the example's
    fault (IS204), not a value the mapping must cover."""
    text = ("# Permits → Planner\n\n## Contracts\n\n### Decision webhook\n\n`POST https://planner.example/hooks/decisions`\n\n"
            "Body: `permit_id` string; `decision` string enum `approved`, `rejected`.\n\n"
            "Status codes: `204` stored, `400` invalid.\n\nExample request:\n\n"
            "```json\n{\"permit_id\": \"P-1\", \"decision\": \"conditional\"}\n```\n\n"
            "## Mapping\n\n| Source | Source type | Target | Target type | Transform |\n|---|---|---|---|---|\n"
            "| `decision` | string enum | `status` | varchar(10) | `approved` → `OK`, `rejected` → `NO` |\n")
    assert "IS803" not in codes(text)
    assert "IS204" in codes(text)


def test_a_mapping_table_with_no_type_column_takes_the_contracts_declared_type():
    """"| Source | Target | Rule |" has no place for the source's type: the contract's field table gives it
    (`component_marks` array); a table with a source type column whose cell is empty keeps its gap."""
    contract = ("# Exams → Teaching app\n\n## Contracts\n\n### Results webhook\n\n`POST https://app.example/v1/results`\n\n"
                "| Field | Type | Notes |\n|---|---|---|\n| `candidate_no` | string | |\n"
                "| `component_marks` | array of {`component` string, `mark` integer} | empty for theory |\n\n"
                "Status codes: `204` stored, `400` invalid.\n\n")
    untyped = contract + ("## Mapping\n\n| Source | Target | Rule |\n|---|---|---|\n"
                          "| `candidate_no` (string) | `candidate.ref` (varchar(12)) | copy |\n"
                          "| `component_marks[]` | `result_component` rows (`name` varchar, `mark` smallint) | one row each |\n")
    assert not [f for f in lint_text(untyped, "markdown") if f.code == "IS807" and "source type" in f.message]
    typed = contract + ("## Mapping\n\n| Source | Source type | Target | Target type | Rule |\n|---|---|---|---|---|\n"
                        "| `component_marks[]` | | `result_component` rows | smallint | one row each |\n")
    assert [f for f in lint_text(typed, "markdown") if f.code == "IS807" and "source type" in f.message]


def test_a_row_that_says_its_fields_are_not_mapped_owes_no_types():
    """"| `poleId`, `eventId` | | (none) | | Logging only |" maps nothing: no type or transform is asked."""
    text = ("# Survey app → Planner\n\n## Mapping\n\n| Source | Source type | Target | Target type | Transform |\n"
            "|---|---|---|---|---|\n| `survey_id` | string | `survey.id` | uuid | copy |\n"
            "| `poleId`, `eventId`, `occurredAt` | | (none) | | Logging only |\n")
    assert not [f for f in lint_text(text, "markdown") if f.code == "IS807"]
    assert [f for f in lint_text(text.replace("(none)", "`audit.note`"), "markdown") if f.code == "IS807"]


def test_a_row_whose_values_become_methods_or_paths_picks_the_call_and_owes_no_target_type():
    """"| `event` | enum | endpoint | | `badge.printed` → `/check-ins`, `badge.returned` → `/check-outs` |" routes
    the call; an empty target type on a row mapping values to values is still a gap."""
    text = ("# Kiosk → Hostbook\n\n## Mapping\n\n| Source | Type | Target | Type | Rule |\n|---|---|---|---|---|\n"
            "| `event_id` | string | `Idempotency-Key` | string | copy |\n"
            "| `event` | enum | endpoint | | `badge.printed` → `/check-ins`, `badge.returned` → `/check-outs` |\n")
    assert not [f for f in lint_text(text, "markdown") if f.code == "IS807"]
    values = text.replace("`/check-ins`", "`IN`").replace("`/check-outs`", "`OUT`")
    assert [f for f in lint_text(values, "markdown") if f.code == "IS807" and "target type" in f.message]


def test_a_date_pattern_is_no_named_zone_and_no_tz_conversion_is_a_zone_said():
    row = ("# Tablet → Register\n\n## Mapping\n\n| Source | Source type | Target | Target type | Transform |\n"
           "|---|---|---|---|---|\n| `dig.dug_at` | string dd/MM/yyyy HH:mm | `excavated_at` | timestamp | {} |\n")
    assert "IS802" in codes(row.format("parse dd/MM/yyyy HH:mm and format as ISO 8601"))
    assert "IS802" not in codes(row.format("parse, then convert from Europe/London to UTC"))
    assert "IS802" not in codes(row.format("wall-clock time on both sides, no TZ conversion"))


def test_a_status_mapped_to_a_status_takes_its_domain_from_the_contract_that_sends_it():
    text = ("# Suite → Rx\n\n## C3 Webhook `POST https://bridge.example/aseptic/v1/status-events`\n\n"
            "Body: `event_id` (UUID), `status` (enum `QUEUED`, `RELEASED`, `QUARANTINED`, `CANCELLED`), "
            "`changed_at` (UTC). Codes: 202 queued · 400 unparseable.\n\n## Mapping C3 → C4\n\n"
            "| Suite | Type | Rx Task | Type | Rule |\n|---|---|---|---|---|\n"
            "| `status` | enum | `status` | FHIR code | QUEUED → requested, RELEASED → completed, CANCELLED → cancelled |\n"
            "| `status` | enum | `businessStatus.text` | string | copy |\n")
    assert [f.message.split(" does not cover ")[1].split(":")[0] for f in lint_text(text, "markdown")
            if f.code == "IS803"] == ["QUARANTINED"]


def test_every_time_said_of_a_call_is_no_rule_for_all_times():
    text = ("# Desk → Reg\n\n## F2\n\n`PATCH https://api.reg.example/bookings/{ref}`: all three sizes sent every time. "
            "Response `200`: `updated_at` (string, date-time UTC).\n\n## Mapping\n\n"
            "| Source | Source type | Target | Target type | Transform |\n|---|---|---|---|---|\n"
            "| `scanned_at` | string `YYYY-MM-DD HH:MM:SS` | `robing_scan_at` | timestamptz | parse `%Y-%m-%d %H:%M:%S` |\n")
    assert "IS802" in codes(text)
    assert "IS802" not in codes(text.replace("all three sizes sent every time", "all times are UTC"))


def test_a_table_of_values_translated_one_by_one_is_the_enum_map_of_its_fields_row():
    text = ("# Pad → Hub\n\n## Mapping\n\n| Source | Source type | Target | Target type | Transform |\n|---|---|---|---|---|\n"
            "| `vehicle.fuel` | enum PETROL, DIESEL, PHEV | `fuel_type` | string | see the enum maps |\n\n"
            "## Enum maps\n\n| Field | Source value | Target value |\n|---|---|---|\n"
            "| fuel_type | PETROL | petrol |\n| fuel_type | DIESEL | diesel |\n")
    assert spec_of(text).mappings[0].enum_map == {"PETROL": "petrol", "DIESEL": "diesel"}
    assert [f.message.split(" does not cover ")[1].split(":")[0] for f in lint_text(text, "markdown")
            if f.code == "IS803"] == ["PHEV"]


def test_an_optional_fields_null_rule_said_where_the_field_is_named_again_is_not_missing():
    """IS805 asks what an absent optional field becomes; a note or rule list that names the field and says it
    ("`middle_name` absent: the target is left empty") answers, as the row's own transform would."""
    table = ("# CRM → Ledger\n\n## Data mapping\n\n| Source field | Source type | Target field | Target type | Transform |\n"
             "|---|---|---|---|---|\n| `middle_name` | string (optional) | `given_2` | varchar(40) | copy |\n\n")
    noted = table + "## Mapping notes\n\n- `middle_name` absent: `given_2` is left empty.\n"
    assert "IS805" not in codes(noted, "IS805")
    assert "IS805" in codes(table + "## Mapping notes\n\n- `middle_name` is trimmed.\n", "IS805")


def test_a_timestamp_finding_names_the_time_field_not_a_dash_source():
    """A generated value ("—" as the source) mapped to a time field: IS802 names the field that holds the time."""
    text = ("# Shelf → Archive\n\n## Data mapping\n\n| Source field | Source type | Target field | Target type | Transform |\n"
            "|---|---|---|---|---|\n| `title` | string | `Title` | string | copy |\n"
            "| — | — | `SentDateTime` | `YYYYMMDDTHHMMZ` | build time of the message |\n")
    messages = [f.message for f in lint_text(text, "markdown", settings=Settings(select=("IS802", "IS808")))]
    assert messages and all("'SentDateTime'" in m and "'—'" not in m for m in messages)


def test_a_field_tables_cell_that_is_only_values_is_the_fields_domain():
    """"| `state` | string | yes | `queued`, `rendering`, `suspended` |": the values the field takes, whatever
    its type says; a translation that leaves one out is incomplete."""
    text = ("# Farm → Tracker\n\n## Status message\n\n`POST https://tracker.example/v1/status`\n\n"
            "| Field | Type | Required | Notes |\n|---|---|---|---|\n| `job_id` | string | yes | farm job id |\n"
            "| `state` | string | yes | `queued`, `rendering`, `suspended`, `failed` |\n\n## Data mapping\n\n"
            "| Source Field | Source Type | Target Field | Target Type | Transform |\n|---|---|---|---|---|\n"
            "| `job_id` | string | `job.farm_id` | varchar(24) | Copy |\n"
            "| `state` | string | `job.status` | enum | `queued`→`waiting`, `rendering`→`busy`, `failed`→`error` |\n")
    assert [f.message.split(":")[0] for f in lint_text(text, "markdown") if f.code == "IS803"] == [
        "the enum mapping of 'state' does not cover suspended"]


def test_an_enums_values_are_no_timestamp_type():
    """"enum (TBC = time-based charging, EBC = energy-based charging)": the word "time" in a value's gloss."""
    text = ("# Hub → Billing\n\n## Data mapping\n\n| Source Field | Source Type | Target Field | Target Type | Transform |\n"
            "|---|---|---|---|---|\n| `tariff_type` | enum (TBC = time-based charging, EBC = energy-based charging) "
            "| `tariff_basis` | enum | `TBC`→`time`, `EBC`→`energy` |\n")
    assert "IS802" not in codes(text)


def test_a_table_of_targets_that_are_measures_is_no_mapping():
    """"| Attribute | Target |" over "| F1 latency | program on the brake < 5 s P95 |": quality targets."""
    text = ("# CAM → Brake\n\n## Quality attributes\n\n| Attribute | Target |\n|---|---|\n"
            "| F1 latency | program on the brake < 5 s P95 after release |\n| Loss | zero results lost while BendCAM is "
            "down ≤ 24 h |\n| Availability | 99.5% in shift hours |\n")
    assert not spec_of(text).mappings


def test_a_nested_fields_values_are_not_a_top_level_fields_of_the_same_name():
    """`zones[].status` is not the `status` another contract declares or shows at the top of its body."""
    text = ("# Portal → CAD\n\n## Contracts\n\n### Close notice\n\n`PATCH https://cad.example/v1/notices/{id}`\n\n"
            "| Field | Type | Required |\n|---|---|---|\n| `status` | enum (EXTINGUISHED, CANCELLED) | yes |\n\n"
            "Example request:\n\n```json\n{\"status\": \"EXTINGUISHED\"}\n```\n\n"
            "## Data mapping\n\n| Source Field | Source Type | Target Field | Target Type | Transform |\n"
            "|---|---|---|---|---|\n| `zones[].status` | enum | `zone.state` | enum | `OPEN`→`open`, `CLOSED`→`closed` |\n")
    assert "IS803" not in codes(text)


def test_a_mapping_item_with_systems_named_before_its_fields_and_a_clock_format_without_a_zone():
    """"ScanTrol `CycleEnd` (string `YYYY-MM-DD HH:MM:SS`) → `hardened_at` (string, ISO 8601)": the system's name
    before the field, and a format with the hour but no zone: a timestamp whose timezone is unsaid."""
    text = ("# MES → LIMS\n\n## 8. Data mapping\n\n1. ScanTrol `PartSN` (string, 14 chars) → `part_serial` (string): copy.\n"
            "2. ScanTrol `CycleEnd` (string `YYYY-MM-DD HH:MM:SS`, as written by the line PC) → `hardened_at` "
            "(string, ISO 8601): replace the space with `T`.\n")
    assert [m.source_field.text for m in spec_of(text).mappings] == ["PartSN", "CycleEnd"]
    assert [f.line for f in lint_text(text, "markdown") if f.code == "IS802"] == [6]
    sql = ("# VLE → Cases\n\n## Data mapping\n\n| Source Field | Source Type | Target Field | Target Type | Transform |\n"
           "|---|---|---|---|---|\n| `submitted_at` | string (ISO 8601, no offset) | `submitted_at` | datetime2 | Parse |\n")
    assert "IS802" in codes(sql)  # SQL Server's `datetime2` keeps a time of day


def test_types_said_on_a_few_rows_are_notes_and_not_a_column_asked_of_every_row():
    head = "# Clinic → Lab\n\n## Mapping\n\n| From | To | Rule |\n|---|---|---|\n"
    few = (head + "| `patient.dob` (date) | `birth_date` | `YYYY-MM-DD` |\n| `patient.name` | `animal_name` | copied |\n"
           "| `patient.id` | `patient_ref` | `PT-` + id |\n| `vet.rcvs` | `vet_no` | copied |\n")
    assert "IS807" not in codes(few)  # one row's "(date)" is a note; the types live in the contracts
    typed = ("# Clinic → Lab\n\n## Mapping\n\n| Source field | Source type | Target field | Target type | Transform |\n"
             "|---|---|---|---|---|\n| `patient.name` | string | `animal_name` | string(40) | copied |\n"
             "| `patient.id` | int | `patient_ref` | | `PT-` + id |\n")
    assert "IS807" in codes(typed)  # a type column with an empty cell is a gap among its siblings


def test_a_day_named_field_with_no_type_needs_no_timezone_and_its_example_shows_its_format():
    text = ("# Clinic → Lab\n\n## Result\n\n```json\n{\"reported_at\": \"2024-02-14T15:08:44Z\"}\n```\n\n"
            "## Mapping\n\n| From | To | Rule |\n|---|---|---|\n"
            "| `patient.dob` | `birth_day` | copied, ISO 8601 |\n| result `reported_at` | `lab_report.reported_at` | UTC kept |\n")
    assert "IS802" not in codes(text)
    bare = text.replace("`patient.dob` | `birth_day` | copied, ISO 8601", "`patient.seen_at` | `seen` | copied, ISO 8601")
    assert "IS802" in codes(bare)  # a time of day named `_at` with no zone anywhere


def test_a_mapping_told_field_after_field_in_prose_or_as_config_entries_is_no_missing_mapping():
    """ "`hive_tag` → `hive_id` unchanged; `weight_g` → `weight_kg` ÷ 1000" in a paragraph, and "- {from: a, to: b,
    transform: ...}" entries of a config variable: a mapping the reader takes no row from is still a mapping."""
    prose = ("# Hive → Apiary\n\n## A.6 Field mapping\n\nReadings: `hive_tag` → `hive_id` unchanged; `weight_g` integer "
             "grams → `weight_kg` ÷ 1000 rounded to 2 decimals; `ts` → `recorded_at` unchanged (both UTC).\n")
    config = ("# Hub → Cases\n\n## Playbook\n\n```yaml\nrelay_field_map:\n  - {from: return_type, to: case_type, "
              "transform: \"map SA100=INDIVIDUAL\"}\n  - {from: submitted_at, to: received_at, transform: \"UTC -> local\"}\n```\n")
    for text in (prose, config):
        assert not [f for f in lint_text(text, "markdown") if "there is no data mapping" in f.message]
    bare = "# Hub → Cases\n\n## Notes\n\nCases are created from returns.\n"
    assert [f for f in lint_text(bare, "markdown") if "there is no data mapping" in f.message]


def test_a_row_whose_target_is_told_in_words_is_its_own_transform():
    """ "| Mapping F1 | taken_at | Unix epoch milliseconds -> ISO 8601 UTC timestamp |": the value becomes a kind of
    value, described; no separate transform is owed. A named target with no transform still owes one."""
    described = ("# Cave → Ripening\n\n## Mapping\n\n| Source | Target |\n|---|---|\n"
                 "| `taken_at` | ISO 8601 UTC timestamp |\n| `sensor_id` | `cave_ref` |\n")
    found = [f.message for f in lint_text(described, "markdown") if f.code == "IS801"]
    assert len(found) == 1 and "sensor_id" in found[0]


def test_columns_described_with_what_they_are_made_from_are_a_mapping():
    """dbt docs or a data contract: "- name: baume / description: brix / 1.8, rounded to 1 dp. Sent as `baume`"."""
    dbt = ("# Vines → Cellar\n\n## Warehouse\n\n```yaml\nmodels:\n  - name: receivals\n    columns:\n      - name: baume\n"
           "        description: >\n          brix / 1.8, rounded to 1 dp. Sent as `baume`.\n      - name: truck_rego\n"
           "        description: rego upper-cased, spaces removed.\n```\n")
    assert spec_of(dbt).unread("mapping")  # evidence of a mapping no reader took rows from
    plain = dbt.replace("brix / 1.8, rounded to 1 dp. Sent as `baume`.", "The sugar level.").replace(
        "rego upper-cased, spaces removed.", "The truck.")
    assert not spec_of(plain).unread("mapping")


def test_arrow_lines_between_fields_are_a_mapping_wherever_they_stand():
    """An RFC-style block of "source -> target: rule" lines under a heading that names no mapping is the mapping;
    a line written target first ("<-") reads the other way round; "to" inside a word is no arrow."""
    text = ("# Gateway ↔ Reservations\n\n## 4. Data Representation\n\nBoth sides apply this mapping:\n\n"
            "customer.firstName     -> firstName: upper-cased\n"
            "traveller.dateOfBirth  -> birthDate: as is (date, no zone)\n"
            "order.id               -> agentRef: \"FT-\" + 7-digit id\n"
            "booking.pnr            <- pnr: as is\n")
    rows = [(m.source_field.text, m.target_field.text) for m in spec_of(text).mappings]
    assert rows == [("customer.firstName", "firstName"), ("traveller.dateOfBirth", "birthDate"),
                    ("order.id", "agentRef"), ("pnr", "booking.pnr")]
    assert "IS801" not in codes(text.replace("Both sides", "Both sides always"))
    from intspec_lint.reading.mappings import cue
    assert not cue("AGW -> NRS: booking request") and not cue("VenueDesk → Vowline:")


def _uncovered(text: str) -> list[str]:
    return [f.message.split(" does not cover ")[1].split(":")[0] for f in lint_text(text, "markdown")
            if f.code == "IS803"]


def test_the_values_an_enum_map_owes_are_the_declared_ones_not_an_examples_or_a_lookups():
    """An example's value is one instance (a product code the partner rejects with 422, a sensor id); a
    mapping that names its lookup table or says what other values become covers every value."""
    text = ("# Kiosk → Fares\n\n## Contracts\n\n### Sale event\n\nMessage on the `kiosk.sales` topic.\n\n| Field | Type |\n|---|---|\n"
            "| `product` | string, one of: S1, D1, M30, M99 |\n| `colour` | string |\n\n"
            "```json\n{\"product\": \"X7\", \"colour\": \"BLU\"}\n```\n\n## Mapping\n\n"
            "| Source | Source type | Target | Target type | Transform |\n|---|---|---|---|---|\n"
            "| `product` | string | `product_code` | string | `S1` → `SINGLE`, `D1` → `DAY`, `M30` → `MONTH` |\n"
            "| `colour` | string | `colour_word` | string | `BLK` → `black`, `RED` → `red` |\n")
    assert _uncovered(text) == ["M99"]  # declared and unmapped; the example's X7 and BLU are no domain
    assert _uncovered(text.replace("`MONTH` |", "`MONTH` via `PRODUCT_CODES` |")) == []
    assert _uncovered(text.replace("`MONTH` |", "`MONTH`; other codes upper-cased |")) == []


def test_two_rows_mapping_a_field_of_that_name_into_one_target_share_out_its_values():
    text = ("# Couriers → Shop\n\n## Contracts\n\n### Job status webhook\n\nMessage on the `jobs` topic.\n\n| Field | Type |\n|---|---|\n"
            "| `status` | enum `assigned`, `delivered`, `returned` |\n\n## Mapping\n\n"
            "| Source | Source type | Target | Target type | Transform |\n|---|---|---|---|---|\n"
            "| `status` | string | `dispatch_state` | string | `queued` → `booked`, `failed` → `error` |\n"
            "| `status` | enum | `dispatch_state` | string | `assigned` → `out`, `delivered` → `done`, "
            "`returned` → `back` |\n")
    assert _uncovered(text) == []
    # into two targets, each row is a mapping of its own and owes every value
    assert _uncovered(text.replace("| `dispatch_state` | string | `queued`", "| `booked_flag` | string | `queued`")
                      ) == ["assigned, delivered, returned"]


def test_an_event_family_mapped_owes_no_value_of_another_family():
    text = ("# Huts → Pad\n\n## Contracts\n\n### Booking event\n\nMessage on the `huts` topic.\n\n| Field | Type |\n|---|---|\n"
            "| `type` | enum `booking.created`, `booking.changed`, `booking.cancelled`, `rollcall.closed` |\n\n## Mapping\n\n"
            "| Source | Source type | Target | Target type | Transform |\n|---|---|---|---|---|\n"
            "| `type` | enum | (action) | string | `booking.created` → insert, `booking.changed` → update |\n")
    assert _uncovered(text) == ["booking.cancelled"]


def test_a_line_over_a_mapping_table_and_a_literal_placeholder_value_are_no_rows_in_want_of_a_rule():
    """"`mart_summary` → ClipHub:" introduces the table under it; "sends the literal TBC" names a datum, not a
    gap left open."""
    text = ("# Mill → Hub\n\n## Mapping\n\n`mart_summary` → ClipHub:\n\n| Column | ClipHub field | Transformation |\n"
            "|---|---|---|\n| `grower_id` | `growerRef` | prefixed `GR-` |\n| `due` | `releaseDue` | copied; the "
            "partner sends the literal TBC for an unscheduled release, which becomes null |\n")
    assert [m.source_field.text.strip("`") for m in spec_of(text).mappings] == ["grower_id", "due"]
    assert "IS801" not in codes(text, "IS801")
    assert "IS801" in codes(text.replace("copied; the partner sends the literal TBC for an unscheduled release, which "
                                         "becomes null", "TBC"), "IS801")


def test_a_row_between_two_units_of_one_quantity_owes_its_conversion():
    """`distance` in metres into `distance_km`, `yield_gal` into `volume_litres`: copied, or only rounded, the
    value is wrong; a factor, a formula or the target's unit named says how it changes."""
    base = ("# Cars → Trips\n\n## Mapping\n\n| Source | Source type | Target | Target type | Transform |\n"
            "|---|---|---|---|---|\n| `distance` | integer, metres | `distance_km` | numeric | {} |\n"
            "| `yield_gal` | decimal | `volume_litres` | numeric | rounded to 1 decimal place |\n")
    found = [f.message for f in lint_text(base.format("as is"), "markdown") if f.code == "IS801"]
    assert len(found) == 2 and "from metres to kilometres" in found[0] and "from gallons to litres" in found[1]
    for said in ("÷ 1000", "converted to kilometres", "divided by a thousand"):
        assert not [m for m in (f.message for f in lint_text(base.format(said), "markdown") if f.code == "IS801")
                    if "metres" in m], said
    same = base.format("as is").replace("`distance_km`", "`distance_m`")
    assert not [f for f in lint_text(same, "markdown") if f.code == "IS801" and "metres" in f.message]


def test_a_local_time_landed_in_a_utc_field_owes_its_conversion():
    row = ("# Clinic → Lake\n\n## Mapping\n\n| Source | Source type | Target | Target type | Transform |\n"
           "|---|---|---|---|---|\n| `fitted_at` | datetime, clinic local time, no offset | `FITTED_AT_UTC` | "
           "TIMESTAMP_NTZ | {} |\n")
    found = [f.message for f in lint_text(row.format("Direct move"), "markdown") if f.code == "IS802"]
    assert found and "no conversion from local time to UTC" in found[0]
    for said in ("converted from Europe/London to UTC", "offset from the clinic's zone applied"):
        assert "IS802" not in codes(row.format(said), "IS802"), said


def test_a_text_table_indented_a_space_with_cells_pushed_by_long_ones_is_a_mapping():
    """A plain block drawn one space in, whose long cell pushes the next one past its column
    ("setpoint_c/supply_c/return_c  ÷ 10"), and whose wrapped cell starts a character off its column."""
    block = ("# Reefers → Desk\n\n## How a reading becomes a row\n\n```\n"
             " wire field       type            ReeferWatch column          rule\n"
             " ---------------  --------------  --------------------------  --------------------\n"
             " batch_id         UUIDv7 string   readings.ingest_batch_id    copy\n"
             " cid              string          readings.container_no       upper-case, check digit\n"
             " sp / sup / ret   int, 0.1 °C     setpoint_c/supply_c/return_c  ÷ 10 → numeric(4,1)\n"
             " rh               int, %          readings.humidity_pct       copy; 255 → NULL\n"
             "                                                               (no humidity sensor)\n```\n")
    mappings = spec_of(block).mappings
    assert len(mappings) == 4 and "÷ 10" in mappings[2].transform.text
    assert not any("there is no data mapping" in f.message for f in lint_text(block, "markdown"))


def test_a_unit_is_read_from_a_fields_name_not_from_a_sample_value_in_words():
    """"indicator string `\"  7412.5kg G\"`" is a value shown, its "G" (gross) no grams."""
    text = ("# Scale → Sales\n\n## Mapping\n\n| Source | Source type | Target | Target type | Transform |\n"
            "|---|---|---|---|---|\n| indicator string `\"  7412.5kg G\"` | ASCII | `gross_kg` | decimal(7,1) | "
            "strip spaces and the `kg G` suffix, parse |\n| `tare_g` | integer | `tare_kg` | decimal | as is |\n")
    found = [f.message for f in lint_text(text, "markdown") if f.code == "IS801"]
    assert len(found) == 1 and "tare_g" in found[0]


def test_two_sides_in_different_zones_say_their_conversion_and_a_dst_aware_transform_converts():
    """"`delivered_at` (UTC) → `received_at` (local Europe/Dublin)" owes no transform of its own words, and a local
    time turned into UTC "DST-aware" says how; a copy between two zones still owes its conversion."""
    def found(line):
        text = "# Ward → Laundry\n\n## Mapping\n\n- **Times**\n" + line + "\n"
        return [f.code for f in lint_text(text, "markdown") if f.code in ("IS801", "IS802")]
    assert not found("  - `delivered_at` (UTC) → `linen_receipt.received_at` (local Europe/Dublin).")
    assert not found("  - `scan.time` (local datetime, Europe/Dublin, no offset) → `scanned_at` (ISO 8601 UTC with "
                     "`Z`), DST-aware.")
    assert found("  - `scan.time` (local datetime, Europe/Dublin, no offset) → `scanned_at` (ISO 8601 UTC with `Z`), "
                 "copied as is.")


def test_a_field_and_its_rule_with_a_to_inside_the_rule_keep_the_fields_name():
    """A register's "Mapping F1 | temp_c | Copied, °C to one decimal" read as "temp_c: Copied, °C to one decimal": the
    "to" is the rule's, not an arrow from "temp_c: Copied, °C" to "one decimal"."""
    text = ("# Dairy → Caves\n\n| Section | Item | Specification |\n|---|---|---|\n"
            "| Overview | Purpose | Dairyflow sends wheel lots to AffineurOS |\n| Flows | F1 | Dairyflow → AffineurOS |\n"
            "| Retry | Max attempts | 5 |\n| Mapping F1 | temp_c | Copied, °C to one decimal |\n"
            "| Mapping F1 | avg_weight_g | Grams -> AffineurOS kg with 2 decimals (÷ 1000) |\n"
            "| Mapping F1 | wheels, note | Copied; note cut to 500 characters |\n")
    rows = {m.source_field.text: (m.target_field.text, m.transform.text) for m in spec_of(text).mappings}
    assert rows["temp_c"] == ("temp_c", "Copied, °C to one decimal")
    assert rows["avg_weight_g"][1].startswith("Grams -> AffineurOS kg")
    assert not [f for f in lint_text(text, "markdown") if f.code == "IS801" and "no transform" in f.message]


def test_an_arrow_between_two_systems_is_a_direction_not_a_field_mapped():
    """A caption over a mapping table ("- ▸ Tills → Ledger (flows 1 and 2)", "- [x] **M1** Tills → Ledger (signed
    off):") joins two of the flows' ends: the direction of the rows below, never a row of its own with no transform."""
    table = ("    | Source | Target | Transform |\n    |---|---|---|\n    | `sale_id` | `external_ref` | copied |\n"
             "    | `total_p` | `amount` | pence ÷ 100 |\n")
    for caption in ("- ▸ Tills → Ledger (flows 1 and 2)", "- [x] **M1** Tills → Ledger mapping signed off by both sides:"):
        text = ("# Tills → Ledger\n\n## Flows\n\n| Flow | Source | Target | Trigger | Payload | Volume |\n"
                "|---|---|---|---|---|---|\n| 1 | Tills | Ledger | sale closed | sale | ~900/day |\n\n"
                f"## Field mapping\n\n{caption}\n{table}")
        rows = [m.source_field.text for m in spec_of(text).mappings]
        assert rows == ["`sale_id`", "`total_p`"], rows
        assert not [f for f in lint_text(text, "markdown") if f.code == "IS801"]
    # a field carried into a system's field is still a row: "`total_p` → Ledger amount" names a field on one side
    text = ("# Tills → Ledger\n\n## Flows\n\n| Flow | Source | Target | Trigger | Payload | Volume |\n"
            "|---|---|---|---|---|---|\n| 1 | Tills | Ledger | sale closed | sale | ~900/day |\n\n"
            "## Field mapping\n\n- `total_p` → Ledger\n")
    assert [m.source_field.text for m in spec_of(text).mappings] == ["total_p"]


def test_a_zone_named_by_its_region_or_abbreviation():
    for zone in ("time (Pacific)", "US Eastern", "CET/CEST", "Pacific Time"):
        text = ("# Routes → Buses\n\n## Mapping\n\n| Source | Source type | Target | Target type | Transform |\n"
                "|---|---|---|---|---|\n"
                f"| `stops[].time` | {zone} | `stops[].scheduled` | string HH:MM | local time kept |\n")
        assert "IS802" not in codes(text, "IS802"), zone


def test_an_id_built_from_a_local_time_is_no_timestamp():
    text = ("# Bookings → Port\n\n## Mapping\n\n| Source | Type | Target | Type | Rule |\n|---|---|---|---|---|\n"
            "| `sailing.code` + `sailing.departs_local` | string + local datetime | `sailing_id` | string | "
            "`{route}-{YYYYMMDD}-{HHMM}`, local port time |\n")
    assert "IS802" not in codes(text, "IS802")


def test_an_enum_mapped_by_a_wildcard_covers_the_values_it_matches():
    text = ("# Bikes → Assets\n\n## Mapping\n\n| Source | Source type | Target | Target type | Rule |\n|---|---|---|---|---|\n"
            "| `bike.model` | enum (`CLASSIC`, `EBIKE_G2`, `EBIKE_G3`) | `asset_type` | enum | `CLASSIC`→`bike`, "
            "`EBIKE_*`→`ebike` |\n")
    assert "IS803" not in codes(text, "IS803")


def test_an_enum_key_ending_in_a_variable_the_target_carries_covers_its_values():
    """"`R`→0, `Yn`→n" over `R`, `Y1`…`Y6`: `Yn` stands for every `Y` and a number. `YR`→n names no variable."""
    text = ("# Kitchen → Tills\n\n## Mapping\n\n| Source | Source type | Target | Target type | Rule |\n|---|---|---|---|---|\n"
            "| `year_group` | enum `R`,`Y1`,`Y2`,`Y3` | `year_group` | integer | `R`→0, `Yn`→n |\n")
    assert "IS803" not in codes(text, "IS803")
    assert "IS803" in codes(text.replace("`Yn`→n", "`YR`→n"), "IS803")
    assert "IS803" in codes(text.replace("`Yn`→n", "`Yn`→7"), "IS803")


def test_a_text_composed_of_times_and_a_duration_are_no_timestamps():
    window = ("# Library → Stops\n\n## Mapping\n\n| Source | Source type | Target | Target type | Transform |\n"
              "|---|---|---|---|---|\n| `stop.arrive`, `stop.depart` | time HH:MM local | `time_window` | string | "
              "`\"{arrive}–{depart}\"`, en dash |\n")
    duration = ("# Rooms → Board\n\n## Mapping\n\n| Source | Target | Rule |\n|---|---|---|\n"
                "| ranking time | board `display_time` | `mm:ss`, minutes can exceed 59 (no hours) |\n")
    assert codes(window, "IS802") == [] and codes(duration, "IS802") == []


def test_a_column_set_to_now_and_sent_nowhere_owes_no_zone():
    text = ("# Brewery → Kegs\n\n## Mapping\n\n| Source | Source type | Target | Target type | Transform |\n"
            "|---|---|---|---|---|\n| `keg.status` | char(1) | `state` | enum | full → F, empty → E |\n"
            "| `keg.synced_at` | timestamp | — | — | Set to `now()` at upsert |\n")
    assert "IS802" not in codes(text, "IS802")


def test_a_data_dictionary_of_one_datasets_names_is_no_mapping():
    text = ("# Feed\n\n## Dataset\n\n| Column | API field | Type | Description |\n|---|---|---|---|\n"
            "| Visit ID | `visit_id` | Text | Job number |\n| Suburb | `suburb` | Text | |\n"
            "| Due at | `due_at` | Timestamp | When the visit is due |\n")
    assert spec_of(text).mappings == []
    # two fields with a rule between them are a mapping, whatever the columns are called
    mapped = text.replace("| Description |", "| Conversion |")
    assert [m.source_field.text for m in spec_of(mapped).mappings] == ["Visit ID", "Suburb", "Due at"]


def test_a_time_taken_from_another_rows_field_has_that_rows_zone():
    text = ("# Greenhouse → Ops\n\n## Field mapping\n\n| Source | Source type | Target | Target type | Transform |\n"
            "|---|---|---|---|---|\n"
            "| `state` | `raised`/`cleared` | `alarms.cleared_at` | timestamptz | `cleared` → `raised_at` of the clear event |\n"
            "| `raised_at` | ISO 8601 with offset | `alarms.raised_at` | timestamptz | Converted to UTC |\n")
    assert codes(text, "IS802") == []
    assert codes(text.replace("Converted to UTC", "Copied").replace(" with offset", ""), "IS802") == ["IS802"]


def test_a_translation_told_only_by_the_codes_it_ends_in_is_not_given():
    text = ("# Farms → Pay\n\n## Field mapping\n\n| Avro field | Avro type | Pay column | Column type | Transform |\n"
            "|---|---|---|---|---|\n| `collection_id` | uuid string | `pickup.uuid` | uuid | none |\n"
            "| `status` | enum `PickupStatus` | `pickup.status_code` | char(1) | Mapped to Pay status codes |\n")
    spec = spec_of(text)
    assert [(m.source_field.text, m.target_type.text) for m in spec.mappings] == [
        ("`collection_id`", "uuid"), ("`status`", "char(1)")]  # "Column type" is the target's type column
    assert [f.line for f in lint_text(text, "markdown") if f.code == "IS803"] == [8]
    told = text.replace("Mapped to Pay status codes", "Mapped to Pay status codes: `COLLECTED` → `C`, `REJECTED` → `R`")
    listed = text.replace("Mapped to Pay status codes", "Mapped using the code table in Appendix C")
    assert codes(told, "IS803") == [] and codes(listed, "IS803") == []


def test_two_systems_named_as_columns_before_a_transform_column_are_the_mappings_sides():
    spec = spec_of("# Dispatch → Drones\n\n## Field mapping\n\n| Dispatch | SkyRelay | Transform |\n|---|---|---|\n"
                   "| `order.id` | `client_reference` | Prefix `HOL-ORD-` |\n| `parcel.weight_g` | `parcel.weight_kg` | ÷ 1000 |\n")
    assert [(m.source_field.text, m.target_field.text) for m in spec.mappings] == [
        ("`order.id`", "`client_reference`"), ("`parcel.weight_g`", "`parcel.weight_kg`")]


def test_a_standard_code_set_needs_no_table():
    from intspec_lint.reading.mapping_types import names_codes_only
    assert names_codes_only("Mapped to the Hub enum") and names_codes_only("Map to Tempo grade")
    assert not names_codes_only("Mapped to ISO country codes")
    assert not names_codes_only("Converted to the matching currency codes")


def test_a_transform_that_names_another_rows_field_takes_its_zone():
    """YAML mappings: "Same rule as readings[].ts" points at the row that says the zone, written bare."""
    text = """intspec: 1
title: Climate controller to platform
mappings:
  - source: "readings[].ts"
    source_type: controller local time, no offset
    target: observed_at
    target_type: timestamptz
    transform: Interpret as Europe/Amsterdam
  - {source: "alarm ts", source_type: controller local time, target: alarms.at, target_type: timestamptz,
     transform: "Same rule as readings[].ts"}
"""
    assert [f for f in lint_text(text, "yaml") if f.code == "IS802"] == []
    # without the pointer, a bare local time is told by the one zone the mapping names; where it names two, by neither
    assert [f.line for f in lint_text(text.replace("Same rule as readings[].ts", "Same rule as readings"), "yaml")
            if f.code == "IS802"] == []
    two = text.replace("Same rule as readings[].ts", "Same rule as readings") + (
        "  - {source: door ts, source_type: string, target: doors.at, target_type: timestamptz, "
        "transform: Interpret as Europe/London}\n")
    assert [f.line for f in lint_text(two, "yaml") if f.code == "IS802"] == [9]


def test_a_transform_that_names_another_rows_target_takes_its_zone():
    text = ("# Portal → Prisons\n\n## Data mapping\n\n| Source | Type | Target | Type | Transform |\n|---|---|---|---|---|\n"
            "| `slot.date` + `slot.start` | date + local time | `startTime` | local datetime (Europe/London, no offset) | "
            "Concatenated |\n| `slot.date` + `slot.end` | date + local time | `endTime` | local datetime | As `startTime` |\n")
    assert codes(text, "IS802") == []


def test_both_ends_in_the_source_cell_and_the_target_cell_empty():
    text = ("# Doors → Bookings\n\n## Mapping\n\n| Ref | Source | Target | Rule |\n|---|---|---|---|\n"
            "| C1 | `booking.start` (ISO 8601) | `valid_from` (UTC) | Convert to UTC |\n"
            "| C8 | Keystone `at` (UTC) → BookIt `checked_in_at` | | Convert to Europe/London with offset |\n")
    assert codes(text, "IS801") == []


def test_a_rule_naming_another_rows_target_without_pointing_to_it_borrows_no_zone():
    text = ("# A → B\n\n## Mapping\n\n| Source | Type | Target | Type | Transform |\n|---|---|---|---|---|\n"
            "| `slot.start` | local time | `startTime` | datetime (UTC) | Converted to UTC |\n"
            "| `booking.end` | string | `endTime` | datetime | Must be later than `startTime` |\n")
    assert [f.line for f in lint_text(text, "markdown") if f.code == "IS802"] == [8]


def test_a_transform_pointing_at_another_rows_conversion_in_words():
    """"Same conversion as `transferred_at`" and "Sent as local store time, like `earned_at`" point at a row that says
    how local time becomes UTC."""
    base = ("# Patrol → Hospital\n\n## Mapping\n\n| Source | Type | Target | Type | Transform |\n|---|---|---|---|---|\n"
            "| `transferred_at` | local time (Europe/London) | `handover_at` | ISO 8601 UTC | Converted from Europe/London to "
            "UTC on the relay |\n| `observations[].taken_at` | local time | `obs_at` | ISO 8601 UTC | {rule} |\n")
    for rule in ("Same conversion as `transferred_at`", "Sent as local time, like `transferred_at`"):
        assert codes(base.replace("{rule}", rule), "IS802") == [], rule
    assert codes(base.replace("{rule}", "Copied"), "IS802") == ["IS802"]


def test_a_hyphenated_compound_with_to_is_no_mapping():
    """"the knots-to-km/h factor" in a note under the mapping is a compound word, not a field mapped to another."""
    text = ("# Buses → App\n\n## Mapping\n\n| Source | Type | Target | Type | Rule |\n|---|---|---|---|---|\n"
            "| `speed` | knots | `speed_kmh` | number | Multiply by 1.852 |\n\n"
            "- Half a mark per row; the speed conversion must include the knots-to-km/h factor.\n")
    assert [m.source_field.text for m in spec_of(text).mappings] == ["`speed`"]


def test_a_mapping_kept_as_quoted_keys_of_a_config_table_is_not_absent():
    """A TOML `[mapping]` table whose quoted keys are the source fields (`"from_t/to_t" = "..."`): a mapping the
    reader cannot take apart into rows, so it is not called absent."""
    text = ("# Edge → Splits\n\n```toml\n[mapping]\n# source -> target : transform\n"
            '"epc" = "chip_id : upper-case hex copied unchanged"\n"t" = "read_at : ms since midnight, stored as UTC"\n'
            '"from_t/to_t (rewind)" = "same tick convention as t"\n```\n')
    assert "IS801" not in codes(text, "IS801")
    assert "IS801" in codes(text.replace("[mapping]", "[colours]"), "IS801")


def test_a_timestamp_not_sent_anywhere_owes_no_zone():
    """"`updated_at` | timestamp | — | — | Not sent; the highest value becomes the next watermark": no time lands."""
    head = ("# Hire → Board\n\n## Mapping\n\n| Source | Type | Target | Type | Rule |\n|---|---|---|---|---|\n"
            "| `qty` | int | `quantity` | int | Copy |\n")
    assert "IS802" not in codes(head + "| `updated_at` | timestamp | — | — | Not sent; the highest value becomes the "
                                       "next watermark |\n", "IS802")
    assert "IS802" in codes(head + "| `updated_at` | timestamp | `changed` | timestamp | Copy |\n", "IS802")


def test_a_bare_local_time_takes_the_one_zone_the_mapping_names():
    """"That date at 23:59:59 local time" where another row reads times "as Europe/London": the local zone is named;
    with two zones named, "local" says neither."""
    head = ("# Weighbridge → Waste\n\n## Mapping\n\n| Source | Type | Target | Type | Rule |\n|---|---|---|---|---|\n"
            "| `DateOut` + `TimeOut` | local date and time | `weighed_out_at` | ISO 8601 UTC | Joined, read as "
            "Europe/London, converted to UTC |\n"
            "| `valid_to` | date | `PermitExpiry` | datetime | That date at 23:59:59 local time |\n")
    assert "IS802" not in codes(head, "IS802")
    assert "IS802" in codes(head + "| `ship_at` | timestamp | `ShipAt` | datetime | Converted to Europe/Dublin |\n",
                            "IS802")


def test_review_each_places_own_local_time_is_no_one_zone():
    head = ("# Stores → HQ\n\n## Mapping\n\n| Source | Type | Target | Type | Rule |\n|---|---|---|---|---|\n"
            "| `store.opened_at` | datetime | `hq_opened_at` | timestamp | Read as Europe/London, stored as UTC |\n")
    assert "IS802" in codes(head + "| `pickup.ready_at` | datetime | `ready_at` | timestamp | Each store's local time, "
                                   "copied as is |\n", "IS802")


def test_days_of_the_week_are_no_zone():
    """"Fri/Sat" names no zone: the one zone the mapping names (Europe/London) is the local one."""
    from intspec_lint.reading.mapping_types import named_zones
    assert named_zones(["Peak on Fri/Sat", "Europe/London dates, no conversion"]) == {"Europe/London"}


def test_arrow_items_under_a_field_the_document_shows_holding_their_values_are_no_fields_mapped():
    text = ("# Salon → Till\n\n## Booking\n\n```json\n{\"dog\": {\"name\": \"Biscuit\", \"coat\": \"curly_long\"}}\n```\n\n"
            "## Field mapping\n\n| Source field | Source type | Target field | Target type | Transform |\n|---|---|---|---|---|\n"
            "| `dog.name` | string | `pet.name` | string | Trim |\n\n"
            "`dog.coat` becomes the till's coat type, which sets the drying time:\n\n"
            "- `smooth` → `SM`\n- `double` → `DC`\n- `curly_long` → `CL`\n")
    assert [m.source_field.text for m in spec_of(text).mappings] == ["`dog.name`"]
    assert "IS801" not in codes(text)
    # without the document showing the field hold those values, the items stay what they look like: mappings
    unshown = text.replace('"coat": "curly_long"', '"coat_code": 3')
    assert "curly_long" in [m.source_field.text for m in spec_of(unshown).mappings]


def test_a_logged_line_under_the_mapping_heading_is_no_mapping_row():
    text = ('# galley-sync, explained through its logs\n'
            '\n'
            '\n'
            '## 1. A crossing ends\n'
            '\n'
            '```\n'
            '2025-06-03T07:52:14.209Z INFO  ingress   202 {"queued":"tpd_01HZY8Q"} queue=sales-out depth=1\n'
            '```\n'
            '\n'
            'The purser closes the till when the ramp goes down. TillPoint Cloud then calls our webhook\n'
            'with `shift.closed`: one message per shift, with every PLU sold and every item wasted.\n'
            'Each vessel runs four return crossings a day in summer (two in winter) and each crossing\n'
            'is a shift, so that is 16 shifts a day across both ships in summer, 8 in winter, each with\n'
            '20–60 lines. We answer `202` at once and put the shift on the `sales-out` SQS queue;\n'
            'TillPoint never waits for HarbourStock. `sig=ok` is the HMAC check (section 8).\n'
            '\n'
            '## 2. Mapping\n'
            '\n'
            '```\n'
            '2025-06-03T07:52:14.388Z DEBUG mapper    site LCARRA -> location VSL-02\n'
            '2025-06-03T07:52:14.389Z DEBUG mapper    closed_at 2025-06-03T08:51:58+01:00 -> posted_at 2025-06-03T07:51:58Z\n'
            '2025-06-03T07:52:14.390Z DEBUG mapper    plu=4411 -> sku=CAF-TEA-REG (plu_sku) movement=SALE value_gbp=86.95\n'
            '2025-06-03T07:52:14.390Z DEBUG mapper    plu=5102 waste=true -> sku=FOOD-BACON-ROLL (plu_sku) movement=WASTE value_gbp=0.00\n'
            '```\n'
            '\n'
            'The full mapping, both directions:\n'
            '\n'
            '| From | To | Rule |\n'
            '|------|----|------|\n'
            '| `site_id` | `location` | `LCARRA` → `VSL-02`, `IMAID` → `VSL-01`; anything else is permanent (section 5) |\n'
            '| `shift_id` | `reference` and `Idempotency-Key` | copy |\n'
            "| `closed_at` (ISO 8601 with ship's offset) | `posted_at` | convert to UTC, `Z` suffix |\n")
    assert not [m for m in spec_of(text).mappings if "DEBUG" in m.source_field.text]
    assert "`site_id`" in [m.source_field.text for m in spec_of(text).mappings]


def test_a_sentence_with_to_in_it_is_no_mapping_line():
    # "... not billed to members": a note under a mapping, no field mapped to a field called "members"
    text = ("# Coop → Wholesaler\n\n## Data mapping\n\n- `member_order_lines` summed per product → `lines[].cases`: "
            "units ÷ `case_size`, rounded up\n  - The surplus units from rounding up go on the shop shelf stock, not "
            "billed to members\n- `products.gwf_sku` → `lines[].sku`: copied\n")
    mappings = spec_of(text).mappings
    assert mappings and all("surplus" not in m.source_field.text for m in mappings)
    assert "IS801" not in codes(text)


def test_copied_except_the_values_listed_maps_every_value():
    text = ("# Race → Timing\n\n## Data mapping\n\n| Source | Source type | Target | Target type | Transform |\n"
            "|---|---|---|---|---|\n| `category` | enum `MO`, `M40`, `FO`, `MU23`, `FU23` | `entries.cat` | string | "
            "copy, except `MU23`/`FU23` → `MJ`/`FJ` |\n")
    assert "IS803" not in codes(text)
    assert "IS803" in codes(text.replace("copy, except ", ""))


def test_a_mapping_whose_columns_are_headed_by_the_two_systems_of_the_title():
    """"| QuayLedger | OrderDesk | Rule |" over field names, under a title naming both: each row maps the first column's
    field to the second's. Columns headed by other words, or by names the title does not give, are no mapping."""
    text = ("# Ice orders: QuayLedger ⇄ FrostLine OrderDesk\n\n## Annex A: F1 ice order\n\n"
            "| QuayLedger | OrderDesk | Rule |\n|---|---|---|\n| `booking.ref` | `booking_ref` | copy |\n"
            "| `booking.quantity_kg` | `tonnes` | ÷ 1000, one decimal |\n| `booking.collect_local` | `collect_at` | "
            "Europe/London → UTC |\n")
    rows = spec_of(text).mappings
    assert [(r.source_field.text, r.target_field.text) for r in rows][:2] == [("`booking.ref`", "`booking_ref`"),
                                                                           ("`booking.quantity_kg`", "`tonnes`")]
    assert not spec_of(text.replace("| QuayLedger | OrderDesk |", "| Harbour | Plant |")).mappings


def test_a_time_mapped_by_a_pointer_to_the_clause_that_names_its_zone():
    """"| `service.start` (Local Time) | `starts_at` | See 1.4 |" where clause 1.4 says Local Time is Europe/London and
    payloads carry UTC: the row's zone is told there. Pointing at a clause that names no zone tells none."""
    text = ("# Terms of Integration: ParishPortal and RotaMate\n\n1.4 **\"Local Time\"** means the civil time in "
            "Europe/London. Every time in a payload is UTC in ISO 8601.\n\n1.5 **\"Day\"** means a calendar day.\n\n"
            "## 11. Field correspondence\n\n| ParishPortal | RotaMate | Rule |\n|---|---|---|\n"
            "| `service.id` | `uid` | `\"SMAA-\"` + id |\n| `service.start` (Local Time) | `starts_at` | See 1.4 |\n")
    assert "IS802" not in codes(text, "IS802")
    assert "IS802" in codes(text.replace("See 1.4", "See 1.5"), "IS802")


def test_a_time_from_another_time_plus_a_length_and_a_time_named_by_its_transform_owe_no_zone_of_their_own():
    """"| `format` (SINGLES / PAIRS) | `ends_at` | timestamptz | Start + 2.5 h / 3 h |": the start's time plus a length the
    source picks; "| `type = booking.cancelled` | — | `cancelled_at` | timestamptz | Event `created` time |" where the
    example's `created` carries `Z`. A time field copied straight into `timestamptz` with no zone anywhere still owes
    one."""
    rows = ("| Source | Source type | Target | Target type | Transform |\n|---|---|---|---|---|\n"
            "| `date` + `start` | date + local `HH:MM` | `block.starts_at` | timestamptz | Europe/London to UTC |\n"
            "| `format` | `SINGLES` / `PAIRS` | `block.ends_at` | timestamptz | Start + 2.5 h / 3 h |\n"
            "| `type = booking.cancelled` | — | `sessions.cancelled_at` | timestamptz | Event `created` time |\n")
    text = ("# A → B\n\n## Contract\n\n### `POST https://b.example/hooks`\n\nRequest:\n\n```json\n"
            "{\"type\": \"booking.cancelled\", \"created\": \"2025-05-01T09:00:00Z\"}\n```\n\nResponse `200`:\n\n"
            "```json\n{\"ok\": true}\n```\n\n## Mapping\n\n" + rows)
    assert "IS802" not in codes(text)
    copied = text.replace("| `format` | `SINGLES` / `PAIRS` | `block.ends_at` | timestamptz | Start + 2.5 h / 3 h |",
                          "| `finish` | string | `block.ends_at` | timestamptz | Copied |")
    assert "IS802" in codes(copied)


def test_a_time_checked_against_another_and_a_sum_with_no_zone_anywhere_still_owe_one():
    """"must be after `created`" names a field it is checked against, not where the time comes from; "`start_local` + 2
    h" takes the zone of a time no row gives one: both still owe the zone."""
    base = ("# A → B\n\n## Contract\n\n### `POST https://b.example/hooks`\n\nRequest:\n\n```json\n"
            "{\"type\": \"booking.cancelled\", \"created\": \"2025-05-01T09:00:00Z\"}\n```\n\nResponse `200`:\n\n"
            "```json\n{\"ok\": true}\n```\n\n## Mapping\n\n"
            "| Source | Source type | Target | Target type | Transform |\n|---|---|---|---|---|\n")
    checked = base + "| `finish` | string | `block.ends_at` | timestamptz | Parsed; must be after `created` |\n"
    assert "IS802" in codes(checked)
    summed = base + "| `format` | `SINGLES` / `PAIRS` | `block.ends_at` | timestamptz | `start_local` + 2 h |\n"
    assert "IS802" in codes(summed)
