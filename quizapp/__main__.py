"""``python -m quizapp`` is the ``quizapp`` command."""
from quizapp.cli import main

if __name__ == "__main__":  # importing the module (as the import check does) runs nothing
    main()
