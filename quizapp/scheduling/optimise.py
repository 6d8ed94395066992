"""Fitting FSRS parameters to one student's own review log, and checking the fit is healthy.

Pure: histories in, parameters and figures out (fsrs-rs-python does the fitting, as in Anki).

A card's history is its answers in time order as (rating, study day). From it come the
training items of fsrs-rs, as Anki builds them: one item per answer given on a later study
day than the card's previous answer (a long-term review), holding the card's answers up to
and including it, each with its elapsed study days (``delta_t``; 0 for the first answer and
for same-day repeats, which FSRS-6's short-term stability uses).

Health check: the reviews are cut in time order as sklearn's ``TimeSeriesSplit(5)`` cuts them;
for each fold, parameters are fitted on the items before it and scored (log loss) on it, beside
the current parameters on the same items. The new parameters (fitted on everything) are kept
only when the fitted folds' log loss is not worse than the current parameters'.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

import fsrs_rs_python as fsrs_rs

from .scheduler import DEFAULT_PARAMETERS

N_SPLITS = 5
# Anki asks for this many long-term reviews before it fits parameters at all.
MIN_LONG_TERM_REVIEWS = 400


@dataclass(frozen=True)
class Item:
    """One long-term review with the card's history before it: ((rating, delta_t), ...), in time order."""

    reviews: tuple[tuple[int, int], ...]
    order: int  # position of its last answer in the whole log, for time-ordered splits

    def to_fsrs(self) -> fsrs_rs.FSRSItem:
        return fsrs_rs.FSRSItem([fsrs_rs.FSRSReview(rating, delta_t) for rating, delta_t in self.reviews])


@dataclass(frozen=True)
class HealthCheck:
    """What one optimisation found: the fitted parameters and both log losses on the same held-out folds."""

    parameters: tuple[float, ...]
    log_loss_current: float
    log_loss_fitted: float
    rmse_current: float
    rmse_fitted: float
    long_term_reviews: int

    @property
    def healthy(self) -> bool:
        """The fitted parameters predict the student's later reviews at least as well as the current ones."""
        return self.log_loss_fitted <= self.log_loss_current


def items_of(histories: Iterable[Sequence[tuple[int, date, int]]]) -> list[Item]:
    """Training items from cards' histories of (rating, study day, order in the log), each in time order."""
    items: list[Item] = []
    for history in histories:
        reviews: list[tuple[int, int]] = []
        previous: date | None = None
        for rating, day, order in history:
            delta = 0 if previous is None else (day - previous).days
            reviews.append((int(rating), max(0, delta)))
            previous = day
            if len(reviews) > 1 and delta > 0:
                items.append(Item(tuple(reviews), order))
    items.sort(key=lambda item: item.order)
    return items


def fit(items: Sequence[Item]) -> tuple[float, ...]:
    """FSRS-6 parameters fitted to the items (fsrs-rs ``compute_parameters``, short-term on); defaults for none."""
    if not items:
        return DEFAULT_PARAMETERS
    model = fsrs_rs.FSRS(list(DEFAULT_PARAMETERS))
    return tuple(model.compute_parameters([item.to_fsrs() for item in items], enable_short_term=True))


def evaluate(parameters: Sequence[float], items: Sequence[Item]) -> tuple[float, float]:
    """(log loss, RMSE(bins)) of the parameters' predictions for the items' last answers."""
    result = fsrs_rs.FSRS(list(parameters)).evaluate([item.to_fsrs() for item in items])
    return float(result.log_loss), float(result.rmse_bins)


def time_series_folds(count: int, n_splits: int = N_SPLITS) -> list[tuple[int, int, int]]:
    """sklearn's TimeSeriesSplit over `count` ordered things: (train end, test start, test end) per fold."""
    fold = count // (n_splits + 1)
    first = count - n_splits * fold
    return [(first + k * fold, first + k * fold, first + (k + 1) * fold) for k in range(n_splits)]


def health_check(items: Sequence[Item], current: Sequence[float]) -> HealthCheck:
    """Fit on everything; score fold-fitted and current parameters on the same time-ordered test folds."""
    items = sorted(items, key=lambda item: item.order)
    fitted_loss = current_loss = fitted_se = current_se = 0.0
    scored = 0
    for train_end, test_start, test_end in time_series_folds(len(items)):
        test = items[test_start:test_end]
        if not test or train_end == 0:
            continue
        fold_parameters = fit(items[:train_end])
        loss, rmse = evaluate(fold_parameters, test)
        base_loss, base_rmse = evaluate(current, test)
        fitted_loss += loss * len(test)
        current_loss += base_loss * len(test)
        fitted_se += rmse ** 2 * len(test)
        current_se += base_rmse ** 2 * len(test)
        scored += len(test)
    if scored == 0:
        raise ValueError("too few long-term reviews to check a fit")
    return HealthCheck(
        parameters=fit(items),
        log_loss_current=current_loss / scored,
        log_loss_fitted=fitted_loss / scored,
        rmse_current=(current_se / scored) ** 0.5,
        rmse_fitted=(fitted_se / scored) ** 0.5,
        long_term_reviews=len(items),
    )
