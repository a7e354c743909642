"""The whole-text scan: pasted secrets (told once, by kind, never quoted) and open decisions."""

from intspec_lint import lint_text

JWT = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJzaG9wLXN5bmMifQ.c2lnbmF0dXJlLXNpZ25hdHVyZQ"


def secrets(text):
    return [(f.line, f.message) for f in lint_text(text, "markdown") if f.code == "IS303"]


def test_a_secret_both_named_and_shaped_is_told_once_by_its_name():
    found = secrets(f"# Feed\n\n## Authentication\n\n- refresh_token: {JWT}\n")
    assert len(found) == 1 and "access token" in found[0][1] and JWT not in found[0][1]


def test_each_shape_is_found_on_its_own_line():
    text = ("# Feed\n\nKey `AKIAQWERTYUIOPASDFGH` in the example.\n\n"
            "```http\nGET /v1/x HTTP/1.1\nAuthorization: Bearer Zx81kQ0pLmN3vB7cT5rY2wE9\n```\n\n"
            "password = Tr0ub4dor-and-3\n")
    assert [line for line, _ in secrets(text)] == [3, 7, 10]


def test_placeholders_and_words_are_not_secrets():
    text = ("# Feed\n\n`Authorization: Bearer <token>`; api_key: stored in Vault; AKIAIOSFODNN7EXAMPLE;\n"
            "password: ********; token: ${SHOP_TOKEN}\n")
    assert secrets(text) == []


def test_an_open_todo_is_reported_once_and_a_placeholder_a_part_owes_is_left_to_its_rule():
    text = ("# Feed\n\n## Retry policy\n\n- **Max attempts**: TBD\n\n## Open points\n\n"
            "TODO: agree the cut-over date with the warehouse.\n")
    found = [f for f in lint_text(text, "markdown") if f.code in ("IS013", "IS501")]
    codes = [(f.code, f.line) for f in found]
    assert ("IS013", 9) in codes and ("IS013", 5) not in codes
    assert ("IS501", 5) in {(f.code, gap.line) for f in found for gap in f.gaps}  # a gap of the retry policy


def test_a_vault_secrets_name_with_an_algorithm_in_it_is_no_pasted_secret():
    text = ("# A → B\n\n## Authentication\n\n- SFTP: key pair; the private key lives in Key Vault `kv-logistics` "
            "(secret `kestrel-sftp-ed25519`), rotated every 12 months.\n")
    assert "IS303" not in sorted({f.code for f in lint_text(text, 'markdown')})
    pasted = text.replace("`kestrel-sftp-ed25519`", "`ks_Jq8vT2mX7pL4wR9zK3nY6hD1`")
    assert "IS303" in sorted({f.code for f in lint_text(pasted, 'markdown')})
