#!/usr/bin/env python3
"""Builds the seed corpora fuzz/corpus/<target>/ from the fixtures in tests/data and
the hand-picked seeds in fuzz/seeds/<target>/.

    python3 scripts/fuzz-corpus.py

The corpora are generated (and grow as libFuzzer adds inputs), so they are not
committed. Seeds of the message targets (form, url, json) start with a byte that
chooses the message (fuzz/src/messages.rs: `a` + index into MESSAGES), those of
`responses` with `a`..`d` (the enum), those of `jwt_claims` with `a`..`h` (the
header); every seed is written once per choice. Only the Python standard library is
used (HS256 seeds are signed with the test secret in tests/data/keys).
"""

import base64
import hashlib
import hmac
import json
import re
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
FUZZ = ROOT / "fuzz"

MESSAGE_CHOICES = [chr(ord("a") + i) for i in range(42)]  # fuzz/src/messages.rs MESSAGES
RESPONSE_CHOICES = list("abcdefghi")  # fuzz_targets/responses.rs
HEADER_CHOICES = list("abcdefgh")  # fuzz_targets/jwt_claims.rs HEADERS

JWT = re.compile(r"eyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*")


def read(path):
    return path.read_text(encoding="utf-8")


def unwrap(text):
    """Undoes the display wrapping of the spec examples (tests/fixtures/support.rs)."""
    return "".join(line.strip() for line in text.splitlines())


def http_messages(text):
    """(start line, headers, body) of each HTTP message in a spec-example transcript."""
    lines = text.splitlines()
    out, i = [], 0
    starts = ("GET ", "POST ", "HTTP/1.1 ")

    def is_header(s):
        name, sep, _ = s.partition(": ")
        return bool(sep) and bool(name) and all(c.isalnum() or c == "-" for c in name)

    while i < len(lines):
        trimmed = lines[i].strip()
        if not trimmed.startswith(starts):
            i += 1
            continue
        base = len(lines[i]) - len(lines[i].lstrip())
        start = trimmed
        i += 1
        while i < len(lines) and lines[i].strip() and len(lines[i]) - len(lines[i].lstrip()) > base \
                and not is_header(lines[i].strip()):
            piece = lines[i].strip()
            start += (" " if piece.startswith("HTTP/") else "") + piece
            i += 1
        headers = []
        while i < len(lines) and lines[i].strip():
            s = lines[i].strip()
            indent = len(lines[i]) - len(lines[i].lstrip())
            if indent > base and headers and not is_header(s):
                headers[-1][1] += s
            elif is_header(s):
                name, _, value = s.partition(": ")
                headers.append([name, value.strip()])
            i += 1
        body = []
        i += 1
        while i < len(lines) and not lines[i].strip().startswith(starts):
            body.append(lines[i])
            i += 1
        out.append((start, headers, "\n".join(body).strip()))
    return out


def b64url(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def b64url_decode(text):
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def hs256(header, claims, secret):
    signing_input = b64url(json.dumps(header).encode()) + "." + b64url(json.dumps(claims).encode())
    mac = hmac.new(secret, signing_input.encode(), hashlib.sha256).digest()
    return signing_input + "." + b64url(mac)


def collect():
    forms, urls, jsons, headers, jwks, tokens = {}, {}, {}, {}, {}, {}

    for path in sorted((DATA / "redirects").glob("*.txt")):
        text = read(path).strip()
        (urls if ("://" in text or text.startswith(("/", "?", "#")) or ":/" in text) else forms)[path.stem] = text
        if "?" in text:
            forms[path.stem + "-query"] = text.split("?", 1)[1].split("#", 1)[0]

    for path in sorted((DATA / "spec-examples").iterdir()):
        text = read(path)
        if path.suffix == ".json":
            jsons[path.stem] = text
        for n, (start, hdrs, body) in enumerate(http_messages(text)):
            key = f"{path.stem}-{n}"
            parts = start.split(" ")
            if start.startswith(("GET ", "POST ")) and len(parts) > 1:
                urls[key + "-target"] = parts[1]
                if "?" in parts[1]:
                    forms[key + "-query"] = parts[1].split("?", 1)[1]
            for name, value in hdrs:
                if name.lower() == "location":
                    urls[key + "-location"] = value
                if name.lower() == "www-authenticate":
                    headers[key] = value
            if body.startswith("{"):
                jsons[key + "-body"] = body
            elif body and "=" in body:
                forms[key + "-body"] = unwrap(body)
        for m in JWT.finditer(unwrap(text)):
            tokens[f"{path.stem}-{m.start()}"] = m.group(0)

    for path in sorted((DATA / "messages").iterdir()):
        text = read(path)
        if path.suffix == ".json":
            jsons[path.stem] = text
        elif text.startswith("Bearer"):
            headers[path.stem] = text.strip()
        else:
            forms[path.stem] = text.strip()

    for path in sorted((DATA / "provider-metadata").glob("*.json")):
        jsons[path.stem] = read(path)

    for path in sorted((DATA / "jwks").glob("*.json")):
        jwks[path.stem] = read(path)
    jwks["test-keys"] = read(DATA / "keys" / "public-jwks.json")
    for path in sorted((DATA / "jws").glob("*.json")):
        doc = json.loads(read(path))
        if "kty" in doc:
            jwks[path.stem] = json.dumps({"keys": [doc]})
        compact = doc.get("output", {}).get("compact")
        if compact:
            tokens[path.stem] = compact
    for path in sorted((DATA / "jws").glob("*.jwt")):
        tokens[path.stem] = read(path).strip()

    # Tokens signed with the test secret, one per kind, valid at their iat.
    secret = (DATA / "keys" / "hmac-secret.txt").read_bytes()
    base = {"iss": "https://op.example", "sub": "248289761001", "aud": "client-1",
            "iat": 1700000000, "exp": 1700003600}
    tokens["hs256-id-token"] = hs256({"alg": "HS256", "typ": "JWT"},
                                     dict(base, nonce="n-0S6_WzA2Mj", azp="client-1", auth_time=1699999000,
                                          amr=["pwd"], email="a@example.com", email_verified=True), secret)
    tokens["hs256-access-token"] = hs256({"alg": "HS256", "typ": "at+jwt"},
                                         dict(base, client_id="client-1", jti="j-1", scope="openid profile"),
                                         secret)
    tokens["hs256-logout-token"] = hs256({"alg": "HS256", "typ": "logout+jwt"},
                                         dict(base, jti="j-2", sid="s-1", events={
                                             "http://schemas.openid.net/event/backchannel-logout": {}}),
                                         secret)

    payloads = {}
    for key, token in tokens.items():
        try:
            payloads[key] = b64url_decode(token.split(".")[1]).decode("utf-8")
        except (ValueError, IndexError, UnicodeDecodeError):
            pass
    for key, text in jsons.items():
        if any(f'"{claim}"' in text for claim in ("iss", "sub", "aud")):
            payloads[key] = text

    return forms, urls, jsons, headers, jwks, tokens, payloads


def write(target, seeds, choices=("",)):
    directory = FUZZ / "corpus" / target
    directory.mkdir(parents=True, exist_ok=True)
    count = 0
    for key, text in seeds.items():
        data = text.encode("utf-8") if isinstance(text, str) else text
        for choice in choices:
            (directory / f"seed-{choice}{'-' if choice else ''}{key}").write_bytes(choice.encode() + data)
            count += 1
    picked = FUZZ / "seeds" / target
    if picked.is_dir():
        for path in sorted(picked.iterdir()):
            shutil.copyfile(path, directory / f"seed-picked-{path.name}")
            count += 1
    return count


def main():
    forms, urls, jsons, headers, jwks, tokens, payloads = collect()
    # Old seeds go (libFuzzer's own additions stay).
    for old in (FUZZ / "corpus").glob("*/seed-*"):
        old.unlink()
    counts = {
        "form": write("form", forms, MESSAGE_CHOICES),
        "url": write("url", {**urls, **forms}, MESSAGE_CHOICES),
        "json": write("json", jsons, MESSAGE_CHOICES),
        "responses": write("responses", {**jsons, **forms, **urls}, RESPONSE_CHOICES),
        "www_authenticate": write("www_authenticate", headers),
        "jwks": write("jwks", jwks),
        "jwt": write("jwt", tokens),
        "jwt_claims": write("jwt_claims", payloads, HEADER_CHOICES),
    }
    for target, count in counts.items():
        print(f"fuzz/corpus/{target}: {count} seeds")


if __name__ == "__main__":
    sys.exit(main())
