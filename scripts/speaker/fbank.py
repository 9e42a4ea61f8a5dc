"""Log-mel filterbank frontend of Hark's speaker model, in numpy.

The Java frontend (dev.hark.speaker.FbankFrontend) computes the same features from the same JSON
description (speaker/src/main/resources/dev/hark/speaker/speaker-model.json); the two must agree,
which SpeakerEmbedderTest checks against a reference file written by export_reference.py.

Steps per frame: cut frame_length samples every frame_shift, remove the frame's DC offset,
pre-emphasise, window, power spectrum over n_fft points, triangular mel filters (HTK mel scale)
between low_hz and high_hz, natural log with a floor. Frames quieter than the loudest frame by more
than vad_db_below_max are dropped (silence carries no speaker), then each mel bin's mean over the
kept frames is subtracted (utterance cepstral mean normalisation removes the channel).
"""
import json
import math

import numpy as np


def load_config(path):
    with open(path) as f:
        return json.load(f)["frontend"]


def hz_to_mel(hz):
    return 1127.0 * math.log(1.0 + hz / 700.0)


def mel_filters(cfg):
    n_fft = cfg["n_fft"]
    n_bins = n_fft // 2 + 1
    n_mels = cfg["num_mel_bins"]
    lo, hi = hz_to_mel(cfg["low_hz"]), hz_to_mel(cfg["high_hz"])
    step = (hi - lo) / (n_mels + 1)
    fb = np.zeros((n_mels, n_bins), dtype=np.float64)
    for m in range(n_mels):
        left, centre, right = lo + m * step, lo + (m + 1) * step, lo + (m + 2) * step
        for k in range(n_bins):
            mel = hz_to_mel(k * cfg["sample_rate"] / n_fft)
            if left < mel < right:
                fb[m, k] = (mel - left) / (centre - left) if mel <= centre else (right - mel) / (right - centre)
    return fb


def frames_log_mel(samples, cfg, fb=None):
    """All frames' log-mel energies [T, n_mels] and each frame's log10 energy in dB [T]."""
    x = np.asarray(samples, dtype=np.float64)
    flen, shift, n_fft = cfg["frame_length"], cfg["frame_shift"], cfg["n_fft"]
    if len(x) < flen:
        return np.zeros((0, cfg["num_mel_bins"])), np.zeros(0)
    n = 1 + (len(x) - flen) // shift
    idx = np.arange(flen)[None, :] + shift * np.arange(n)[:, None]
    fr = x[idx]
    fr = fr - fr.mean(axis=1, keepdims=True)
    energy_db = 10.0 * np.log10(np.maximum((fr * fr).sum(axis=1), 1e-20))
    pre = cfg["preemphasis"]
    prev = np.concatenate([fr[:, :1], fr[:, :-1]], axis=1)
    fr = fr - pre * prev
    win = 0.54 - 0.46 * np.cos(2 * np.pi * np.arange(flen) / (flen - 1))
    fr = fr * win
    spec = np.fft.rfft(fr, n=n_fft, axis=1)
    power = spec.real ** 2 + spec.imag ** 2
    if fb is None:
        fb = mel_filters(cfg)
    mel = power @ fb.T
    return np.log(np.maximum(mel, cfg["log_floor"])), energy_db


def select_and_normalise(logmel, energy_db, cfg):
    """Drops quiet frames and subtracts the per-bin mean; returns [T', n_mels] float32."""
    if len(energy_db) == 0:
        return logmel.astype(np.float32)
    keep = energy_db >= energy_db.max() - cfg["vad_db_below_max"]
    sel = logmel[keep]
    return (sel - sel.mean(axis=0, keepdims=True)).astype(np.float32)


def features(samples, cfg, fb=None):
    lm, e = frames_log_mel(samples, cfg, fb)
    return select_and_normalise(lm, e, cfg)
