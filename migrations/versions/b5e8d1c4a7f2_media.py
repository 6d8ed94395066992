"""Images and sounds on questions: content-addressed media rows and the questions that show them

Revision ID: b5e8d1c4a7f2
Revises: 9b4d2f6a8c31
Create Date: 2026-12-03 13:30:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'b5e8d1c4a7f2'
down_revision = '9b4d2f6a8c31'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'media',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('sha256', sa.String(length=64), nullable=False),
        sa.Column('kind', sa.String(length=10), nullable=False),
        sa.Column('content_type', sa.String(length=40), nullable=False),
        sa.Column('size', sa.Integer(), nullable=False),
        sa.Column('width', sa.Integer(), nullable=True),
        sa.Column('height', sa.Integer(), nullable=True),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_media')),
        sa.UniqueConstraint('sha256', name=op.f('uq_media_sha256')),
    )
    op.create_table(
        'question_media',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('question_id', sa.Integer(), nullable=False),
        sa.Column('media_id', sa.Integer(), nullable=False),
        sa.Column('field', sa.String(length=20), nullable=False),
        sa.Column('alt', sa.Text(), nullable=False),
        sa.Column('name', sa.String(length=255), nullable=False),
        sa.Column('position', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(['media_id'], ['media.id'], name=op.f('fk_question_media_media_id_media')),
        sa.ForeignKeyConstraint(['question_id'], ['question.id'], name=op.f('fk_question_media_question_id_question'),
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_question_media')),
    )
    with op.batch_alter_table('question_media', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_question_media_media_id'), ['media_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_question_media_question_id'), ['question_id'], unique=False)


def downgrade():
    with op.batch_alter_table('question_media', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_question_media_question_id'))
        batch_op.drop_index(batch_op.f('ix_question_media_media_id'))
    op.drop_table('question_media')
    op.drop_table('media')
