"""Users say when their next study day starts (hour 0-23 in their zone, default 4)

Revision ID: b5e1c7d3a902
Revises: 5e8a1c3f9d27
Create Date: 2026-12-03 13:30:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'b5e1c7d3a902'
down_revision = '5e8a1c3f9d27'
branch_labels = None
depends_on = None


def upgrade():
    # Every existing account keeps the 4 a.m. day it studied with so far.
    with op.batch_alter_table('user', schema=None) as batch_op:
        batch_op.add_column(sa.Column('day_start_hour', sa.Integer(), nullable=False, server_default='4'))


def downgrade():
    with op.batch_alter_table('user', schema=None) as batch_op:
        batch_op.drop_column('day_start_hour')
