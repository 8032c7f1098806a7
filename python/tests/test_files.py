from curi_report.files import ReportableFiles


def test_names_are_safe_and_unique_case_insensitively(tmp_path):
    files = ReportableFiles(str(tmp_path))
    first = files.claim("a/b it's", ".png")[0]
    second = files.claim("a/b it's", ".png")[0]
    third = files.claim("A/B IT'S", ".png")[0]
    assert first == "reportables/a_b_it_s.png"
    assert second == "reportables/a_b_it_s-2.png"
    assert third.lower() not in {first.lower(), second.lower()}


def test_written_since_lists_new_and_changed_files(tmp_path):
    files = ReportableFiles(str(tmp_path))
    (tmp_path / "reportables" / "old.txt").write_text("x")
    before = files.snapshot()
    (tmp_path / "reportables" / "sub").mkdir()
    (tmp_path / "reportables" / "sub" / "new.csv").write_text("1")
    (tmp_path / "reportables" / "old.txt").write_text("longer")
    assert files.written_since(before) == ["reportables/old.txt", "reportables/sub/new.csv"]
