"""How data flows are read, whatever the layout. Each test names the class of misreading it guards."""

from intspec_lint import lint_text

from read_spec import codes, spec_of


def test_sources_and_destinations_under_dead_letters_are_no_flows():
    spec = spec_of("# A → B\n\n## Data flows\n\n| Flow | Source | Destination | Trigger | Payload | Frequency |\n"
                   "|---|---|---|---|---|---|\n| Orders | A | B | checkout | order JSON | 100/hour |\n\n"
                   "## Dead-lettering\n\n| Source | Dead-letter destination | Who is alerted |\n|---|---|---|\n"
                   "| Orders after the last retry | SQS `b-dlq` | PagerDuty `b-oncall` |\n")
    assert [f.name.text for f in spec.flows] == ["Orders"]


def test_labels_a_document_gives_its_own_parts_are_no_systems_or_flows():
    spec = spec_of("# A → B\n\n## Flows\n\n**Summary:** two flows, one each way.\n\n**Details:**\n\n"
                   "| Flow | From → To | Started by | Carries | How many |\n|---|---|---|---|---|\n"
                   "| Jobs | A → B | check-in | job JSON | sixty a week |\n| Status | B → A | status change | status JSON | "
                   "three hundred a week |\n\n## Authentication\n\n**Summary:** OAuth towards B, signed webhooks towards "
                   "A; every secret in AWS Secrets Manager.\n\n- *B API.* OAuth 2.0 client credentials; the secret is "
                   "rotated every ninety days.\n- *A webhooks.* HMAC signature with a shared secret, rotated every six "
                   "months.\n")
    assert [f.name.text for f in spec.flows] == ["Jobs", "Status"]
    assert [a.system.text for a in spec.auth] == ["B API", "A webhooks"]


def test_a_bold_flow_lead_gives_the_direction_in_brackets_and_the_fields_after_it():
    spec = spec_of("# A and B\n\n## Data flows\n\n**P — Participants (RaceLive → ChipTime).** Trigger: a registration "
                   "is created. Payload: one participant JSON. Volume: ~600 per day.\n")
    (flow,) = spec.flows
    assert (flow.source.text, flow.destination.text) == ("RaceLive", "ChipTime")
    assert flow.trigger.text.startswith("a registration is created")


def test_the_direction_of_a_flow_row_is_the_cell_with_the_arrow():
    spec = spec_of("# A → B\n\n## Flow summary\n\n| Arrow | Source → destination | Trigger | Payload | Volume |\n"
                   "|---|---|---|---|---|\n| 4.1 | Assetry → Connector API | A shot is marked ready | Asset JSON | ~280/day |\n")
    (flow,) = spec.flows
    assert (flow.source.text, flow.destination.text) == ("Assetry", "Connector API")


def test_a_backward_arrow_and_an_event_type_column_give_a_flows_direction_and_payload():
    spec = spec_of("# Hub ↔ CareRound\n\n## Data flows\n\n| Flow | Direction | Trigger | Payload | Frequency |\n"
                   "|---|---|---|---|---|\n| Nightly reconciliation | Hub ← CareRound (Hub pulls) | cron 01:30 | "
                   "visit list | nightly |\n\n## Events\n\n| Event `type` | Producer → consumer | Trigger | Volume |\n"
                   "|---|---|---|---|\n| `coop.production.metered.v1` | Ledger → CIS | meter read | ~900/day |\n")
    reconciliation, metered = spec.flows
    assert (reconciliation.source.text, reconciliation.destination.text) == ("CareRound", "Hub")
    assert metered.payload is not None and "metered" in metered.payload.text


def test_a_legend_line_names_no_flow():
    spec = spec_of("# A ↔ B\n\n## flows\n\nlegend: F=flow, S→D=source→dest, T=trigger, P=payload, N=volume\n\n"
                   "| Flow | Source → Destination | Trigger | Payload | Volume |\n|---|---|---|---|---|\n"
                   "| F1 | A → B | tank read | level JSON | ~900/day |\n")
    assert [f.source.text for f in spec.flows] == ["A"]


def test_a_flow_headings_bracketed_arrow_gives_its_direction():
    spec = spec_of("# League → Desk\n\n## Flow 1 — fixture changed (LeagueHub → WhistleDesk)\n\n"
                   "1. Trigger: a league secretary publishes a fixture.\n2. Payload: the fixture event JSON.\n"
                   "3. Volume: ~1,200 a week.\n")
    (flow,) = spec.flows
    assert (flow.source.text, flow.destination.text) == ("LeagueHub", "WhistleDesk")


def test_a_flow_tables_trigger_column_is_told_by_its_cells_whatever_its_header():
    text = ("# Depots → Platform\n\n## Feeds\n\n| Feed | From → To | What kicks it off | Content | Volume |\n"
            "|---|---|---|---|---|\n"
            "| A. Activity | Depots → Platform | Nightly export, 02:15 UTC | One CSV per depot | 14 files/day |\n"
            "| B. Acks | Platform → Depots | End of each load of a Feed A file | One ack CSV | ~15/day |\n"
            "| C. Result | Depots → Platform | Import of a Feed B file | One result CSV | 1/day |\n")
    flows = spec_of(text).flows
    assert [(f.name.text, f.trigger.text) for f in flows][:2] == [
        ("A. Activity", "Nightly export, 02:15 UTC"), ("B. Acks", "End of each load of a Feed A file")]
    assert "IS101" not in codes(text)
    # a column whose cells say no "when" is no trigger: the gap is still reported
    assert "IS101" in codes(text.replace("Nightly export, 02:15 UTC", "Export job").replace(
        "End of each load of a Feed A file", "Load job"))


def test_what_a_flow_item_sends_in_its_own_words_is_its_payload():
    text = ("# Farm → Packhouse\n\n## What moves\n\n"
            "- Crate filled: SporeLog → PackPoint. A picker closes a crate on the tablet; SporeLog publishes "
            "one message per crate to Kafka. About 1,800 crates a day.\n"
            "- Pick plan: PackPoint → SporeLog. The planner publishes tomorrow's plan at 16:00 each day; "
            "12 calls a day.\n")
    flows = spec_of(text).flows
    assert [f.payload.text for f in flows] == ["message per crate", "tomorrow's plan at 16:00 each day"]
    assert flows[1].frequency.text == "12 calls a day"  # not the "00 each day" of a time
    assert "IS101" not in codes(text)


def test_a_flow_labelled_by_its_id_whose_call_carries_a_bearer_token_is_no_systems_auth():
    text = ("# Registry → Portal\n\n## Auth\n\n- **Registry**: OAuth 2.0 client credentials; secret rotated every "
            "90 days; stored in Vault.\n- **Portal**: HMAC-SHA256 signature; secret rotated yearly; stored in Key Vault.\n\n"
            "> **Flow D2** — Registry → Portal, started by each state change.\n>\n"
            "> `POST https://hooks.portal.example/registry/events`\n"
            "> Headers: `Authorization: Bearer <token>`, `Content-Type: application/json`.\n"
            "> Codes: 200 taken · 400 malformed body · 401 token rejected.\n")
    assert [a.system.text for a in spec_of(text).auth] == ["Registry", "Portal"]


RECORDS = ("# Notices ⇄ Mainframe\n\n## Flows\n\n| Flow | Source | Destination | Trigger | Payload | Frequency |\n"
           "|---|---|---|---|---|---|\n| F1 | Portal | CLASSYS | nightly 22:00 | notice records | ~40/night |\n\n"
           "## Record layouts\n\n### F1 — `TRIB-NOTICE-IN` (200 bytes)\n\n| From | To | Len | Field | PIC | Content |\n"
           "|---|---|---|---|---|---|\n| 1 | 1 | 1 | `REC-TYPE` | `X` | `N`, `A` or `C` |\n"
           "| 2 | 13 | 12 | `NOTICE-ID` | `X(12)` | `TOL` + 9 digits |\n\n"
           "## Field mapping\n\n| TOL field | TOL type | Record field | PIC | Transform |\n|---|---|---|---|---|\n"
           "| `notice.id` | bigint | `NOTICE-ID` | `X(12)` | `TOL` + id zero-padded to 9 digits |\n"
           "| `notice.version` | int | `NOTICE-VERSION` | `9(3)` | Zero-padded |\n\n"
           "## Field reference\n\n| Portal field | Type | Null? | Suggested target | Notes |\n|---|---|---|---|---|\n"
           "| `ticket_number` | string | no | work order reference | Copy; unique per ticket |\n")


def test_a_record_layout_is_no_flow_and_no_mapping_and_a_picture_clause_is_a_type():
    spec = spec_of(RECORDS)
    assert [f.name.text for f in spec.flows] == ["F1"]  # "From | To" over byte positions names no systems
    assert [(m.source_field.text, m.target_type.text if m.target_type else None) for m in spec.mappings][:2] == [
        ("`notice.id`", "`X(12)`"), ("`notice.version`", "`9(3)`")]
    assert spec.mappings[2].transform.text == "Copy; unique per ticket"  # the free words after the fields
    assert codes(RECORDS, "IS101", "IS801") == []


def test_a_row_half_recognised_as_a_flow_is_not_asked_for_the_rest():
    text = ("# Bank -> Brewery\n\nFLOWS\n-----\n\nR3  Dispatch notice (Bank -> Brewery). Trigger: the courier scans the "
            "container at the dock.\n    Payload: dispatch.notice message. Volume: one per order, peak 150 per hour\n"
            "    between 05:00 and 07:00 CET.\n")
    # the wrapped line ("between 05:00 and 07:00 CET.") is no "key: value" (a time's colon) and no flow of its own;
    # where a row is half recognised as a flow it is not asked for the rest
    assert not [f for f in lint_text(text, "markdown") if f.code == "IS101" and "between" in f.message]


def test_a_header_word_with_two_meanings_takes_the_other_when_the_first_column_names_the_row():
    """"Event" names a flow or what starts it: beside an id column that names each row ("T1"), the
    Event column is the trigger of every row, whatever its cell says ("Eligibility checks pass")."""
    text = ("# Stable desk → Racing hub\n\n## Transitions\n\n"
            "| # | From → To | Event | Channel | Volume |\n|---|---|---|---|---|\n"
            "| T1 | DRAFT → SUBMITTING | Trainer presses Declare | outbox write | ~1,800/day |\n"
            "| T2 | SUBMITTED → ACCEPTED | Eligibility checks pass | webhook `declaration.accepted` | ~1,700/day |\n"
            "| T3 | CONFIRMED → CLOSED | Result declared official | webhook `declaration.closed` | ~1,500/day |\n")
    flows = spec_of(text).flows
    assert [f.trigger.text for f in flows] == ["Trainer presses Declare", "Eligibility checks pass",
                                                "Result declared official"]
    assert [f.name.text for f in flows] == ["T1", "T2", "T3"]


def test_a_flow_with_no_direction_read_is_not_asked_for_anything_it_does_not_leave_open():
    """A question of a readiness review that talks about flows ("**Q3. Describe every interface contract,
    with examples.**") is read as a flow with no source and no destination: what the reader took for a
    flow is not one it can judge, and nothing is called missing of it."""
    text = ("# Nursery app ↔ Reef database\n\n## Data flows\n\n"
            "**Q2. List every data flow.**\n\nF1, surveys: ReefLog → CoralBase. Triggered by each submitted survey; "
            "the survey with its observations; about 60 a day.\n\n"
            "**Q3. Describe every interface contract, with examples.**\n\n*C1, the webhook.* Sent once per survey. Body: "
            "`event` string, `occurred_at` string (ISO 8601 UTC), `survey` object. Up to 300/min at peak.\n")
    assert not [f for f in lint_text(text, "markdown") if f.code == "IS101" and "Q3" in f.message]


def test_a_flow_told_in_a_table_and_again_under_its_id_is_one_flow():
    text = ("# DAHS → Portal\n\n## Data flows\n\n| # | Flow | Source → Destination | Trigger | Payload | Frequency |\n"
            "|---|---|---|---|---|---|\n| F1 | Averages | DAHS → Portal | cron | Averages JSON | 48/day |\n"
            "| F2 | Exceedance notice | DAHS → Portal | value above limit | Notice JSON | 3-6/month |\n\n"
            "#### F2 Exceedance notice\n\nRaised by the F1 run when a value is above the limit. The relay posts one "
            "notice per pollutant.\n")
    spec = spec_of(text)
    assert sorted((f.name.text, f.destination.text) for f in spec.flows) == [("F1", "Portal"), ("F2", "Portal")]
    assert "IS101" not in codes(text)


def test_a_table_of_source_and_target_values_is_no_flow_table():
    text = ("# A → B\n\n## Data flows\n\n| Flow | Source | Destination | Trigger | Payload | Frequency |\n"
            "|---|---|---|---|---|---|\n| Report | A | B | job done | Report JSON | ~200/day |\n\n"
            "## Enum maps\n\n| Field | Source value | Target value |\n|---|---|---|\n| fuel_type | PETROL | petrol |\n"
            "| fuel_type | DIESEL | diesel |\n")
    assert [f.name.text for f in spec_of(text).flows] == ["Report"]


def test_a_table_of_topics_with_producers_and_consumers_is_no_flow_table():
    """"| Topic | Value schema | Partitions | Producer | Consumers |": the topics' inventory; the flows, with their
    triggers and volumes, are told elsewhere."""
    text = ("# Bids → Exchange\n\n## Flows\n\n| Flow | Source → Destination | Trigger | Payload | Volume |\n|---|---|---|---|---|\n"
            "| F1 Bids | BidEngine → Gateway | gate closure minus 30 min | BidPortfolio | 1/day |\n\n## Topics\n\n"
            "| Topic | Value schema | Partitions | Producer | Consumers |\n|---|---|---|---|---|\n"
            "| `trading.bids.v3` | `BidPortfolio` | 6 | BidEngine | Gateway |\n"
            "| `trading.bids.v3.dlq` | `BidPortfolio` | 1 | Gateway | none |\n")
    assert [f.name.text for f in spec_of(text).flows] == ["F1 Bids"]


def test_a_flow_both_ways_has_both_ends_and_an_actor_table_is_not_turned_into_flows():
    """ "| 997 | Functional Acknowledgment | Both |": each side sends it. "| Actor | System | Role |" over "Designation
    Source", "Designation Consumer": actors with their systems, not the fields of one flow per column."""
    both = ("# Mill ↔ Buyer\n\n## Transaction sets\n\n| Set | Name | Direction | Trigger | Frequency |\n|---|---|---|---|---|\n"
            "| 850 | Purchase Order | Buyer → Mill | PO released | 30/week |\n"
            "| 997 | Functional Acknowledgment | Both | Receipt of any group | One per group |\n")
    assert "IS101" not in codes(both)
    actors = ("# DMV → Registry\n\n## Actors\n\n| Actor | System | Role |\n|---|---|---|\n"
              "| Designation Source | DMV licensing | Client |\n| Donor Registry | FHIR server | Server |\n"
              "| Designation Consumer | OPO referral systems | Client |\n")
    assert [f.name.text for f in spec_of(actors).flows if f.name is not None] == []


def test_a_table_of_example_bodies_with_a_direction_column_is_no_flow_table():
    text = ("# Growers → Clock\n\n## Flows\n\n| Flow | Source | Destination | Trigger | Frequency |\n|---|---|---|---|---|\n"
            "| F1 | Packer app | Clock | packer taps Send | 35-80/day |\n\n## 3_Examples\n\n"
            "| Ex | Interface | Direction | Body |\n|---|---|---|---|\n"
            "| E1 | I1 request | BW → FC | `{\"consignment_id\": \"41187-017\", \"grower_no\": 41187}` |\n"
            "| E2 | I1 response 201 | FC → BW | `{\"consignment_id\": \"41187-017\", \"fc_ref\": \"EAB-7712093\"}` |\n")
    assert [f.name.text for f in spec_of(text).flows if f.name is not None] == ["F1"]


def test_a_flow_named_for_its_data_names_its_payload_and_a_count_in_words_is_its_volume():
    """"**Splits (ChipLine → you).** ... batches crossings and POSTs them": the flow's name is what moves; "a single
    `results.final` webhook per race ... three on the day" is how often. A name that tells an event still owes it."""
    text = ("# Timing → Results\n\n## Flows\n\n"
            "- **Splits (ChipLine → you).** Every time a chip crosses a mat our cloud batches crossings and POSTs them "
            "to your webhook, every 2 seconds.\n"
            "- **Final results (ChipLine → you).** Once the referee signs off we send a single `results.final` webhook "
            "per race, so three on the day.\n")
    assert "IS101" not in codes(text, "IS101")
    event = text.replace("**Splits (ChipLine → you).** Every time a chip crosses a mat our cloud batches crossings and "
                         "POSTs them to your webhook, every 2 seconds.", "**Crossing recorded (ChipLine → you).** When a "
                         "chip crosses a mat; about 2,600 a minute at peak.")
    assert "IS101" in codes(event, "IS101")


def test_a_frequency_that_only_says_when_is_no_volume_where_the_flows_beside_it_give_one():
    """"Per void", "on approval", "Event-driven" in the frequency column say when a flow runs, not how often; the
    rows beside it give a figure, so the form asks one of it too. Alone in its table, such a cell is not asked."""
    table = ("# Wardens → Council\n\n## Flows\n\n| Flow | Source | Destination | Trigger | Payload | Frequency |\n"
             "|---|---|---|---|---|---|\n| E1 | Handheld | PCN desk | PCN issued | PCN JSON | ~1,200/day |\n"
             "| E2 | PCN desk | Handheld | PCN voided | void JSON | {} |\n")
    found = [f.message for f in lint_text(table.format("Per void"), "markdown") if f.code == "IS101"]
    assert found and "only 'Per void'" in found[0]
    for said in ("~30/day", "a few a week", "hourly"):
        assert "IS101" not in codes(table.format(said), "IS101"), said
    alone = table.format("Per void").replace("| ~1,200/day |", "| per ticket |")
    assert not [f for f in lint_text(alone, "markdown") if f.code == "IS101" and "only 'Per void'" in f.message]


def test_an_aside_with_an_arrow_after_a_direction_is_no_direction_of_its_own():
    text = ("# River → Hub\n\n## Flows\n\n| Flow | Direction | Trigger | Payload | Frequency |\n|---|---|---|---|---|\n"
            "| W3 config | CDH → NodeCentral (→ gateway at next check-in) | duty hydrologist switches mode | config "
            "JSON | ~2/week |\n| W4 | Participants (RaceLive → ChipTime) | start gun | start list | 1/race |\n")
    flows = spec_of(text).flows
    assert [(f.source.text, f.destination.text) for f in flows] == [("CDH", "NodeCentral"), ("RaceLive", "ChipTime")]


def test_a_flow_summarised_under_a_circled_number_is_the_flow_of_that_number_told_in_detail():
    """A canvas cell "① Runs → Haulr at 17:00 cutoff" and the appendix's row "① Run dispatch" with its payload are
    one flow: the summary owes no payload of its own."""
    text = ('# Integration Canvas — Orders ⇄ Haulr\n'
            '\n'
            'Turf Co · canvas owner: N. D. (ops) · tech: C. B. · April 2024\n'
            '\n'
            '| **Systems** | **Why** | **Shape** |\n'
            '|---|---|---|\n'
            '| Orders (our orders & route planner, v3) → Haulr (driver app + telematics, SaaS API v2) | Drivers stop phoning in. Office sees deliveries and ETAs live; customers get "20 min away" texts. | Run dispatch: REST push. POD + ETA: Haulr webhooks into our SQS queue. |\n'
            '| **Flows** | **Volumes** | **Trust** |\n'
            '| ① Runs → Haulr at 17:00 cutoff + edits ② POD → Orders per stop ③ ETA → Orders every 5 min per lorry | ① 6–8 runs/day + ~10 edits ② ≤150/day (Nov–Feb) ③ ≤650/day | OAuth client creds out; HMAC-signed webhooks in. Both rotated 6-monthly. Secrets in AWS Secrets Manager. |\n'
            '| **When it breaks** | **Duplicates** | **Watch** |\n'
            "| Transient → back off, 6 tries, breaker at 12. Permanent → DLQ + ops email. Part of a run rejected → rest goes out, bad stops back to dispatcher. | Safe: run push is a full PUT; webhooks deduped on `event_id`. | P95 latency, error %, queue depth, DLQ > 0, secret expiry. Alerts to #ops-alerts + C. B.'s phone. |\n"
            '\n'
            '\n'
            '---\n'
            '\n'
            '## Appendix A — Flows in detail\n'
            '\n'
            '| # | From → To | Trigger | Payload | Frequency |\n'
            '|---|---|---|---|---|\n'
            "| ① Run dispatch | Orders → Haulr | Scheduled: at 17:00 Orders locks tomorrow's runs and pushes each one. On demand: a dispatcher edits a locked run (add, drop or reorder a stop) and it is pushed again whole | Run JSON (lorry, driver, ordered stops with items) | 6 runs/day (8 at peak, Nov–Feb), ~25 stops each; ~10 re-pushes/day |\n"
            "| ② Proof of delivery | Haulr → Orders | Driver taps *Delivered* or *Couldn't deliver* on a stop | POD event JSON (quantities, photo, signature, reason) | One per stop: ≤150/day peak, ~40/day in summer |\n"
            '| ③ ETA ping | Haulr → Orders | Every 5 min per lorry while a run is in progress | ETA event JSON (next stops and minutes to arrival) | ≤ 8 lorries × 12/h × ~7 h ≈ 650/day |\n')
    assert not [f.message for f in lint_text(text, "markdown") if f.code == "IS101"]
    assert [f.name.text[:2] for f in spec_of(text).flows] == ["① ", "② ", "③ "]


def test_a_direction_that_says_who_pulls_names_the_destination():
    """"| Locker directory | Partner pulls |": the puller is where the data goes; the side it pulls from is implied,
    told but not named, and no end is called missing."""
    text = ("# Partner ⇄ BoxPoint\n\n## Flows\n\n| Flow | Direction | Trigger | Payload | Frequency |\n|---|---|---|---|---|\n"
            "| Reserve | Partner → BoxPoint | shipment manifested | reservation JSON | ~20,000/day |\n"
            "| Locker directory | Partner pulls | timer, every 15 minutes | changed lockers | 96 calls/day |\n")
    directory = spec_of(text).flows[1]
    assert directory.destination.text == "Partner" and directory.source.loose
    assert not [f for f in lint_text(text, "markdown") if f.code == "IS101"]


def test_a_broker_hop_in_a_direction_is_the_topic_its_message_travels_on():
    """"ERP → Kafka `erp.batch-quality` → MES": from ERP to MES on that topic, and the contract named like the flow
    ("**QA status**" over its JSON) is that message, owing no response."""
    text = ("# ERP → MES\n\n## Flows\n\n| Flow | Direction | Trigger | Payload | Volume |\n|---|---|---|---|---|\n"
            "| QA status | ERP → Kafka `erp.batch-quality` → MES | QA decides | one status change | ~90/day |\n\n"
            "| Receipt | MES → ERP | batch closed | one batch | ~90/day |\n\n"
            "## Messages\n\n**Receipt** (`POST /api/v2/batch-receipts`):\n\n```json\n{\"batch\": \"B25-072\"}\n```\n\n"
            "`201 {\"receipt\": \"5000381277\"}`.\n\n**QA status** (`erp.batch-quality`, key = batch):\n\n```json\n"
            "{\"batch\": \"B25-072\", \"usage_decision\": \"UR\", \"version\": 2}\n```\n")
    spec = spec_of(text)
    flow = spec.flows[0]
    assert (flow.source.text, flow.destination.text, flow.topic.text) == ("ERP", "MES", "erp.batch-quality")
    assert [c.kind for c in spec.contracts] == ["http", "message"]
    assert not [f for f in lint_text(text, "markdown") if f.code == "IS202"]


def test_a_note_among_flows_told_by_their_keys_is_no_flow():
    # an outline whose flows give "direction:", "trigger:", ... and one sibling that only remarks on all of them
    spec = spec_of("# Mill ↔ Depot\n\n- **Mill ↔ Depot**\n  - Flows\n    - F1 grain lots\n      - direction: Mill → Depot\n"
                   "      - trigger: lot closed\n      - frequency: ~80/day\n    - F2 invoices\n"
                   "      - direction: Depot → Mill\n      - trigger: month end\n      - frequency: monthly\n"
                   "    - Re-sends (every flow)\n      - F1 puts the whole lot with `PUT` → a second send changes nothing\n"
                   "      - F2 carries `invoice_no`; a known one gets `409` → counted as done\n")
    assert [f.name.text for f in spec.flows] == ["F1 grain lots", "F2 invoices"]


def test_a_volume_that_only_varies_beside_flows_with_figures():
    text = ("# Bakery ⇄ ERP\n\n## Flows\n\n| Flow | Direction | Trigger | Payload | Volume |\n|---|---|---|---|---|\n"
            "| F1 Order | Shop → ERP | Order placed | Order JSON | ~300/day |\n"
            "| F2 Invoice | ERP → Shop | Invoice posted | Invoice JSON | ~250/day |\n"
            "| F3 Credit note | ERP → Shop | Short delivery recorded | Credit note JSON | varies |\n")
    assert [f.line for f in lint_text(text, "markdown") if f.code == "IS101"] == [9]


def test_a_volume_told_apart_names_its_flow_as_words_inflect():
    text = ("# Queue ⇄ Player\n\n## Flows\n\n| Flow | Direction | Trigger | Payload |\n|---|---|---|---|\n"
            "| Entry added | Queue → Player | A guest adds a song | Entry JSON |\n"
            "| Song finished | Player → Queue | The song ends | Status JSON |\n\n"
            "## How busy it gets\n\nOn a busy night about 120 entries added, peaking at 40 an hour.\n")
    assert [f.line for f in lint_text(text, "markdown") if f.code == "IS101"] == [8]  # the song's flow has none


def test_a_heading_labelled_as_a_flow_is_that_flow_whatever_its_name_says():
    text = ("# Trucks → Billing\n\n## 2. Flow A: lift events\n\nTrucks → Billing. Trigger: every 60 s per truck. "
            "Payload: lift batch JSON. Volume: ~38,000 lifts a day.\n\n## 4. Contract: lift batch\n\n"
            "`POST https://billing.example/api/v1/lifts`, at most 500 events.\n\n```json\n{\"events\": []}\n```\n\n"
            "Response `200`:\n\n```json\n{\"results\": []}\n```\n")
    assert [c.url.text for c in spec_of(text).contracts] == ["https://billing.example/api/v1/lifts"]


def test_a_run_in_lead_naming_another_part_after_bold_headings_is_a_sibling_section():
    text = ("# Cellar ⇄ POS\n\n**Data flows**\n\n| Flow | From → To | Trigger | Payload | Volume |\n|---|---|---|---|---|\n"
            "| Record sale | POS → Cellar | Ticket closed | Sale JSON | ~300/hour |\n\n"
            "**Retries.** Exponential backoff with jitter, 1 s → 2 s → 4 s → 8 s, capped at 30 s, max 5 retries; a "
            "breaker opens after 15 consecutive failures for 3 minutes.\n")
    spec = spec_of(text)
    assert [f.name.text for f in spec.flows] == ["Record sale"]
    assert spec.retry is not None and spec.retry.max_attempts is not None


def test_a_state_machines_table_of_moves_is_no_flow_table():
    text = ("# Wagons → Tracker\n\n## Transitions\n\n| From | To | Set by | Trigger |\n|---|---|---|---|\n"
            "| `EM` | `LD` | sensor event | load rising in a terminal |\n| `LD` | `LO` | clerk | weight confirmed |\n"
            "| `LO` | `IT` | tracker | train departed |\n| `IT` | `AR` | sensor event | yard geofence entered |\n"
            "| `AR` | `EM` | sensor event | load empty for 20 min |\n| any | `BO` | clerk | defect card raised |\n\n"
            "## Flows\n\n| Flow | Source | Destination | Trigger | Payload | Frequency |\n|---|---|---|---|---|---|\n"
            "| F1 Events | Sensors | Tracker | every 60 s | event batch JSON | ~95,000/day |\n")
    assert [f.name.text for f in spec_of(text).flows] == ["F1 Events"]
    systems = text.replace("`EM`", "Shop").replace("`LD`", "ERP").replace("`LO`", "WMS").replace("`IT`", "TMS") \
        .replace("`AR`", "CRM").replace("`BO`", "BI").replace("| any |", "| Shop |")
    assert len(spec_of(systems).flows) == 7  # the same table between systems is one of flows


def test_a_state_machines_moves_in_one_from_to_column_are_no_flows():
    """"| From → To |" over "QUEUED/RETRYING → SYNCED": a record's moves between statuses, each end one state or
    several left from, with a column per system saying what it does; the same column between systems is flows."""
    text = ("# Shop → Ledger\n\n## Flows\n\n| Flow | Direction | Trigger | Payload | Frequency |\n|---|---|---|---|---|\n"
            "| Sale | Shop → Ledger | `order.paid` webhook | order JSON | ~40/day |\n\n"
            "## Transitions\n\n| # | From → To | Trigger | Shop | Ledger |\n|---|---|---|---|---|\n"
            "| T1 | PAID → QUEUED | webhook | sends it | — |\n| T2 | QUEUED/RETRYING → SYNCED | message processed | — | books it |\n"
            "| T3 | QUEUED/RETRYING → RETRYING | 503 or timeout | — | — |\n| T4 | RETRYING → DEAD_LETTERED | 8th failure | — | — |\n"
            "| T5 | SYNCED → REFUNDED | `order.refunded` | sends it | reverses it |\n")
    assert [f.name.text for f in spec_of(text).flows] == ["Sale"]
    systems = text.replace("PAID → QUEUED", "Shop → Relay").replace("QUEUED/RETRYING → SYNCED", "Relay → Ledger") \
        .replace("QUEUED/RETRYING → RETRYING", "Ledger → Relay").replace("RETRYING → DEAD_LETTERED", "Relay → Archive") \
        .replace("SYNCED → REFUNDED", "Ledger → Shop")
    assert len(spec_of(systems).flows) == 6


def test_a_flow_table_between_systems_written_in_capitals_keeps_its_flows():
    text = ("# Retail\n\n## Flows\n\n| Flow | From | To | Trigger | Payload | Frequency |\n|---|---|---|---|---|---|\n"
            "| Sale | POS | ERP | till closes | sale JSON | ~300/hour |\n| Pick | ERP | WMS | order paid | pick JSON | ~200/hour |\n"
            "| Ship | WMS | TMS | parcel packed | label JSON | ~150/hour |\n| Invoice | TMS | ERP | delivered | POD JSON | ~150/hour |\n"
            "| Stock | WMS | POS | count changes | stock JSON | ~50/hour |\n")
    assert len(spec_of(text).flows) == 5


def test_a_second_table_gives_each_flows_volume_by_its_id():
    """A public-sector spec: the flows table has no volume column; a table of volumes by flow id follows. "on
    occurrence" is when, not how often."""
    text = ("# Ski school ⇄ Guest portal\n\n## 3.1 Data flows\n\n| ID | Flow | Direction | Trigger | Content |\n|---|---|---|---|---|\n"
            "| F1 | Availability | School → Portal | Every 10 minutes | Availability JSON |\n"
            "| F2 | Booking | Portal → School | Guest checks out | Booking JSON |\n"
            "| F3 | Course cancelled | School → Portal | School cancels a course | Cancellation JSON |\n\n"
            "3.1.2 Expected volumes:\n\n| Flow | Volume |\n|---|---|\n| F1 | 90 calls/day |\n| F2 | 600 bookings/day |\n"
            "| F3 | on occurrence |\n")
    flows = {f.name.text: f.frequency.text if f.frequency else None for f in spec_of(text).flows}
    assert flows == {"F1": "90 calls/day", "F2": "600 bookings/day", "F3": "on occurrence"}
    assert [f.line for f in lint_text(text, "markdown") if f.code == "IS101"] == [9]


def test_a_table_of_what_each_system_is_watched_for_or_promises_is_no_flow_table():
    """"| System | Latency | Error rate | Queue depth / dead letters | Credential expiry |" and "| System | Latency target |
    Availability | When the other side is down |": words loosely a flow table's ("rate", "target", "when"), no flows."""
    text = ("# Lab ⇄ Ledger\n\n## Data flows\n\n| Source | Destination | Trigger | Payload | Frequency |\n|---|---|---|---|---|\n"
            "| Booking | Charges | usage confirmed | usage event | ~400/day |\n\n## Service levels\n\n| System | Latency target | "
            "Availability | When the other side is down |\n|---|---|---|---|\n| Booking | answered within 3 s | 99.5% | "
            "retries |\n| Charges | within 2 hours (P95) | 99.9% | events wait on SQS |\n\n## Monitoring\n\n| System | Latency | "
            "Error rate | Queue depth / dead letters | Credential expiry |\n|---|---|---|---|---|\n| Booking | P95 > 5 min → "
            "warning | > 2% over 1 h → warning | failed > 0 → warning | secret older than 170 days → warning |\n")
    assert len(spec_of(text).flows) == 1


def test_the_event_at_the_head_of_an_arrow_chain_is_the_flows_trigger():
    """A flow told as a chain ("Kiln event webhook → bridge → booking updated in Shop") starts with its first link:
    the event is its trigger, though no word says "trigger"."""
    text = ("# Shop ⇄ Kiln\n\n## What flows where\n\n"
            "- **New booking**: Shop → Kiln. Shop `booking.created` webhook → bridge → Kiln creates a firing. "
            "About 20 a week.\n"
            "- **Firing finished**: Kiln → Shop. Kiln event webhook → bridge → booking updated in Shop. "
            "About 20 a week.\n")
    assert [f.trigger.text for f in spec_of(text).flows] == ["Shop `booking.created` webhook", "Kiln event webhook"]
    assert codes(text, "IS101") == []


def test_a_section_over_a_table_of_flows_holds_flows_and_is_not_one():
    """An answer key's "**Model answer**" over the flows table: each row is a flow; the label is no flow of its own,
    and no system."""
    text = ("# Paper 2\n\n## Q1. Identify the data flows\n\n**Model answer**\n\n"
            "| Flow | Direction | Trigger | Payload | Volume |\n|---|---|---|---|---|\n"
            "| Position batch | RouteWise -> BusBuddy | Webhook every 15 s per bus | Batch of pings | ~81,600/hour |\n"
            "| Stop event | RouteWise -> BusBuddy | Webhook when a bus reaches a stop | One stop event | ~12,000/day |\n\n"
            "**Marking notes**\n\n- Accept \"every 15 seconds\" for the position trigger.\n")
    flows = spec_of(text).flows
    assert [f.name.text for f in flows if f.source is not None] == ["Position batch", "Stop event"]
    assert [f.source.text for f in flows if f.source is not None] == ["RouteWise", "RouteWise"]


def test_review_a_system_named_for_notifications_is_no_trigger():
    text = ("# Shop ⇄ Kiln\n\n## What flows where\n\n- **Firing results**: Kiln → Shop. Kiln notifications service → "
            "bridge → Shop. Payload: firing result JSON. About 20 a week.\n")
    assert codes(text, "IS101") == ["IS101"]


def test_the_sender_named_after_a_flows_trigger_clause_is_its_source():
    text = ("# Bookings → Band\n\n## Part A: What moves, and when\n\n**Rule 2. Changes and cancellations follow the same "
            "path.**\nWhen the organiser changes the date or cancels, GigBook sends the changed fields to BandRoster on the "
            "`booking.changed` event. About 8 changes a week in season.\n\n**Rule 3. The confirmed line-up goes back.**\n"
            "When the band secretary presses *Confirm line-up* in BandRoster, BandRoster posts the line-up to GigBook. "
            "Up to 25 a week in season.\n")
    assert [(f.source.text if f.source else None) for f in spec_of(text).flows] == ["GigBook", "BandRoster"]


def test_a_bare_label_in_a_flow_outline_takes_the_items_under_it():
    # "- Frequency" with nothing after it, its value in the items nested under it
    text = ("# Coop → Wholesaler\n\n## Data flows\n\n- Flows\n  - F1 Bulk order: CoopCart → GWF\n"
            "    - Trigger: scheduled, Tuesday 18:00\n    - Payload: one order JSON\n    - Frequency: 1 order a fortnight\n"
            "  - F2 Order events: GWF → CoopCart\n    - Trigger: GWF webhook when the order is confirmed\n"
            "    - Payload: event JSON\n    - Frequency\n      - 1 `order.confirmed` per order\n"
            "      - Up to ~20 `line.cut` per order\n")
    flows = spec_of(text).flows
    assert [f.frequency is not None for f in flows] == [True, True]
    assert "IS101" not in codes(text)


def test_an_estimate_per_occasion_of_the_domains_is_a_flows_volume():
    """"**Ticket voided.** Chorusline → Gatekeep. Triggered by the `order.refunded` webhook. About 8 per concert.": about
    8 times a concert. "Once per concert" says when, and a count with no estimate word ("3 retries per message") is no
    volume."""
    text = ("# Choir tickets\n\n## 2. Flows\n\n"
            "**Ticket issued.** Chorusline → Gatekeep. Payload: the ticket JSON. Chorusline fires its `order.paid` "
            "webhook at our relay. About 350 per concert.\n\n"
            "**Ticket voided.** Chorusline → Gatekeep. Payload: the ticket JSON. Triggered by Chorusline's "
            "`order.refunded` webhook. About 8 per concert.\n")
    assert [f.frequency is not None for f in spec_of(text).flows] == [True, True]
    assert not any("frequency" in f.message for f in lint_text(text, "markdown") if f.code == "IS101")
    for said in ("Up to 3 retries per message.", "About 3 retries per message.", "About 2 KB per ticket.",
                 "About 40 ms per call."):
        other = text.replace("About 8 per concert.", said)
        assert any("'Ticket voided'" in f.message and "frequency" in f.message
                   for f in lint_text(other, "markdown") if f.code == "IS101"), said
