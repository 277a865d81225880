"""``portal`` acts on the project it is run in: the nearest folder holding pelicanconf.py, from
the current folder up, or the one named with ``--project``; never on the folder it was
installed from."""

from __future__ import annotations

from pathlib import Path

from sitekit import ROOT, item, make_project, portal_in


def fingerprint(folder: Path) -> tuple[int, int] | None:
    manifest = folder / "output" / ".portal-build.json"
    return (manifest.stat().st_ino, manifest.stat().st_mtime_ns) if manifest.exists() else None


def test_build_and_check_act_on_the_project_of_the_current_folder(tmp_path: Path) -> None:
    project = make_project(tmp_path / "other")
    installed = fingerprint(ROOT)
    inner = project.content / "news" / "huyen-a"
    built = portal_in(inner, "build")
    assert built.returncode == 0, built.stdout + built.stderr
    assert (project.output / "tin-tuc" / "2021" / "hoi-nghi-hoc-tap" / "index.html").is_file()
    assert fingerprint(ROOT) == installed

    project.write("news/huyen-a/2021/loi.md", item("Bài lỗi", "2021-03-05", "khong-co"))
    checked = portal_in(inner, "check")
    assert checked.returncode == 1
    assert "news/huyen-a/2021/loi.md:4: lỗi:" in checked.stdout


def test_project_option_names_the_project(tmp_path: Path) -> None:
    project = make_project(tmp_path / "other")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    result = portal_in(elsewhere, "--project", str(project.content.parent), "check")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Nội dung hợp lệ: 1 bài" in result.stdout


def test_outside_a_project_the_command_says_where_to_run(tmp_path: Path) -> None:
    for args in (["build"], ["check"], ["--project", str(tmp_path), "check"]):
        result = portal_in(tmp_path, *args)
        assert result.returncode == 2
        assert "pelicanconf.py" in result.stderr and "Traceback" not in result.stderr
        assert "--project" in result.stderr or "không phải thư mục dự án" in result.stderr
