"""Reading facts by where they stand and what they lead: a checklist item's blocks indented to its text, a numbered
heading under the heading its number extends, a line that leads a call's block, a part's own section speaking of an
operation by a word of its name, a call written out on the wire in a narrative."""

from intspec_lint import lint_text
from read_spec import codes, spec_of


def test_a_checklist_items_blocks_indented_to_its_text_are_its_own():
    text = ("# Venue → Caterer\n\n## Contracts\n\n"
            "- [x] **Create event:** `POST https://api.cater.example/v1/events`, headers `X-Api-Key`,\n"
            "      `Idempotency-Key: <booking.id>`.\n\n"
            "      ```json\n      {\"external_ref\": \"HM-1\", \"covers\": 96}\n      ```\n\n"
            "      Response `201`: `{\"event_id\": 40917, \"status\": \"QUOTE_PENDING\"}`\n"
            "      Codes: `201` created · `200` repeat of the same key · `400` invalid body.\n")
    contract = spec_of(text).contracts[0]
    assert {c.code for c in contract.status_codes} == {201, 200, 400}
    assert "IS202" not in codes(text)
    # a plain item's text column is its content column: nothing moves
    plain = text.replace("- [x] ", "- ").replace("\n      ", "\n  ")
    assert {c.code for c in spec_of(plain).contracts[0].status_codes} == {201, 200, 400}


def test_a_flows_direction_wrapped_onto_the_next_line_is_read_and_beats_an_arrow_in_its_name():
    text = ("# Venue → Caterer\n\n## Flows\n\n"
            "- **F2 Booking changed → event updated.** Trigger: VenueFlow webhook `booking.updated`. Direction\n"
            "  VenueFlow → CaterOps. Payload: the booking JSON. Volume: ~30/week.\n"
            "- **F3 Final numbers.** Trigger: daily at 06:00. Payload: final covers. Direction VenueFlow →\n"
            "  CaterOps. Volume: 2–4 per week.\n")
    flows = spec_of(text).flows
    assert [(f.source.text, f.destination.text) for f in flows] == [("VenueFlow", "CaterOps"), ("VenueFlow", "CaterOps")]
    assert "IS101" not in codes(text)


def test_a_flow_item_named_before_its_direction():
    text = ("# Playout → Reporting\n\n## What moves\n\n"
            "- **Play reports**, OnAir → SoundLog: one `POST` per track start; ~420/day.\n"
            "- **Monthly return**, bridge → SoundLog: one `PUT` of last month's plays, on the 2nd at 03:00; 1/month.\n")
    flows = spec_of(text).flows
    assert [(f.name.text, f.source.text, f.destination.text) for f in flows] == [
        ("Play reports", "OnAir", "SoundLog"), ("Monthly return", "bridge", "SoundLog")]
    assert flows[0].trigger.text == "track start"


def test_a_numbered_heading_is_under_the_heading_its_number_extends_whatever_its_marks():
    text = ("# Cranes → CMMS\n\n## 3. Contracts\n\n## 3.1 Post readings\n\n"
            "`POST https://cmms.example/api/v7/meter-readings/batch`\n\n```json\n{\"asset\": \"C1\", \"value\": 3}\n```\n\n"
            "`200 {\"stored\": 1}`\n\n## 8. Duplicates\n\nRetries can resend.\n\n## 8.1 Readings\n\n"
            "CMMS keys a reading on `asset` + `meter` + `read_at` and counts a repeat under `duplicates`, storing nothing.\n")
    spec = spec_of(text)
    assert [child.title for child in nested_sections(text)] == ["3. Contracts", "8. Duplicates"]
    assert "IS901" not in codes(text)
    assert len(spec.contracts) == 1
    # said of another operation's word, or said with nothing of a repeat, it is no answer for the readings
    assert "IS901" in codes(text.replace("## 8.1 Readings", "## 8.1 Alarms").replace("a reading", "an alarm"))
    assert "IS901" in codes(text.replace("CMMS keys a reading on `asset` + `meter` + `read_at` and counts a repeat "
                                         "under `duplicates`, storing nothing.", "Readings are not deduplicated."))


def nested_sections(text):
    from intspec_lint.document.markdown import parse_markdown
    from intspec_lint.reading.layouts import nest_numbered_sections
    doc = parse_markdown(text)
    nest_numbered_sections(doc.root)
    return doc.root.children[0].children


def test_a_line_that_leads_a_calls_block_names_the_call():
    text = ("# Robots → Maximo\n\n## Calls\n\nA fault creates a work order with `POST /maximo/api/os/wo`, answered `201`.\n\n"
            "Readings are written per asset:\n\n```http\nPOST https://maximo.example/maximo/api/os/mxasset/HV1\n"
            "apikey: <key>\n\n{\"meterreading\": 412}\n```\n\nAnswered `204`.\n\n"
            "## FAQ\n\n- Faults: the work order carries `event_id`, which has a unique index; a duplicate create is "
            "treated as success.\n- Readings: Maximo meter readings are keyed by asset, meter and reading date; the "
            "same reading twice is ignored.\n")
    names = [c.name.text if c.name else None for c in spec_of(text).contracts]
    assert "Readings" in names
    assert "IS901" not in codes(text)
    assert "IS901" in codes(text.replace("- Readings: Maximo meter readings are keyed by asset, meter and reading date; "
                                         "the same reading twice is ignored.\n", ""))


def test_a_repeat_that_leaves_the_same_state_or_a_write_of_full_values_is_safe():
    from intspec_lint.reading.idempotency import mentions, safe_by_nature
    assert mentions("Sending the same push or the same cancellation call twice leaves the website exactly as one would.")
    assert mentions("so sending it twice leaves the same card")
    assert safe_by_nature("The body always carries full values (never increments).")
    assert not mentions("Sending it twice leaves two cards.")
    assert not safe_by_nature("The body carries the values that changed.")


def test_a_call_written_out_on_the_wire_in_a_narrative_is_a_contract():
    text = ("# A day in the life of a record\n\n## 07:40 — the call\n\nThe relay sends it.\n\n"
            "```http\nPOST /v4/records HTTP/1.1\nHost: api.registry.example\nContent-Type: application/json\n\n"
            "{\"case\": \"C-1\"}\n```\n\nThe registry answers `201 Created`:\n\n```json\n{\"id\": \"R-9\"}\n```\n")
    contracts = spec_of(text).contracts
    assert [(c.method.text, c.url.text) for c in contracts] == [("POST", "/v4/records")]


def test_an_operation_heading_among_the_calls_is_a_contract_whatever_part_its_words_name():
    text = ("# Ferry ↔ Terminal\n\n## The API\n\n### Booking upsert\n\n`PUT https://t.example/api/v2/bookings/{ref}`\n\n"
            "```json\n{\"ref\": \"B1\"}\n```\n\n`200 {\"ok\": true}`\n\n### Capacity change\n\n"
            "`PATCH https://t.example/partner/v1/sailings/{id}/capacity`\n\n| Field | Type |\n|---|---|\n"
            "| `car_lanes_open` | integer |\n\n`200` with the resulting capacity · `404` unknown sailing.\n")
    contracts = spec_of(text).contracts
    assert [c.method.text for c in contracts] == ["PUT", "PATCH"]
    assert "IS202" in codes(text)  # the capacity change shows no example


def test_blank_cells_stand_for_the_cell_above_where_the_document_says_so():
    table = ("## Data flows\n\n| Flow | Source | Destination | Trigger | Payload | Frequency |\n|---|---|---|---|---|---|\n"
             "| Readings | FarmGate | FlockWatch | every 5 minutes | batch JSON | 288/day |\n"
             "| Alarms | | | alarm state change | alarm JSON | ~20/day |\n")
    note = ("# Farm → Cloud\n\n> Exported from Confluence. The original tables used merged cells; in this export a merged cell\n"
            "> shows as blank in the rows below its first row.\n\n")
    flows = spec_of(note + table).flows
    assert [(f.source.text, f.destination.text) for f in flows] == [("FarmGate", "FlockWatch")] * 2
    # without the note a blank cell is blank
    assert "IS101" in codes("# Farm → Cloud\n\n" + table)


def test_a_correction_that_replaces_a_section_makes_that_section_history():
    text = ("# Farm → Maximo\n\n## 5. Security\n\nBasic authentication with the shared `ADMIN` account; the password "
            "is never changed.\n\n## 8. Failed messages\n\nFailed messages are logged and discarded.\n\n"
            "## Appendix C — Corrections\n\n**C-1 (replaces section 8, Failed messages).** After the last attempt the "
            "message is moved to `/var/lib/gw/dead-letter/`, which raises an HMI alarm and emails the O&M desk; the "
            "duty engineer replays it from the admin page.\n")
    assert "IS602" not in codes(text)
    assert "IS602" in codes(text.replace("replaces section 8", "amends section 8"))
    # a section after the correction, or another document's section, is not replaced
    assert "IS602" in codes(text.replace("replaces section 8", "replaces section 9"))


def test_a_later_rule_that_names_the_words_it_replaces_makes_them_history():
    """A changelog whose later entries stand: "**Dead letters (replaces "discarded").**" makes the earlier rule that
    says "discarded" history; naming nothing, it does not, nor a rule said after it."""
    old = "**Failed results.** After 3 attempts the result is discarded; the judge fills in a paper sheet.\n\n"
    new = ("**Dead letters (replaces \"discarded\").** After the last attempt the result is kept in the `failed_results` "
           "table, the secretary gets an email, and she resends it from the admin page.\n\n")
    text = "# Show → Judges changelog\n\n## 2023-05-02 — first version\n\n" + old + "## 2023-07-20 — after the show\n\n" + new
    assert "IS602" not in codes(text)
    assert "IS602" in codes(text.replace(' (replaces "discarded")', ""))
    later = "# Show → Judges changelog\n\n## 2023-05-02 — first version\n\n" + new + "## 2023-07-20 — after the show\n\n" + old
    assert "IS602" in codes(later)
    told = text.replace(' (replaces "discarded")', "").replace("secretary gets an email", 'secretary gets an email (replace '
                                                                                      '"discarded" with "kept" in the old sheet)')
    assert "IS602" in codes(told)  # an instruction to replace words replaces no rule


def test_a_sentence_over_a_block_is_no_label_of_its_role():
    text = ("# Mill → SAP\n\n## Calls\n\n### Create rolls\n\n`POST https://sap.example/ewm/v1/reels/{reelId}/rolls`\n\n"
            "One call per set. SAP answers per roll.\n\n```json\n{\"setNo\": 4, \"rolls\": [{\"rollId\": \"31-1\"}]}\n```\n\n"
            "Response `207 Multi-Status`:\n\n```json\n{\"results\": [{\"rollId\": \"31-1\", \"status\": 201}]}\n```\n")
    contract = spec_of(text).contracts[0]
    assert [e.role for e in contract.examples] == ["request", "response"]


def test_a_one_word_lead_naming_another_part_is_no_flow_and_a_caption_over_a_table_is_no_mapping():
    text = ("# Tills → Gift Aid\n\n## Flows\n\n- Donor signs up at the till → GiftAidHub (~1,800/day).\n\n"
            "**Interfaces.** `POST /v1/donors` on GiftAidHub; one webhook from GiftAidHub to Tillpoint Central.\n")
    assert [f.name.text if f.name else None for f in spec_of(text).flows if f.span.line > 6] == []
    mapping = ("# Shop → Licences\n\n## Data mapping\n\n- **M-19** Field mapping, shop order → FLR licence:\n\n"
               "| Shop field | Type | FLR field | Type | Transform |\n|---|---|---|---|---|\n"
               "| `increment_id` | string | `order_ref` | string | Prefix `RL-` |\n")
    assert [m.span.line for m in spec_of(mapping).mappings] == [9]


def test_columns_of_a_fields_sides_are_a_mapping_not_flows():
    text = ("# Council ↔ Vendor\n\n## 6. Field by field\n\n| Exch. | From (sender's field) | To (receiver's field) | "
            "How it is converted |\n|---|---|---|---|\n| A | `shelter_id` | `external_ref` | as is |\n"
            "| A | `changed_at` (with UK offset) | `source_updated_at` | convert to UTC |\n")
    spec = spec_of(text)
    assert spec.flows == [] and len(spec.mappings) == 2


def test_a_breaker_counted_in_status_classes():
    text = ("# Mill → SAP\n\n## Retry\n\nExponential backoff with full jitter, first delay 2 s, doubling, capped at 2 min, "
            "6 attempts in total. After 20 consecutive 5xx/timeouts the consumer pauses the partition for 10 minutes "
            "and then tries one message.\n")
    assert "IS501" not in codes(text)


def test_what_the_placement_readings_do_not_take():
    """The review's cases: a partition key, a repeat's harm, a denial beside a real rule, a batch's unit, a function
    word over a block."""
    calls = ("# Shop → Carrier\n\n## Calls\n\n### Create shipment\n\n`POST https://carrier.example/v1/shipments`\n\n"
             "```json\n{\"order_id\": \"A-1\"}\n```\n\n`201 {\"id\": 9}`\n\n")
    assert "IS901" in codes(calls + "## Events\n\nShipment events are keyed by `order_id` so that the events of one "
                                    "order stay on one partition.\n")
    assert "IS901" in codes(calls + "## Idempotency\n\n- Shipments are created once per order; a retry after a timeout "
                                    "creates a second one.\n")
    assert "IS901" not in codes(calls + "## Idempotency\n\n- Create shipment: the carrier API is not idempotent, so our "
                                        "relay keeps each `order_id` it has sent for 7 days and answers a repeat with "
                                        "the stored shipment.\n")
    flows = spec_of("# ERP → Shop\n\n## Flows\n\n- **Stock levels**, ERP → Shop: one CSV file per warehouse; ~30/day.\n"
                    "- **Orders**: Shop → ERP. Trigger: checkout. Direction: outbound push. Payload: order JSON. "
                    "Frequency: ~200/hour.\n").flows
    assert flows[0].trigger is None
    assert (flows[1].source.text, flows[1].destination.text) == ("Shop", "ERP")


def test_a_checklist_items_indented_code_and_fenced_text_stay_as_they_are():
    code = ("# Shop → ERP\n\n## Checks\n\n- [ ] Send one test order and compare the answer:\n\n"
            "      POST /v1/orders\n      {\"order_id\": \"T-1\"}\n")
    assert spec_of(code).contracts == []
    from intspec_lint.document.markdown import parse_markdown
    fenced = "# Notes\n\n```markdown\n- [ ] Retry settings reviewed:\n\n          max_attempts: 5\n```\n"
    assert parse_markdown(fenced).root.children[0].blocks[0].text.endswith("          max_attempts: 5\n")


def test_a_moved_numbered_heading_keeps_its_sub_headings_and_a_repeated_number_does_not_nest():
    four = nested_sections("# T\n\n## 4. Endpoints\n\n## 4.1 Create order\n\n### Request\n\n### Response\n\n"
                           "## 4.2 Cancel order\n\n## 5. Errors\n")[0]
    assert [c.title for c in four.children] == ["4.1 Create order", "4.2 Cancel order"]
    assert [c.title for c in four.children[0].children] == ["Request", "Response"]
    assert [c.level for c in four.children[0].children] == [4, 4]
    assert [c.title for c in nested_sections("# T\n\n## 1. Overview\n\n## 1. Changes\n")] == ["1. Overview", "1. Changes"]
    # "3.1" after "2." extends no number there: a sibling
    assert [c.title for c in nested_sections("# T\n\n## 2. Flows\n\n## 3.1 Create\n")] == ["2. Flows", "3.1 Create"]


def test_a_rule_in_brackets_after_the_target_and_a_breaker_told_far_from_its_count():
    from intspec_lint.reading.mappings import mapping_parts
    found = mapping_parts("`order.id` → `external_ref` (as is)")
    assert (found["target_type"], found["transform"]) == ("", "as is")
    assert mapping_parts("`code` → `sku` (char(8))")["target_type"] == "char(8)"
    text = ("# Halls → Locks\n\n## Retry\n\nExponential backoff with full jitter, initial delay 1 s, factor 2, capped at "
            "60 s, at most 6 attempts. A caller suspends all calls to the other party for 15 minutes after 12\n"
            "consecutive failures, then resumes with a single trial call.\n")
    assert "IS501" not in codes(text)


def test_a_finding_on_a_checklist_items_block_points_at_the_column_as_written():
    from intspec_lint import lint_text
    text = ("# Orders → ERP\n\n## Data mapping\n\n- [x] **Orders** mapped and reviewed:\n\n"
            "      | Source field | Source type | Target field | Target type | Transform |\n"
            "      |---|---|---|---|---|\n      | `order_id` | string | `OrderNo` | integer | |\n"
            "      | `total` | decimal | `Amount` | decimal | none |\n")
    found = [f for f in lint_text(text, "markdown") if f.code == "IS801"]
    assert [(f.line, f.column) for f in found] == [(9, text.split("\n")[8].rindex("| |") + 2)]


def test_round_97s_shapes():
    """A caption naming two systems in brackets is no mapping row; "Nobody types a password" names no mechanism; a
    message deleted from its queue only after the `201` is no drop; a named zone on the source side is converted."""
    from intspec_lint.reading.auth_words import mechanism
    from intspec_lint.reading.dead_letter import drops_messages
    caption = ("# Shop → Exchange\n\n## Mapping\n\n- [x] **Listing fields mapped** (StockBook → UniformLoop)\n\n"
               "| Source field | Target field | Transform |\n|---|---|---|\n| `sku` | `item_code` | as is |\n")
    assert [m.span.line for m in spec_of(caption).mappings] == [9]
    assert mechanism("Nobody types a password on a tablet, and there is no shared secret on any device.") is None
    assert mechanism("Each keeper types a password on the tablet.") == "password"
    assert drops_messages("Message is deleted from `outbound` only after the `201`.") is None
    assert drops_messages("After the last failed attempt the message is deleted.") is not None
    row = ("# Tablets → CAFM\n\n## Mapping\n\n| Source field | Source type | Target field | Target type | Transform |\n"
           "|---|---|---|---|---|\n| `signed_off_local` | Local datetime Europe/London | `performed_at` | ISO 8601 UTC | "
           "Tablets record wall-clock time |\n")
    assert "IS802" not in codes(row)
    assert "IS802" in codes(row.replace("Local datetime Europe/London", "Local datetime, no offset"))


def test_an_x509_certificate_named_where_no_reader_takes_a_mechanism_silences_not_documented():
    text = ("# Freight → Customs\n\n## 3. Communication\n\n| Item | FreightDesk | ClearPath |\n|---|---|---|\n"
            "| Signing | SHA-256, X.509 cert `CN=as2.freight.example` | SHA-256, X.509 cert `CN=ccg.example` |\n"
            "| Private key storage | Azure Key Vault `kv-prod` | Luna HSM |\n\nBoth parties' certificates are rotated every "
            "12 months. Nobody keeps private keys on file servers.\n")
    assert not [f for f in lint_text(text, "markdown") if f.code == "IS301" and "not documented" in f.message]
