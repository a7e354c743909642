"""Deterministic corpora of realistic integration specs, for the benchmark.

    python benchmarks/generate.py OUT_DIR [--seed 7]

writes OUT_DIR/md-{1,100,1000}/ and OUT_DIR/yaml-{1,100,1000}/ (specs of about 4 KB, in the
template's style, as bullet lists and as prose, some with defects) and OUT_DIR/big/ (one Markdown
and one YAML spec of about 5 MB with thousands of flows and mapping rows).
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

SYSTEMS = ["Order Service", "Billing API", "Fulfillment API", "CRM", "Ledger", "Inventory DB", "Payroll", "HRIS",
           "Warehouse WMS", "Claims Engine", "Loyalty Platform", "Ticketing", "Data Lake", "Identity Provider"]
ENTITIES = ["order", "invoice", "shipment", "contact", "payment", "employee", "claim", "ticket", "booking", "account"]
FIELDS = ["id", "email", "created_at", "status", "amount", "currency", "name", "phone", "address.zip", "updated_at"]
TYPES = ["string", "integer", "decimal", "ISO 8601", "Unix epoch (ms)", "enum (1,2,3)", "boolean", "uuid"]


def _flow(r: random.Random, a: str, b: str) -> list[str]:
    entity = r.choice(ENTITIES)
    return [f"Sync {entity} {r.randint(1, 99)}", a, b, f"`{entity}.{r.choice(['created', 'updated'])}` event",
            f"{entity.title()} JSON", f"~{r.randint(10, 900)}/hour peak"]


def markdown_spec(r: random.Random, index: int, flows: int = 3, mappings: int = 6) -> str:
    a, b = r.sample(SYSTEMS, 2)
    entity = r.choice(ENTITIES)
    style = index % 3
    lines = [f"# Integration Specification: {a} → {b} ({index})", "",
             "## 1. Overview", "",
             f"{a} (producer) sends every {entity} to {b} (consumer) so that both stay in step. The pattern is "
             "event-driven asynchronous messaging.", "",
             "## 2. Data Flows", ""]
    rows = [_flow(r, a, b) for _ in range(flows)]
    if style == 1:
        lines += [f"- **{row[0]}** — {row[1]} → {row[2]}; trigger: {row[3]}; payload: {row[4]}; frequency: {row[5]}"
                  for row in rows]
    else:
        lines += ["| Flow | Source | Destination | Trigger | Payload | Frequency |", "|---|---|---|---|---|---|"]
        lines += ["| " + " | ".join(row) + " |" for row in rows]
    path = f"/v{r.randint(1, 3)}/{entity}s"
    lines += ["", "## 3. API Contracts", "", f"### 3.1 POST https://api.example.com{path}", "",
              f"Headers: `Content-Type: application/json`, `Idempotency-Key: {entity}-{{id}}`.", "",
              "Request body: `id` (string, required), `amount` (integer, required), `currency` (string, required).", "",
              "Response body: `{id, status}`; errors as `{code, message}`.", "",
              "Status codes: 201 created, 400 invalid payload, 401 bad token, 409 duplicate, 503 unavailable.", "",
              "Example request:", "", "```json",
              f'{{"id": "{entity}-{r.randint(1000, 9999)}", "amount": {r.randint(1, 99999)}, "currency": "EUR"}}',
              "```", "", "Example response:", "", "```json", f'{{"id": "x-{index}", "status": "accepted"}}', "```", "",
              "## 4. Authentication", "",
              f"- **{a}**: OAuth 2.0 client credentials; secret rotated every 90 days; stored in HashiCorp Vault",
              f"- **{b}**: API key; rotated quarterly by the platform team; stored in AWS Secrets Manager", "",
              "## 5. Error Handling", "",
              "| Category | Examples | Action |", "|---|---|---|",
              "| Transient | 429, 503, timeout | Retry with backoff |",
              "| Permanent | 400, 401, 404 | Alert and dead-letter |",
              "| Partial | Batch with some failed records | Process successes, retry failures separately |", ""]
    if style == 2:
        lines += ["## 6. Retries", "",
                  f"We retry with exponential backoff and full jitter, starting at {r.randint(1, 3)} second and "
                  f"doubling up to a cap of 60 seconds, for at most {r.randint(3, 8)} attempts. After 10 consecutive "
                  "failures the circuit opens for 5 minutes. Dead-letter handling: failed messages go to the "
                  f"`{entity}-dlq` queue and the on-call is paged.", ""]
    else:
        lines += ["## 6. Retry Logic", "", "- **Strategy**: exponential backoff with jitter",
                  f"- **Initial delay**: {r.randint(1, 3)} second", f"- **Max retries**: {r.randint(3, 8)}",
                  "- **Max delay cap**: 60 seconds",
                  "- **Circuit breaker threshold**: 10 consecutive failures open the circuit for 5 minutes",
                  f"- **Dead-letter handling**: the `{entity}-dlq` queue; PagerDuty alerts the on-call", ""]
    lines += ["## 7. Monitoring", "", "| Metric | Threshold | Alert |", "|---|---|---|",
              "| End-to-end latency (P99) | > 2 seconds | Warning |", "| Error rate | > 1% over 5 minutes | Critical |",
              "| Dead-letter queue size | > 0 | Critical |", "| OAuth token expiry | < 7 days | Warning |", "",
              "## 8. Data Mapping", "", "| Source Field | Source Type | Target Field | Target Type | Transform |",
              "|---|---|---|---|---|"]
    for _ in range(mappings):
        field = r.choice(FIELDS)
        transform = "" if r.random() < 0.05 else r.choice(["Lowercase, trim", "Convert to UTC", "None", "Map: 1=a, 2=b"])
        lines.append(f"| `{entity}.{field}` | {r.choice(TYPES)} | `{field.replace('.', '_')}` | {r.choice(TYPES)} | "
                     f"{transform} |")
    lines += ["", "## 9. Idempotency", "",
              "Every write operation carries an idempotency key; duplicates are ignored by the consumer.", ""]
    return "\n".join(lines)


def yaml_spec(r: random.Random, index: int, flows: int = 3, mappings: int = 6) -> str:
    a, b = r.sample(SYSTEMS, 2)
    entity = r.choice(ENTITIES)
    out = ["intspec: 1", f"title: {a} to {b} ({index})", "overview:", "  systems:",
           f"    - {{name: {a}, role: producer}}", f"    - {{name: {b}, role: consumer}}",
           f"  purpose: keep {entity}s in step", "  pattern: event-driven", "flows:"]
    for row in (_flow(r, a, b) for _ in range(flows)):
        out += [f"  - name: {row[0]}", f"    source: {row[1]}", f"    destination: {row[2]}",
                f"    trigger: \"{row[3]}\"", f"    payload: {row[4]}", f"    frequency: \"{row[5]}\""]
    out += ["contracts:", f"  - name: Create {entity}", "    method: POST", f"    url: https://api.example.com/v1/{entity}s",
            "    headers:", "      Content-Type: application/json", f"      Idempotency-Key: \"{entity}-{{id}}\"",
            "    request:", "      fields:", "        - {name: id, type: string, required: true}",
            "        - {name: amount, type: integer, required: true}", "    response:",
            "      schema: {type: object, properties: {id: {type: string}}}",
            "    status_codes: {201: created, 400: invalid, 401: bad token, 503: unavailable}", "    examples:",
            f"      request: {{id: \"{entity}-{r.randint(1, 9999)}\", amount: {r.randint(1, 999)}}}",
            "      response: {id: x, status: accepted}", "auth:",
            f"  - {{system: {a}, mechanism: OAuth 2.0 client credentials, rotation: every 90 days, storage: Vault}}",
            f"  - {{system: {b}, mechanism: API key, rotation: quarterly, storage: AWS Secrets Manager}}", "errors:",
            "  - {category: transient, examples: [429, 503], action: retry with backoff}",
            "  - {category: permanent, examples: [400, 404], action: alert and dead-letter}",
            "  - {category: partial, examples: [some records fail], action: retry the failures separately}",
            "retry:", "  strategy: exponential backoff with jitter", f"  initial_delay: {r.randint(1, 3)}s",
            f"  max_attempts: {r.randint(3, 8)}", "  max_delay: 60s",
            "  circuit_breaker: {threshold: 10 consecutive failures, open_for: 5m}",
            f"dead_letter: {{destination: {entity}-dlq, alert: PagerDuty on-call}}", "monitoring:",
            "  - {metric: End-to-end latency (P99), threshold: \"> 2 s\", alert: warning}",
            "  - {metric: Error rate, threshold: \"> 1%\", alert: critical}",
            "  - {metric: Dead-letter queue size, threshold: \"> 0\", alert: critical}",
            "  - {metric: OAuth token expiry, threshold: \"< 7 days\", alert: warning}", "mappings:"]
    for _ in range(mappings):
        field = r.choice(FIELDS)
        out.append(f"  - {{source: {entity}.{field}, source_type: {r.choice(TYPES)!r}, target: {field.replace('.', '_')}, "
                   f"target_type: {r.choice(TYPES)!r}, transform: convert}}".replace("'", '"'))
    out += ["idempotency:", "  statement: every write operation carries an idempotency key",
            "  keys:", f"    - {{operation: Create {entity}, key: Idempotency-Key header}}", ""]
    return "\n".join(out)


def _sized(make, r: random.Random, index: int, size: int) -> str:
    """A spec grown to about `size` bytes with more mapping rows."""
    mappings = 6
    text = make(r, index, mappings=mappings)
    while len(text.encode()) < size * 0.9:
        mappings += max(1, int(mappings * (size / len(text.encode()) - 1)))
        text = make(random.Random(index), index, mappings=mappings)
    return text


def generate(out: Path, seed: int = 7) -> None:
    r = random.Random(seed)
    for count in (1, 100, 1000):
        for kind, make, suffix in (("md", markdown_spec, ".md"), ("yaml", yaml_spec, ".intspec.yaml")):
            folder = out / f"{kind}-{count}"
            folder.mkdir(parents=True, exist_ok=True)
            for index in range(count):
                text = _sized(make, random.Random(seed * 100003 + index), index, 4096)
                (folder / f"spec-{index:04d}{suffix}").write_text(text, encoding="utf-8")
    big = out / "big"
    big.mkdir(parents=True, exist_ok=True)
    (big / "huge.md").write_text(markdown_spec(r, 0, flows=11000, mappings=54000), encoding="utf-8")
    (big / "huge.intspec.yaml").write_text(yaml_spec(r, 0, flows=7000, mappings=31000), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    generate(args.out, args.seed)


if __name__ == "__main__":
    main()
