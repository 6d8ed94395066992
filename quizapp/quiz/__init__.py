"""Scored quizzes on a set: one question per page or all on one page, then the result."""
