"""How much a recording channel moves trained weights' embeddings, against how far apart a speaker's own
recordings are (development only, like dev_check.py): for the first RECORDINGS recordings of each speaker
of a labelled folder, the cosine between a recording's embedding and the same recording passed through one
of augment.py's channel transforms (each recording its own seeded draw), next to the mean cosine between
two recordings of one speaker and between recordings of two speakers. A channel cosine near 1 while
same-speaker cosines are far lower says the embedding's spread within a speaker is not the channel.

Usage: /usr/bin/python3 scripts/speaker/channel_check.py FOLDER MODEL.pt...
"""
import os
import sys

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(__file__))
import augment  # noqa: E402
import fbank  # noqa: E402
from dev_check import read  # noqa: E402
from export import load  # noqa: E402
from train import CONFIG  # noqa: E402

RECORDINGS = 4
TRANSFORMS = {
    "equaliser": augment.equalise,
    "microphone": augment.microphone,
    "distortion": augment.distort,
    "equaliser+microphone": lambda rng, y: augment.microphone(rng, augment.equalise(rng, y)),
}


def main(folder, weights):
    torch.set_num_threads(1)
    cfg = fbank.load_config(CONFIG)
    fb = fbank.mel_filters(cfg)
    recordings, speaker = [], []
    for si, s in enumerate(sorted(os.listdir(folder))):
        for f in sorted(os.listdir(os.path.join(folder, s)))[:RECORDINGS]:
            recordings.append(read(os.path.join(folder, s, f)))
            speaker.append(si)
    speaker = np.array(speaker)
    same = (speaker[:, None] == speaker[None, :]) & ~np.eye(len(speaker), dtype=bool)
    other = speaker[:, None] != speaker[None, :]
    for pt in weights:
        model = load(pt)

        def embed(x):
            with torch.no_grad():
                e = model(torch.from_numpy(fbank.features(x, cfg, fb))[None])[0].numpy()
            return e / np.linalg.norm(e)

        e = np.stack([embed(x) for x in recordings])
        cos = e @ e.T
        line = [f"same speaker {cos[same].mean():.3f}", f"other speakers {cos[other].mean():.3f}"]
        for name, transform in TRANSFORMS.items():
            c = [e[i] @ embed(transform(np.random.default_rng(100 + i), x)) for i, x in enumerate(recordings)]
            line.append(f"{name} {np.mean(c):.3f}")
        print(f"{pt}: " + "; ".join(line), flush=True)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2:])
