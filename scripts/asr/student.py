"""The neural acoustic model's network and data, shared by train_student.py and export_student.py.

The student is a TDNN of "valid" 1-D convolutions over Hark's 39-dimensional Sphinx features
(13 cepstra, deltas, accelerations, exactly as FeatureExtractor.java computes them: the training
data are written by that Java code, so there is no second implementation of the frontend to drift).
Its receptive field is FIELD = left + 1 + right frames; where the field sits around the scored frame
is a training choice, recorded in the checkpoint ("right", frames after the scored frame; older
checkpoints without it used 7). The look-ahead of a streamed frame is right + the features' own
3-frame acceleration window + the frames waiting for their chunk: right 4 with 4 frames per run is
4 + 3 + 3 = 100 ms (docs/asr.md). The output is one score per context-independent
HMM state (CI phone x 3 states) of the Sphinx en-us model; the recogniser maps every senone to its
CI state.
"""
import numpy as np
import torch
from torch import nn

# (kernel, dilation) per hidden layer; the receptive field is 1 + sum((k - 1) * d)
LAYERS = [(5, 1), (3, 2), (3, 3), (3, 3), (1, 1)]
FIELD = 1 + sum((k - 1) * d for k, d in LAYERS)
OLD_RIGHT = 7  # checkpoints written before "right" was recorded
DIM = 39
STATES = 3


class Student(nn.Module):
    def __init__(self, classes, hidden, mean, std):
        super().__init__()
        self.register_buffer("mean", torch.tensor(mean, dtype=torch.float32).view(1, DIM, 1))
        self.register_buffer("inv_std", torch.tensor(1.0 / np.asarray(std), dtype=torch.float32).view(1, DIM, 1))
        self.convs = nn.ModuleList()
        self.norms = nn.ModuleList()
        width = DIM
        for k, d in LAYERS:
            self.convs.append(nn.Conv1d(width, hidden, k, dilation=d, bias=False))
            self.norms.append(nn.BatchNorm1d(hidden))
            width = hidden
        self.out = nn.Conv1d(hidden, classes, 1)

    def forward(self, x):
        """x [B, DIM, T + FIELD - 1] -> logits [B, classes, T] (valid convolutions)."""
        x = (x - self.mean) * self.inv_std
        for conv, norm in zip(self.convs, self.norms):
            x = torch.relu(norm(conv(x)))
        return self.out(x)


def class_map(senones_tsv):
    """senone -> CI-state class (ci * 3 + state), and the number of classes."""
    rows = [line.split("\t") for line in open(senones_tsv).read().splitlines()[1:] if line]
    ci = np.array([int(r[1]) for r in rows])
    st = np.array([int(r[3]) for r in rows])
    return (ci * STATES + st).astype(np.int16), int(ci.max() + 1) * STATES


def load_copies(folder, senone_class, names=None):
    """Every copyK of a folder written by StudentTrainingData: features (float16), classes, utterance bounds."""
    import glob
    import os
    feats, labels, lengths, infos = [], [], [], []
    files = sorted(glob.glob(os.path.join(folder, "copy*.tsv")), key=lambda p: int(p.split("copy")[-1][:-4]))
    if names is not None:
        files = [files[i] for i in names]
    for tsv in files:
        base = tsv[:-4]
        rows = [line.split("\t") for line in open(tsv).read().split("\n")[1:-1]]
        n = np.array([int(r[2]) for r in rows], dtype=np.int64)
        f = np.fromfile(base + ".f32", dtype="<f4")
        s = np.fromfile(base + ".sen", dtype="<i2")
        # A folder whose writer was stopped (or is still running) ends with a partial record: the
        # index's last line without its newline is dropped above, and only the utterances whose
        # frames are complete in both the features and the labels are kept (the labels, buffered
        # separately, usually end first, on an utterance boundary).
        keep = int(np.searchsorted(np.cumsum(n), min(f.size // DIM, s.size), side="right"))
        rows, n = rows[:keep], n[:keep]
        f = f[:n.sum() * DIM].reshape(-1, DIM)
        s = s[:n.sum()]
        feats.append(f.astype(np.float16))
        # senone -1: the writer found the transcript does not fit there (--max-gap): no target (class -1)
        labels.append(np.where(s < 0, -1, senone_class[np.maximum(s, 0)]).astype(np.int16))
        lengths.append(n)
        infos.append(rows)
    return feats, labels, lengths, infos


def right_of(ckpt):
    """Frames of context after the scored frame that a checkpoint was trained with."""
    return int(ckpt.get("right", OLD_RIGHT))


def left_of(right):
    """Frames of context before the scored frame: the rest of the field."""
    return FIELD - 1 - right


def window_index(starts, lengths, offsets, n, right):
    """Row indices of windows [a - left, a + n + right) of each utterance, clamped to its ends."""
    rel = np.arange(-left_of(right), n + right)[None, :] + starts[:, None]
    rel = np.clip(rel, 0, lengths[:, None] - 1)
    return rel + offsets[:, None]
