"""The GitHub Pages workflow builds with the Makefile and deploys with the official actions."""

from __future__ import annotations

import yaml

from tests.conftest import ROOT

WORKFLOW = ROOT / ".github" / "workflows" / "pages.yml"


def load() -> dict:
    return yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))


def steps(workflow: dict) -> list[dict]:
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


def uses(workflow: dict, action: str) -> list[dict]:
    return [s for s in steps(workflow) if s.get("uses", "").split("@")[0] == action]


def test_runs_on_push_to_main_and_by_hand():
    triggers = load()[True]  # PyYAML reads the key `on` as True
    assert triggers["push"]["branches"] == ["main"]
    assert "workflow_dispatch" in triggers


def test_has_only_the_permissions_pages_needs():
    assert load()["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    for job in load()["jobs"].values():
        assert "permissions" not in job


def test_builds_with_make_and_caches_pip():
    workflow = load()
    builds = [s for s in steps(workflow) if "run" in s and "make build" in s["run"]]
    assert len(builds) == 1
    assert "SITE_URL" in builds[0]["env"] and "steps.pages.outputs.base_url" in builds[0]["env"]["SITE_URL"]
    configure = uses(workflow, "actions/configure-pages")
    assert len(configure) == 1 and configure[0]["id"] == "pages"
    (python,) = uses(workflow, "actions/setup-python")
    assert python["with"]["cache"] == "pip"
    assert python["with"]["cache-dependency-path"] == "requirements/*.lock"
    order = [s.get("uses", s.get("run", "")).split("@")[0] for s in workflow["jobs"]["build"]["steps"]]
    assert order.index("actions/configure-pages") < order.index("make build") < order.index(
        "actions/upload-pages-artifact"
    )


def test_uploads_site_and_deploys_with_the_official_actions():
    workflow = load()
    (upload,) = uses(workflow, "actions/upload-pages-artifact")
    assert upload["with"]["path"] == "site"
    deploy_jobs = [name for name, job in workflow["jobs"].items() if any(
        s.get("uses", "").startswith("actions/deploy-pages@") for s in job["steps"])]
    assert len(deploy_jobs) == 1
    job = workflow["jobs"][deploy_jobs[0]]
    assert job["needs"] == "build"
    assert job["environment"]["name"] == "github-pages"
    for step in steps(workflow):
        if "uses" in step:
            assert step["uses"].startswith("actions/") and "@v" in step["uses"], step["uses"]
