"""Reading facts by where they stand and what they lead: a checklist item's blocks indented to its text, a numbered
heading under the heading its number extends, a line that leads a call's block, a part's own section speaking of an
operation by a word of its name, a call written out on the wire in a narrative."""

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
    assert [child.title for child in spec_of_sections(text)] == ["3. Contracts", "8. Duplicates"]
    assert "IS901" not in codes(text)
    assert len(spec.contracts) == 1
    # said of another operation's word, or said with nothing of a repeat, it is no answer for the readings
    assert "IS901" in codes(text.replace("## 8.1 Readings", "## 8.1 Alarms").replace("a reading", "an alarm"))
    assert "IS901" in codes(text.replace("CMMS keys a reading on `asset` + `meter` + `read_at` and counts a repeat "
                                         "under `duplicates`, storing nothing.", "Readings are not deduplicated."))


def spec_of_sections(text):
    from intspec_lint.document.markdown import parse_markdown
    return parse_markdown(text).root.children[0].children


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
