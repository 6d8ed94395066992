"""How well quizapp's scheduler models memory, on a real review log.

    .venv/bin/python bench/fsrs_memory_model.py [CSV]

Replays the review log shipped in ../shared/conformance/fsrs/ (12,580 reviews of 1,205
cards, from py-fsrs's tests) through `quizapp.scheduling.Scheduler` with default FSRS-6
parameters, and scores each review's predicted recall against what happened, beside an
SM-2 baseline computed in the same run. Pure Python; no numpy.

Protocol (after open-spaced-repetition/srs-benchmark):

1. Per card, reviews in time order. Every review, same-day ones included, goes through
   `Scheduler.answer_card` (fuzz off), so FSRS-6's short-term stability sees them.
2. A review is scored when at least one whole day (24 h, FSRS's unit) passed since the
   card's previous review; the card's first review and same-day repeats are not
   predictions. Prediction: `Scheduler.retrievability` just before the answer; label:
   recalled unless the rating is Again.
3. As srs-benchmark does (fsrs-optimizer's ``remove_outliers``), cards whose first
   inter-day interval is rare for their first rating are dropped: per first rating, the
   least frequent intervals until 5 % (at least 20) of those reviews are gone, then any
   interval seen fewer than 6 times or longer than 100 days (365 after Easy).
4. Time-ordered folds: the scored reviews in time order are cut as sklearn's
   ``TimeSeriesSplit(n_splits=5)`` cuts them, and only its five test folds (the last 5/6)
   are scored. With default parameters nothing is trained, but the scored set is the one
   a fitted model would be compared on.
5. SM-2 (srs-benchmark's ``sm2``: ratings 1-4 as quality 2-5, EF from 2.5, intervals
   1, 6, then times EF) runs on the card's day-level history, i.e. the scored reviews
   before this one (same-day repeats are not SM-2 reviews), and its interval I becomes a
   recall probability through srs-benchmark's curve R = 0.9 ** (t / I).

Metrics: log loss (mean binary cross-entropy), RMSE(bins) as srs-benchmark's current
``rmse_matrix`` (reviews binned by elapsed days, review number and lapse count on
log scales; root mean square of bin recall rate minus each prediction), and AUC.

Reference figures on this file (its README): FSRS-6 default parameters 0.4334 log loss,
SM-2 0.504. This protocol gives about 0.4365 and 0.498 (see the module's test); the
remaining gap comes from srs-benchmark's own day boundaries and preprocessing, which the
file's UTC timestamps do not fully determine.
"""

from __future__ import annotations

import csv
import math
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as a script from anywhere
    sys.path.insert(0, str(ROOT))

from quizapp.scheduling import CardState, Rating, Scheduler  # noqa: E402

DATA_DIR = ROOT.parent / "shared" / "conformance" / "fsrs"
DATA_FILE = DATA_DIR / "review_logs_josh_1711744352250_to_1728234780857.csv"
N_SPLITS = 5
EPSILON = 1e-7  # keeps log loss finite for a prediction of exactly 0 or 1


@dataclass
class Scored:
    """One scored review: when, which card, the predictions and what happened."""

    order: int
    card_id: str
    elapsed_days: int
    review_number: int  # 2 for the first inter-day review, as srs-benchmark's "i"
    lapses: int  # Again ratings among the card's earlier inter-day reviews
    first_rating: int
    fsrs: float
    sm2: float
    recalled: int


def read_reviews(path: Path) -> list[tuple[str, int, datetime]]:
    """(card_id, rating, aware UTC time) rows in time order."""
    with path.open(newline="") as handle:
        rows = [
            (row["card_id"], int(row["review_rating"]), datetime.fromisoformat(row["review_time"]))
            for row in csv.DictReader(handle)
        ]
    rows.sort(key=lambda row: row[2])
    return rows


def sm2_interval(ratings: list[int], maximum: int = 36500) -> float:
    """srs-benchmark's SM-2: the interval in days after these ratings (1-4)."""
    interval, ease, reps = 0.0, 2.5, 0
    for rating in ratings:
        quality = rating + 1  # Again 2, Hard 3, Good 4, Easy 5 on SM-2's 0-5 scale
        if quality > 2:
            interval = 1 if reps == 0 else 6 if reps == 1 else interval * ease
            reps += 1
        else:
            interval, reps = 1, 0
        ease = max(1.3, ease + (0.1 - (5 - quality) * (0.08 + (5 - quality) * 0.02)))
        interval = min(max(1, round(interval + 0.01)), maximum)
    return interval


def replay(reviews: list[tuple[str, int, datetime]]) -> list[Scored]:
    """Run every review through the scheduler; keep the inter-day ones as predictions."""
    scheduler = Scheduler(enable_fuzzing=False)
    states: dict[str, CardState] = {}
    day_history: dict[str, list[int]] = defaultdict(list)
    first_rating: dict[str, int] = {}
    scored: list[Scored] = []
    for order, (card_id, rating, when) in enumerate(reviews):
        state = states.get(card_id)
        if state is None:
            state = CardState.new(when)
            first_rating[card_id] = rating
            day_history[card_id].append(rating)
        else:
            elapsed = (when - state.last_review).days
            if elapsed >= 1:
                history = day_history[card_id]
                scored.append(
                    Scored(
                        order=order,
                        card_id=card_id,
                        elapsed_days=elapsed,
                        review_number=len(history) + 1,
                        lapses=sum(1 for r in history[1:] if r == Rating.AGAIN),
                        first_rating=first_rating[card_id],
                        fsrs=scheduler.retrievability(state, when),
                        sm2=0.9 ** (elapsed / sm2_interval(history)),
                        recalled=0 if rating == Rating.AGAIN else 1,
                    )
                )
                history.append(rating)
        states[card_id] = scheduler.answer_card(state, rating, when).after
    return scored


def drop_outliers(scored: list[Scored]) -> list[Scored]:
    """srs-benchmark's outlier rule on first inter-day intervals; drops whole cards."""
    firsts = [s for s in scored if s.review_number == 2]
    dropped_cards: set[str] = set()
    for rating in {s.first_rating for s in firsts}:
        group = [s for s in firsts if s.first_rating == rating]
        counts = Counter(s.elapsed_days for s in group)
        removed, drop = 0, set()
        # Rarest intervals first; among equally rare ones the longest first.
        for days, count in sorted(counts.items(), key=lambda item: (item[1], -item[0])):
            if removed + count < max(len(group) * 0.05, 20):
                drop.add(days)
                removed += count
            elif count < 6 or days > (365 if rating == Rating.EASY else 100):
                drop.add(days)
                removed += count
        dropped_cards |= {s.card_id for s in group if s.elapsed_days in drop}
    return [s for s in scored if s.card_id not in dropped_cards]


def test_folds(scored: list[Scored], n_splits: int = N_SPLITS) -> list[Scored]:
    """The reviews sklearn's TimeSeriesSplit puts in its test folds: the last n/(n+1)."""
    ordered = sorted(scored, key=lambda s: s.order)
    fold = len(ordered) // (n_splits + 1)
    return ordered[len(ordered) - n_splits * fold :]


def log_loss(y: list[int], p: list[float]) -> float:
    """Mean binary cross-entropy."""
    total = 0.0
    for label, prob in zip(y, p):
        prob = min(max(prob, EPSILON), 1 - EPSILON)
        total -= label * math.log(prob) + (1 - label) * math.log(1 - prob)
    return total / len(y)


def _log_bin(value: float, scale: float, base: float, digits: int) -> float:
    """srs-benchmark's geometric bins: scale * base ** floor(log_base(value))."""
    if value <= 0:
        return 0
    return round(scale * base ** math.floor(math.log(value) / math.log(base)), digits)


def rmse_bins(scored: list[Scored], p: list[float]) -> float:
    """srs-benchmark's RMSE(bins): each prediction against its bin's recall rate."""
    keys = [
        (
            _log_bin(s.elapsed_days, 2.48, 3.62, 2),
            _log_bin(s.review_number, 1.99, 1.89, 0),
            _log_bin(s.lapses, 1.65, 1.73, 0),
        )
        for s in scored
    ]
    recalled: dict[tuple, list[int]] = defaultdict(list)
    for key, s in zip(keys, scored):
        recalled[key].append(s.recalled)
    rate = {key: sum(v) / len(v) for key, v in recalled.items()}
    return math.sqrt(sum((rate[k] - prob) ** 2 for k, prob in zip(keys, p)) / len(p))


def auc(y: list[int], p: list[float]) -> float:
    """Area under the ROC curve (Mann-Whitney U with tied predictions averaged)."""
    order = sorted(range(len(p)), key=lambda i: p[i])
    ranks = [0.0] * len(p)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and p[order[j + 1]] == p[order[i]]:
            j += 1
        for k in range(i, j + 1):
            ranks[order[k]] = (i + j) / 2 + 1
        i = j + 1
    positives = sum(y)
    negatives = len(y) - positives
    rank_sum = sum(rank for rank, label in zip(ranks, y) if label)
    return (rank_sum - positives * (positives + 1) / 2) / (positives * negatives)


def evaluate(path: Path = DATA_FILE) -> dict[str, dict[str, float]]:
    """Metrics per model on the file: {"FSRS-6": {...}, "SM-2": {...}}, plus the review count."""
    scored = test_folds(drop_outliers(replay(read_reviews(path))))
    y = [s.recalled for s in scored]
    results = {}
    for name, attribute in (("FSRS-6 (quizapp.scheduling, defaults)", "fsrs"), ("SM-2", "sm2")):
        p = [getattr(s, attribute) for s in scored]
        results[name] = {
            "log_loss": log_loss(y, p),
            "rmse_bins": rmse_bins(scored, p),
            "auc": auc(y, p),
            "reviews": len(scored),
        }
    return results


def main(argv: list[str]) -> int:
    """Print the table."""
    path = Path(argv[1]) if len(argv) > 1 else DATA_FILE
    if not path.exists():
        print(f"review log not found: {path}", file=sys.stderr)
        return 1
    results = evaluate(path)
    print(f"{path.name}: {next(iter(results.values()))['reviews']} scored reviews")
    print(f"{'model':<40} {'log loss':>9} {'RMSE(bins)':>11} {'AUC':>7}")
    for name, m in results.items():
        print(f"{name:<40} {m['log_loss']:>9.4f} {m['rmse_bins']:>11.4f} {m['auc']:>7.4f}")
    print("reference on this file: FSRS-6 default parameters 0.4334, SM-2 0.504 (log loss)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
