"""Per-user, per-set, per-study-day summary of the review log, backfilled from the log

Revision ID: 7c2e5b9d4f10
Revises: 7c3e1a9b5d20
Create Date: 2026-12-03 08:40:00.000000

"""
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '7c2e5b9d4f10'
down_revision = '7c3e1a9b5d20'
branch_labels = None
depends_on = None

COUNTS = ("reviews", "correct", "again", "hard", "good", "easy", "duration_ms")
RATINGS = {1: "again", 2: "hard", 3: "good", 4: "easy"}
# Study days start at 4 a.m. local (quizapp.scheduling.study_day_bounds); the migration keeps its own copy
# of the rule so that it stays what it was when written.
DAY_START = timedelta(hours=4)


def upgrade():
    op.create_table('review_day',
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('set_id', sa.Integer(), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('reviews', sa.Integer(), nullable=False),
    sa.Column('correct', sa.Integer(), nullable=False),
    sa.Column('again', sa.Integer(), nullable=False),
    sa.Column('hard', sa.Integer(), nullable=False),
    sa.Column('good', sa.Integer(), nullable=False),
    sa.Column('easy', sa.Integer(), nullable=False),
    sa.Column('duration_ms', sa.BigInteger(), nullable=False),
    sa.ForeignKeyConstraint(['set_id'], ['question_set.id'], name=op.f('fk_review_day_set_id_question_set'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['user.id'], name=op.f('fk_review_day_user_id_user'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('user_id', 'set_id', 'day', name=op.f('pk_review_day'))
    )
    with op.batch_alter_table('review_day', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_review_day_set_id'), ['set_id'], unique=False)
    backfill()


def backfill():
    """Sum the existing review log into days, user by user, in each user's own time zone."""
    conn = op.get_bind()
    user = sa.table("user", sa.column("id"), sa.column("timezone"))
    question = sa.table("question", sa.column("id"), sa.column("set_id"))
    log = sa.table("review_log", sa.column("user_id"), sa.column("question_id"), sa.column("reviewed_at"),
                   sa.column("rating"), sa.column("correct"), sa.column("duration_ms"))
    review_day = sa.table("review_day", sa.column("user_id"), sa.column("set_id"), sa.column("day"),
                          *(sa.column(name) for name in COUNTS))
    zones = {uid: ZoneInfo(tz or "UTC") for uid, tz in conn.execute(sa.select(user.c.id, user.c.timezone))}
    for uid, zone in zones.items():
        days = {}
        rows = conn.execute(
            sa.select(question.c.set_id, log.c.reviewed_at, log.c.rating, log.c.correct, log.c.duration_ms)
            .join(question, question.c.id == log.c.question_id).where(log.c.user_id == uid)
        )
        for set_id, reviewed_at, rating, correct, duration_ms in rows:
            if isinstance(reviewed_at, str):  # SQLite without the app's column type hands back text
                reviewed_at = datetime.fromisoformat(reviewed_at)
            if reviewed_at.tzinfo is None:
                reviewed_at = reviewed_at.replace(tzinfo=timezone.utc)
            day = (reviewed_at.astimezone(zone) - DAY_START).date()
            totals = days.setdefault((set_id, day), dict.fromkeys(COUNTS, 0))
            totals["reviews"] += 1
            totals["correct"] += int(bool(correct) if correct is not None else rating > 1)
            if rating in RATINGS:
                totals[RATINGS[rating]] += 1
            totals["duration_ms"] += duration_ms or 0
        if days:
            conn.execute(sa.insert(review_day), [
                {"user_id": uid, "set_id": set_id, "day": day, **totals} for (set_id, day), totals in days.items()])


def downgrade():
    with op.batch_alter_table('review_day', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_review_day_set_id'))

    op.drop_table('review_day')
