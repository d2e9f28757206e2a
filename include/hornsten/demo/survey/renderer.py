"""A response as a row of one export layout: its columns, and closed answers spelled as people do."""

from __future__ import annotations

import datetime as dt

from hornsten.config import ExportLayout, Question, normalise_value
from hornsten.demo.survey.generator import Response, ResponseGenerator


class Renderer:
    """One export layout: headings, slots and how values are spelled in it."""

    def __init__(self, layout: ExportLayout, gen: ResponseGenerator, machine: bool):
        self.layout = layout
        self.gen = gen
        self.machine = machine  # LimeSurvey: answer codes, no messy spellings
        self.headings = [names[0] for names in layout.columns.values()]
        self.fields = list(layout.columns)
        self.ts_format = (layout.timestamp_formats or ["%Y-%m-%d %H:%M:%S"])[0]  # ISO unless the layout has a form
        text_index = {q.code: i for i, q in enumerate(gen.text_questions)}
        choice_index = {q.code: i for i, q in enumerate(gen.choice_questions)}
        self.slots: list[tuple[str, int]] = []
        self.text_columns: list[tuple[int, int]] = []  # (column, text question)
        self.id_column = self.ts_column = -1
        self.district_column = self.age_column = -1
        self.spellings: dict[int, list[list[str]]] = {}
        for column, name in enumerate(self.fields):
            if name == "response_id":
                self.slots.append(("id", 0))
                self.id_column = column
            elif name == "submitted_at":
                self.slots.append(("ts", 0))
                self.ts_column = column
            elif name == "respondent_id":
                self.slots.append(("respondent", 0))
            elif name in text_index:
                self.slots.append(("text", text_index[name]))
                self.text_columns.append((column, text_index[name]))
            else:
                ci = choice_index[name]
                self.slots.append(("choice", ci))
                self.spellings[ci] = self._spellings(gen.choice_questions[ci], layout)
                if ci == gen.district_q:
                    self.district_column = column
                if ci == gen.age_q:
                    self.age_column = column

    def _spellings(self, question: Question, layout: ExportLayout) -> list[list[str]]:
        """Per option, a list to pick uniformly from (weights by repetition)."""
        codes = layout.answer_codes.get(question.code, {})
        inverse: dict[str, str] = {}
        for key, option_code in codes.items():
            inverse.setdefault(option_code, key)
        lookup = question.value_lookup()
        result = []
        for option in question.options:
            if self.machine:
                result.append([inverse.get(option.code, option.label)])
                continue
            label = option.label
            spellings = [label] * 84 + [option.code] * 4
            if option.aliases:
                for i in range(5):
                    spellings.append(option.aliases[i % len(option.aliases)])
            else:
                spellings += [label] * 5
            spellings += [label.upper()] * 2 + [label.lower()] * 2 + [f" {label} "]
            spellings += [label.replace("\u2013", "-")] * 2
            for spelling in spellings:  # every messy spelling must still be valid
                assert lookup.get(normalise_value(spelling)) == option.code, (question.code, spelling)
            result.append(spellings)
        return result

    def render(self, rid: int, ts: dt.datetime, resp: Response) -> list:
        random_ = self.gen.random
        row = []
        for kind, index in self.slots:
            if kind == "text":
                row.append(resp.texts[index])
            elif kind == "choice":
                option = resp.choices[index]
                if option < 0:
                    row.append("")
                else:
                    spellings = self.spellings[index][option]
                    row.append(spellings[int(random_() * len(spellings))] if len(spellings) > 1 else spellings[0])
            elif kind == "id":
                row.append(str(rid))
            elif kind == "ts":
                row.append(ts)
            else:
                value = resp.respondent
                if value and self.machine:
                    value = self.gen.token(15)
                row.append(value)
        return row

    def personal_in_row(self, row: list, resp: Response) -> int:
        """Answers with personal data that made it into the written row (a malformed row may lose some)."""
        return sum(resp.pii[ti] for column, ti in self.text_columns if column < len(row))
