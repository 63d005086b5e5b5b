#!/usr/bin/env python3
"""Compare `strata migrate lint` with squawk over the same migration files.

Usage: bench/lint-vs-squawk.py STRATA_JSON_DIR SQUAWK_JSON_DIR
Each folder holds one <project>.json per corpus history: `strata migrate lint --all --offline
--format json` and `squawk --reporter json <files>`. Prints a rule-overlap table (findings on the
same statement: same file, same start line) and samples of disagreements for each mapped pair.
"""
import collections, json, os, re, sys

# squawk rule -> Strata codes judging the same hazard
PAIRS = {
    "require-concurrent-index-creation": ["LN020"],
    "require-concurrent-index-deletion": ["LN021"],
    "adding-foreign-key-constraint": ["LN022"],
    "constraint-missing-not-valid": ["LN022", "LN023"],
    "adding-not-nullable-field": ["LN024", "LN011"],
    "adding-required-field": ["LN012"],
    "adding-field-with-default": ["LN025"],
    "changing-column-type": ["LN026", "LN013"],
    "adding-serial-primary-key-field": ["LN027"],
    "adding-primary-key-constraint": ["LN027"],
    "disallowed-unique-constraint": ["LN027", "LN010"],
    "ban-drop-column": ["LN002"],
    "ban-drop-table": ["LN001"],
    "renaming-column": ["LN041"],
    "renaming-table": ["LN040"],
    "prefer-timestamp-tz": ["LN050"],
    "prefer-identity": ["LN053"],
    "prefer-text-field": ["LN054"],
    "ban-char-field": ["LN051"],
    "require-lock-timeout": ["LN029"],
    "ban-concurrent-index-creation-in-transaction": ["LN028"],
    "prefer-bigint-over-int": ["LN060"],
}


CORPUS = os.environ.get("CORPUS", os.path.join(os.path.dirname(__file__), "..", "..", "shared", "corpus"))
_spans = {}


def spans(rel):
    """Start lines (1-based) of each statement of a migration file: a statement ends at a line ending with ';'
    outside dollar quotes. Good enough to put both tools' lines on the same statement."""
    if rel not in _spans:
        path = next((os.path.join(root, "migration.sql") for root, _, files in os.walk(CORPUS)
                     if root.endswith(os.path.dirname(rel)) and "migration.sql" in files), None)
        starts, start, dollar = [], None, False
        for i, line in enumerate(open(path, encoding="utf-8").read().split("\n"), 1):
            t = line.strip()
            if start is None and (not t or t.startswith("--")):
                continue
            if start is None:
                start = i
            dollar ^= len(re.findall(r"\$[A-Za-z_]*\$", line)) % 2 == 1
            if not dollar and t.endswith(";"):
                starts.append((start, i))
                start = None
        _spans[rel] = starts
    return _spans[rel]


def key(path, line):
    m = re.search(r"migrations/(.+)$", path)
    rel = m.group(1) if m else path
    for start, end in spans(rel):
        if start <= line <= end:
            return (rel, start)
    return (rel, line)


def main(strata_dir, squawk_dir):
    squawk_rules = collections.Counter()
    strata_rules = collections.Counter()
    overlap = {}
    samples = collections.defaultdict(list)
    for name in sorted(os.listdir(squawk_dir)):
        sq = json.load(open(os.path.join(squawk_dir, name)))
        st = json.load(open(os.path.join(strata_dir, name)))
        ours = collections.defaultdict(set)
        for f in st["findings"]:
            strata_rules[f["code"]] += 1
            ours[key(f["file"], f["line"])].add(f["code"])
        theirs = collections.defaultdict(set)
        for f in sq:
            squawk_rules[f["rule_name"]] += 1
            # squawk counts lines from 0; a statement's line is its first token's
            theirs[key(f["file"], f["line"] + 1)].add(f["rule_name"])
        for rule, codes in PAIRS.items():
            o = overlap.setdefault(rule, [0, 0, 0])
            for k, rules in theirs.items():
                if rule in rules:
                    if ours.get(k, set()) & set(codes):
                        o[0] += 1
                    else:
                        o[1] += 1
                        samples[(rule, "squawk only")].append(f"{name[:-5]} {k[0]}:{k[1]}")
            for k, cs in ours.items():
                if cs & set(codes) and rule not in theirs.get(k, set()):
                    o[2] += 1
                    samples[(rule, "strata only")].append(f"{name[:-5]} {k[0]}:{k[1]}")
    print("| squawk rule | squawk findings | Strata codes | both | squawk only | Strata only |")
    print("|---|---|---|---|---|---|")
    for rule, (both, sq_only, st_only) in overlap.items():
        print(f"| {rule} | {squawk_rules[rule]} | {', '.join(PAIRS[rule])} | {both} | {sq_only} | {st_only} |")
    unmapped = {r: n for r, n in squawk_rules.items() if r not in PAIRS}
    print("\nsquawk rules without a Strata counterpart:", ", ".join(f"{r} ({n})" for r, n in sorted(unmapped.items())))
    print("\nsamples:")
    for (rule, side), items in sorted(samples.items()):
        print(f"- {rule}, {side} ({len(items)}): " + "; ".join(items[:3]))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
