"""Factories for question sets used across the format tests (a unique name: imported by module)."""
from quizapp.formats import QuestionData, SetData, SourceRef


def gen_question(**kwargs) -> QuestionData:
    """A valid short-answer question; any field can be overridden."""
    defaults = dict(id="q1", type="short_answer", prompt="Which river flows through Lisbon?", answer="Tagus")
    defaults.update(kwargs)
    return QuestionData(**defaults)


def gen_set(questions=None, **kwargs) -> SetData:
    defaults = dict(title="Rivers of Iberia", slug="rivers-of-iberia", language="en")
    defaults.update(kwargs)
    return SetData(questions=list(questions) if questions is not None else [gen_question()], **defaults)


def every_type_questions() -> list[QuestionData]:
    """One question of each type, with the optional fields filled in where the type allows them."""
    return [
        QuestionData(id="fc-1", type="flashcard", prompt="Capital of Portugal", answer="Lisbon",
                     accept=["Lisboa"], tags=["capitals"]),
        QuestionData(id="mc-1", type="multiple_choice", prompt="Which river is the longest in Iberia?",
                     answer="Tagus", choices=["Douro", "Tagus", "Ebro", "Guadiana"],
                     explanation="The Tagus runs about 1,000 km."),
        QuestionData(id="tf-1", type="true_false", prompt="The Ebro flows into the Atlantic.", answer=False),
        QuestionData(id="cz-1", type="cloze", prompt="The Douro reaches the sea at {{Porto}}.", answer="Porto",
                     accept=["Oporto"],
                     source=SourceRef(doc="rivers-text", sentence=4, quote="The Douro ends in Porto.")),
        QuestionData(id="sa-1", type="short_answer", prompt="Which river crosses Seville?",
                     answer="Guadalquivir", accept=["Rio Guadalquivir"], tags=["spain", "rivers"]),
        QuestionData(id="nu-1", type="numeric", prompt="How long is the Tagus, in km?", answer=1007,
                     tolerance=10),
        QuestionData(id="nu-2", type="numeric", prompt="What is the Ebro's mean flow in thousands of m3/s?",
                     answer=0.426, tolerance=0.01),
    ]


def gen_every_type_set() -> SetData:
    return gen_set(every_type_questions(), description="Rivers and their facts.",
                   sources=[{"id": "rivers-text", "title": "A short text about rivers"}])
