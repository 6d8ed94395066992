"""Users can take back up to 10 study answers one after another: count the undone ones

Revision ID: e6c3a8f2d417
Revises: d4b7e9a1c625
Create Date: 2026-12-03 14:10:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'e6c3a8f2d417'
down_revision = 'd4b7e9a1c625'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('user', schema=None) as batch_op:
        batch_op.add_column(sa.Column('undo_streak', sa.Integer(), nullable=False, server_default='0'))


def downgrade():
    with op.batch_alter_table('user', schema=None) as batch_op:
        batch_op.drop_column('undo_streak')
