"""Questions keep per-answer feedback and partial credit; quiz answers keep the credit they earned

Revision ID: c4f7a2e9b816
Revises: b9d3e5f7a140
Create Date: 2026-12-04 18:20:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'c4f7a2e9b816'
down_revision = 'b9d3e5f7a140'
branch_labels = None
depends_on = None


def upgrade():
    # Existing questions have neither: empty mappings. Existing answers earned all or nothing.
    with op.batch_alter_table('question', schema=None) as batch_op:
        batch_op.add_column(sa.Column('feedback', sa.JSON(), nullable=False, server_default='{}'))
        batch_op.add_column(sa.Column('credit', sa.JSON(), nullable=False, server_default='{}'))
    with op.batch_alter_table('quiz_answer', schema=None) as batch_op:
        batch_op.add_column(sa.Column('credit', sa.Double(), nullable=True))
    op.execute("UPDATE quiz_answer SET credit = CASE WHEN correct THEN 100 ELSE 0 END")


def downgrade():
    with op.batch_alter_table('quiz_answer', schema=None) as batch_op:
        batch_op.drop_column('credit')
    with op.batch_alter_table('question', schema=None) as batch_op:
        batch_op.drop_column('credit')
        batch_op.drop_column('feedback')
