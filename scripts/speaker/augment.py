"""Training examples for Hark's speaker model: random crops of real speech, perturbed the way
household and telephone audio differs from a clean corpus, turned into the model's input features.

Per example (probabilities and ranges are the constants below):
  * speed perturbation: the crop is resampled to 0.9x, 1x or 1.1x speed; each speed of a speaker is
    its own training class (a 10 % speed change moves pitch and formants as far as another person's
    voice does), as in Kaldi's recipes;
  * pitch perturbation within a class: a further resampling by up to +-2 % (about +-35 cents), so the
    class stands for a voice, not for one exact pitch (on a random crop, shifting the pitch by
    resampling and sox's tempo-preserving `pitch` differ only in the crop's duration);
  * reverberation: convolution with a real room impulse response (--rir folder) or, as often, a
    synthetic one (exponentially decaying noise with a random reverberation time);
  * real recorded noise (--noise folder) at a random signal-to-noise ratio;
  * band-limiting to telephone quality: down to 8 kHz and back, as FSDD and cheap microphones are;
  * with channel=True (train.py --channel), a recording session's channel, drawn per example: a random
    smooth equaliser on the speech before the noise is added (a spectral tilt and a few broad peaks and
    dips: microphone, distance, room colour), a microphone's band-pass (lower edge 80-400 Hz, upper
    3.4-8 kHz) followed by its self-noise, a nonlinearity (8-bit mu-law, soft or hard clipping) and a
    slowly varying level (an automatic gain control). The frontend subtracts each mel bin's mean over
    the utterance, which removes a fixed equaliser applied to everything; these act where that cannot
    reach: the speech's colour differs from the noise's, the band edges leave bins to the noise floor,
    distortion and level changes vary with the signal;
  * the model's frontend (fbank.py), silent frames dropped and each mel bin's mean removed as Hark's
    Java frontend does, then two narrow SpecAugment-style masks (frequency bands and time spans).
Everything is drawn from one numpy Generator, so a seed gives the same examples.
"""
import math
import os
import wave

import numpy as np
from scipy.signal import butter, fftconvolve, resample_poly, sosfilt

import fbank

RATE = 16000
SPEEDS = (0.9, 1.0, 1.1)
SPEED_WEIGHTS = (0.25, 0.5, 0.25)
PITCH_STEPS = 50          # resampling ratios p / 50: +-1 step is +-2 %
P_REVERB = 0.4
P_REAL_RIR = 0.5          # of the reverberated examples
P_NOISE = 0.6
SNR_DB = (0.0, 20.0)
P_TELEPHONE = 0.5
# channel augmentation (channel=True)
P_EQ = 0.8
EQ_TILT_DB = 4.0          # +- dB per octave around 1 kHz
EQ_BUMPS = 3              # broad peaks or dips, each +- EQ_BUMP_DB, 0.3-1.2 octaves wide
EQ_BUMP_DB = 8.0
EQ_LIMIT_DB = 18.0
P_MIC_BAND = 0.5
MIC_LOW_HZ = (80.0, 400.0)
MIC_HIGH_HZ = (3400.0, 8000.0)
MIC_NOISE_DB = (-65.0, -35.0)   # white self-noise after the band-pass, relative to the signal's power
P_NONLINEAR = 0.3
P_AGC = 0.3
AGC_DB = 6.0              # level wanders within +- this, a new target every 0.2-1 s
TRIM_DB = 35.0            # leading and trailing frames this far below an utterance's loudest are cut


def read_wav(path):
    with wave.open(path) as w:
        if w.getframerate() != RATE or w.getnchannels() != 1 or w.getsampwidth() != 2:
            raise SystemExit(f"{path}: expected 16 kHz mono 16-bit WAV (scripts/prepare-corpora.sh makes them)")
        return np.frombuffer(w.readframes(w.getnframes()), dtype="<i2")


def trim(x):
    """Cuts leading and trailing silence (10 ms frames quieter than the loudest by TRIM_DB)."""
    n = len(x) // 160
    if n == 0:
        return x
    e = (x[:n * 160].astype(np.float64).reshape(n, 160) ** 2).sum(1)
    db = 10 * np.log10(e + 1e-3)
    loud = np.nonzero(db >= db.max() - TRIM_DB)[0]
    return x[loud[0] * 160:(loud[-1] + 1) * 160]


def load_speakers(speakers):
    """One int16 array per speaker: their recordings, trimmed, end to end."""
    return [np.concatenate([trim(read_wav(f)) for f in files]) for _, files in speakers]


def load_folder(d):
    """Every WAV of a folder (int16), sorted by name."""
    return [read_wav(os.path.join(d, f)) for f in sorted(os.listdir(d)) if f.endswith(".wav")]


def prepare_rirs(rirs):
    """Real impulse responses aligned on their direct sound and scaled to unit energy."""
    out = []
    for h in rirs:
        h = h[int(np.argmax(np.abs(h))):]
        out.append(h / math.sqrt((h * h).sum() + 1e-12))
    return out


def synthetic_rir(rng):
    """Exponentially decaying Gaussian noise: a diffuse tail with reverberation time 0.2-0.9 s, after a direct path."""
    rt60 = rng.uniform(0.2, 0.9)
    n = int(rt60 * RATE)
    t = np.arange(n) / RATE
    h = rng.standard_normal(n) * np.exp(-6.9 * t / rt60) * rng.uniform(0.05, 0.4)
    h[0] = 1.0
    return h / math.sqrt((h * h).sum())


def equalise(rng, y):
    """A random smooth equaliser (zero phase): tilt around 1 kHz plus broad bumps on a log-frequency axis."""
    spec = np.fft.rfft(y)
    octaves = np.log2(np.maximum(np.fft.rfftfreq(len(y), 1.0 / RATE), 20.0) / 1000.0)
    db = rng.uniform(-EQ_TILT_DB, EQ_TILT_DB) * octaves
    for _ in range(EQ_BUMPS):
        centre, width = rng.uniform(-3.3, 2.6), rng.uniform(0.3, 1.2)
        db += rng.uniform(-EQ_BUMP_DB, EQ_BUMP_DB) * np.exp(-0.5 * ((octaves - centre) / width) ** 2)
    db = np.clip(db - db.mean(), -EQ_LIMIT_DB, EQ_LIMIT_DB)
    return np.fft.irfft(spec * 10.0 ** (db / 20.0), len(y))


def microphone(rng, y):
    """A microphone's band-pass (2nd-4th order Butterworth edges), then its white self-noise."""
    order = int(rng.integers(2, 5))
    low, high = rng.uniform(*MIC_LOW_HZ), rng.uniform(*MIC_HIGH_HZ)
    y = sosfilt(butter(order, low, "highpass", fs=RATE, output="sos"), y)
    if high < 0.95 * RATE / 2:
        y = sosfilt(butter(order, high, "lowpass", fs=RATE, output="sos"), y)
    level = np.mean(y * y) * 10.0 ** (rng.uniform(*MIC_NOISE_DB) / 10.0)
    return y + rng.standard_normal(len(y)) * math.sqrt(level)


def distort(rng, y):
    """One of: 8-bit mu-law companding, soft clipping, hard clipping (of the peak-normalised signal)."""
    y = y / (np.abs(y).max() + 1e-9)
    kind = int(rng.integers(3))
    if kind == 0:
        c = np.sign(y) * np.log1p(255.0 * np.abs(y)) / math.log(256.0)
        c = np.round(c * 127.0) / 127.0
        return np.sign(c) * np.expm1(np.abs(c) * math.log(256.0)) / 255.0
    if kind == 1:
        drive = rng.uniform(1.0, 4.0)
        return np.tanh(drive * y) / math.tanh(drive)
    limit = rng.uniform(0.3, 0.8)
    return np.clip(y, -limit, limit)


def level_drift(rng, y):
    """An automatic gain control's slowly varying level: piecewise-linear in dB between random targets."""
    knots = np.cumsum(rng.uniform(0.2, 1.0, size=int(len(y) / RATE / 0.2) + 2)) * RATE
    knots = np.concatenate([[0.0], knots])
    db = np.interp(np.arange(len(y)), knots, rng.uniform(-AGC_DB, AGC_DB, size=len(knots)))
    return y * 10.0 ** (db / 20.0)


class ExampleMaker:
    """Makes batches of (features, class) from the training speakers, the noise and the impulse responses."""

    def __init__(self, speakers_audio, noises, rirs, cfg, channel=False):
        self.channel = channel
        self.audio = speakers_audio
        self.noises = noises
        self.rirs = prepare_rirs([h.astype(np.float64) for h in rirs])
        self.cfg = cfg
        self.fb = fbank.mel_filters(cfg)
        self.classes = len(speakers_audio) * len(SPEEDS)

    def waveform(self, rng, spk, speed, samples):
        """A crop of `samples` samples of speaker `spk` at speed index `speed`, perturbed, float64."""
        p = round(PITCH_STEPS * SPEEDS[speed]) + int(rng.integers(-1, 2))
        x = self.audio[spk]
        need = int(samples * p / PITCH_STEPS) + 64
        while len(x) < need:
            x = np.concatenate([x, x])
        s = int(rng.integers(0, len(x) - need + 1))
        y = x[s:s + need].astype(np.float64) / 32768.0
        if p != PITCH_STEPS:
            y = resample_poly(y, PITCH_STEPS, p)
        y = y[:samples]
        if rng.random() < P_REVERB:
            h = self.rirs[int(rng.integers(len(self.rirs)))] if self.rirs and rng.random() < P_REAL_RIR else synthetic_rir(rng)
            y = fftconvolve(y, h)[:samples]
        if self.channel and rng.random() < P_EQ:
            y = equalise(rng, y)
        if self.noises and rng.random() < P_NOISE:
            nz = self.noises[int(rng.integers(len(self.noises)))]
            s = int(rng.integers(0, max(1, len(nz) - samples)))
            n = nz[s:s + samples].astype(np.float64)
            if len(n) < samples:
                n = np.resize(n, samples)
            snr = rng.uniform(*SNR_DB)
            ps, pn = np.mean(y * y) + 1e-10, np.mean(n * n) + 1e-10
            y = y + n * math.sqrt(ps / pn / 10 ** (snr / 10))
        if self.channel and rng.random() < P_MIC_BAND:
            y = microphone(rng, y)
        if rng.random() < P_TELEPHONE:
            y = resample_poly(resample_poly(y, 1, 2), 2, 1)[:samples]
        if self.channel and rng.random() < P_NONLINEAR:
            y = distort(rng, y)
        if self.channel and rng.random() < P_AGC:
            y = level_drift(rng, y)
        peak = np.abs(y).max() + 1e-9
        return y * (rng.uniform(0.05, 0.9) / peak)

    def features(self, rng, y, frames):
        """Frontend features of `y`, silent frames dropped, exactly `frames` frames (repeated if fewer), masked."""
        lm, e = fbank.frames_log_mel(y, self.cfg, self.fb)
        f = fbank.select_and_normalise(lm, e, self.cfg)
        while len(f) < frames:
            f = np.concatenate([f, f])
        f = f[:frames]
        f = f - f.mean(axis=0, keepdims=True)
        for _ in range(2):
            w = int(rng.integers(0, 9))
            m0 = int(rng.integers(0, f.shape[1] - w + 1))
            f[:, m0:m0 + w] = 0
            w = int(rng.integers(0, 16))
            t0 = int(rng.integers(0, frames - w + 1))
            f[t0:t0 + w, :] = 0
        return f

    def samples(self, frames):
        """Audio samples to crop for `frames` frames: 20 % more than needed, since the frontend drops the silent frames."""
        return int(frames * 1.2) * self.cfg["frame_shift"] + self.cfg["frame_length"]

    def example(self, rng, cls, frames):
        """One example of class `cls` (speaker + speakers * speed index): float32 [frames, mels]."""
        spk, speed = cls % len(self.audio), cls // len(self.audio)
        return self.features(rng, self.waveform(rng, spk, speed, self.samples(frames)), frames)

    def batch(self, rng, size, frames):
        """`size` examples of random classes, `frames` frames each: float32 [size, frames, mels] and int64 classes."""
        x = np.zeros((size, frames, self.cfg["num_mel_bins"]), dtype=np.float32)
        y = np.zeros(size, dtype=np.int64)
        for b in range(size):
            spk = int(rng.integers(len(self.audio)))
            speed = int(rng.choice(len(SPEEDS), p=SPEED_WEIGHTS))
            y[b] = spk + len(self.audio) * speed
            x[b] = self.example(rng, int(y[b]), frames)
        return x, y
