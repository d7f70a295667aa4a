"""Rules for English grammar (`language: en`) stay silent on prose in another language, but not on
an English sentence inside such an article. Articles written for these tests."""

import pytest
from helpers import lint, where

from newslint.config import Config, load
from newslint.engine import select_rules
from newslint.errors import ConfigError
from newslint.readers import read_document
from newslint.source import Source

# Indonesian, where doubled words are grammar ("baik baik", "anak anak"), and a Portuguese quote
# closed before the comma, as Portuguese style wants
INDONESIAN = """Warga kota berkumpul di balai desa pada hari Senin untuk membahas rencana pelabuhan baru.

Mereka berharap semua pekerjaan berjalan baik baik saja dan jalan menuju dermaga tetap dibuka.

Kepala desa mengatakan pembangunan akan dimulai bulan depan dan selesai dalam dua tahun.

Banyak anak anak ikut menonton rapat itu dari luar gedung sampai malam.
"""
PORTUGUESE = """O conselho municipal aprovou ontem o novo plano para o porto da cidade.

Segundo o prefeito, as obras devem começar em março e durar dois anos inteiros.

Os moradores disseram que a decisão “chegou tarde”, mas apoiaram o projeto da prefeitura.

A oposição pediu mais detalhes sobre os custos, que ainda não foram divulgados.
"""
ENGLISH = "The council said the the vote was close.\n"


def doc(text: str):
    return read_document(Source("article.txt", text))


def test_articles_read_as_english_or_not():
    assert not doc(INDONESIAN).reads_as_english
    assert not doc(PORTUGUESE).reads_as_english
    assert doc(ENGLISH * 8).reads_as_english
    assert doc("Baik baik saja.\n").reads_as_english  # too short to tell: taken as English


def test_english_grammar_rules_leave_other_languages_alone():
    assert lint(INDONESIAN, "common-confusion") == []
    assert lint(PORTUGUESE, "quote-punctuation") == []
    # the same slips in English are found
    (row,) = lint("Residents hoped the the work would end soon, the mayor said.\n", "common-confusion")
    assert (row["rule"], row["line"], row["column"], row["text"]) == ("common-confusion", 1, 17, "the the")
    (row,) = lint("Residents said the decision “came late”, but backed it.\n", "quote-punctuation")
    assert (row["line"], row["column"], row["text"]) == (1, 39, "”,")


def test_an_english_sentence_in_another_language_is_still_checked():
    text = INDONESIAN + "\nCritics believe officials must of waited.\n"  # one English word in 60
    assert not doc(text).reads_as_english
    rows = lint(text, "common-confusion")
    assert where(rows) == [("common-confusion", 9, 27, "must of")]
    assert rows[0]["fixed"] == text.replace("must of", "must have")


def test_an_english_sentence_inside_a_paragraph_in_another_language_is_checked():
    text = INDONESIAN.replace("sampai malam.", "sampai malam. Critics said officials must of waited.")
    assert not doc(text).reads_as_english
    assert where(lint(text, "common-confusion")) == [("common-confusion", 7, 96, "must of")]


# words English shares with Dutch ("of", "in") and French ("on") do not make a sentence English
DUTCH = """De gemeenteraad heeft gisteren het nieuwe plan voor de haven van de stad goedgekeurd.

De burgemeester zei dat dat plan in maart begint en twee jaar zal duren, of misschien langer.

Volgens de oppositie zijn de kosten nog altijd niet bekend gemaakt door het stadsbestuur.
"""
FRENCH = """Le conseil municipal a approuvé hier soir le nouveau plan pour le port de la ville.

Nous nous sommes réunis devant la mairie hier soir et on a parlé du projet, on attend.

Selon le maire, les travaux doivent commencer en mars et durer deux années entières.
"""


@pytest.mark.parametrize("text", [DUTCH, FRENCH])
def test_words_english_shares_with_other_languages_do_not_make_a_sentence_english(text):
    assert not doc(text).reads_as_english
    assert lint(text, "common-confusion") == []


def test_markup_does_not_make_a_sentence_english():
    paragraphs = "".join(f"<p>{p}</p>" for p in FRENCH.split("\n\n"))
    link = '<p><a href="https://example.com/news/the-port-plan-and-the-ferry">Le plan</a></p>'
    html = f"<html><body>{paragraphs}{link}</body></html>"
    assert lint(html, "common-confusion", path="article.html") == []
    photo = "on attend ([photo](https://example.com/the-town-hall-of-the-city))."
    assert lint(FRENCH.replace("on attend.", photo), "common-confusion", path="article.md") == []
    # the same slip in English, in the same markup, is found
    english = html.replace("Nous nous sommes", "We saw the the plan and")
    assert [r["text"] for r in lint(english, "common-confusion", path="article.html")] == ["the the"]


def test_language_must_be_one_newslint_recognises(tmp_path):
    (tmp_path / "newslint.yaml").write_text(
        "rules:\n  common-confusion:\n    language: fr\n", encoding="utf-8"
    )
    with pytest.raises(ConfigError) as caught:
        select_rules(load(str(tmp_path / "newslint.yaml")))
    assert str(caught.value) == (
        f"{tmp_path / 'newslint.yaml'}:3: 'language' must be en (or null: any), not 'fr'"
    )


def test_a_configuration_may_check_every_language(tmp_path):
    (tmp_path / "newslint.yaml").write_text(
        "rules:\n  common-confusion:\n    language: null\n", encoding="utf-8"
    )
    rows = lint(INDONESIAN, "common-confusion", config=load(str(tmp_path / "newslint.yaml")))
    assert where(rows) == [
        ("common-confusion", 3, 42, "baik baik"),
        ("common-confusion", 7, 8, "anak anak"),
    ]
    assert [r.language for r in select_rules(Config(), select=["common-confusion"])] == ["en"]


@pytest.mark.parametrize(
    "value,shown", [("fr", "'fr'"), ("[en]", "['en']"), ("no", "False"), ('"fr\\nde"', "'fr\\nde'")]
)
def test_a_bad_language_is_named_on_one_line(tmp_path, value, shown):
    path = tmp_path / "newslint.yaml"
    path.write_text(f"rules:\n  common-confusion:\n    language: {value}\n", encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        select_rules(load(str(path)))
    assert str(caught.value) == f"{path}:3: 'language' must be en (or null: any), not {shown}"
