#!/usr/bin/env python3
"""Extracts, from the Mastodon OpenAPI spec, which fields each entity must carry (recursively), into
tests/fixtures/mastodon_required.json. The integration tests check our answers against it.

Usage: scripts/mastodon_required.py [path/to/schema.json]
(default: ../shared/reference/mastodon-openapi/schema.json, relative to the repository root)
"""
import json
import pathlib
import sys

ENTITIES = [
    "Account", "CredentialAccount", "Application", "CredentialApplication", "Token", "Instance",
    "V1Instance", "Error", "Status", "Relationship", "Notification", "Search", "Context", "Tag",
    "Suggestion",
]

root = pathlib.Path(__file__).resolve().parent.parent
spec_path = pathlib.Path(sys.argv[1]) if len(sys.argv) > 1 else root.parent / "shared/reference/mastodon-openapi/schema.json"
schemas = json.loads(spec_path.read_text())["components"]["schemas"]


def required(node, seen=()):
    """A tree of required field names; "[]" stands for the items of a list."""
    if "$ref" in node:
        name = node["$ref"].rsplit("/", 1)[-1]
        return {} if name in seen else required(schemas[name], seen + (name,))
    for key in ("oneOf", "anyOf"):
        if key in node:
            options = [o for o in node[key] if o.get("type") != "null"]
            return required(options[0], seen) if options else {}
    kind = node.get("type")
    if kind == "array" or (isinstance(kind, list) and "array" in kind):
        return {"[]": required(node["items"], seen)} if "items" in node else {}
    props = node.get("properties", {})
    return {field: required(props.get(field, {}), seen) for field in node.get("required", [])}


out = {name: required(schemas[name], (name,)) for name in ENTITIES if name in schemas}
target = root / "tests/fixtures/mastodon_required.json"
target.write_text(json.dumps(out, indent=1, sort_keys=True) + "\n")
print(f"wrote {target} ({len(out)} entities)")
