"""Scheduling options per user (learning and relearning steps, maximum interval, leeches, new-card order), and per set

Revision ID: f1d5b2c8e934
Revises: e6c3a8f2d417
Create Date: 2026-12-03 14:20:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'f1d5b2c8e934'
down_revision = 'e6c3a8f2d417'
branch_labels = None
depends_on = None


def upgrade():
    # Existing accounts get Anki's defaults, which the scheduler used so far.
    with op.batch_alter_table('user', schema=None) as batch_op:
        batch_op.add_column(sa.Column('learning_steps', sa.String(length=120), nullable=False, server_default='1m 10m'))
        batch_op.add_column(sa.Column('relearning_steps', sa.String(length=120), nullable=False, server_default='10m'))
        batch_op.add_column(sa.Column('maximum_interval', sa.Integer(), nullable=False, server_default='36500'))
        batch_op.add_column(sa.Column('leech_threshold', sa.Integer(), nullable=False, server_default='8'))
        batch_op.add_column(sa.Column('leech_action', sa.String(length=16), nullable=False, server_default='suspend'))
        batch_op.add_column(sa.Column('new_card_order', sa.String(length=16), nullable=False, server_default='set'))
    with op.batch_alter_table('set_study_settings', schema=None) as batch_op:
        batch_op.add_column(sa.Column('desired_retention', sa.Double(), nullable=True))
        batch_op.add_column(sa.Column('learning_steps', sa.String(length=120), nullable=True))
        batch_op.add_column(sa.Column('relearning_steps', sa.String(length=120), nullable=True))
        batch_op.add_column(sa.Column('maximum_interval', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('new_card_order', sa.String(length=16), nullable=True))


def downgrade():
    with op.batch_alter_table('set_study_settings', schema=None) as batch_op:
        for name in ('new_card_order', 'maximum_interval', 'relearning_steps', 'learning_steps', 'desired_retention'):
            batch_op.drop_column(name)
    with op.batch_alter_table('user', schema=None) as batch_op:
        for name in ('new_card_order', 'leech_action', 'leech_threshold', 'maximum_interval', 'relearning_steps',
                     'learning_steps'):
            batch_op.drop_column(name)
