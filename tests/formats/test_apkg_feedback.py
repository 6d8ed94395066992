"""Per-answer feedback and partial credit in our .apkg: listed on each card's back, as Anki itself renders it,
and read back by our own reader as the question's explanation, never as part of its answer."""
from quizapp import formats
from tests.formats.anki_tools import collection, import_package, visible
from tests.formats.test_per_answer_round_trips import SET_YAML


def per_answer_set():
    return formats.read(SET_YAML.encode(), "yaml").set


def test_anki_shows_each_answers_feedback_and_credit(tmp_path):
    """Imported with Anki's own library, each card's back lists the feedback and credit per answer."""
    path = tmp_path / "set.apkg"
    path.write_bytes(formats.write(per_answer_set(), "apkg"))
    with collection(tmp_path) as col:
        import_package(col, path)
        backs = {visible(col.get_card(card_id).question())[:12]: visible(col.get_card(card_id).answer())
                 for card_id in col.find_cards("")}
    assert backs["Closest plan"].endswith(
        "Mercury Mercury: Right Venus (50%): Too hot ~ 460 °C Earth {home} #3: We live here = home Pluto (12.5%)")
    assert backs["Who wrote Ha"].endswith(
        "Shakespeare: Yes <b> Marlowe (33.5%): A contemporary / rival Bacon (0%): No: an old theory")
    assert backs["The sky is g"].endswith("False True: Look up False: Right: blue")
    assert backs["Water boils "].endswith("also: 212 100: Celsius, yes 212 (25%): That is Fahrenheit")


def test_our_reader_takes_the_list_back_as_the_explanation():
    """Our package read back: the answer is the answer alone, the feedback list is the explanation, one answer a
    line; nothing is dropped or skipped."""
    result = formats.read(formats.write(per_answer_set(), "apkg"), filename="p.apkg")
    closest, hamlet, sky, sun, boils = result.set.questions
    assert (closest.answer, closest.explanation) == (
        "Mercury", "Mercury: Right\nVenus (50%): Too hot ~ 460 °C\nEarth {home} #3: We live here = home\nPluto (12.5%)")
    assert hamlet.answer == "Shakespeare\nalso: Marlowe, Bacon, Will"
    assert hamlet.explanation.splitlines()[-1] == "Bacon (0%): No: an old theory"
    assert (sky.answer, sun.explanation) == ("False", "True: Yes")
    assert (boils.type, boils.explanation) == ("cloze", "also: 212\n100: Celsius, yes\n212 (25%): That is Fahrenheit")
    assert result.dropped == [] and result.skipped == []


def test_a_question_without_feedback_has_no_list():
    """A question with neither feedback nor credit gets no feedback block on its card."""
    data = per_answer_set()
    data.questions = data.questions[3:4]
    data.questions[0].feedback = {}
    from quizapp.formats.apkg import note_for

    assert note_for(data, data.questions[0]).fields[1] == "True"
    back = formats.read(formats.write(data, "apkg"), filename="p.apkg").set.questions[0]
    assert (back.answer, back.explanation) == ("True", None)
