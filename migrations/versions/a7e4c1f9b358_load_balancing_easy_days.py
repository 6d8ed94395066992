"""Load balancing of review days and easy days, per user

Revision ID: a7e4c1f9b358
Revises: f1d5b2c8e934
Create Date: 2026-12-03 14:40:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'a7e4c1f9b358'
down_revision = 'f1d5b2c8e934'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('user', schema=None) as batch_op:
        batch_op.add_column(sa.Column('load_balancing', sa.Boolean(), nullable=False, server_default=sa.true()))
        batch_op.add_column(sa.Column('easy_days', sa.String(length=20), nullable=False, server_default=''))


def downgrade():
    with op.batch_alter_table('user', schema=None) as batch_op:
        batch_op.drop_column('easy_days')
        batch_op.drop_column('load_balancing')
