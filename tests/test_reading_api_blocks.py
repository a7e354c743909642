"""An OpenAPI or AsyncAPI description pasted into a Markdown spec is read as the contracts it declares:
each operation its method, URL, headers, schemas and status codes; each channel its address and
payload. The examples around it join the operation whose schema they show."""

from intspec_lint import lint_text
from intspec_lint.document.markdown import parse_markdown
from intspec_lint.reading.markdown import extract_markdown
from intspec_lint.reading.vocabulary import load_vocabulary


def spec_of(text):
    return extract_markdown(parse_markdown(text), load_vocabulary())


def findings(text, *only):
    return [(f.code, f.line) for f in lint_text(text, "markdown") if not only or f.code in only]


OPENAPI = """# Kennel Club → Show Office

## Contracts

The Show Office publishes an OpenAPI document; this is the part we use.

```yaml
openapi: 3.1.0
servers:
  - url: https://api.shows.example/v2
paths:
  /entries:
    post:
      parameters:
        - {name: Idempotency-Key, in: header, required: true, schema: {type: string}}
      requestBody:
        content:
          application/json:
            schema:
              type: object
              required: [dog_id, class_code]
              properties:
                dog_id: {type: string}
                class_code: {type: string}
      responses:
        "201": {description: Entry stored, content: {application/json: {schema: {$ref: "#/components/schemas/Entry"}}}}
        "409": {description: Entry closed at 18:00 UTC the day before}
        "422": {description: Unknown class, or dog not registered}
  /entries/{entry_id}/withdrawal:
    post:
      requestBody:
        content:
          application/json:
            schema: {type: object, required: [reason], properties: {reason: {type: string}, note: {type: string}}}
      responses:
        "204": {description: Withdrawn, or already withdrawn}
components:
  schemas:
    Entry:
      type: object
      required: [entry_id, ring_no]
      properties: {entry_id: {type: string}, ring_no: {type: integer}}
```

### Examples

Entering a dog:

```json
{"dog_id": "KC-0042", "class_code": "P3"}
```

```json
{"entry_id": "E-77", "ring_no": 4}
```

Withdrawing it:

```json
{"reason": "lame", "note": "vet letter sent"}
```
"""


def test_each_operation_of_an_openapi_block_is_a_contract():
    contracts = {c.label: c for c in spec_of(OPENAPI).contracts}
    entry = contracts["POST https://api.shows.example/v2/entries"]
    withdraw = contracts["POST https://api.shows.example/v2/entries/{entry_id}/withdrawal"]
    assert len(contracts) == 2  # the words around the block are no contract of their own
    assert [(s.code, s.meaning.text) for s in entry.status_codes][1] == (409, "Entry closed at 18:00 UTC the day before")
    assert [h.text for h in entry.headers] == ["Idempotency-Key"]
    assert entry.bodies["response"].schema["required"] == ["entry_id", "ring_no"]  # the $ref followed
    assert ("response", None) in [(e.role, e.data) for e in withdraw.examples]  # 204: the whole answer


def test_the_examples_below_join_the_operation_whose_schema_they_show():
    contracts = {c.label: c for c in spec_of(OPENAPI).contracts}
    entry = contracts["POST https://api.shows.example/v2/entries"]
    withdraw = contracts["POST https://api.shows.example/v2/entries/{entry_id}/withdrawal"]
    assert [(e.role, e.data["dog_id" if e.role == "request" else "ring_no"]) for e in entry.examples] == [
        ("request", "KC-0042"), ("response", 4)]
    assert [e.data for e in withdraw.examples if e.role == "request"] == [{"reason": "lame", "note": "vet letter sent"}]
    # the Idempotency-Key header parameter makes the entry safe to repeat; the withdrawal has no key
    assert findings(OPENAPI, "IS201", "IS202", "IS203", "IS204", "IS205") == []
    assert [line for code, line in findings(OPENAPI, "IS901")] == [30]  # its "post:" line


def test_an_example_that_breaks_the_operations_schema_is_reported_against_it():
    broken = OPENAPI.replace('{"dog_id": "KC-0042", "class_code": "P3"}', '{"dog_id": "KC-0042", "class": 3}')
    assert [code for code, _ in findings(broken, "IS204")] == ["IS204"]


def test_a_section_over_one_operation_and_its_examples_is_that_operation():
    text = """# Survey vessel → Ingest

## Contracts

### Chunk upload

```yaml
paths:
  /v1/chunks:
    post:
      servers: [{url: https://ingest.example}]
      requestBody:
        content:
          application/json:
            schema: {type: object, required: [line, soundings], properties: {line: {type: string}, soundings: {type: integer}}}
      responses:
        "201": {description: stored, content: {application/json: {schema: {type: object, properties: {chunk_id: {type: string}, stored: {type: integer}}}}}}
        "400": {description: body fails the schema}
```

Example:

```json
{"line": "L0147", "soundings": 49712}
```

```json
{"chunk_id": "C-3", "stored": 49712}
```
"""
    (contract,) = spec_of(text).contracts
    assert contract.label == "POST https://ingest.example/v1/chunks"  # the operation's own server
    assert contract.name.text == "Chunk upload"
    assert [e.role for e in contract.examples] == ["request", "response"]
    assert findings(text, "IS201", "IS202", "IS204") == []


def test_a_hand_typed_excerpt_with_punctuation_in_a_description_is_still_read():
    text = OPENAPI.replace('"422": {description: Unknown class, or dog not registered}',
                           '"422": {description: Unknown class (see classes[].code), or dog not registered}')
    assert len(spec_of(text).contracts) == 2


def test_an_asyncapi_channel_is_a_message_contract():
    text = """# Stud book → Breeders

## Messages

```yaml
asyncapi: 2.6.0
channels:
  studbook.litters.v1:
    subscribe:
      message:
        payload:
          type: object
          required: [litter_id, born_on]
          properties: {litter_id: {type: string}, born_on: {type: string, format: date}}
```
"""
    (contract,) = spec_of(text).contracts
    assert (contract.kind, contract.topic.text) == ("message", "studbook.litters.v1")
    assert contract.bodies["request"].schema["required"] == ["litter_id", "born_on"]


def test_a_block_that_is_no_api_description_is_left_to_the_other_readers():
    text = """# A → B

## Create order

`POST https://b.example/v1/orders`

```yaml
paths: not a mapping of paths
```
"""
    (contract,) = spec_of(text).contracts
    assert contract.label == "POST https://b.example/v1/orders"


EXTENDED = '''# Growers → District

```yaml
openapi: 3.1.0
info: {title: Water orders, version: "2.3"}
x-data-flows:
  - name: place-water-order
    direction: Growers -> District
    trigger: Grower submits an order in the app
    payload: WaterOrderRequest
    frequency: "~1,200/day in season"
x-error-classes:
  transient:
    codes: [429, 503]
    action: Retry per x-retry
  permanent:
    codes: [400, 422]
    action: No retry; the message goes to the dead letter
x-retry:
  strategy: exponential backoff, full jitter
  initial-delay: 2s
  max-attempts: 6
  max-delay: 60s
x-circuit-breaker:
  threshold: 10 consecutive failures
  open-for: 5min
paths:
  /water-orders:
    post:
      operationId: createWaterOrder
      requestBody:
        content:
          application/json:
            schema:
              type: object
              properties:
                turnout_id: {type: string}
                crop: {type: string, enum: [almonds, walnuts]}
            example: {turnout_id: T-117-B, crop: almonds}
      responses:
        "201":
          description: Order accepted
          content:
            application/json:
              schema: {type: object, properties: {order_id: {type: string}}}
              example: {order_id: WO-1}
        "400": {description: Invalid body}
```
'''


def test_an_api_descriptions_extensions_say_what_their_names_say_and_its_examples_are_read():
    """`x-data-flows`, `x-error-classes` and `x-retry` in an OpenAPI block are the flows, error classes and
    retry policy; a media type's `example:` is the operation's example."""
    spec = spec_of(EXTENDED)
    assert [f.name.text for f in spec.flows] == ["place-water-order"]
    assert {e.category for e in spec.errors} == {"transient", "permanent"}
    assert spec.retry is not None and spec.retry.initial_delay.text == "2s"
    contract, = spec.contracts
    assert sorted(e.role for e in contract.examples) == ["request", "response"]
    found = {f.code for f in lint_text(EXTENDED, "markdown")}
    assert not found & {"IS101", "IS202", "IS401", "IS501"}


def test_a_raml_definition_is_read_with_its_resource_types_traits_and_nested_resources():
    raml = """#%RAML 1.0
title: Loft API
version: v3
baseUri: https://api.loft.example/{version}
traits:
  rateLimited:
    responses:
      429: { description: Over 60 requests a minute. }
resourceTypes:
  item:
    get:
      responses:
        200: { body: { type: <<itemType>> } }
        404: { description: No <<itemType>> with this id. }
/measurements:
  post:
    is: [ rateLimited ]
    body:
      application/json:
        type: Measurement
        example: |
          {"ref": "RC-1", "luffMm": 13620}
    responses:
      201:
        body:
          application/json:
            example: |
              {"measurementId": "MS-1"}
  /{measurementId}:
    type: { item: { itemType: Measurement } }
    put:
      body: { type: Measurement }
      responses:
        423: { description: Sheet locked. }
"""
    spec = spec_of(f"# Rig → Loft\n\n## Loft API\n\n```raml\n{raml}```\n")
    assert [(c.method.text, c.url.text, sorted(s.code for s in c.status_codes)) for c in spec.contracts] == [
        ("POST", "https://api.loft.example/v3/measurements", [201, 429]),
        ("GET", "https://api.loft.example/v3/measurements/{measurementId}", [200, 404]),
        ("PUT", "https://api.loft.example/v3/measurements/{measurementId}", [423])]
    assert [sorted(e.role for e in c.examples) for c in spec.contracts][0] == ["request", "response"]
    assert spec.contracts[1].response_shape.text == "(type Measurement in the API description)"
