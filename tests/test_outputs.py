"""Output files are written on every core: the same files as one process writes, each written
only when its bytes change."""

from build_digest import outputs


def _jobs(version: str):
    jobs = [(f"pages/{n}.md", lambda n=n: f"page {n} {version if n % 7 == 0 else ''}".encode()) for n in range(60)]
    jobs.append(("nothing.csv", lambda: None))  # a job with nothing to hold makes no file
    return jobs


def _files(folder):
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_workers_write_what_one_process_writes(tmp_path, monkeypatch):
    monkeypatch.setattr(outputs, "PARALLEL_MIN_JOBS", 10)
    one = outputs.write_outputs(_jobs("a"), tmp_path / "one", workers=1)
    two = outputs.write_outputs(_jobs("a"), tmp_path / "two", workers=2)
    assert _files(tmp_path / "one") == _files(tmp_path / "two")
    assert one.produced == two.produced == [f"pages/{n}.md" for n in range(60)]
    assert one.changed == one.produced and not (tmp_path / "one" / "nothing.csv").exists()
    again = outputs.write_outputs(_jobs("b"), tmp_path / "two", workers=2)
    assert again.changed == [f"pages/{n}.md" for n in range(0, 60, 7)]
