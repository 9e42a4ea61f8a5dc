#!/usr/bin/python3
"""Hierarchical word clusters for Hark's slot filler, learnt from a folder of English text.

    /usr/bin/python3 scripts/nlu/word_clusters.py CORPUS_DIR OUT.txt [--vocab N] [--contexts N]
        [--dim N] [--depth N] [--min-leaf N] [--max-mb N]

CORPUS_DIR: plain text files (any depth, read in name order; WikiExtractor's <doc ...> lines are
skipped). The shipped nlu/src/main/resources/dev/hark/nlu/word-clusters.txt.gz was made from English
Wikipedia text (CC BY-SA 3.0) as extracted by WikiExtractor into github.com/jason-feng/wikiVisual,
commit 1c0fac92f29f17c1603bfffbe864e0dfdff66897, folder text/ (400 files, 30,729 articles, 411 MB; the
first 200 MB were read: 32.6 million tokens), in about 20 minutes of one core:

    git -C WIKIVISUAL_GIT archive 1c0fac92f29f17c1603bfffbe864e0dfdff66897 text | tar -x -C /tmp/wiki
    /usr/bin/python3 scripts/nlu/word_clusters.py /tmp/wiki/text /tmp/word-clusters.txt --max-mb 200
    gzip -9 -n -c /tmp/word-clusters.txt > nlu/src/main/resources/dev/hark/nlu/word-clusters.txt.gz

Method (in the spirit of Brown clustering: words that occur in the same contexts share the prefixes
of a binary path): each of the N most frequent words is described by the counts of the context words
one and two positions to its left and right (the most frequent context words, each position apart),
weighted by positive pointwise mutual information (context distribution smoothed by ^0.75), reduced
to --dim dimensions by a truncated SVD; the unit-length vectors are then split in two by spherical
2-means, recursively, down to --depth levels or --min-leaf words. A word's cluster is its path of
0s and 1s from the root; the slot filler uses prefixes of it as features. Deterministic: no random
choice anywhere (2-means starts from the two points farthest apart along the node's main axis).

Tokens follow Hark's Tokenizer: lower-cased runs of letters with inner apostrophes, a final "'s"
split off; numbers stand for context only. Output lines: WORD<TAB>PATH, most frequent word first,
after '#' header lines naming the source and the parameters.
"""
import argparse
import collections
import os
import re
import sys

import numpy as np
import scipy.sparse as sp
from scipy.sparse.linalg import svds

WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)*|\d+(?:[.,:]\d+)*")


def tokens(line):
    for t in WORD.findall(line.lower()):
        if t[0].isdigit():
            yield "<num>"
        elif len(t) > 2 and t.endswith("'s"):
            yield t[:-2]
            yield "'s"
        else:
            yield t


def lines(corpus, max_bytes):
    files = []
    for root, dirs, names in os.walk(corpus):
        dirs.sort()
        files.extend(os.path.join(root, n) for n in sorted(names))
    read = 0
    for f in files:
        with open(f, encoding="utf-8", errors="replace") as fh:
            for line in fh:
                read += len(line)
                if line.startswith("<doc ") or line.startswith("</doc>"):
                    continue
                yield line
        if max_bytes and read >= max_bytes:
            break
        print(f"  read {read / 1e6:.0f} MB", file=sys.stderr, flush=True)


def spherical_split(x, idx):
    """Two halves of the rows idx of x (unit vectors) by spherical 2-means; deterministic."""
    sub = x[idx]
    centre = sub.mean(axis=0)
    # start from the two extremes along the main direction of the node's spread
    _, _, vt = np.linalg.svd(sub - centre, full_matrices=False)
    proj = (sub - centre) @ vt[0]
    c = np.stack([sub[np.argmin(proj)], sub[np.argmax(proj)]])
    side = proj > 0
    for _ in range(20):
        sims = sub @ c.T
        new = sims[:, 1] > sims[:, 0]
        if new.all() or not new.any():
            new = proj > np.median(proj)
        if (new == side).all():
            break
        side = new
        for k, mask in enumerate((~side, side)):
            m = sub[mask].sum(axis=0)
            c[k] = m / max(np.linalg.norm(m), 1e-12)
    return idx[~side], idx[side]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("corpus")
    ap.add_argument("out")
    ap.add_argument("--vocab", type=int, default=40000, help="words to cluster, most frequent first")
    ap.add_argument("--contexts", type=int, default=10000, help="context words per position")
    ap.add_argument("--dim", type=int, default=100)
    ap.add_argument("--depth", type=int, default=16)
    ap.add_argument("--min-leaf", type=int, default=8)
    ap.add_argument("--max-mb", type=int, default=0, help="read at most this many MB of text (0: all)")
    a = ap.parse_args()

    print("counting words", file=sys.stderr)
    counts = collections.Counter()
    for line in lines(a.corpus, a.max_mb * 1_000_000):
        counts.update(tokens(line))
    total = sum(counts.values())
    ranked = [w for w, _ in counts.most_common() if w != "<num>"]
    vocab = ranked[: a.vocab]
    word_id = {w: i for i, w in enumerate(vocab)}
    ctx_words = [w for w, _ in counts.most_common(a.contexts)]
    ctx_id = {w: i for i, w in enumerate(ctx_words)}
    print(f"{total} tokens, {len(counts)} types; clustering {len(vocab)} (least frequent seen "
          f"{counts[vocab[-1]]} times)", file=sys.stderr)

    print("counting contexts", file=sys.stderr)
    offsets = (-2, -1, 1, 2)
    nctx = len(ctx_words)
    rows, cols = [], []
    mats = []
    pending = 0
    batch = []

    def flush():
        # lines are joined with a boundary token (no id) so that no context crosses a line
        w = np.fromiter((word_id.get(x, -1) for x in batch), dtype=np.int64, count=len(batch))
        c = np.fromiter((ctx_id.get(x, -1) for x in batch), dtype=np.int64, count=len(batch))
        n = 0
        for k, off in enumerate(offsets):
            if off < 0:
                ww, cc = w[-off:], c[:off]
            else:
                ww, cc = w[:-off], c[off:]
            ok = (ww >= 0) & (cc >= 0)
            rows.append(ww[ok])
            cols.append(cc[ok] + k * nctx)
            n += int(ok.sum())
        batch.clear()
        return n

    for line in lines(a.corpus, a.max_mb * 1_000_000):
        batch.extend(tokens(line))
        batch.extend(("\u0000", "\u0000"))
        if len(batch) > 2_000_000:
            pending += flush()
        if pending > 20_000_000:
            mats.append(sp.coo_matrix((np.ones(pending, dtype=np.float32), (np.concatenate(rows), np.concatenate(cols))),
                                      shape=(len(vocab), len(offsets) * nctx)).tocsr())
            rows, cols, pending = [], [], 0
    pending += flush()
    if pending:
        mats.append(sp.coo_matrix((np.ones(pending, dtype=np.float32), (np.concatenate(rows), np.concatenate(cols))),
                                  shape=(len(vocab), len(offsets) * nctx)).tocsr())
    m = mats[0]
    for x in mats[1:]:
        m = m + x
    m = m.tocoo()

    print(f"PPMI over {m.nnz} word-context pairs", file=sys.stderr)
    n = m.sum()
    row_sum = np.asarray(m.sum(axis=1)).ravel()
    col = np.asarray(m.sum(axis=0)).ravel() ** 0.75
    col_p = col / col.sum()
    pmi = np.log(m.data / n) - np.log(row_sum[m.row] / n) - np.log(col_p[m.col])
    keep = pmi > 0
    ppmi = sp.csr_matrix((pmi[keep].astype(np.float32), (m.row[keep], m.col[keep])), shape=m.shape)

    print(f"SVD to {a.dim} dimensions", file=sys.stderr)
    u, s, _ = svds(ppmi, k=a.dim, v0=np.ones(min(ppmi.shape), dtype=np.float32) / np.sqrt(min(ppmi.shape)))
    x = u * np.sqrt(s)
    x /= np.maximum(np.linalg.norm(x, axis=1, keepdims=True), 1e-12)

    print("splitting", file=sys.stderr)
    paths = [""] * len(vocab)
    stack = [(np.arange(len(vocab)), "")]
    while stack:
        idx, path = stack.pop()
        if len(path) >= a.depth or len(idx) < 2 * a.min_leaf:
            for i in idx:
                paths[i] = path or "0"
            continue
        left, right = spherical_split(x, idx)
        if len(left) == 0 or len(right) == 0:
            for i in idx:
                paths[i] = path or "0"
            continue
        stack.append((left, path + "0"))
        stack.append((right, path + "1"))

    with open(a.out, "w", encoding="utf-8") as out:
        out.write("# Hark word clusters: WORD<TAB>PATH (binary path in a tree of distributionally similar words)\n")
        out.write(f"# made by scripts/nlu/word_clusters.py from {total} tokens of {os.path.basename(os.path.normpath(a.corpus))}; "
                  f"vocab {a.vocab}, contexts {a.contexts} x {len(offsets)} positions, dim {a.dim}, depth {a.depth}, "
                  f"min leaf {a.min_leaf}\n")
        out.write("# source text: English Wikipedia (CC BY-SA 3.0); this file is CC BY-SA 3.0 too (see docs/nlu.md)\n")
        for w, p in zip(vocab, paths):
            out.write(f"{w}\t{p}\n")
    print(f"wrote {a.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
