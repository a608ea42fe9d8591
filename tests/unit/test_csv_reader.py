"""The CSV reader: physical line numbers, malformed records and whole-file problems."""

from __future__ import annotations

from pathlib import Path

import pytest

from lookout.contract import ExtractError
from lookout.contract.csv_reader import CsvBatches, read_header


def _read(path: Path) -> tuple[list[dict], CsvBatches]:
    header = read_header(path)
    batches = CsvBatches(path, header)
    rows = [row for batch in batches for row in batch.to_pylist()]
    return rows, batches


def test_lines_count_quoted_newlines_and_malformed_records(tmp_path: Path) -> None:
    path = tmp_path / "f.csv"
    text = ('a,b,c\n'            # 1
            '1,"x\ny",3\n'       # 2-3
            '2,3\n'              # 4 too few values
            '\n'                 # 5 blank
            '4,5,6\n'            # 6
            '4,5,6,7\n'          # 7 too many values
            '8,"p\nq\nr",9\n'    # 8-10
            '10,11,12\n'         # 11
            '7,"bad,8\n9,10,11\n')  # 12-13 an unterminated quote would swallow line 13
    path.write_text(text)
    rows, batches = _read(path)
    # the record a quote left open would have swallowed is read on its own, not lost
    assert sorted((r["a"], r["_line"]) for r in rows) == [("1", 2), ("10", 11), ("4", 6), ("8", 8),
                                                          ("9", 13)]
    assert [(m.line, m.text.split(",")[0]) for m in batches.malformed] == [(4, "2"), (7, "4"), (12, "7")]
    assert "3 columns" in batches.malformed[0].problem
    assert "never closed" in batches.malformed[2].problem
    assert batches.blank_lines == 1


def test_bom_is_tolerated_and_names_are_kept(tmp_path: Path) -> None:
    path = tmp_path / "f.csv"
    path.write_bytes("\ufeffNominal_ID, Surname\nN1,Smith\n".encode("utf-8"))
    assert read_header(path) == ["Nominal_ID", "Surname"]
    rows, _ = _read(path)
    assert rows[0]["Nominal_ID"] == "N1" and rows[0]["_line"] == 2


def test_leading_zeros_survive(tmp_path: Path) -> None:
    path = tmp_path / "f.csv"
    path.write_text("id,n\n00123,0007\n")
    rows, _ = _read(path)
    assert (rows[0]["id"], rows[0]["n"]) == ("00123", "0007")


@pytest.mark.parametrize("content, problem", [
    (b"", "no header row"),
    (b"a,A\n1,2\n", "twice"),
    (b"a,,c\n1,2,3\n", "has no name"),
])
def test_bad_headers_are_extract_errors(tmp_path: Path, content: bytes, problem: str) -> None:
    path = tmp_path / "f.csv"
    path.write_bytes(content)
    with pytest.raises(ExtractError, match=problem):
        read_header(path)


def test_invalid_utf8_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "f.csv"
    path.write_bytes(b"a,b\n1,2\n3,caf\xe9\n")
    header = read_header(path)
    with pytest.raises(ExtractError) as caught:
        list(CsvBatches(path, header))
    assert caught.value.line == 3 and "0xE9" in caught.value.problem


def test_many_batches_keep_lines_in_step(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import lookout.contract.csv_reader as reader

    monkeypatch.setattr(reader, "_BLOCK_SIZE", 64)
    lines = ["a,b"]
    expected = []
    for i in range(300):
        if i % 37 == 5:
            lines.append(f"{i}")  # malformed: one value
        elif i % 11 == 3:
            lines.append(f'{i},"two\nlines"')
            expected.append(i)
            lines.append(None)  # placeholder for the extra physical line
        else:
            lines.append(f"{i},v")
            expected.append(i)
    physical = []
    text_lines = []
    for item in lines:
        if item is None:
            continue
        text_lines.append(item)
    path = tmp_path / "f.csv"
    path.write_text("\n".join(text_lines) + "\n")
    # Independent expectation: the physical line where each record starts.
    line = 1
    for item in text_lines[1:]:
        line += 1
        physical.append((item.split(",")[0], line))
        line += item.count("\n")
    rows, batches = _read(path)
    starts = dict(physical)
    assert [(r["a"], r["_line"]) for r in rows] == [(str(i), starts[str(i)]) for i in expected]
    assert [m.line for m in batches.malformed] == [starts[str(i)] for i in range(300) if i % 37 == 5]


def test_a_quote_left_open_swallows_no_record(tmp_path: Path) -> None:
    # case notes: the third note's text opens a quote it never closes; the sixth note runs
    # over two lines, as notes may
    path = tmp_path / "case_notes.csv"
    lines = ["note_id,la_child_id,recorded_at,author_role,text"]
    for i in range(1, 11):
        text = {3: '"Note 3 begins, never closed', 6: '"A note that runs\nover two lines"'}.get(
            i, f'"Note {i}, seen at home"')
        lines.append(f"N{i},C{i},2012-01-0{1 + i % 9},sw,{text}")
    path.write_text("\n".join(lines) + "\n")
    rows, batches = _read(path)
    assert sorted(int(r["note_id"][1:]) for r in rows) == [1, 2, 4, 5, 6, 7, 8, 9, 10]
    assert next(r for r in rows if r["note_id"] == "N6")["text"] == "A note that runs\nover two lines"
    assert next(r for r in rows if r["note_id"] == "N4")["_line"] == 5
    assert [(m.line, m.text.split(",")[0]) for m in batches.malformed] == [(4, "N3")]
    assert "never closed" in batches.malformed[0].problem
    assert len(rows) + len(batches.malformed) == 10   # every record read: stored or quarantined


def test_a_quote_opened_and_never_closed_in_a_register_swallows_nothing(tmp_path: Path) -> None:
    path = tmp_path / "pupils.csv"
    lines = ["upn,school_urn,surname,forenames,dob"]
    quote = '"'
    lines += [f"A{i:012d},100001,{quote if i == 101 else ''}Smith{i},Amy,2005-01-01"
              for i in range(1, 3339)]
    path.write_text("\n".join(lines) + "\n")
    rows, batches = _read(path)
    assert len(rows) == 3337 and [m.line for m in batches.malformed] == [102]
