from curi_report.__main__ import main


def test_usage_errors_exit_2_and_help_exits_0(capsys):
    assert main([]) == 2
    assert "usage: python3 -m curi_report" in capsys.readouterr().err
    assert main(["report"]) == 2
    assert main(["--runs-dir"]) == 2
    assert main(["--help"]) == 0
    assert "experiment <name>" in capsys.readouterr().out
