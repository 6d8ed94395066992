"""The app's tables; importing this package registers every model with the metadata."""
from quizapp.models.base import Base, UTCDateTime, utcnow
from quizapp.models.classes import ClassAssignment, ClassMember, Classroom
from quizapp.models.content import Question, QuestionSet
from quizapp.models.history import QuizAnswer, QuizAttempt
from quizapp.models.media import Media, QuestionMedia
from quizapp.models.study import Card, CustomStudy, Optimisation, ReviewLog, SetStudySettings
from quizapp.models.review_days import ReviewDay
from quizapp.models.sign_in import SignIn
from quizapp.models.user import ROLES, User

__all__ = [
    "Base", "UTCDateTime", "utcnow", "User", "ROLES", "QuestionSet", "Question",
    "Card", "CustomStudy", "ReviewLog", "SetStudySettings", "Optimisation", "ReviewDay", "QuizAttempt", "QuizAnswer", "Classroom",
    "ClassMember", "ClassAssignment", "Media", "QuestionMedia", "SignIn",
]
