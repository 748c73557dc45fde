"""The yes/no reader: its two buttons, and the typed words it takes for them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from bot.engine.options import Answers, Option, Renderable
from bot.engine.readers import TRI_LABELS, Choice, Read
from bot.i18n.text import t
from bot.replies import ParseError, choice_number, parse_tri
from bot.replies.words import mentions
from bot.replies.yesno import says
from bot.scoring.answers import Tri

YES_NO = t("Please answer yes or no with the buttons.")


@dataclass(frozen=True)
class YesNo(Choice):
    """Yes or no (or "not sure", stored as "unsure"), typed in any language we know."""

    none_is_no: bool = False   # asks whether one has something: "none" ("ありません") means No
    # A words.toml list of replies this question's wording leaves open: "있어요" ("there is")
    # to "Is your record clean, with no criminal record?" may mean either.
    ambiguous: str | None = None
    # A words.toml list of whole replies this question's wording makes a yes: "沒有" ("there
    # is none") to "…均沒有任何刑事罪行記錄？" says the record is clean; "沒有，但…" is not one.
    yes_words: str | None = None
    unsure_value = Tri.UNSURE.value
    zero_is_none = False

    def choices(self) -> tuple[Option, ...]:
        return (Option(Tri.YES.value, TRI_LABELS[Tri.YES]),
                Option(Tri.NO.value, TRI_LABELS[Tri.NO], none=self.none_is_no))

    def read(self, text: str, locale: str, day: date, selection: list[str],
             answers: Answers) -> Read:
        if choice_number(text) is not None:
            return super().read(text, locale, day, selection, answers)
        if self.yes_words is not None and says(text, self.yes_words, wholly=True):
            return Read(Tri.YES.value)
        if self.ambiguous is not None and says(text, self.ambiguous):
            raise ParseError(YES_NO)
        first, *rest = text.split(maxsplit=1) or [""]
        if (answer := parse_tri(text, locale)) is Tri.YES and rest \
                and mentions(rest[0], "negations"):   # "dạ, em chưa từng…": polite, not a yes
            raise ParseError(YES_NO)
        if answer in (Tri.YES, Tri.NO):
            return Read(answer.value)
        if answer is None and rest:   # a yes or no, then why: "네 주간 과정이었어요", "نعم عندي…"
            if self.yes_words is not None and says(first, self.yes_words, wholly=True):
                return Read(Tri.YES.value)   # "없습니다 깨끗해요": none, so a clean record
            if self.ambiguous is not None and says(first, self.ambiguous, wholly=True):
                raise ParseError(YES_NO)     # "عندي مخالفة مرورية": "I have" is no yes there
            said = parse_tri(first, locale)
            if said is Tri.NO or (said is Tri.YES and not mentions(rest[0], "negations")):
                return Read(said.value)
        raise ParseError(YES_NO)

    def states_anew(self, text: str) -> bool:
        return self.yes_words is not None and says(text, self.yes_words, wholly=True)

    def show(self, value: object) -> Renderable:
        if isinstance(value, str) and value in Tri._value2member_map_:
            return TRI_LABELS[Tri(value)]
        return super().show(value)
