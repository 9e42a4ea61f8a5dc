"""Hark's speaker embedding network: a small ECAPA-style TDNN.

[batch, frames, 80] mean-normalised log-mel frames (10 ms apart) ->
  Conv1d 80->C (kernel 5, stride 2: the rest runs on 20 ms steps, half the cost), BN, ReLU
  3 SE-Res2 blocks (kernel 3, dilation 2, 3, 4; Res2Net scale 4; squeeze-excitation), residual
  multi-layer feature aggregation: the 3 blocks' outputs concatenated, Conv1d 3C->3C (kernel 1), BN, ReLU
  attentive statistics pooling: per-channel attention over time (seeing each frame and the
  utterance's mean and deviation), attention-weighted mean and standard deviation
  BN, Linear 6C->EMBEDDING
-> [batch, EMBEDDING] speaker embedding (compared by cosine).
C = 128: about 0.63 M parameters, about 25 M multiply-adds per second of audio.
"""
import torch
import torch.nn as nn
import torch.nn.functional as F

CHANNELS = 128
EMBEDDING = 192
SCALE = 4


class SqueezeExcitation(nn.Module):
    def __init__(self, c, bottleneck=64):
        super().__init__()
        self.down = nn.Conv1d(c, bottleneck, 1)
        self.up = nn.Conv1d(bottleneck, c, 1)

    def forward(self, x):
        return x * torch.sigmoid(self.up(F.relu(self.down(x.mean(dim=2, keepdim=True)))))


class Res2Block(nn.Module):
    """1x1 conv, Res2Net dilated convs over SCALE channel groups, 1x1 conv, squeeze-excitation, residual."""

    def __init__(self, c, dilation):
        super().__init__()
        w = c // SCALE
        self.inp = nn.Conv1d(c, c, 1)
        self.inp_bn = nn.BatchNorm1d(c)
        self.convs = nn.ModuleList([nn.Conv1d(w, w, 3, dilation=dilation, padding=dilation) for _ in range(SCALE - 1)])
        self.bns = nn.ModuleList([nn.BatchNorm1d(w) for _ in range(SCALE - 1)])
        self.out = nn.Conv1d(c, c, 1)
        self.out_bn = nn.BatchNorm1d(c)
        self.se = SqueezeExcitation(c)

    def forward(self, x):
        parts = torch.chunk(F.relu(self.inp_bn(self.inp(x))), SCALE, dim=1)
        outs, prev = [parts[0]], None
        for i, (conv, bn) in enumerate(zip(self.convs, self.bns)):
            z = parts[i + 1] if prev is None else parts[i + 1] + prev
            prev = F.relu(bn(conv(z)))
            outs.append(prev)
        return x + self.se(F.relu(self.out_bn(self.out(torch.cat(outs, dim=1)))))


class AttentiveStatsPooling(nn.Module):
    def __init__(self, c, attention=64):
        super().__init__()
        self.hidden = nn.Conv1d(3 * c, attention, 1)
        self.score = nn.Conv1d(attention, c, 1)

    def forward(self, h):
        t = h.shape[2]
        mean = h.mean(dim=2, keepdim=True)
        std = torch.sqrt(((h - mean) ** 2).mean(dim=2, keepdim=True).clamp(min=1e-5))
        ctx = torch.cat([h, mean.expand(-1, -1, t), std.expand(-1, -1, t)], dim=1)
        w = torch.softmax(self.score(torch.tanh(self.hidden(ctx))), dim=2)
        mu = (h * w).sum(dim=2)
        sigma = torch.sqrt((((h * h) * w).sum(dim=2) - mu * mu).clamp(min=1e-5))
        return torch.cat([mu, sigma], dim=1)


class SpeakerEcapa(nn.Module):
    def __init__(self, n_mels=80, c=CHANNELS, emb=EMBEDDING):
        super().__init__()
        self.inp = nn.Conv1d(n_mels, c, 5, stride=2, padding=2)
        self.inp_bn = nn.BatchNorm1d(c)
        self.blocks = nn.ModuleList([Res2Block(c, d) for d in (2, 3, 4)])
        self.mfa = nn.Conv1d(3 * c, 3 * c, 1)
        self.mfa_bn = nn.BatchNorm1d(3 * c)
        self.pool = AttentiveStatsPooling(3 * c)
        self.pool_bn = nn.BatchNorm1d(6 * c)
        self.fc = nn.Linear(6 * c, emb)

    def forward(self, feats):
        x = F.relu(self.inp_bn(self.inp(feats.transpose(1, 2))))
        outs = []
        for b in self.blocks:
            x = b(x)
            outs.append(x)
        h = F.relu(self.mfa_bn(self.mfa(torch.cat(outs, dim=1))))
        return self.fc(self.pool_bn(self.pool(h)))
