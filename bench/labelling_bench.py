"""Benchmark of the reference labeller on AnyStyle's gold set (issue #11 targets: token error at most
0.6 %, sequence error at most 5 %).

Not a test: it prints figures for the closing notes. Run `python bench/labelling_bench.py`.
Every gold sequence whose text (whitespace-normalised) is also in the training data is left out.
Times are in-process (time.perf_counter) over all kept sequences, after one warm-up reference
(which loads the model); the features' cache is emptied first, so the features are timed as a
process meets its first reference list, and then again with the cache as that pass left it.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from exporter.reader.references import features, labelling  # noqa: E402
from exporter.reader.references.training import (  # noqa: E402
    DATA_DIR,
    EVALUATION_FILE,
    read_sequences,
    training_files,
)


def normalised(text: str) -> str:
    return " ".join(text.split())


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    ap.add_argument("--confusions", type=int, default=12, help="how many label confusions to list")
    args = ap.parse_args()

    seen = {normalised(text) for path in training_files() for text, _, _ in read_sequences(path)}
    gold = read_sequences(DATA_DIR / EVALUATION_FILE)
    kept = [s for s in gold if normalised(s[0]) not in seen]
    tokens = [features.tokenize(text) for text, _, _ in kept]

    labelling.label(kept[0][0])  # warm-up: loads the model
    tagger = labelling._tagger()
    features._own.cache_clear()
    start = time.perf_counter()
    xseqs = [features.features(t) for t in tokens]
    features_cold = time.perf_counter() - start
    start = time.perf_counter()
    for t in tokens:
        features.features(t)
    features_warm = time.perf_counter() - start

    predicted: list[list[str]] = []
    start = time.perf_counter()
    for xseq in xseqs:
        # What label() does after the features: tag, then the sequence's probability and marginals.
        tagger.set(xseq)
        labels = tagger.tag()
        tagger.probability(labels)
        [tagger.marginal(y, i) for i, y in enumerate(labels)]
        predicted.append(labels)
    tagging = time.perf_counter() - start

    n_tokens = wrong = wrong_sequences = 0
    confusions: Counter[tuple[str, str]] = Counter()
    for (_, _, truth), guess in zip(kept, predicted, strict=True):
        bad = [(y, p) for y, p in zip(truth, guess, strict=True) if y != p]
        n_tokens += len(truth)
        wrong += len(bad)
        wrong_sequences += bool(bad)
        confusions.update(bad)

    n = len(kept)
    figures = {
        "gold_sequences": len(gold),
        "kept_sequences": n,
        "tokens": n_tokens,
        "token_error": wrong / n_tokens,
        "sequence_error": wrong_sequences / n,
        "features_ms_per_reference": features_cold / n * 1e3,
        "features_cached_ms_per_reference": features_warm / n * 1e3,
        "tagging_ms_per_reference": tagging / n * 1e3,
        "model_bytes": labelling.MODEL_FILE.stat().st_size,
    }
    if args.json:
        print(json.dumps(figures, indent=2))
        return 0
    print(f"gold.xml: {len(gold)} sequences, {len(gold) - n} also in the training data left out, {n} kept")
    print(f"tokens {n_tokens}: token error {figures['token_error']:.2%} (target <= 0.6%)")
    print(f"sequences {n}: sequence error {figures['sequence_error']:.2%} (target <= 5%)")
    print(
        f"per reference: features {figures['features_ms_per_reference']:.3f} ms "
        f"({figures['features_cached_ms_per_reference']:.3f} ms with the token cache filled), "
        f"tagging with marginals {figures['tagging_ms_per_reference']:.3f} ms"
    )
    print(f"model: {figures['model_bytes']} bytes")
    print("most frequent confusions (gold -> labelled):")
    for (y, p), count in confusions.most_common(args.confusions):
        print(f"  {count:5d}  {y} -> {p}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
