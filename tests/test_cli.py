import pytest

from build_digest import cli
from tests.conftest import copy_project


def test_help_documents_the_commands(capsys):
    with pytest.raises(SystemExit) as stopped:
        cli.main(["--help"])
    assert stopped.value.code == 0
    out = capsys.readouterr().out
    for command in ("build", "check", "bench"):
        assert command in out


def test_build_prints_a_summary_and_warns_with_file_and_line(tmp_path, capsys):
    root = copy_project(tmp_path)
    (root / "data" / "articles" / "empty.txt").write_text("  \n", encoding="utf-8")
    assert cli.main(["--root", str(root), "build"]) == 0
    captured = capsys.readouterr()
    summary = captured.out.strip().splitlines()[-1]
    assert summary.startswith("files read: 5 (") and " · articles: 18 · " in summary and "entities tagged:" in summary
    assert "warnings: 1" in summary
    assert "warning: empty.txt: skipped: the file is empty or blank" in captured.err
    assert (root / "site" / "index.html").exists() and (root / "build" / "report.md").exists()
