"""Questions say how their prompt and explanation are written (plain, HTML, Markdown)

Revision ID: 9b4d2f6a8c31
Revises: 7c2e5b9d4f10
Create Date: 2026-12-03 09:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '9b4d2f6a8c31'
down_revision = '7c2e5b9d4f10'
branch_labels = None
depends_on = None


def upgrade():
    # Every existing question is plain text: an empty mapping.
    with op.batch_alter_table('question', schema=None) as batch_op:
        batch_op.add_column(sa.Column('text_format', sa.JSON(), nullable=False, server_default='{}'))


def downgrade():
    with op.batch_alter_table('question', schema=None) as batch_op:
        batch_op.drop_column('text_format')
