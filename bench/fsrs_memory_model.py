"""How well quizapp's scheduler models memory, on a real review log.

    .venv/bin/python bench/fsrs_memory_model.py [CSV] [--tz ZONE]

Replays the review log shipped in ../shared/conformance/fsrs/ (12,580 reviews of 1,205
cards) through `quizapp.scheduling.Scheduler` (fsrs-rs underneath) and scores each review's
predicted recall against what happened, for FSRS-6 with default parameters, FSRS-6 with
parameters fitted per fold by the app's own optimise path (`quizapp.scheduling.optimise.fit`,
fsrs-rs ``compute_parameters``), and SM-2. Prints log loss, RMSE(bins) and AUC.

Protocol: srs-benchmark's (open-spaced-repetition/srs-benchmark, with fsrs-optimizer's
preprocessing, ``Optimizer.create_time_series``):

1. Study days. Every review belongs to the study day that starts at 4 a.m. in the
   reviewer's time zone, the scheduler's own rule (`quizapp.scheduling.study_date`), and
   elapsed time is the difference of study days: a review at 23:00 and the next at 09:00
   are one day apart. The log carries no zone; its reviews fall between 15:00 and 06:00 UTC,
   8 a.m. to 11 p.m. Pacific time, so the default is America/Los_Angeles.
2. Per card, reviews in time order. Every review, same-day ones included, goes through
   `Scheduler.answer_card` (fuzz off), so FSRS-6's short-term stability sees them.
3. A review on a later study day than the card's previous review is a prediction:
   `Scheduler.retrievability` just before the answer; label: recalled unless the rating
   is Again. The card's first review and same-day repeats are not scored.
4. fsrs-optimizer's ``remove_outliers`` and ``remove_non_continuous_rows``: per first
   rating, the first inter-day intervals are sorted rarest first (the longest first among
   equally rare ones) and dropped until 5 % (at least 20) of those reviews are gone, then
   any interval seen fewer than 6 times or longer than 100 days (365 after Easy) is
   dropped too; a card whose first interval is dropped leaves the data whole.
5. Time-ordered folds: the scored reviews in time order are cut as sklearn's
   ``TimeSeriesSplit(n_splits=5)`` cuts them; the five test folds (the last 5/6) are scored
   together, the first sixth is for training only. For the fitted model, each test fold is
   predicted with parameters fitted on the scored reviews before it (each as an fsrs-rs item:
   the card's answers up to it with their elapsed study days).
6. SM-2 (srs-benchmark's models/sm2.py: ratings 1-4 as quality 2-5, EF from 2.5, intervals
   1, 6, then times EF) runs on the card's day-level history, the first review and the
   scored reviews before this one, as srs-benchmark does (it drops same-day reviews for
   SM-2), and its interval I becomes a recall probability through R = 0.9 ** (t / I).

Metrics: log loss (mean binary cross-entropy), RMSE(bins) as srs-benchmark's
``rmse_matrix`` in utils.py (reviews binned by elapsed days, review number and lapse count
on log scales; square root of the count-weighted mean squared difference between each
bin's recall rate and its mean prediction), and AUC.

Reference figures on this protocol: FSRS-6 default 0.4401, fitted per fold with fsrs-rs
``compute_parameters`` 0.4374, SM-2 0.5108 (fsrs-optimizer 6.5.0 gives 0.4401 for the default
parameters on the same folds; 0.4396 with study days from 4 a.m. UTC).
"""

from __future__ import annotations

import csv
import math
import sys
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Optional

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as a script from anywhere
    sys.path.insert(0, str(ROOT))

from quizapp.scheduling import CardState, Rating, Scheduler, optimise, study_date  # noqa: E402
from quizapp.scheduling.optimise import Item  # noqa: E402

DATA_DIR = ROOT.parent / "shared" / "conformance" / "fsrs"
DATA_FILE = DATA_DIR / "review_logs_josh_1711744352250_to_1728234780857.csv"
N_SPLITS = 5
EPSILON = 1e-7  # keeps log loss finite for a prediction of exactly 0 or 1
DEFAULT_TZ = "America/Los_Angeles"  # see the docstring, step 1
DAY_START_HOUR = 4
DEFAULT_NAME = "FSRS-6 default parameters"
FITTED_NAME = "FSRS-6 fitted per fold (app's optimise)"


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
    item: Optional[Item] = None  # the card's answers up to this one, for fitting


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


def study_day(when: datetime, tz: str) -> date:
    """The date of the study day (starting at 4 a.m. in `tz`) that `when` belongs to."""
    return study_date(when, tz, DAY_START_HOUR)


def replay(reviews: list[tuple[str, int, datetime]], tz: str = DEFAULT_TZ,
           parameters: Optional[Sequence[float]] = None) -> list[Scored]:
    """Run every review through the scheduler; keep those on a new study day as predictions."""
    scheduler = Scheduler(enable_fuzzing=False, parameters=parameters, tz=tz, day_start_hour=DAY_START_HOUR)
    states: dict[str, CardState] = {}
    day_history: dict[str, list[int]] = defaultdict(list)
    answers: dict[str, list[tuple[int, int]]] = defaultdict(list)
    first_rating: dict[str, int] = {}
    scored: list[Scored] = []
    for order, (card_id, rating, when) in enumerate(reviews):
        state = states.get(card_id)
        elapsed = 0
        if state is None:
            state = CardState.new(when)
            first_rating[card_id] = rating
            day_history[card_id].append(rating)
        else:
            elapsed = scheduler.elapsed_days(state, when)
        answers[card_id].append((rating, elapsed))
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
                    item=Item(tuple(answers[card_id]), order),
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
    """srs-benchmark's RMSE(bins): bin recall rate against bin mean prediction, count-weighted."""
    bins: dict[tuple, list[tuple[int, float]]] = defaultdict(list)
    for s, prob in zip(scored, p):
        key = (
            _log_bin(s.elapsed_days, 2.48, 3.62, 2),
            _log_bin(s.review_number, 1.99, 1.89, 0),
            _log_bin(s.lapses, 1.65, 1.73, 0),
        )
        bins[key].append((s.recalled, prob))
    total = 0.0
    for members in bins.values():
        n = len(members)
        rate = sum(y for y, _ in members) / n
        mean_p = sum(prob for _, prob in members) / n
        total += n * (rate - mean_p) ** 2
    return math.sqrt(total / len(p))


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


def fitted_per_fold(reviews: list[tuple[str, int, datetime]], kept: list[Scored], tz: str,
                    n_splits: int = N_SPLITS) -> dict[int, float]:
    """Predictions for the test folds' reviews, each fold with parameters fitted on the reviews before it.

    The fitting is the app's own (`quizapp.scheduling.optimise.fit`, fsrs-rs ``compute_parameters``)
    on the items of the earlier scored reviews; predictions replay the whole log with those parameters.
    """
    ordered = sorted(kept, key=lambda s: s.order)
    predictions: dict[int, float] = {}
    for train_end, test_start, test_end in optimise.time_series_folds(len(ordered), n_splits):
        parameters = optimise.fit([s.item for s in ordered[:train_end]])
        wanted = {s.order for s in ordered[test_start:test_end]}
        for s in replay(reviews, tz, parameters):
            if s.order in wanted:
                predictions[s.order] = s.fsrs
    return predictions


def _metrics(scored: list[Scored], p: list[float]) -> dict[str, float]:
    y = [s.recalled for s in scored]
    return {"log_loss": log_loss(y, p), "rmse_bins": rmse_bins(scored, p), "auc": auc(y, p), "reviews": len(scored)}


def evaluate(path: Path = DATA_FILE, tz: str = DEFAULT_TZ, *, fitted: bool = True) -> dict[str, dict[str, float]]:
    """Metrics per model on the file's test folds: FSRS-6 default, FSRS-6 fitted per fold, SM-2."""
    reviews = read_reviews(path)
    kept = drop_outliers(replay(reviews, tz))
    scored = test_folds(kept)
    results = {DEFAULT_NAME: _metrics(scored, [s.fsrs for s in scored])}
    if fitted:
        predictions = fitted_per_fold(reviews, kept, tz)
        results[FITTED_NAME] = _metrics(scored, [predictions[s.order] for s in scored])
    results["SM-2"] = _metrics(scored, [s.sm2 for s in scored])
    return results


def main(argv: list[str]) -> int:
    """Print the table."""
    args = argv[1:]
    tz = DEFAULT_TZ
    if "--tz" in args:
        at = args.index("--tz")
        tz = args[at + 1]
        del args[at : at + 2]
    path = Path(args[0]) if args else DATA_FILE
    if not path.exists():
        print(f"review log not found: {path}", file=sys.stderr)
        return 1
    results = evaluate(path, tz)
    reviews = next(iter(results.values()))["reviews"]
    print(f"{path.name}: {reviews} scored reviews, study days from 4 a.m. {tz}")
    print(f"{'model':<40} {'log loss':>9} {'RMSE(bins)':>11} {'AUC':>7}")
    for name, m in results.items():
        print(f"{name:<40} {m['log_loss']:>9.4f} {m['rmse_bins']:>11.4f} {m['auc']:>7.4f}")
    print("reference (srs-benchmark's protocol, fsrs-rs compute_parameters per fold): "
          "default 0.4401, fitted 0.4374, SM-2 0.5108 (log loss)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
