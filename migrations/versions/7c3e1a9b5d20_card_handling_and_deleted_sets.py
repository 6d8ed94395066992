"""Cards a student handles (buried until, flagged, note) and deleted sets

Revision ID: 7c3e1a9b5d20
Revises: 1d814bd0c609
Create Date: 2026-12-03 08:40:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '7c3e1a9b5d20'
down_revision = '1d814bd0c609'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('card', schema=None) as batch_op:
        batch_op.add_column(sa.Column('buried_until', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('flagged', sa.Boolean(), nullable=False, server_default=sa.false()))
        batch_op.add_column(sa.Column('note', sa.Text(), nullable=True))
    with op.batch_alter_table('question_set', schema=None) as batch_op:
        batch_op.add_column(sa.Column('deleted_at', sa.DateTime(timezone=True), nullable=True))


def downgrade():
    with op.batch_alter_table('question_set', schema=None) as batch_op:
        batch_op.drop_column('deleted_at')
    with op.batch_alter_table('card', schema=None) as batch_op:
        batch_op.drop_column('note')
        batch_op.drop_column('flagged')
        batch_op.drop_column('buried_until')
