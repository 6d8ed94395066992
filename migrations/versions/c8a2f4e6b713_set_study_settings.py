"""A user's own daily limits for one set, under their account-wide limits

Revision ID: c8a2f4e6b713
Revises: b5e1c7d3a902
Create Date: 2026-12-03 13:45:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'c8a2f4e6b713'
down_revision = 'b5e1c7d3a902'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'set_study_settings',
        sa.Column('user_id', sa.Integer(), nullable=False),
        sa.Column('set_id', sa.Integer(), nullable=False),
        sa.Column('new_per_day', sa.Integer(), nullable=True),
        sa.Column('reviews_per_day', sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(['set_id'], ['question_set.id'], name=op.f('fk_set_study_settings_set_id_question_set'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['user_id'], ['user.id'], name=op.f('fk_set_study_settings_user_id_user'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('user_id', 'set_id', name=op.f('pk_set_study_settings')),
    )
    with op.batch_alter_table('set_study_settings', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_set_study_settings_set_id'), ['set_id'], unique=False)


def downgrade():
    with op.batch_alter_table('set_study_settings', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_set_study_settings_set_id'))
    op.drop_table('set_study_settings')
