"""Custom study per user, set and study day: extra new cards, review ahead, forgotten cards, one tag

Revision ID: b9d3e5f7a140
Revises: a7e4c1f9b358
Create Date: 2026-12-04 18:10:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'b9d3e5f7a140'
down_revision = 'a7e4c1f9b358'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'custom_study',
        sa.Column('user_id', sa.Integer(), nullable=False),
        sa.Column('set_id', sa.Integer(), nullable=False),
        sa.Column('day', sa.Date(), nullable=False),
        sa.Column('extra_new', sa.Integer(), server_default='0', nullable=False),
        sa.Column('mode', sa.String(length=16), nullable=True),
        sa.Column('days', sa.Integer(), nullable=True),
        sa.Column('tag', sa.String(length=100), nullable=True),
        sa.Column('started_at', sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(['set_id'], ['question_set.id'], name=op.f('fk_custom_study_set_id_question_set'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['user_id'], ['user.id'], name=op.f('fk_custom_study_user_id_user'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('user_id', 'set_id', 'day', name=op.f('pk_custom_study')),
    )
    with op.batch_alter_table('custom_study', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_custom_study_set_id'), ['set_id'], unique=False)


def downgrade():
    with op.batch_alter_table('custom_study', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_custom_study_set_id'))
    op.drop_table('custom_study')
