"""PyTorch twin of src/core/lm/transformer.ts for bench/lmBench.ts: the same pre-LayerNorm causal
Transformer (learned token and position embeddings; per layer LayerNorm, one bias-free [D, 3D] q/k/v
product, heads of D/H, scores scaled by 1/sqrt(D/H) with an additive -1e9 causal mask, a bias-free
[D, D] output projection, residual, LayerNorm, D -> 4D ReLU MLP with biases, residual; final
LayerNorm and an untied [D, V] head with bias; LayerNorm eps 1e-5), mean cross-entropy over the
B*T positions, Adam (lr, betas 0.9/0.999, eps 1e-7 as the core's Adam).

Usage: python3 torch_lm.py VOCAB CONTEXT LAYERS DIM HEADS BATCH LR, then one JSON request a line on
stdin, one JSON answer a line on stdout:
  {"cmd": "check", "weights": [[...], ...], "inputs": [...], "targets": [...], "steps": 3}
      -> {"losses": [...]}  the loss before each of `steps` Adam steps from those weights, on that batch
  {"cmd": "time", "threads": N, "steps": K}  (N = 0: PyTorch's default thread count)
      -> {"ms": [...], "cpu": [...], "threads": n}  wall and CPU (all threads) milliseconds of each
         of K training steps (forward, backward, Adam, loss.item()), after one warm-up step, on
         random batches
"""

import json
import math
import sys
import time

import torch
import torch.nn.functional as F


class Twin(torch.nn.Module):
    def __init__(self, vocab, context, layers, dim, heads):
        super().__init__()
        self.heads = heads
        p = lambda *shape: torch.nn.Parameter(torch.zeros(*shape))
        self.tokens, self.positions = p(vocab, dim), p(context, dim)
        self.blocks = torch.nn.ModuleList()
        for _ in range(layers):
            block = torch.nn.Module()
            block.ln1_g, block.ln1_b = p(dim), p(dim)
            block.qkv, block.proj = p(dim, 3 * dim), p(dim, dim)
            block.ln2_g, block.ln2_b = p(dim), p(dim)
            block.fc1, block.fc1_b = p(dim, 4 * dim), p(4 * dim)
            block.fc2, block.fc2_b = p(4 * dim, dim), p(dim)
            self.blocks.append(block)
        self.ln_g, self.ln_b, self.head, self.head_b = p(dim), p(dim), p(dim, vocab), p(vocab)
        mask = torch.triu(torch.full((context, context), -1e9), diagonal=1)
        self.register_buffer("mask", mask)

    def ordered(self):
        """The parameters in the order of parameterShapes in transformer.ts."""
        out = [self.tokens, self.positions]
        for b in self.blocks:
            out += [b.ln1_g, b.ln1_b, b.qkv, b.proj, b.ln2_g, b.ln2_b, b.fc1, b.fc1_b, b.fc2, b.fc2_b]
        return out + [self.ln_g, self.ln_b, self.head, self.head_b]

    def forward(self, ids):
        batch, time_ = ids.shape
        dim = self.tokens.shape[1]
        hd = dim // self.heads
        x = F.embedding(ids, self.tokens) + self.positions[:time_]
        mask = self.mask[:time_, :time_]
        split = lambda t: t.view(batch, time_, self.heads, hd).transpose(1, 2)
        for b in self.blocks:
            q, k, v = (F.layer_norm(x, (dim,), b.ln1_g, b.ln1_b, 1e-5) @ b.qkv).split(dim, dim=-1)
            scores = split(q) @ split(k).transpose(-1, -2) / math.sqrt(hd) + mask
            attended = torch.softmax(scores, dim=-1) @ split(v)
            x = x + attended.transpose(1, 2).reshape(batch, time_, dim) @ b.proj
            hidden = torch.relu(F.layer_norm(x, (dim,), b.ln2_g, b.ln2_b, 1e-5) @ b.fc1 + b.fc1_b)
            x = x + hidden @ b.fc2 + b.fc2_b
        x = F.layer_norm(x, (dim,), self.ln_g, self.ln_b, 1e-5)
        return (x @ self.head + self.head_b).reshape(batch * time_, -1)


def main():
    vocab, context, layers, dim, heads, batch = (int(a) for a in sys.argv[1:7])
    lr = float(sys.argv[7])
    default_threads = torch.get_num_threads()

    def fresh():
        model = Twin(vocab, context, layers, dim, heads)
        with torch.no_grad():
            for name, t in model.named_parameters():
                if t.dim() == 2:
                    t.normal_(0, 0.02)
                else:
                    t.fill_(1.0 if name.endswith("_g") else 0.0)
        return model, torch.optim.Adam(model.parameters(), lr=lr, betas=(0.9, 0.999), eps=1e-7)

    def step(model, opt, ids, targets):
        opt.zero_grad(set_to_none=True)
        loss = F.cross_entropy(model(ids), targets)
        loss.backward()
        opt.step()
        return loss.item()

    for line in sys.stdin:
        request = json.loads(line)
        if request["cmd"] == "check":
            model, opt = fresh()
            with torch.no_grad():
                for t, w in zip(model.ordered(), request["weights"]):
                    t.copy_(torch.tensor(w, dtype=torch.float32).view_as(t))
            ids = torch.tensor(request["inputs"], dtype=torch.long).view(batch, context)
            targets = torch.tensor(request["targets"], dtype=torch.long)
            answer = {"losses": [step(model, opt, ids, targets) for _ in range(request["steps"])]}
        else:
            torch.set_num_threads(request["threads"] or default_threads)
            model, opt = fresh()
            g = torch.Generator().manual_seed(0)
            draw = lambda *s: torch.randint(0, vocab, s, generator=g)
            step(model, opt, draw(batch, context), draw(batch * context))
            ms, cpu = [], []
            for _ in range(request["steps"]):
                ids, targets = draw(batch, context), draw(batch * context)
                started, cpu_started = time.perf_counter(), time.process_time()
                step(model, opt, ids, targets)
                ms.append((time.perf_counter() - started) * 1000)
                cpu.append((time.process_time() - cpu_started) * 1000)
            answer = {"ms": ms, "cpu": cpu, "threads": torch.get_num_threads()}
        print(json.dumps(answer), flush=True)


if __name__ == "__main__":
    main()
