"""How big each piece of a question set may be: one list for the readers, the forms and the columns.

The readers refuse a value past its limit with the file, line and field; the teacher's forms
check the same numbers; the models size their columns from them. Changing a limit that a column
holds (``*_COLUMN``) needs a migration.
"""

# Columns (characters): the models declare them with these numbers.
TITLE_MAX = 200
SLUG_MAX = 120
LANGUAGE_MAX = 16
QUESTION_KEY_COLUMN = 120
SOURCE_DOC_MAX = 200
CLASS_NAME_MAX = 120

# A question's id as written in a file; derived ids are far shorter. The column holds a few more
# characters so a repeated derived id can take a suffix ("-2", "-3"...).
ID_MAX = 100

# Text fields stored as TEXT: bounded so no upload makes every page that shows it slow.
PROMPT_MAX = 10_000
EXPLANATION_MAX = 10_000
ANSWER_MAX = 2_000  # an answer, a choice, an accepted spelling
DESCRIPTION_MAX = 5_000
QUOTE_MAX = 10_000
TAG_MAX = 100

# Counts.
CHOICES_MAX = 26  # Aiken letters them A-Z
ACCEPT_MAX = 50
TAGS_MAX = 50
QUESTIONS_MAX = 20_000
SOURCES_MAX = 1_000

# Numbers: a sentence index is an INTEGER column (32 bits on PostgreSQL); numeric answers and
# tolerances are stored as JSON and a double, so they stay well inside what both hold exactly.
SENTENCE_MAX = 2**31 - 1
NUMBER_MAX = 10**15
# The longest time one answer is recorded as taking (milliseconds): longer is a student who walked away.
DURATION_MS_MAX = 30 * 60 * 1000
