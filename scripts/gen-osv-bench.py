#!/usr/bin/env python3
"""Generates the vulnerability-matching benchmark data.

Usage: scripts/gen-osv-bench.py OUT_DIR [N=300000]

Writes OUT_DIR/osv-bench.zip: N OSV JSON records, one per deflated zip entry
(the layout of the per-ecosystem OSV dumps), realistic in shape and size:
aliases, summary and details text, dates, CVSS v3 vectors on about half,
1-3 affected entries over PyPI, npm, Go, crates.io, Maven, Debian:12 and
Alpine:v3.19 with each ecosystem's version syntax, ranges with
introduced/fixed (some last_affected), some `versions` lists, references.
Package names come from a pool of 40,000 per ecosystem, skewed so that many
packages have several advisories.

Also writes OUT_DIR/inventory.json: 5,000 packages (ecosystem, name,
version), about 20% of them named by advisories, spread over the ecosystems.

Deterministic: the same N gives the same bytes.
"""

import json
import os
import random
import sys
import zipfile

SEED = 20240601
POOL = 40_000
INVENTORY = 5_000
HIT_SHARE = 0.20

# (ecosystem, share of records, OSV range type)
ECOSYSTEMS = [
    ("PyPI", 0.17, "ECOSYSTEM"),
    ("npm", 0.20, "SEMVER"),
    ("Go", 0.12, "SEMVER"),
    ("crates.io", 0.06, "SEMVER"),
    ("Maven", 0.15, "ECOSYSTEM"),
    ("Debian:12", 0.18, "ECOSYSTEM"),
    ("Alpine:v3.19", 0.12, "ECOSYSTEM"),
]

SYL = [
    "ab", "ac", "ad", "al", "am", "an", "ar", "as", "at", "ba", "be", "bi",
    "bo", "bu", "ca", "ce", "ci", "co", "cu", "da", "de", "di", "do", "du",
    "el", "em", "en", "er", "es", "fa", "fe", "fi", "fo", "ga", "ge", "gi",
    "go", "ha", "he", "hi", "ho", "id", "il", "im", "in", "ir", "is", "ka",
    "ke", "ki", "ko", "la", "le", "li", "lo", "lu", "ma", "me", "mi", "mo",
    "mu", "na", "ne", "ni", "no", "nu", "ob", "od", "ol", "om", "on", "or",
    "pa", "pe", "pi", "po", "pu", "ra", "re", "ri", "ro", "ru", "sa", "se",
    "si", "so", "su", "ta", "te", "ti", "to", "tu", "ul", "um", "un", "ur",
    "va", "ve", "vi", "vo", "xa", "xe", "yo", "za", "ze", "zi", "zo",
]
WORDS = [
    "parser", "client", "server", "http", "json", "yaml", "xml", "auth",
    "crypto", "image", "stream", "cache", "config", "logger", "router",
    "template", "session", "proxy", "archive", "codec", "socket", "shell",
    "query", "mail", "util", "core", "common", "tools", "io", "net",
]
WEAKNESSES = [
    ("Improper input validation", "validate the length of a field before copying it"),
    ("Path traversal", "normalise archive member names before extracting them"),
    ("Cross-site scripting", "escape attribute values in rendered templates"),
    ("Uncontrolled resource consumption", "bound the nesting depth of parsed documents"),
    ("Regular expression denial of service", "avoid backtracking in the header pattern"),
    ("Use after free", "keep the buffer alive until the callback returns"),
    ("Integer overflow", "check the size computation before allocating"),
    ("Server-side request forgery", "refuse redirects to private addresses"),
    ("Improper certificate validation", "verify the host name against the certificate"),
    ("Deserialization of untrusted data", "restrict the classes that may be instantiated"),
    ("Out-of-bounds read", "check the remaining input before reading the length prefix"),
    ("Information exposure", "redact credentials from error messages and logs"),
]
FILLER = [
    "An attacker who can supply crafted input to an application using the affected versions may trigger the issue remotely.",
    "The problem is reachable through the public API without authentication in the default configuration.",
    "Applications that only process trusted input are not affected.",
    "The maintainers thank the reporter for coordinated disclosure.",
    "Users are advised to upgrade; there is no known workaround other than rejecting untrusted input before it reaches the library.",
    "Exploitation requires the non-default option that enables extended parsing.",
    "The flaw was introduced when the streaming reader was rewritten and affects every release since.",
    "Successful exploitation can lead to a crash of the process, and in some configurations to disclosure of memory contents.",
    "Deployments behind a proxy that normalises requests are less exposed but should still upgrade.",
    "A proof of concept is public.",
]
CVSS = [
    "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",
    "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H",
    "CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N",
    "CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:N/A:N",
    "CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:N/A:N",
    "CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:L/I:L/A:L",
    "CVSS:3.1/AV:L/AC:H/PR:L/UI:N/S:U/C:N/I:N/A:L",
]


def word(rng, n):
    return "".join(rng.choice(SYL) for _ in range(n))


def pool_names(rng, eco):
    """POOL distinct names in the ecosystem's spelling."""
    names, seen = [], set()
    while len(names) < POOL:
        a, b = word(rng, rng.randint(2, 3)), rng.choice(WORDS)
        if eco == "PyPI":
            n = f"{a}-{b}" if rng.random() < 0.6 else f"{a}{b}"
        elif eco == "npm":
            n = f"@{word(rng, 2)}/{a}-{b}" if rng.random() < 0.3 else f"{a}-{b}"
        elif eco == "Go":
            n = f"example.com/{word(rng, 2)}/{a}{b}"
            if rng.random() < 0.2:
                n += f"/v{rng.randint(2, 5)}"
        elif eco == "crates.io":
            n = f"{a}_{b}" if rng.random() < 0.5 else f"{a}-{b}"
        elif eco == "Maven":
            n = f"org.{word(rng, 2)}.{a}:{a}-{b}"
        elif eco.startswith("Debian"):
            n = f"lib{a}{b}" if rng.random() < 0.4 else f"{a}-{b}"
        else:  # Alpine
            n = f"{a}-{b}" if rng.random() < 0.5 else f"{a}{b}"
        if n not in seen:
            seen.add(n)
            names.append(n)
    return names


def version(rng, eco, floor=None):
    """A version in the ecosystem's syntax; `floor`: (major, minor, patch) it
    must not be below."""
    if floor is None:
        ma, mi, pa = rng.randint(0, 9), rng.randint(0, 30), rng.randint(0, 20)
    else:
        ma, mi, pa = floor
        step = rng.random()
        if step < 0.6:
            pa += rng.randint(1, 5)
        elif step < 0.9:
            mi, pa = mi + rng.randint(1, 4), rng.randint(0, 3)
        else:
            ma, mi, pa = ma + 1, rng.randint(0, 2), 0
    t = (ma, mi, pa)
    if eco == "Debian:12":
        s = f"{ma}.{mi}.{pa}-{rng.randint(1, 4)}"
        if rng.random() < 0.3:
            s += f"+deb12u{rng.randint(1, 6)}"
        if rng.random() < 0.05:
            s = f"1:{s}"
    elif eco == "Alpine:v3.19":
        s = f"{ma}.{mi}.{pa}-r{rng.randint(0, 6)}"
    elif eco == "PyPI":
        s = f"{ma}.{mi}" if pa == 0 and rng.random() < 0.3 else f"{ma}.{mi}.{pa}"
        r = rng.random()
        if r < 0.04:
            s += f"rc{rng.randint(1, 3)}"
        elif r < 0.06:
            s += f".post{rng.randint(1, 2)}"
    elif eco == "Maven":
        s = f"{ma}.{mi}.{pa}"
        r = rng.random()
        if r < 0.1:
            s += ".Final"
        elif r < 0.15:
            s = f"{ma}.{mi}"
        elif r < 0.18:
            s += f"-M{rng.randint(1, 4)}"
    else:  # npm, Go, crates.io: semver
        s = f"{ma}.{mi}.{pa}"
        if rng.random() < 0.04:
            s += f"-beta.{rng.randint(1, 5)}"
    return s, t


def affected(rng, eco, kind, name):
    events = []
    versions = []
    n_ranges = 1 if rng.random() < 0.8 else 2
    floor = None
    for i in range(n_ranges):
        if i == 0 and rng.random() < 0.35 and not eco.startswith(("Debian", "Alpine")):
            events.append({"introduced": "0"})
            floor = (0, 0, 0)
        elif i == 0 and eco.startswith(("Debian", "Alpine")):
            events.append({"introduced": "0"})
            floor = (0, 0, 0)
        else:
            v, floor = version(rng, eco, floor)
            events.append({"introduced": v})
        v, floor = version(rng, eco, floor)
        if i == n_ranges - 1 and rng.random() < 0.1:
            events.append({"last_affected": v})
        else:
            events.append({"fixed": v})
    a = {
        "package": {"ecosystem": eco, "name": name},
        "ranges": [{"type": kind, "events": events}],
    }
    if rng.random() < 0.2:
        f = (rng.randint(0, 3), rng.randint(0, 10), 0)
        for _ in range(rng.randint(2, 12)):
            v, f = version(rng, eco, f)
            versions.append(v)
        a["versions"] = versions
    if eco.startswith("Debian") and rng.random() < 0.5:
        a["ecosystem_specific"] = {"urgency": rng.choice(["low", "medium", "high", "unimportant"])}
    if eco == "PyPI" and rng.random() < 0.3:
        a["database_specific"] = {"source": "https://advisories.example/pypi/" + name + ".yaml"}
    return a


def details(rng, pkg, weakness, fix):
    parts = [
        f"{weakness} in {pkg}. The {rng.choice(WORDS)} component does not {fix}, "
        f"so a crafted {rng.choice(WORDS)} request can reach code that assumes it did."
    ]
    target = rng.randint(300, 800)
    while sum(len(p) + 1 for p in parts) < target:
        parts.append(rng.choice(FILLER))
    text = " ".join(parts)
    if len(text) > target + 120:
        text = text[: target + 120].rsplit(" ", 1)[0] + "."
    if rng.random() < 0.3:
        text += "\n\n### Patches\nUpgrade to the fixed release.\n"
    return text


def date(rng, year_lo=2016, year_hi=2024):
    y = rng.randint(year_lo, year_hi)
    return y, f"{y}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}T{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}:{rng.randint(0, 59):02d}Z"


def pick_name(rng, names):
    # Skewed: low indices are named far more often, so popular packages
    # carry many advisories and most of the pool a few or none.
    return names[int(len(names) * rng.random() ** 2.2)]


def main():
    if len(sys.argv) < 2:
        sys.exit("usage: gen-osv-bench.py OUT_DIR [N]")
    out = sys.argv[1]
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 300_000
    os.makedirs(out, exist_ok=True)
    rng = random.Random(SEED)
    pools = {eco: pool_names(rng, eco) for eco, _, _ in ECOSYSTEMS}
    weights = [w for _, w, _ in ECOSYSTEMS]
    named = {eco: {} for eco, _, _ in ECOSYSTEMS}  # name -> a range seen
    json_bytes = 0
    zpath = os.path.join(out, "osv-bench.zip")
    tmp = zpath + ".tmp"
    with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as z:
        for i in range(1, n + 1):
            eco, _, kind = rng.choices(ECOSYSTEMS, weights)[0]
            y, published = date(rng)
            _, modified = date(rng, y, 2025)
            if modified < published:
                modified = published
            rid = f"BENCH-{y}-{i:06d}"
            cve = f"CVE-{y}-{rng.randint(1000, 59999)}"
            weakness, fix = rng.choice(WEAKNESSES)
            n_aff = rng.choices([1, 2, 3], [0.7, 0.2, 0.1])[0]
            affs, seen = [], set()
            for k in range(n_aff):
                e, k_kind = eco, kind
                if k > 0 and eco.startswith(("Debian", "Alpine")) and rng.random() < 0.5:
                    e = "Alpine:v3.19" if eco.startswith("Debian") else "Debian:12"
                    k_kind = "ECOSYSTEM"
                name = pick_name(rng, pools[e])
                if (e, name) in seen:
                    continue
                seen.add((e, name))
                a = affected(rng, e, k_kind, name)
                named[e].setdefault(name, a["ranges"][0]["events"])
                affs.append(a)
            first = affs[0]["package"]["name"]
            rec = {
                "schema_version": "1.6.0",
                "id": rid,
                "modified": modified,
                "published": published,
                "aliases": [cve] if rng.random() < 0.9 else [cve, f"GHSA-{word(rng, 2)}-{word(rng, 2)}-{word(rng, 2)}"],
                "summary": f"{weakness} in {first.rsplit('/', 1)[-1]}",
                "details": details(rng, first, weakness, fix),
                "affected": affs,
                "references": [
                    {"type": "ADVISORY", "url": f"https://advisories.example/{cve}"},
                    {"type": "WEB", "url": f"https://code.example/{first}/issues/{rng.randint(1, 9999)}"},
                    {"type": "FIX", "url": f"https://code.example/{first}/commit/{rng.getrandbits(160):040x}"},
                ]
                + [
                    {"type": "WEB", "url": f"https://lists.example/security/{y}/msg{rng.randint(1, 99999):05d}.html"}
                    for _ in range(rng.randint(0, 4))
                ],
            }
            if rng.random() < 0.5:
                rec["severity"] = [{"type": "CVSS_V3", "score": rng.choice(CVSS)}]
            if rng.random() < 0.4:
                rec["database_specific"] = {
                    "cwe_ids": [f"CWE-{rng.randint(20, 1300)}"],
                    "severity": rng.choice(["LOW", "MODERATE", "HIGH", "CRITICAL"]),
                }
            if rng.random() < 0.01:
                rec["withdrawn"] = modified
            data = json.dumps(rec, indent=2).encode()
            json_bytes += len(data)
            z.writestr(f"{rid}.json", data)
    os.replace(tmp, zpath)

    # The inventory: ~20% named by advisories, the rest not.
    items = []
    ecos = [e for e, _, _ in ECOSYSTEMS]
    for i in range(INVENTORY):
        eco = rng.choices(ecos, weights)[0]
        if rng.random() < HIT_SHARE and named[eco]:
            name = pick_name(rng, pools[eco])
            while name not in named[eco]:
                name = pick_name(rng, pools[eco])
            # Half at a version some advisory names (inside or at the edge
            # of its range), half anywhere.
            events = named[eco][name]
            near = [x for e in events for x in e.values() if x != "0"]
            if near and rng.random() < 0.5:
                v = rng.choice(near)
            else:
                v, _ = version(rng, eco)
        else:
            name = f"{word(rng, 3)}-{rng.choice(WORDS)}-local{i}"
            if eco == "Maven":
                name = f"org.local.{word(rng, 2)}:{name}"
            elif eco == "Go":
                name = f"example.net/local/{name}"
            v, _ = version(rng, eco)
        items.append({"ecosystem": eco, "name": name, "version": v})
    with open(os.path.join(out, "inventory.json"), "w") as f:
        json.dump(items, f, indent=1)
    zsize = os.path.getsize(zpath)
    hits = sum(1 for it in items if it["name"] in named[it["ecosystem"]])
    print(f"records: {n}")
    print(f"json bytes (uncompressed entries): {json_bytes} ({json_bytes / 2**20:.1f} MiB)")
    print(f"zip bytes: {zsize} ({zsize / 2**20:.1f} MiB)")
    print(f"inventory: {len(items)} packages, {hits} named by advisories")


if __name__ == "__main__":
    main()
