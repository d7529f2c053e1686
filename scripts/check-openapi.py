#!/usr/bin/env python3
"""Proves that real responses of a running Solemate service match openapi.yaml.

    scripts/check-openapi.py BASE_URL [--spec PATH]

Validates the document itself (openapi-spec-validator), then sends good and bad requests to
every operation the document describes -- admin ones with the token in $ADMIN_TOKEN -- and for
each response checks that its status is the one intended, that the operation documents that
status and content type, and that a JSON body validates against the documented schema (date
and date-time formats included). /metrics and /openapi.yaml are checked by content type (and
the YAML parsed and validated against its schema). OPTIONS on every path, known methods a path
does not take (405 with `Allow`) and, with $CORS_ORIGINS set for the service, CORS for an allowed
and a refused origin and a preflight are checked too, header fields included. Prints one line per check and last `N passed, M failed`; exits 1 on any
failure, 2 when it cannot run at all.

It writes to the service's database, as a client would: two fixed events (idempotent), one
new shoe per run (brand "OpenAPI Check"; scripts/openapi-check.sh deletes it afterwards), one care
and one replacement notification recorded as sent (when any are due),
it starts one retraining through /admin/train, and it creates, reads and stops one experiment
(named openapi-check-<time>).
"""
import json
import os
import re
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

try:
    import yaml
    import jsonschema  # noqa: F401  (openapi-schema-validator is built on it)
    from openapi_schema_validator import OAS31Validator, oas31_format_checker
except ImportError as error:
    print(f"check-openapi: missing Python package ({error.name}); install with:\n"
          "    python3 -m pip install PyYAML jsonschema openapi-schema-validator "
          "openapi-spec-validator rfc3339-validator", file=sys.stderr)
    sys.exit(2)
try:
    from openapi_spec_validator import validate as validate_spec
except ImportError:
    validate_spec = None

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


class Checker:
    def __init__(self, base, spec):
        self.base = base.rstrip("/")
        self.spec = spec
        self.passed = 0
        self.failed = 0
        self.routes = []
        for template, item in spec["paths"].items():
            pattern = "^" + re.sub(r"\\\{[^/]+?\\\}", "[^/]+", re.escape(template)) + "$"
            literal = template.count("{") == 0
            self.routes.append((not literal, re.compile(pattern), template, item))
        self.routes.sort(key=lambda route: route[0])  # literal templates first

    # -- reporting ---------------------------------------------------------------------------
    def result(self, ok, name, message):
        if ok:
            self.passed += 1
            print(f"PASS {name}: {message}")
        else:
            self.failed += 1
            print(f"FAIL {name}: {message}")

    # -- the document --------------------------------------------------------------------------
    def deref(self, node, seen=()):
        """Inlines every local `$ref` (the document has no cycles); a `$ref` with siblings
        becomes `allOf` of the target and the siblings."""
        if isinstance(node, list):
            return [self.deref(item, seen) for item in node]
        if not isinstance(node, dict):
            return node
        if "$ref" in node:
            ref = node["$ref"]
            if not ref.startswith("#/") or ref in seen:
                raise ValueError(f"unsupported or cyclic $ref {ref}")
            target = self.spec
            for part in ref[2:].split("/"):
                target = target[part.replace("~1", "/").replace("~0", "~")]
            resolved = self.deref(target, seen + (ref,))
            siblings = {key: value for key, value in node.items() if key != "$ref"}
            if not siblings:
                return resolved
            return {"allOf": [resolved, self.deref(siblings, seen)]}
        return {key: self.deref(value, seen) for key, value in node.items()}

    def operation(self, method, path):
        for _, pattern, template, item in self.routes:
            if pattern.match(path):
                return template, item.get(method.lower())
        return None, None

    # -- one request ---------------------------------------------------------------------------
    def request(self, method, target, body=None, headers=None, raw=None):
        data = raw if raw is not None else (json.dumps(body).encode() if body is not None else None)
        request = urllib.request.Request(self.base + target, data=data, method=method)
        if data is not None:
            request.add_header("Content-Type", "application/json")
        for key, value in (headers or {}).items():
            request.add_header(key, value)
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                return response.status, response.headers, response.read()
        except urllib.error.HTTPError as error:
            return error.code, error.headers, error.read()

    def check(self, method, target, expect, body=None, headers=None, raw=None, label=None, fields=None):
        """Sends the request, checks it against the document; answers the parsed JSON body (or None).
        `fields` maps response header names to the value wanted, True (present) or None (absent)."""
        name = label or f"{method} {target}"
        try:
            status, response_headers, payload = self.request(method, target, body, headers, raw)
            content_type = response_headers.get("Content-Type", "")
        except Exception as error:  # connection refused, timeout
            self.result(False, name, f"request failed: {error}")
            return None
        path = urllib.parse.urlsplit(target).path
        template, operation = self.operation(method, path)
        if operation is None and status == 405 and template is not None:
            # A method the path does not take: the 405 its operations document stands for it.
            item = next(item for _, _, t, item in self.routes if t == template)
            documented_405 = [op["responses"]["405"] for op in item.values()
                              if isinstance(op, dict) and "405" in op.get("responses", {})]
            operation = {"responses": {"405": documented_405[0]}} if documented_405 else None
        if operation is None:
            self.result(False, name, f"no operation {method} for {path} in the document")
            return None
        problems = []
        for field, wanted in (fields or {}).items():
            got = response_headers.get(field)
            if wanted is None and got is not None:
                problems.append(f"{field}: {got!r}, wanted none")
            elif wanted is True and got is None:
                problems.append(f"{field} missing")
            elif wanted not in (None, True) and got != wanted:
                problems.append(f"{field}: {got!r}, wanted {wanted!r}")
        expected = expect if isinstance(expect, (list, tuple, set)) else (expect,)
        if status not in expected:
            problems.append(f"status {status}, wanted {'/'.join(map(str, expected))}")
        responses = operation.get("responses", {})
        documented = responses.get(str(status)) or responses.get(f"{str(status)[0]}XX") or responses.get("default")
        parsed = None
        if documented is None:
            problems.append(f"status {status} is not documented for {method} {template}")
        else:
            documented = self.deref(documented)
            media = content_type.split(";")[0].strip().lower()
            content = documented.get("content", {})
            if not content and not payload:
                pass  # no body, none documented (204)
            elif media not in content:
                problems.append(f"content type {content_type!r} not documented for {status} (has {', '.join(content) or 'none'})")
            elif media.endswith("json"):
                try:
                    parsed = json.loads(payload)
                except ValueError as error:
                    problems.append(f"body is not JSON: {error}")
                else:
                    schema = content[media].get("schema")
                    if schema is not None:
                        validator = OAS31Validator(schema, format_checker=oas31_format_checker)
                        for error in sorted(validator.iter_errors(parsed), key=lambda e: list(e.absolute_path))[:3]:
                            where = "/".join(map(str, error.absolute_path)) or "(root)"
                            problems.append(f"schema: at {where}: {error.message[:200]}")
            elif media == "application/yaml":
                try:
                    document = yaml.safe_load(payload)
                    schema = content[media].get("schema")
                    if schema is not None:
                        validator = OAS31Validator(schema, format_checker=oas31_format_checker)
                        for error in list(validator.iter_errors(document))[:3]:
                            problems.append(f"schema: {error.message[:200]}")
                except yaml.YAMLError as error:
                    problems.append(f"body is not YAML: {error}")
            elif media.startswith("text/") and not payload:
                problems.append("empty body")
        self.result(not problems, name, f"{status} {content_type or '-'}" if not problems else "; ".join(problems))
        return parsed


def main():
    args = sys.argv[1:]
    spec_path = os.path.join(ROOT, "openapi.yaml")
    if "--spec" in args:
        index = args.index("--spec")
        spec_path = args[index + 1]
        del args[index:index + 2]
    if len(args) != 1:
        print(__doc__.strip().splitlines()[2].strip(), file=sys.stderr)
        return 2
    with open(spec_path) as handle:
        spec = yaml.safe_load(handle)
    c = Checker(args[0], spec)
    token = os.environ.get("ADMIN_TOKEN", "")

    # The document itself.
    if validate_spec is None:
        c.result(True, "openapi.yaml is a valid OpenAPI document", "skipped: openapi-spec-validator is not installed")
    else:
        try:
            validate_spec(spec)
            c.result(True, "openapi.yaml is a valid OpenAPI document", f"OpenAPI {spec.get('openapi')}")
        except Exception as error:
            c.result(False, "openapi.yaml is a valid OpenAPI document", str(error).splitlines()[0])
    registered = {(method.upper(), path) for path, item in spec["paths"].items() for method in item
                  if method in ("get", "post", "put", "patch", "delete")}

    # Operations.
    c.check("GET", "/", 200)
    c.check("GET", "/health", 200)
    c.check("GET", "/ready", 200)
    c.check("GET", "/metrics", 200)
    c.check("GET", "/openapi.yaml", 200)

    user = 42
    c.check("GET", f"/users/{user}", 200)
    c.check("GET", "/users/999999", 404)
    c.check("GET", "/users/0", 400)
    c.check("GET", "/users/abc", 400)
    c.check("GET", "/users/2147483648", 400)

    recommendation = c.check("GET", f"/users/{user}/recommendations", 200)
    c.check("GET", f"/users/{user}/recommendations?k=3&model=popularity", 200)
    c.check("GET", f"/users/{user}/recommendations?k=100&model=svd", 200)
    c.check("GET", "/users/999999/recommendations?k=5", 200, label="GET /users/999999/recommendations (cold start)")
    c.check("GET", f"/users/{user}/recommendations?k=0", 400)
    c.check("GET", f"/users/{user}/recommendations?k=101", 400)
    c.check("GET", f"/users/{user}/recommendations?k=ten", 400)
    c.check("GET", f"/users/{user}/recommendations?model=no-such-model", 400)
    c.check("GET", "/users/-1/recommendations", 400)
    c.check("GET", f"/users/{user}/recommendations?k=5&type=running&type=sneaker&brand=Kinetiq&material=mesh&color=blue"
            "&min_price=10&max_price=500&exclude=1,2&exclude=3&exclude_interacted=view&max_per_brand=2", 200,
            label="GET /users/{id}/recommendations (every filter)")
    c.check("GET", f"/users/{user}/recommendations?brand=no%20such%20brand", 200, label="GET /users/{id}/recommendations (unknown brand)")
    c.check("GET", f"/users/{user}/recommendations?min_price=9&max_price=1", 400)
    c.check("GET", f"/users/{user}/recommendations?exclude_interacted=like", 400)

    popular = c.check("GET", "/popular", 200)
    c.check("GET", "/popular?k=5&type=running", 200)
    c.check("GET", "/popular?k=5&type=no%20such%20type", 200)
    c.check("GET", "/popular?k=0", 400)
    shoe = (popular or {}).get("items", [{}])[0].get("shoe_id", 1)
    c.check("GET", f"/shoes/{shoe}", 200)
    c.check("GET", "/shoes/99999999", 404)
    c.check("GET", "/shoes/x", 400)
    c.check("GET", f"/shoes/{shoe}/similar?k=5", 200)
    c.check("GET", "/shoes/99999999/similar", 404)
    c.check("GET", f"/shoes/{shoe}/similar?k=1000", 400)
    c.check("GET", f"/shoes/{shoe}/similar?k=5&max_price=200&max_per_brand=1", 200, label="GET /shoes/{id}/similar (filtered)")
    c.check("GET", f"/shoes/{shoe}/similar?exclude_interacted=view", 400)
    c.check("GET", "/popular?k=5&brand=Kinetiq&brand=Veloce&min_price=50&exclude=1", 200, label="GET /popular (filtered)")
    c.check("GET", "/popular?max_per_brand=zero", 400)

    # Ingestion: one fixed event (idempotent: the same event again answers the same id).
    event = {"user_id": user, "shoe_id": shoe, "interaction_type": "view", "occurred_at": "2026-01-01T00:00:00Z"}
    c.check("POST", "/interactions", 201, body=event, label="POST /interactions (one event)")
    c.check("POST", "/interactions", 201, body=[event, dict(event, interaction_type="add_to_wishlist")],
            label="POST /interactions (a batch of 2)")
    c.check("POST", "/interactions", 400, raw=b'{"user_id": 42,', label="POST /interactions (malformed JSON)")
    c.check("POST", "/interactions", 400, body=[], label="POST /interactions (empty batch)")
    c.check("POST", "/interactions", 400, body={"user_id": user}, label="POST /interactions (fields missing)")
    c.check("POST", "/interactions", 422, body=[
        dict(event, interaction_type="like"), dict(event, occurred_at="yesterday"),
        dict(event, user_id=999999), dict(event, shoe_id=99999999)], label="POST /interactions (invalid batch)")
    c.check("POST", "/interactions", 413, body=[event] * 1001, label="POST /interactions (1,001 events)")
    listed = (recommendation or {}).get("recommendation_id")
    if listed:
        c.check("POST", "/interactions", 201, body=dict(event, recommendation_id=listed),
                label="POST /interactions (naming its list)")
    c.check("POST", "/interactions", 422, body=dict(event, recommendation_id="not-an-id"),
            label="POST /interactions (not a recommendation id)")
    c.check("POST", "/interactions", 422, body=[dict(event, occurred_at="2999-01-01T00:00:00Z"),
                                               dict(event, occurred_at="1999-12-31T23:59:59Z")],
            label="POST /interactions (a time in the future, one before the epoch)")
    c.check("POST", "/interactions", 400, raw=b'{"user_id": 1, "user_id": 2, "shoe_id": 1, "interaction_type": "view"}',
            label="POST /interactions (a key twice)")
    for path in ["/interactions", "/shoes", "/care/sent", "/replacement/sent"]:
        c.check("POST", path, 415, raw=json.dumps(event).encode(), headers={"Content-Type": "text/plain"},
                label=f"POST {path} (text/plain)", fields={"Accept": "application/json"})

    # A new shoe.
    new_shoe = {"brand": "OpenAPI Check", "model": f"Probe {int(time.time())}", "type": "running",
                "material": "mesh", "color": "grey", "price": 99.5,
                "care_instructions": "rinse and air dry", "lifespan_days": 500}
    created = c.check("POST", "/shoes", 201, body=new_shoe, label="POST /shoes")
    if created and "shoe_id" in created:
        c.check("GET", f"/shoes/{created['shoe_id']}", 200, label="GET /shoes/{new id}")
    c.check("POST", "/shoes", 422, body=dict(new_shoe, brand=" ", price=-1, lifespan_days=0),
            label="POST /shoes (out-of-range fields)")
    c.check("POST", "/shoes", 400, body={"brand": "x"}, label="POST /shoes (fields missing)")
    c.check("POST", "/shoes", 400, raw=b"not json", label="POST /shoes (malformed JSON)")

    # Care notifications.
    care = c.check("GET", "/care?limit=5", 200)
    if care and care.get("next_cursor"):
        c.check("GET", f"/care?limit=5&cursor={care['next_cursor']}", 200, label="GET /care (next page)")
    c.check("GET", "/care?as_of=2026-03-01&limit=1000", 200)
    c.check("GET", "/care?as_of=2026-13-45", 400)
    c.check("GET", "/care?as_of=yesterday", 400)
    c.check("GET", "/care?limit=0", 400)
    c.check("GET", "/care?limit=1001", 400)
    c.check("GET", "/care?cursor=not-a-cursor", 400)
    c.check("GET", f"/users/{user}/care", 200)
    c.check("GET", "/users/999999/care", 404)
    c.check("GET", "/users/0/care", 400)
    if care and care.get("items"):
        item = care["items"][0]
        record = {"purchase_id": item["purchase_id"], "due_on": item["due_on"]}
        c.check("POST", "/care/sent", 200, body=record, label="POST /care/sent (a due notification)")
        c.check("POST", "/care/sent", 200, body=[record, record], label="POST /care/sent (repeated)")
    else:
        c.result(True, "POST /care/sent (a due notification)", "skipped: nothing due")
    c.check("POST", "/care/sent", 422, body={"purchase_id": 999999999999}, label="POST /care/sent (not a purchase)")
    c.check("POST", "/care/sent", 400, raw=b"[{", label="POST /care/sent (malformed JSON)")
    c.check("POST", "/care/sent?as_of=bad", 400, body={"purchase_id": 1}, label="POST /care/sent (bad as_of)")

    # Replacement suggestions.
    replacement = c.check("GET", "/replacement?limit=5&k=3", 200)
    if replacement and replacement.get("next_cursor"):
        c.check("GET", f"/replacement?limit=5&cursor={replacement['next_cursor']}", 200, label="GET /replacement (next page)")
    c.check("GET", "/replacement?as_of=2026-06-01&within_days=0&k=50", 200)
    c.check("GET", "/replacement?within_days=3651", 400)
    c.check("GET", "/replacement?k=51", 400)
    c.check("GET", "/replacement?limit=3&k=3&type=running&max_price=300&max_per_brand=1", 200, label="GET /replacement (filtered suggestions)")
    c.check("GET", "/replacement?min_price=abc", 400)
    if care and care.get("next_cursor"):
        c.check("GET", f"/replacement?cursor={care['next_cursor']}", 400, label="GET /replacement (a care cursor)")
    c.check("GET", f"/users/{user}/replacement", 200)
    c.check("GET", "/users/999999/replacement", 404)
    if replacement and replacement.get("items"):
        item = replacement["items"][0]
        c.check("POST", "/replacement/sent", 200, body={"purchase_id": item["purchase_id"]},
                label="POST /replacement/sent (a due suggestion)")
        c.check("POST", "/replacement/sent", 422,
                body={"purchase_id": item["purchase_id"], "due_on": "1999-01-01"},
                label="POST /replacement/sent (not its end of life)")
    else:
        c.result(True, "POST /replacement/sent (a due suggestion)", "skipped: nothing due")
    c.check("POST", "/replacement/sent", 400, body={"purchase_id": "x"}, label="POST /replacement/sent (wrong type)")

    # Admin.
    c.check("GET", "/admin/models", 401, label="GET /admin/models (no token)")
    c.check("POST", "/admin/train", 401, headers={"Authorization": "Bearer wrong-token-wrong-token"},
            label="POST /admin/train (wrong token)")
    if not token:
        c.result(False, "admin with a token", "ADMIN_TOKEN is not set in the environment")
    else:
        auth = {"Authorization": f"Bearer {token}"}
        c.check("GET", "/admin/models", 200, headers=auth)
        c.check("POST", "/admin/train", 202, headers=auth)
        c.check("POST", "/admin/train", (409, 202), headers=auth, label="POST /admin/train (again at once)")
        deadline = time.time() + 120
        models = None
        while time.time() < deadline:
            status, _, payload = c.request("GET", "/admin/models", headers=auth)
            models = json.loads(payload) if status == 200 else None
            if models and not models.get("training_in_progress"):
                break
            time.sleep(0.5)
        c.check("GET", "/admin/models", 200, headers=auth, label="GET /admin/models (after the training)")
        if models and models.get("last_training_error"):
            c.result(False, "the retraining", f"failed: {models['last_training_error']}")
        c.check("GET", "/ready", 200, label="GET /ready (after the training)")
        c.check("POST", "/admin/exports", 400, body={"format": "csv"}, headers=auth, label="POST /admin/exports (csv without out)")
        started = c.check("POST", "/admin/exports?type=running", 202, body={"k": 3, "users": [1, 2, 3]}, headers=auth)
        if started and "id" in started:
            job = None
            deadline = time.time() + 120
            while time.time() < deadline:
                status, _, payload = c.request("GET", f"/admin/exports/{started['id']}", headers=auth)
                job = json.loads(payload) if status == 200 else None
                if not job or job.get("status") != "running":
                    break
                time.sleep(0.5)
            c.check("GET", f"/admin/exports/{started['id']}", 200, headers=auth, label="GET /admin/exports/{id}")
            if job and job.get("status") != "succeeded":
                c.result(False, "the export", f"ended {job.get('status')}: {job.get('error')}")
        c.check("GET", "/admin/exports/999999", 404, headers=auth, label="GET /admin/exports/{id} (unknown)")

        # Experiments: one of this run's own, stopped at the end (and leftovers of a run that
        # did not get that far stopped first, so the surface is free).
        status, _, payload = c.request("GET", "/admin/experiments", headers=auth)
        for leftover in (json.loads(payload).get("experiments", []) if status == 200 else []):
            if leftover.get("status") == "running" and leftover.get("name", "").startswith("openapi-check-"):
                c.request("POST", f"/admin/experiments/{leftover['name']}/stop", headers=auth)
        experiment = f"openapi-check-{int(time.time() * 1000)}"
        arms = [{"name": "control", "model": "hybrid", "weight": 50},
                {"name": "treatment", "model": "hybrid", "weight": 50, "params": {"alpha": 0.5}}]
        c.check("POST", "/admin/experiments", 401, body={"name": experiment, "arms": arms},
                label="POST /admin/experiments (no token)")
        c.check("POST", "/admin/experiments", 400, raw=b"{", headers=auth, label="POST /admin/experiments (malformed JSON)")
        c.check("POST", "/admin/experiments", 422, headers=auth, label="POST /admin/experiments (unknown model, one weight 0)",
                body={"name": experiment, "arms": [dict(arms[0], model="no-such-model"), dict(arms[1], weight=0)]})
        created = c.check("POST", "/admin/experiments", 201, headers=auth, body={"name": experiment, "traffic": 100, "arms": arms})
        c.check("POST", "/admin/experiments", 409, headers=auth, body={"name": experiment + "-b", "arms": arms},
                label="POST /admin/experiments (surface busy)")
        c.check("GET", "/admin/experiments", 200, headers=auth)
        c.check("GET", f"/admin/experiments/{experiment}", 200, headers=auth, label="GET /admin/experiments/{name}")
        c.check("GET", "/admin/experiments/no-such-experiment", 404, headers=auth, label="GET /admin/experiments/{unknown}")
        served = c.check("GET", f"/users/{user}/recommendations?k=3", 200, label="GET /users/{id}/recommendations (in the experiment)")
        if created and served is not None and "experiment" not in served:
            c.result(False, "the experiment serves", "the response names no experiment")
        c.check("GET", f"/admin/experiments/{experiment}/report", 200, headers=auth, label="GET /admin/experiments/{name}/report")
        c.check("GET", "/admin/experiments/no-such-experiment/report", 404, headers=auth,
                label="GET /admin/experiments/{unknown}/report")
        c.check("POST", f"/admin/experiments/{experiment}/stop", 200, headers=auth, label="POST /admin/experiments/{name}/stop")
        c.check("POST", f"/admin/experiments/{experiment}/stop", 409, headers=auth,
                label="POST /admin/experiments/{name}/stop (again)")
        c.check("POST", "/admin/experiments/no-such-experiment/stop", 404, headers=auth,
                label="POST /admin/experiments/{unknown}/stop")

    # Methods: OPTIONS everywhere, 405 with Allow for known methods a path does not take.
    for template, item in spec["paths"].items():
        path = template.replace("{id}", str(user if template.startswith("/users/") else shoe)).replace("{name}", "x")
        allowed = sorted({method.upper() for method in item if method in ("get", "post")} |
                         ({"HEAD"} if "get" in item else set()))
        c.check("OPTIONS", path, 204, fields={"Allow": ", ".join(allowed)}, label=f"OPTIONS {template}")
        for method in ("TRACE", "PUT", "DELETE", "PATCH"):
            c.check(method, path, 405, fields={"Allow": ", ".join(allowed)}, label=f"{method} {template}")

    # CORS, when the service was started with CORS_ORIGINS.
    origins = [o.strip() for o in os.environ.get("CORS_ORIGINS", "").split(",") if o.strip() and o.strip() != "*"]
    if not origins:
        c.result(True, "CORS", "skipped: CORS_ORIGINS is not set")
    else:
        origin = origins[0]
        c.check("GET", "/popular?k=1", 200, headers={"Origin": origin}, label="GET /popular (allowed origin)",
                fields={"Access-Control-Allow-Origin": origin, "Access-Control-Allow-Credentials": "true", "Vary": "Origin"})
        c.check("GET", "/popular?k=1", 200, headers={"Origin": "https://not-listed.example"},
                label="GET /popular (refused origin)", fields={"Access-Control-Allow-Origin": None, "Vary": "Origin"})
        c.check("OPTIONS", "/interactions", 204, label="OPTIONS /interactions (preflight)",
                headers={"Origin": origin, "Access-Control-Request-Method": "POST",
                         "Access-Control-Request-Headers": "content-type"},
                fields={"Access-Control-Allow-Origin": origin, "Access-Control-Allow-Methods": "POST",
                        "Access-Control-Allow-Headers": True, "Access-Control-Max-Age": True, "Vary": "Origin"})

    # The document describes exactly the routes the router registers (the route groups of
    # Sources/SolemateApp/*Routes.swift and APIIndex.swift), each exercised above.
    routes = {("GET", "/"), ("GET", "/health"), ("GET", "/ready"), ("GET", "/metrics"), ("GET", "/openapi.yaml"),
              ("GET", "/users/{id}/recommendations"), ("GET", "/shoes/{id}/similar"), ("GET", "/popular"),
              ("GET", "/users/{id}"), ("GET", "/shoes/{id}"), ("POST", "/shoes"), ("POST", "/interactions"),
              ("GET", "/care"), ("GET", "/users/{id}/care"), ("POST", "/care/sent"), ("GET", "/replacement"),
              ("GET", "/users/{id}/replacement"), ("POST", "/replacement/sent"), ("POST", "/admin/train"),
              ("GET", "/admin/models"), ("GET", "/admin/experiments"), ("POST", "/admin/experiments"),
              ("GET", "/admin/experiments/{name}"), ("POST", "/admin/experiments/{name}/stop"),
              ("GET", "/admin/experiments/{name}/report"),
              ("POST", "/admin/exports"), ("GET", "/admin/exports/{id}")}
    undocumented = sorted(routes - registered)
    unknown = sorted(registered - routes)
    c.result(not undocumented and not unknown, "the document describes every route and only those",
             f"{len(routes)} operations" if not undocumented and not unknown else
             "; ".join(filter(None, [
                 "undocumented: " + ", ".join(f"{m} {p}" for m, p in undocumented) if undocumented else "",
                 "not a route (or not checked here): " + ", ".join(f"{m} {p}" for m, p in unknown) if unknown else ""])))

    print(f"{c.passed} passed, {c.failed} failed")
    return 1 if c.failed else 0


if __name__ == "__main__":
    sys.exit(main())
