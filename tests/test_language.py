"""Rules for English grammar (`language: en`) stay silent on prose in another language, but not on
an English sentence inside such an article. Articles written for these tests."""

import pytest
from helpers import lint, where

from newslint.config import Config, load
from newslint.document import english_around
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


def test_english_around_reads_the_line_of_the_offset():
    assert english_around("Jangan lebay.\nThe port could of waited.\n", 23)
    assert not english_around("The port could of waited.\nJangan lebay baik baik saja.\n", 40)
    assert english_around("Warga to on pelabuhan.", 0)  # two of the short words English shares
    assert not english_around("Warga to pelabuhan.", 0)


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
