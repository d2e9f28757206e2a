import pytest
from openpyxl import load_workbook

from hornsten.committee.valuation import HEADINGS, Theme, read_valuations, sample_valuations, write_template

THEMES = [Theme("a", "Tema A"), Theme("b", "Tema B"), Theme("c", "Tema C")]
CODES = {"a", "b", "c"}


def _csv(tmp_path, rows):
    path = tmp_path / "v.csv"
    path.write_text(";".join(HEADINGS) + "\n" + "\n".join(";".join(map(str, r)) for r in rows) + "\n", encoding="utf-8")
    return path


def test_template_has_a_row_per_theme_and_member(tmp_path):
    path = write_template(tmp_path / "mall.xlsx", THEMES, members=2)
    book = load_workbook(path)
    sheet = book["Värdering"]
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == list(HEADINGS)
    assert [r[2] for r in rows[1:]] == ["a", "b", "c", "a", "b", "c"]
    assert "Instruktioner" in book.sheetnames


def test_points_and_ranks_are_accepted(tmp_path):
    path = _csv(
        tmp_path,
        [
            ("Anna", "s", "a", "", 50, ""),
            ("Anna", "s", "b", "", 30, ""),
            ("Anna", "s", "c", "", 20, ""),
            ("Bo", "M", "a", "", "", 3),
            ("Bo", "M", "b", "", "", 1),
            ("Bo", "M", "c", "", "", 2),
        ],
    )
    parsed = read_valuations(path, CODES)
    assert parsed.rejected == {}
    assert {(v.member, v.party, v.theme, v.points, v.rank) for v in parsed.valuations} >= {
        ("Anna", "S", "a", 50.0, None),
        ("Bo", "M", "b", None, 1),
    }


@pytest.mark.parametrize(
    "rows, reason",
    [
        (
            [("Anna", "S", "a", "", 50, ""), ("Anna", "S", "b", "", 30, ""), ("Anna", "S", "c", "", 10, "")],
            "add up to 90, not 100",
        ),
        (
            [("Anna", "S", "a", "", "", 1), ("Anna", "S", "b", "", "", 1), ("Anna", "S", "c", "", "", 2)],
            "ranks must be 1–3",
        ),
        ([("Anna", "S", "a", "", 100, ""), ("Anna", "S", "b", "", 0, "")], "themes missing: c"),
        (
            [("Anna", "S", "a", "", 50, 1), ("Anna", "S", "b", "", 50, 2), ("Anna", "S", "c", "", 0, 3)],
            "either poang or rang",
        ),
        (
            [("Anna", "", "a", "", 100, ""), ("Anna", "", "b", "", 0, ""), ("Anna", "", "c", "", 0, "")],
            "parti is empty",
        ),
        (
            [("Anna", "S", "x", "", 100, ""), ("Anna", "S", "b", "", 0, ""), ("Anna", "S", "c", "", 0, "")],
            "unknown theme 'x'",
        ),
    ],
)
def test_a_bad_sheet_rejects_the_member_with_the_reason(tmp_path, rows, reason):
    ok = [("Bo", "M", "a", "", 40, ""), ("Bo", "M", "b", "", 40, ""), ("Bo", "M", "c", "", 20, "")]
    parsed = read_valuations(_csv(tmp_path, rows + ok), CODES)
    assert {v.member for v in parsed.valuations} == {"Bo"}
    ((who, why),) = parsed.rejected.items()
    assert who == "Anna" and reason in why


def test_sample_valuations_are_valid(tmp_path):
    path = sample_valuations(tmp_path / "s.csv", THEMES, ["S", "M", "SD"], seed=1)
    parsed = read_valuations(path, CODES)
    assert parsed.rejected == {}
    assert len({v.member for v in parsed.valuations}) == 6
    assert {v.party for v in parsed.valuations} == {"S", "M", "SD"}
    assert any(v.points is not None for v in parsed.valuations) and any(v.rank is not None for v in parsed.valuations)
