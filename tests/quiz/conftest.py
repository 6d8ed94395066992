"""The study fixtures, shared with the quiz tests."""
from tests.study.conftest import student, study_set  # noqa: F401
