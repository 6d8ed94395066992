"""FSRS parameters fitted per user, and the record of each fitting with its health check

Revision ID: d4b7e9a1c625
Revises: c8a2f4e6b713
Create Date: 2026-12-03 14:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'd4b7e9a1c625'
down_revision = 'c8a2f4e6b713'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('user', schema=None) as batch_op:
        batch_op.add_column(sa.Column('fsrs_parameters', sa.JSON(), nullable=True))
    op.create_table(
        'optimisation',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('user_id', sa.Integer(), nullable=False),
        sa.Column('ran_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('automatic', sa.Boolean(), nullable=False),
        sa.Column('reviews', sa.Integer(), nullable=False),
        sa.Column('long_term_reviews', sa.Integer(), nullable=False),
        sa.Column('outcome', sa.String(length=16), nullable=False),
        sa.Column('log_loss_current', sa.Double(), nullable=True),
        sa.Column('log_loss_fitted', sa.Double(), nullable=True),
        sa.Column('rmse_current', sa.Double(), nullable=True),
        sa.Column('rmse_fitted', sa.Double(), nullable=True),
        sa.Column('parameters', sa.JSON(), nullable=True),
        sa.Column('rescheduled', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(['user_id'], ['user.id'], name=op.f('fk_optimisation_user_id_user'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_optimisation')),
    )
    with op.batch_alter_table('optimisation', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_optimisation_user_id'), ['user_id'], unique=False)


def downgrade():
    with op.batch_alter_table('optimisation', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_optimisation_user_id'))
    op.drop_table('optimisation')
    with op.batch_alter_table('user', schema=None) as batch_op:
        batch_op.drop_column('fsrs_parameters')
