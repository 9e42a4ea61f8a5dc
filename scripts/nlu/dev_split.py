#!/usr/bin/python3
"""Splits the Snips 2017 benchmark's per-intent training files into a training and a development part.

    /usr/bin/python3 scripts/nlu/dev_split.py ../shared/data/snips2017-train /tmp/split
    ./hark nlu evaluate --dataset /tmp/split/train --test /tmp/split/dev

For each intent, its utterances are shuffled with random.Random(7) and the first 20 % become the
development part (OUT/dev/train_<Intent>_full.json), the rest the training part (OUT/train/...), in the
same per-intent file format. Tuning the parser on this split keeps the 5-fold cross-validation figure
an honest confirmation. The files' CESU-8 surrogate pairs (PlayMusic) are written back as JSON escapes.
"""
import json
import os
import random
import sys


def main(source, out):
    for name in sorted(os.listdir(source)):
        if not name.endswith(".json"):
            continue
        with open(os.path.join(source, name), "rb") as f:
            data = json.loads(f.read().decode("utf-8", "surrogatepass"))
        for intent, utterances in data.items():
            shuffled = list(utterances)
            random.Random(7).shuffle(shuffled)
            cut = len(shuffled) // 5
            for part, items in (("dev", shuffled[:cut]), ("train", shuffled[cut:])):
                os.makedirs(os.path.join(out, part), exist_ok=True)
                with open(os.path.join(out, part, name), "w", encoding="ascii") as f:
                    json.dump({intent: items}, f, ensure_ascii=True)
            print(f"{intent}: {len(shuffled) - cut} train, {cut} dev")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: dev_split.py SNIPS2017_TRAIN_DIR OUT_DIR")
    main(sys.argv[1], sys.argv[2])
