"""Tests for the dated list of eligible universities and the forgiving name matcher."""

from __future__ import annotations

import tomllib
from datetime import date

import pytest

from bot.rules.universities import _aliases, _index, _is_wide, match_university
from bot.rules.university_list import (
    Institution,
    _parse_line,
    all_institutions,
    institutions_in_force,
    list_version,
    read_data,
)
from bot.scoring.model import Status
from bot.scoring.universities import institution_status, typed_institution

D = date.fromisoformat
BY_NAME = {institution.name: institution for institution in all_institutions()}
# Aliases that really name two listed institutions; the matcher asks instead of guessing.
ALLOWED_AMBIGUOUS = {"ntu", "msu"}
CHINESE_SPEAKING = {"Chinese Mainland", "Hong Kong SAR", "Taiwan"}
BOTH_NTUS = {"Nanyang Technological University, Singapore", "National Taiwan University (NTU)"}


def _is_chinese(text: str) -> bool:
    return any(_is_wide(char) for char in text)


@pytest.mark.parametrize(
    ("day", "count"),
    [
        ("2024-10-31", 0),  # earlier versions are not modelled
        ("2024-11-01", 198),
        ("2024-12-31", 198),
        ("2025-01-01", 199),
        ("2025-12-31", 199),
        ("2026-01-01", 200),
        ("2026-11-24", 200),
    ],
)
def test_list_size_per_version(day: str, count: int) -> None:
    assert len(institutions_in_force(D(day))) == count


@pytest.mark.parametrize(
    ("day", "version"),
    [
        ("2024-10-31", None),
        ("2024-11-01", "2024-11-01"),
        ("2024-12-31", "2024-11-01"),
        ("2025-01-01", "2025-01-01"),
        ("2025-12-31", "2025-01-01"),
        ("2026-01-01", "2026-01-01"),
        ("2026-11-24", "2026-01-01"),
    ],
)
def test_list_version(day: str, version: str | None) -> None:
    assert list_version(D(day)) == (D(version) if version else None)


def test_data_file_is_consistent() -> None:
    institutions = all_institutions()
    assert len(BY_NAME) == len(institutions) == 208, "names must be unique"
    assert {i.basis for i in institutions} <= {"TOP100", "TOP100/BCUR", "BCUR", "QS-HOSP", "QS-ART"}
    for institution in institutions:
        until = institution.listed_until
        assert until is None or until > institution.listed_from, institution.name
    added_2026 = {i.name for i in institutions if i.listed_from == D("2026-01-01")}
    assert added_2026 == {
        "Adelaide University",
        "University of Vienna",
        "Karlsruhe Institute of Technology (KIT)",
        "Politecnico di Milano",
        "King Fahd University of Petroleum & Minerals",
    }
    removed = sorted((str(i.listed_until), i.name) for i in institutions if i.listed_until)
    assert removed == [
        ("2024-12-31", "Ecole Normale Superieure - Paris"),
        ("2024-12-31", "London School of Hygiene and Tropical Medicine"),
        ("2024-12-31", "Radboud University"),
        ("2024-12-31", "University of Paris-Sud (Paris 11)"),
        ("2025-12-31", "Ecole Polytechnique"),
        ("2025-12-31", "University of Freiburg"),
        ("2025-12-31", "Université Grenoble Alpes"),
        ("2025-12-31", "Université Sorbonne Paris Cité (USPC)"),
    ]


@pytest.mark.parametrize(
    "line",
    [
        "Only | three | fields",
        "Name | Country | TOP100 | 2024-13-01 |",
        "Name | Country | TOP100 | 2024-11-01 | soon",
        "Name | Country | | 2024-11-01 |",
    ],
)
def test_malformed_data_line_is_rejected(line: str) -> None:
    with pytest.raises(ValueError, match=r"eligible-universities\.txt:7"):
        _parse_line(line, 7)


@pytest.mark.parametrize(
    ("text", "day", "eligible"),
    [
        ("University of Freiburg", "2025-12-31", True),  # removed 1 Jan 2026
        ("University of Freiburg", "2026-01-01", False),
        ("Politecnico di Milano", "2025-12-31", False),  # added 1 Jan 2026
        ("Politecnico di Milano", "2026-01-01", True),
        ("Radboud University", "2024-12-31", True),  # removed 1 Jan 2025
        ("Radboud University", "2025-01-01", False),
        ("UCAS", "2024-12-31", False),  # added 1 Jan 2025
        ("UCAS", "2025-01-01", True),
        ("Université Sorbonne Paris Cité", "2025-06-30", True),
        ("Université Sorbonne Paris Cité", "2026-11-24", False),
        ("MIT", "2024-11-01", True),
        ("MIT", "2026-11-24", True),
        ("MIT", "2024-10-31", False),
        ("NTU", "2026-11-24", False),  # ambiguous: never eligible until the user picks one
        ("University of Nowhere", "2026-11-24", False),
    ],
)
def test_eligibility_depends_on_the_day(text: str, day: str, eligible: bool) -> None:
    assert match_university(text).eligible_on(D(day)) is eligible


def test_removed_institution_is_still_recognised() -> None:
    match = match_university("university of freiburg")
    assert match.institution == BY_NAME["University of Freiburg"]
    assert match.institution.listed_until == D("2025-12-31")


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # official names, case, punctuation, leading "The", full width
        ("Harvard University", "Harvard University"),
        ("  mit. ", "Massachusetts Institute of Technology"),
        ("M.I.T.", "Massachusetts Institute of Technology"),
        ("ＭＩＴ", "Massachusetts Institute of Technology"),
        ("The University of Hong Kong", "The University of Hong Kong"),
        ("university of hong kong", "The University of Hong Kong"),
        ("The Ohio State University", "Ohio State University--Columbus"),
        ("Kings College London", "King's College London"),
        ("Xian Jiaotong University", "Xi'an Jiaotong University"),
        (
            "Hong Kong University of Science & Technology",
            "The Hong Kong University of Science and Technology",
        ),
        ("University of Saint Andrews", "University of St Andrews"),
        ("MD Anderson Cancer Center", "The University of Texas M. D. Anderson Cancer Center"),
        # accents
        ("Ecole Polytechnique Federale de Lausanne", "École Polytechnique Fédérale de Lausanne"),
        ("Universite PSL", "Université PSL"),
        ("Universitat Tubingen", "University of Tübingen"),
        ("University of Tubingen", "University of Tübingen"),
        ("University of Sao Paulo", "University of São Paulo"),
        (
            "Universidad Nacional Autonoma de Mexico",
            "Universidad Nacional Autónoma de México (UNAM)",
        ),
        ("Charité – Universitätsmedizin Berlin", "Charité - Universitätsmedizin Berlin"),
        ("Kobenhavns Universitet", "University of Copenhagen"),
        # parenthesised and former names
        ("UBA", "Universidad de Buenos Aires (UBA)"),
        ("Universidad de Buenos Aires", "Universidad de Buenos Aires (UBA)"),
        ("KIT", "Karlsruhe Institute of Technology (KIT)"),
        ("Université de Paris", "Université Paris Cité (formerly Université de Paris)"),
        ("Tokyo Tech", "Tokyo Institute of Technology (Tokyo Tech)"),
        ("Institute of Science Tokyo", "Tokyo Institute of Technology (Tokyo Tech)"),
        ("Université de Montréal", "University of Montreal"),
        ("Paris 11", "University of Paris-Sud (Paris 11)"),
        # US News style campus suffixes, "X University" / "University of X", Univ./Uni
        ("Ohio State University", "Ohio State University--Columbus"),
        ("Purdue University", "Purdue University - West Lafayette"),
        ("Purdue", "Purdue University - West Lafayette"),
        ("University of Michigan", "University of Michigan-Ann Arbor"),
        ("University of Michigan, Ann Arbor", "University of Michigan-Ann Arbor"),
        ("University of Illinois Urbana-Champaign", "University of Illinois at Urbana-Champaign"),
        ("University of California at Berkeley", "University of California, Berkeley"),
        ("ETH Zurich", "ETH Zurich - Swiss Federal Institute of Technology"),
        ("Cambridge University", "University of Cambridge"),
        ("University of Heidelberg", "Heidelberg University"),
        ("Univ. of Adelaide", "University of Adelaide"),
        ("Adelaide University", "Adelaide University"),
        ("Uni Melbourne", "University of Melbourne"),
        ("Stanford Univ", "Stanford University"),
        ("Peking Univ.", "Peking University"),
        # the two Washingtons
        ("University of Washington", "University of Washington"),
        ("Washington University in St. Louis", "Washington University in St. Louis"),
        ("Washington University", "Washington University in St. Louis"),
        ("WashU", "Washington University in St. Louis"),
        # short names
        ("UCL", "University College London"),
        ("LSE", "London School of Economics and Political Science"),
        ("NUS", "National University of Singapore"),
        ("HKU", "The University of Hong Kong"),
        ("CUHK", "The Chinese University of Hong Kong"),
        ("HKUST", "The Hong Kong University of Science and Technology"),
        ("PolyU", "The Hong Kong Polytechnic University"),
        ("CityU", "City University of Hong Kong"),
        ("KAIST", "Korea Advanced Institute of Science and Technology (KAIST)"),
        ("POSTECH", "Pohang University of Science And Technology (POSTECH)"),
        ("ETH", "ETH Zurich - Swiss Federal Institute of Technology"),
        ("ETHZ", "ETH Zurich - Swiss Federal Institute of Technology"),
        ("EPFL", "École Polytechnique Fédérale de Lausanne"),
        ("UBC", "University of British Columbia"),
        ("UCLA", "University of California, Los Angeles"),
        ("U.C.L.A.", "University of California, Los Angeles"),
        ("UCSD", "University of California, San Diego"),
        ("UC Berkeley", "University of California, Berkeley"),
        ("Berkeley", "University of California, Berkeley"),
        ("Caltech", "California Institute of Technology"),
        ("CMU", "Carnegie Mellon University"),
        ("Georgia Tech", "Georgia Institute of Technology"),
        ("JHU", "Johns Hopkins University"),
        ("NYU", "New York University"),
        ("UPenn", "University of Pennsylvania"),
        ("Penn", "University of Pennsylvania"),
        ("Penn State", "Pennsylvania State University"),
        ("UIUC", "University of Illinois at Urbana-Champaign"),
        ("UW Madison", "University of Wisconsin-Madison"),
        ("UW-Madison", "University of Wisconsin-Madison"),
        ("UMich", "University of Michigan-Ann Arbor"),
        ("UNSW", "University of New South Wales"),
        ("ANU", "Australian National University"),
        ("UQ", "The University of Queensland"),
        ("USYD", "University of Sydney"),
        ("KCL", "King's College London"),
        ("LMU Munich", "Ludwig-Maximilians-Universität München"),
        ("University of Munich", "Ludwig-Maximilians-Universität München"),
        ("TUM", "Technical University of Munich"),
        ("KTH", "KTH Royal Institute of Technology"),
        ("TU Delft", "Delft University of Technology"),
        ("UvA", "University of Amsterdam"),
        ("KU Leuven", "KU Leuven"),
        ("SJTU", "Shanghai Jiao Tong University"),
        ("USTC", "University of Science and Technology of China"),
        ("HUST", "Huazhong University of Science and Technology"),
        ("ZJU", "Zhejiang University"),
        ("PKU", "Peking University"),
        ("THU", "Tsinghua University"),
        ("UCAS", "University of Chinese Academy of Sciences"),
        ("SYSU", "Sun Yat-sen University"),
        ("BIT", "Beijing Institute of Technology"),
        ("BNU", "Beijing Normal University"),
        ("BUAA", "Beihang University"),
        ("XJTU", "Xi'an Jiaotong University"),
        ("HIT", "Harbin Institute of Technology"),
        ("WHU", "Wuhan University"),
        ("NJU", "Nanjing University"),
        ("SEU", "Southeast University"),
        ("SCU", "Sichuan University"),
        ("RUC", "Renmin University of China"),
        ("UTokyo", "The University of Tokyo"),
        ("Tokyo University", "The University of Tokyo"),
        ("Todai", "The University of Tokyo"),
        ("SNU", "Seoul National University"),
        ("Oxford", "University of Oxford"),
        ("Cambridge", "University of Cambridge"),
        ("Harvard", "Harvard University"),
        ("Stanford", "Stanford University"),
        ("Yale", "Yale University"),
        ("Princeton", "Princeton University"),
        ("Columbia", "Columbia University"),
        ("Cornell", "Cornell University"),
        # Chinese names, Simplified and Traditional
        ("清华大学", "Tsinghua University"),
        ("清華大學", "Tsinghua University"),
        ("北京大学", "Peking University"),
        ("北京大學", "Peking University"),
        ("北大", "Peking University"),
        ("香港大學", "The University of Hong Kong"),
        ("香港大学", "The University of Hong Kong"),
        ("港大", "The University of Hong Kong"),
        ("香港中文大學", "The Chinese University of Hong Kong"),
        ("中大", "The Chinese University of Hong Kong"),
        ("香港科技大學", "The Hong Kong University of Science and Technology"),
        ("科大", "The Hong Kong University of Science and Technology"),
        ("香港理工大學", "The Hong Kong Polytechnic University"),
        ("理大", "The Hong Kong Polytechnic University"),
        ("香港城市大學", "City University of Hong Kong"),
        ("城大", "City University of Hong Kong"),
        ("國立臺灣大學", "National Taiwan University (NTU)"),
        ("台大", "National Taiwan University (NTU)"),
        ("复旦大学", "Fudan University"),
        ("復旦大學", "Fudan University"),
        ("中国科学技术大学", "University of Science and Technology of China"),
        ("中國科學技術大學", "University of Science and Technology of China"),
        ("哈佛大學", "Harvard University"),
        ("麻省理工学院", "Massachusetts Institute of Technology"),
        ("史丹福大學", "Stanford University"),
        ("斯坦福大学", "Stanford University"),
        ("牛津大學", "University of Oxford"),
        ("剑桥大学", "University of Cambridge"),
        ("帝國理工學院", "Imperial College London"),
        ("倫敦大學學院", "University College London"),
        ("新加坡国立大学", "National University of Singapore"),
        ("南洋理工大學", "Nanyang Technological University, Singapore"),
        ("東京大學", "The University of Tokyo"),
        ("首爾大學", "Seoul National University"),
        ("蘇黎世聯邦理工學院", "ETH Zurich - Swiss Federal Institute of Technology"),
        ("加州大學柏克萊分校", "University of California, Berkeley"),
        ("约翰斯·霍普金斯大学", "Johns Hopkins University"),
        ("约翰斯 · 霍普金斯大学", "Johns Hopkins University"),
        ("倫敦政治經濟學院", "London School of Economics and Political Science"),
        ("伦敦国王学院", "King's College London"),
        # typos
        ("Havard University", "Harvard University"),
        ("Stanfrod University", "Stanford University"),
        ("Tsinghua Univeristy", "Tsinghua University"),
        ("Universty of Melborne", "University of Melbourne"),
        ("Massachusets Institute of Technology", "Massachusetts Institute of Technology"),
        ("Universiti of Malaya", "Universiti Malaya (UM)"),
        # Hindi: यूनिवर्सिटी is विश्वविद्यालय, marks and nuktas are optional
        ("हार्वर्ड यूनिवर्सिटी", "Harvard University"),
        ("टोरंटो युनिवर्सिटी", "University of Toronto"),
        ("ऑस्ट्रेलियन नेशनल विश्वविद्यालय", "Australian National University"),
        ("ऑक्सफोर्ड यूनिवर्सिटी", "University of Oxford"),
        ("हारवर्ड विश्वविद्यालय", "Harvard University"),
    ],
)
def test_confident_match(text: str, name: str) -> None:
    match = match_university(text)
    assert match.institution == BY_NAME[name]
    assert match.candidates == ()


@pytest.mark.parametrize(
    ("text", "allowed"),
    [
        # different institutions that share a word with a listed one
        ("Oxford Brookes University", set()),
        ("Harvard Extension School", {"Harvard University"}),  # continuing education does not count
        ("Birmingham City University", {"University of Birmingham"}),
        ("University of Michigan-Dearborn", {"University of Michigan-Ann Arbor"}),
        ("University of Illinois Chicago", set()),
        ("University of York", set()),
        ("Boston College", set()),
        ("Ohio University", set()),
        ("RMIT University", set()),
        ("HKBU", set()),
        ("Hong Kong Baptist University", set()),
        ("香港浸會大學", set()),
        ("Tokyo University of Science", set()),
        ("University of Milan", set()),
        ("Berklee College of Music", set()),
        ("Queensland University of Technology", set()),
        ("國立清華大學", set()),
        ("दिल्ली यूनिवर्सिटी", set()),
        ("बर्मिंघम सिटी यूनिवर्सिटी", set()),
        ("ओहायो यूनिवर्सिटी", set()),
        ("यूनिवर्सिटी", set()),
        # Folding drops most Devanagari vowel signs: पेरिस (Paris) is close to प्रिंसटन
        # (Princeton), a suggestion at most since विश्वविद्यालय is a generic word.
        ("पेरिस विश्वविद्यालय", {"Princeton University"}),
        # unknown
        ("University of Nowhere", set()),
        ("University", set()),
        ("asdfghjkl", set()),
        ("", set()),
        ("   ", set()),
        ("…", set()),
    ],
)
def test_no_confident_match(text: str, allowed: set[str]) -> None:
    match = match_university(text)
    assert match.institution is None
    assert {candidate.name for candidate in match.candidates} <= allowed


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("NTU", BOTH_NTUS),
        ("n.t.u.", BOTH_NTUS),
        ("MSU", {"Michigan State University", "Lomonosov Moscow State University"}),
        ("Washington", {"University of Washington", "Washington University in St. Louis"}),
        (
            "University of Texas",
            {
                "University of Texas at Austin",
                "The University of Texas M. D. Anderson Cancer Center",
                "The University of Texas Southwestern Medical Center at Dallas",
            },
        ),
        ("Sorbonne", {"Sorbonne University", "Université Sorbonne Paris Cité (USPC)"}),
        ("Hong Kong Polytechnic", {"The Hong Kong Polytechnic University"}),
    ],
)
def test_ambiguous_names_give_candidates(text: str, expected: set[str]) -> None:
    match = match_university(text)
    assert match.institution is None
    assert {candidate.name for candidate in match.candidates} == expected


@pytest.mark.parametrize("text", ["University of California", "Paris"])
def test_candidates_are_capped(text: str) -> None:
    match = match_university(text)
    assert match.institution is None
    assert 2 <= len(match.candidates) <= 5
    assert len(set(match.candidates)) == len(match.candidates)


def test_university_of_california_candidates_are_campuses() -> None:
    candidates = match_university("University of California").candidates
    assert all(c.name.startswith("University of California, ") for c in candidates)


def test_alias_keys_are_official_names() -> None:
    assert set(_aliases()) <= set(BY_NAME)


def test_aliases_are_unambiguous_unless_allowed() -> None:
    ambiguous = {key for key, institutions in _index().exact.items() if len(institutions) > 1}
    assert ambiguous == ALLOWED_AMBIGUOUS


def test_no_alias_is_listed_twice() -> None:
    # Within the aliases file: a language's names file may give a name the aliases file has
    # too (ja.toml and the aliases both have 東京大学), and the matcher takes both.
    data = tomllib.loads(read_data("university-aliases.toml"))
    assert [name for name, aliases in data.items() if len(set(aliases)) != len(aliases)] == []


def test_every_alias_finds_its_institution() -> None:
    for name, aliases in _aliases().items():
        for alias in aliases:
            match = match_university(alias)
            assert match.institution == BY_NAME[name] or BY_NAME[name] in match.candidates, alias


@pytest.mark.parametrize(
    "institution",
    [i for i in all_institutions() if i.country in CHINESE_SPEAKING],
    ids=lambda institution: institution.name,
)
def test_chinese_speaking_institutions_have_simplified_and_traditional_names(
    institution: Institution,
) -> None:
    chinese = [alias for alias in _aliases()[institution.name] if _is_chinese(alias)]
    assert any("学" in alias for alias in chinese), "no Simplified name"
    assert any("學" in alias for alias in chinese), "no Traditional name"



def test_a_near_spelling_is_a_suggestion_never_the_institution() -> None:
    """"Harvrd" is offered as Harvard in the chat, where the user confirms it by name; as an
    answer it matches no listed name, so it is not counted (contract: never replaced)."""
    match = match_university("Harvrd")
    assert match.institution is not None and match.corrected
    assert not match.eligible_on(date(2026, 12, 8))
    status, _ = institution_status("Harvrd", match, date(2026, 12, 8))
    assert status is Status.NOT_MET
    assert not match_university("Harvard").corrected


@pytest.mark.parametrize(("typed", "locale", "name"), [
    ("瑞士蘇黎世聯邦理工學院", "zh_Hant_HK", "蘇黎世聯邦理工學院"),   # the country before the name
    ("Canada McGill University", "en", "McGill University"),
    ("我喺清華讀嘅博士，2019年畢業", "zh_Hant_HK", "清華"),   # words, then a year, around it
    ("我是在港科大读的硕士，2018年毕业", "zh_Hans_CN", "港科大"),
    ("New York University", "en", "New York University"),
    ("Universitas Melbourne, Australia", "id", "Universitas Melbourne"),   # a place after it
    ("NUS (Singapura)", "id", "NUS"), ("NUS, NTU", "id", "NUS, NTU"),     # two names stay
    ("University of California, Davis", "en", "University of California, Davis")])
def test_a_name_is_read_without_the_country_and_the_words_around_it(typed: str, locale: str,
                                                                    name: str) -> None:
    assert typed_institution(typed, locale) == name
