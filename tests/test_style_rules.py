"""number-agreement and repeated-full-name, on articles we wrote."""

from helpers import lint, where


def test_number_agreement_flags_singular_noun_after_plural_quantifier():
    text = (
        "Rebels fought numerous militia group and smaller gangs. "
        "Police questioned several witness, officials said.\n"
    )
    rows = lint(text, "number-agreement")
    assert where(rows) == [
        ("number-agreement", 1, 15, "numerous militia group"),
        ("number-agreement", 1, 75, "several witness"),
    ]
    assert "numerous militia groups and" in rows[0]["fixed"]
    assert "several witnesses," in rows[1]["fixed"]


def test_number_agreement_before_a_past_tense_verb():
    text = "Numerous opposition faction joined the talks. Several witness saw the crash.\n"
    rows = lint(text, "number-agreement")
    assert where(rows) == [
        ("number-agreement", 1, 1, "Numerous opposition faction"),
        ("number-agreement", 1, 47, "Several witness"),
    ]
    assert rows[0]["fixed"].startswith("Numerous opposition factions joined")
    assert lint("Several passersby shouted to them.\n", "number-agreement") == []


def test_number_agreement_leaves_a_modifier_coordinated_with_another_alone():
    text = (
        "Several state and local officials met. Numerous city or county agencies helped, and "
        "several fantasy and science fiction novels sold out.\n"
    )
    assert lint(text, "number-agreement") == []
    # a noun with a modifier of its own, or followed by a bare plural, a number, a quantifier or a
    # plural and a verb, is still a head noun
    text = (
        "Police saw several witness and three officers. Several officer and firefighters spoke. "
        "Firms sell multiple product and many services.\n"
    )
    assert where(lint(text, "number-agreement")) == [
        ("number-agreement", 1, 12, "several witness"),
        ("number-agreement", 1, 48, "Several officer"),
        ("number-agreement", 1, 99, "multiple product"),
    ]
    text = "Troops fought numerous rebel group and militias. Police saw several witness and the driver.\n"
    assert where(lint(text, "number-agreement")) == [
        ("number-agreement", 1, 15, "numerous rebel group"),
        ("number-agreement", 1, 61, "several witness"),
    ]


def test_number_agreement_silent_on_plurals_invariants_and_names():
    text = (
        "Several people died. Numerous staff and various media were there. Several of them left. "
        "Multiple Iraqi outlets reported it, and several weeks later multiple sclerosis patients spoke.\n"
    )
    assert lint(text, "number-agreement") == []


def test_repeated_full_name_after_surname_use():
    text = (
        "Mayor Ana Ruiz opened the bridge on Monday.\n\n"
        "Mayor Ana Ruiz had promised it in March.\n\n"
        "Ruiz said the work cost $4 million.\n\n"
        "Later, Mayor Ana Ruiz cut the ribbon.\n"
    )
    rows = lint(text, "repeated-full-name")
    assert where(rows) == [("repeated-full-name", 7, 8, "Mayor Ana Ruiz")]
    assert rows[0]["related"] == [(1, 1)]
    assert "Later, Ruiz cut the ribbon." in rows[0]["fixed"]


def test_repeated_full_name_takes_the_whole_title():
    text = (
        "Attorney General Ana Ruiz met the council on Monday.\n\n"
        "Ruiz said the inquiry would take a year.\n\n"
        "Later, Attorney General Ana Ruiz left.\n"
    )
    rows = lint(text, "repeated-full-name")
    assert where(rows) == [("repeated-full-name", 5, 8, "Attorney General Ana Ruiz")]
    assert "Later, Ruiz left." in rows[0]["fixed"]


def test_number_agreement_skips_modal_verbs_and_mass_nouns():
    text = "Multiple choice can help students. Crews moved various machinery and footage aired.\n"
    assert lint(text, "number-agreement") == []


def test_number_agreement_leaves_uncountable_nouns_alone():
    # "health" and "safety" have no plural to offer: a modifier of the noun after "and"
    text = (
        "The watch adds several key health and fitness features. Numerous road safety and "
        "housing groups objected, while numerous opposition faction and extremist groups met.\n"
    )
    rows = lint(text, "number-agreement")
    assert where(rows) == [("number-agreement", 1, 113, "numerous opposition faction")]
