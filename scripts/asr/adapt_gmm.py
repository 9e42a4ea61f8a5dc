"""Multi-condition MAP adaptation of the Sphinx PTM GMM's Gaussians (issue 14, seventh session).

The en-us model (Debian pocketsphinx-en-us) is phonetically tied: one codebook of 128 diagonal
Gaussians per CI phone and feature stream (13 cepstra, 13 deltas, 13 accelerations), shared by all
senones of that phone, each senone with its own mixture weights (sendump). Its Gaussians were trained
on clean speech. This script re-estimates them by MAP (Gauvain & Lee) from the frames of the noisy
training copies StudentTrainingData wrote (Hark's own features, each frame labelled with the CD
senone the GMM force-aligned on the clean copy): for each frame and stream, the posterior of each
Gaussian of the labelled senone's codebook under that senone's mixture weights, then

    mean'  = (tau * mean + sum g x) / (tau + sum g)
    var'   = (tau * (var + mean^2) + sum g x^2) / (tau + sum g) - mean'^2     (with --variances)

The mixture weights, mdef and transitions are not changed. Writes, per tau (and with and without
adapted variances for --variances both), OUT_DIR/tau<T>[-var][-noise][-s<streams>]/means and variances
in the Sphinx-3 binary format (the files' own header, checksummed; a round trip of the Debian files is
byte-identical) that SphinxAcousticModel reads: `hark eval --model DIR` with a folder holding them and
the Debian model's other files measures them. The accumulated statistics are cached in OUT_DIR.

    adapt_gmm.py TRAIN_DIR OUT_DIR [--copies 0,1] [--utterances N] [--tau 20,100] [--variances no|yes|both]
                 [--streams 0,1,2] [--mode map|noise] [--model /usr/share/pocketsphinx/model/en-us/en-us]
                 [--dev DEV_DIR [--dev-utterances 60] [--no-dev-original]]

--streams limits the adaptation to some streams; --mode noise subtracts the MAP shift of the copies
without noise (what the speakers and the recording move, not the noise). --dev DEV_DIR measures frame
classification (argmax over all senones of the full-mixture score: the exact senone, and its CI state)
of the original and each adapted GMM on every held-out copy. Measured (docs/benchmarks/asr.md, seventh
session): the GMM alone gains about a point over 24-6 dB on commands-dev, the fused model does not.
Deterministic (no random draws); numpy only; progress on stderr.
"""
import argparse
import os
import struct
import sys
import time

import numpy as np

DIM = 39
STREAMS = 3
LEN = 13
VAR_FLOOR = 1e-4


def log(msg):
    print(f"[{time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


def read_s3(path):
    """A Sphinx-3 means/variances file: (header bytes up to the byte-order magic, array [cb, stream, density, 13])."""
    raw = open(path, "rb").read()
    end = raw.index(b"endhdr\n") + len(b"endhdr\n")
    if struct.unpack_from("<I", raw, end)[0] != 0x11223344:
        raise SystemExit(f"{path}: not a little-endian Sphinx-3 file")
    n, f, d = struct.unpack_from("<3i", raw, end + 4)
    lens = struct.unpack_from(f"<{f}i", raw, end + 16)
    count = struct.unpack_from("<i", raw, end + 16 + 4 * f)[0]
    if f != STREAMS or any(x != LEN for x in lens) or count != n * d * f * LEN:
        raise SystemExit(f"{path}: expected {STREAMS} streams of {LEN}, found {lens}")
    data = np.frombuffer(raw, dtype="<f4", count=count, offset=end + 20 + 4 * f)
    return raw[:end], data.reshape(n, f, d, LEN).astype(np.float64)


def checksum(words):
    """Sphinx's rotate-and-add over every 32-bit value (S3BinaryReader.accumulate)."""
    c = 0
    for v in words:
        c = ((((c << 20) | (c >> 12)) & 0xFFFFFFFF) + v) & 0xFFFFFFFF
    return c


def write_s3(path, header, array):
    n, f, d, _ = array.shape
    head = np.array([n, f, d] + [LEN] * f + [array.size], dtype="<i4")
    body = array.astype("<f4").reshape(-1)
    words = np.concatenate([head.view("<u4"), body.view("<u4")]).tolist()
    with open(path, "wb") as out:
        out.write(header)
        out.write(struct.pack("<I", 0x11223344))
        out.write(head.tobytes())
        out.write(body.tobytes())
        out.write(struct.pack("<I", checksum(words)))


def read_sendump(path):
    """Linear mixture weights [stream, density, senone] from an 8-bit sendump."""
    raw = open(path, "rb").read()
    pos = 0
    while True:
        n = struct.unpack_from("<i", raw, pos)[0]
        pos += 4
        if n == 0:
            break
        pos += n
    dens, sen = struct.unpack_from("<2i", raw, pos)
    pos += 8
    q = np.frombuffer(raw, dtype=np.uint8, offset=pos).reshape(-1, dens, sen)
    step = 1024 * np.log(1.0001)
    return np.exp(-q.astype(np.float64) * step)


def senone_ci(senones_tsv):
    rows = [line.split("\t") for line in open(senones_tsv).read().splitlines()[1:] if line]
    ci = np.array([int(r[1]) for r in rows])
    st = np.array([int(r[3]) for r in rows])
    return ci, ci * 3 + st


def copy_frames(folder, k, utterances=None):
    """Features and senone labels of copyK (complete utterances only, as student.py reads them)."""
    base = os.path.join(folder, f"copy{k}")
    rows = [line.split("\t") for line in open(base + ".tsv").read().split("\n")[1:-1]]
    n = np.array([int(r[2]) for r in rows], dtype=np.int64)
    f = np.memmap(base + ".f32", dtype="<f4", mode="r")
    s = np.fromfile(base + ".sen", dtype="<i2")
    keep = int(np.searchsorted(np.cumsum(n), min(f.size // DIM, s.size), side="right"))
    if utterances is not None:
        keep = min(keep, utterances)
    total = int(n[:keep].sum())
    clean = np.repeat(np.array([r[8] == "NaN" for r in rows[:keep]]), n[:keep])
    return np.asarray(f[:total * DIM]).reshape(-1, DIM), s[:total].astype(np.int64), keep, clean


class Gmm:
    """The codebooks' constants for scoring: log N_k(x) = norm_k - 0.5 * sum((x - mu)^2 / var)."""

    def __init__(self, means, variances):
        self.means = means
        self.var = np.maximum(variances, VAR_FLOOR)
        self.prec = 1.0 / self.var
        self.norm = -0.5 * np.log(2 * np.pi * self.var).sum(-1) - 0.5 * (means ** 2 * self.prec).sum(-1)

    def log_densities(self, cb, f, x):
        """[frames, 128] log-likelihoods of stream f of frames x under codebook cb."""
        p = self.prec[cb, f]
        return self.norm[cb, f][None, :] - 0.5 * (x ** 2) @ p.T + x @ (self.means[cb, f] * p).T


def accumulate(gmm, weights, sen_ci, x, sen, stats):
    """Adds each frame's Gaussian posteriors (within its senone's codebook and weights) to stats."""
    occ, sx, sxx = stats
    cb_of = sen_ci[sen]
    for cb in np.unique(cb_of):
        sel = cb_of == cb
        xs = x[sel].astype(np.float64)
        ss = sen[sel]
        for f in range(STREAMS):
            xf = xs[:, f * LEN:(f + 1) * LEN]
            lp = gmm.log_densities(cb, f, xf) + np.log(weights[f][:, ss].T + 1e-300)
            lp -= lp.max(1, keepdims=True)
            g = np.exp(lp)
            g /= g.sum(1, keepdims=True)
            occ[cb, f] += g.sum(0)
            sx[cb, f] += g.T @ xf
            sxx[cb, f] += g.T @ (xf ** 2)


def classify(gmm, weights, sen_ci, sen_state, x, sen, chunk=4000):
    """Frames whose argmax senone (full-mixture score over all senones) is the label; and its CI state."""
    ncb = gmm.means.shape[0]
    members = [np.flatnonzero(sen_ci == cb) for cb in range(ncb)]
    right_sen = right_state = 0
    for a in range(0, len(sen), chunk):
        xs = x[a:a + chunk].astype(np.float64)
        scores = np.zeros((len(xs), len(sen_ci)))
        for cb in range(ncb):
            m = members[cb]
            for f in range(STREAMS):
                ld = gmm.log_densities(cb, f, xs[:, f * LEN:(f + 1) * LEN])
                top = ld.max(1, keepdims=True)
                scores[:, m] += np.log(np.exp(ld - top) @ weights[f][:, m] + 1e-300) + top
        best = scores.argmax(1)
        lab = sen[a:a + chunk]
        right_sen += int((best == lab).sum())
        right_state += int((sen_state[best] == sen_state[lab]).sum())
    return right_sen / len(sen), right_state / len(sen)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("train")
    ap.add_argument("out")
    ap.add_argument("--copies", default="0,1")
    ap.add_argument("--utterances", type=int, default=None, help="first N utterances of each copy")
    ap.add_argument("--tau", default="10", help="prior weight(s), comma-separated: one output folder each")
    ap.add_argument("--variances", choices=("no", "yes", "both"), default="no", help="adapt the variances too")
    ap.add_argument("--mode", choices=("map", "noise"), default="map",
                    help="map: MAP on every frame; noise: minus the MAP shift of the copies without noise")
    ap.add_argument("--streams", default="0,1,2", help="streams to adapt (0 cepstra, 1 deltas, 2 accelerations)")
    ap.add_argument("--model", default="/usr/share/pocketsphinx/model/en-us/en-us")
    ap.add_argument("--dev", default=None)
    ap.add_argument("--no-dev-original", action="store_true", help="skip measuring the original on --dev")
    ap.add_argument("--dev-utterances", type=int, default=60)
    ap.add_argument("--chunk", type=int, default=200000)
    args = ap.parse_args()
    t0 = time.process_time()
    streams = [int(f) for f in args.streams.split(",")]
    mhead, means = read_s3(os.path.join(args.model, "means"))
    vhead, variances = read_s3(os.path.join(args.model, "variances"))
    weights = read_sendump(os.path.join(args.model, "sendump"))
    sen_ci, sen_state = senone_ci(os.path.join(args.train, "senones.tsv"))
    if weights.shape[2] != len(sen_ci) or means.shape[0] != sen_ci.max() + 1:
        raise SystemExit("senones.tsv does not match the model")
    gmm = Gmm(means, variances)
    def zeros():
        return np.zeros(means.shape[:3]), np.zeros(means.shape), np.zeros(means.shape)
    stats, clean_stats = zeros(), zeros()
    frames = 0
    cache = os.path.join(args.out, f"stats-{args.copies.replace(',', '')}-{args.utterances or 'all'}.npz")
    if os.path.exists(cache):
        z = np.load(cache)
        stats, clean_stats, frames = (z["occ"], z["sx"], z["sxx"]), (z["c_occ"], z["c_sx"], z["c_sxx"]), int(z["frames"])
        log(f"statistics from {cache}")
    else:
        for k in [int(c) for c in args.copies.split(",")]:
            x, sen, utts, clean = copy_frames(args.train, k, args.utterances)
            log(f"copy{k}: {utts} utterances, {len(sen)} frames")
            for a in range(0, len(sen), args.chunk):
                b = a + args.chunk
                accumulate(gmm, weights, sen_ci, x[a:b], sen[a:b], stats)
                if clean[a:b].any():
                    accumulate(gmm, weights, sen_ci, x[a:b][clean[a:b]], sen[a:b][clean[a:b]], clean_stats)
                log(f"  {min(a + args.chunk, len(sen))}/{len(sen)} frames, {time.process_time() - t0:.0f} CPU s")
            frames += len(sen)
        os.makedirs(args.out, exist_ok=True)
        np.savez(cache, occ=stats[0], sx=stats[1], sxx=stats[2], c_occ=clean_stats[0], c_sx=clean_stats[1],
                 c_sxx=clean_stats[2], frames=frames)
    occ, sx, sxx = stats
    log(f"{frames} frames; occupancy per Gaussian median {np.median(occ):.1f}")
    dev = []
    k = 0
    while args.dev and os.path.exists(os.path.join(args.dev, f"copy{k}.tsv")):
        x, sen, utts, _ = copy_frames(args.dev, k, args.dev_utterances)
        snr = open(os.path.join(args.dev, f"copy{k}.tsv")).read().split("\n")[1].split("\t")[8]
        dev.append((f"dev copy{k} (snr {snr}, {utts} utterances, {len(sen)} frames)", x, sen))
        if not args.no_dev_original:
            print(f"{dev[-1][0]}: original senone {{:.4f}} CI state {{:.4f}}".format(
                *classify(gmm, weights, sen_ci, sen_state, x, sen)), flush=True)
        k += 1
    for tau in [float(t) for t in args.tau.split(",")]:
        for adapt_var in {"no": [False], "yes": [True], "both": [False, True]}[args.variances]:
            new_means = (tau * means + sx) / (tau + occ)[..., None]
            if args.mode == "noise":
                # only what the noise moves: the clean copies' own MAP shift (speakers, frontend) taken back out
                c_occ, c_sx, _ = clean_stats
                new_means -= (tau * means + c_sx) / (tau + c_occ)[..., None] - means
            keep = [f for f in range(STREAMS) if f not in streams]
            new_means[:, keep] = means[:, keep]
            new_var = variances
            if adapt_var:
                new_var = (tau * (variances + means ** 2) + sxx) / (tau + occ)[..., None] - new_means ** 2
                new_var = np.maximum(new_var, VAR_FLOOR)
                new_var[:, keep] = variances[:, keep]
            shift = np.abs(new_means - means) / np.sqrt(np.maximum(variances, VAR_FLOOR))
            name = (f"tau{tau:g}" + ("-var" if adapt_var else "") + ("-noise" if args.mode == "noise" else "")
                    + ("" if len(streams) == STREAMS else "-s" + "".join(map(str, streams))))
            out = os.path.join(args.out, name)
            os.makedirs(out, exist_ok=True)
            write_s3(os.path.join(out, "means"), mhead, new_means)
            write_s3(os.path.join(out, "variances"), vhead, new_var)
            log(f"wrote {out}/means, variances (mean shift / sd median {np.median(shift):.3f}, max {shift.max():.2f})")
            adapted = Gmm(new_means, new_var)
            for label, x, sen in dev:
                print(f"{label}: {name} senone {{:.4f}} CI state {{:.4f}}".format(
                    *classify(adapted, weights, sen_ci, sen_state, x, sen)), flush=True)
    log(f"done, {time.process_time() - t0:.0f} CPU s")


if __name__ == "__main__":
    main()
