"""Writes what scripts/speaker-model.sh made into the built-in model's descriptions:

  --digests          the sha256 of the two ONNX files and of the cohort into
                     speaker/src/main/resources/dev/hark/speaker/speaker-model.json (Hark refuses a file
                     whose digest differs), and the ONNX files' into models/models.json;
  --threshold FILE   the default threshold from the first line of `hark speaker evaluate --json
                     --calibrate ...` (the calibration on the development speakers).

Every other field of the descriptions (frontend, sources, licences) is kept as written.

Usage: /usr/bin/python3 scripts/speaker/describe.py REPO_ROOT (--digests | --threshold CALIBRATION.json)
"""
import hashlib
import json
import re
import sys


def sha256(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def write(path, d):
    with open(path, "w") as o:
        json.dump(d, o, indent=2)
        o.write("\n")


def main(root, what, arg=None):
    res = f"{root}/speaker/src/main/resources/dev/hark/speaker"
    path = f"{res}/speaker-model.json"
    d = json.load(open(path))
    if what == "--digests":
        d["sha256"] = {k: sha256(f"{res}/{d['files'][k]}") for k in ("fp32", "int8")}
        d["score_normalisation"]["sha256"] = sha256(f"{res}/{d['score_normalisation']['cohort']}")
        manifest_path = f"{root}/models/models.json"
        manifest = open(manifest_path).read()
        for k in ("fp32", "int8"):
            # the manifest's own layout is kept: only the digest after the bundled file's path changes
            pattern = r'("path": "dev/hark/speaker/' + re.escape(d["files"][k]) + r'"\},\s*"sha256": ")[0-9a-f]*'
            manifest, n = re.subn(pattern, lambda m: m.group(1) + d["sha256"][k], manifest)
            if n != 1:
                raise SystemExit(f"{manifest_path}: no bundled entry with path dev/hark/speaker/{d['files'][k]}")
        with open(manifest_path, "w") as o:
            o.write(manifest)
        print(json.dumps(d["sha256"], indent=2))
    elif what == "--threshold":
        cal = json.loads(open(arg).readline())
        d["threshold"] = round(cal["threshold"], 4)
        print(f"threshold {d['threshold']} ({cal['threshold_source']})")
    else:
        raise SystemExit(__doc__)
    write(path, d)


if __name__ == "__main__":
    main(*sys.argv[1:])
