"""`Index/People.base`: an Obsidian base of the people, written by `index` and `init`,
checked against the Bases syntax help, and the user's once changed in Obsidian."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from conftest import Run, vt, write_vault

# What Obsidian's Bases syntax and functions help documents, of what a base may use.
DOCUMENTED_FUNCTIONS = {"if", "date", "relative", "toString", "slice", "isEmpty", "inFolder",
                        "hasTag", "hasLink", "format", "contains", "today", "now"}
VIEW_TYPES = {"table", "cards", "list", "map"}
NOTES = {"Ada.md": "---\ngroup: peer\ncompany: Acme\nphoto: \"[[ada.jpg]]\"\n---\n",
         "Bo.md": "---\nbirthday: --03-02\n---\n"}


def base(vault: Path) -> dict:  # type: ignore[type-arg]
    return yaml.safe_load((vault / "Index" / "People.base").read_text(encoding="utf-8"))


def _expressions(node: object) -> list[str]:
    if isinstance(node, str):
        return [node]
    if isinstance(node, list):
        return [e for item in node for e in _expressions(item)]
    if isinstance(node, dict):
        return [e for value in node.values() for e in _expressions(value)]
    return []


def test_the_base_uses_only_what_the_bases_help_documents(tmp_path: Path, run: Run) -> None:
    vault = write_vault(tmp_path / "v", dict(NOTES))
    assert vt(run, vault, "index").exit_code == 0
    data = base(vault)
    assert [view["name"] for view in data["views"]] == [
        "Everyone", "By group", "By company", "Unsorted", "Birthdays", "Cards"]
    assert {view["type"] for view in data["views"]} <= VIEW_TYPES
    expressions = [*_expressions(data["filters"]), *data["formulas"].values(),
                   *(e for view in data["views"] for e in _expressions(view.get("filters")))]
    used = {name for text in expressions for name in re.findall(r"(\w+)\(", text)}
    assert used <= DOCUMENTED_FUNCTIONS, used - DOCUMENTED_FUNCTIONS
    assert 'file.inFolder("People")' in data["filters"]["and"][1]["or"]
    assert "due" not in " ".join(expressions).lower()  # Due.md is the one answer to that
    for view in data["views"]:
        for name in [*view["order"], view.get("groupBy", {}).get("property", "")]:
            if name.startswith("formula."):
                assert name.removeprefix("formula.") in data["formulas"], name
            else:
                assert name == "" or name.startswith(("note.", "file.")), name
    cards = data["views"][-1]
    assert cards["type"] == "cards" and cards["image"] == "note.photo"


def test_the_base_uses_the_keys_the_notes_use(tmp_path: Path, run: Run) -> None:
    config = '[fields]\ncompany = ["Company"]\nbirthday = ["Birthday"]\n'
    vault = write_vault(tmp_path / "v", {"Ada.md": "---\nCompany: Acme\navatar: a.png\n---\n"},
                        config=config)
    assert vt(run, vault, "index").exit_code == 0
    data = base(vault)
    assert "note.Company" in data["views"][0]["order"]
    assert data["views"][2]["groupBy"]["property"] == "note.Company"
    assert "note.Birthday" in data["formulas"]["birthday_day"]
    assert data["views"][-1]["image"] == "note.avatar"


def test_a_base_changed_in_obsidian_is_the_users(tmp_path: Path, run: Run) -> None:
    vault = write_vault(tmp_path / "v", dict(NOTES))
    assert vt(run, vault, "index").exit_code == 0
    path = vault / "Index" / "People.base"
    assert "index notes are up to date" in vt(run, vault, "index").stdout
    mine = path.read_text(encoding="utf-8").replace("name: Cards", "name: Faces")
    path.write_text(mine, encoding="utf-8")  # as Obsidian saves a renamed view
    assert vt(run, vault, "index").exit_code == 0
    assert path.read_text(encoding="utf-8") == mine
    problems = (vault / "Index" / "Problems.md").read_text(encoding="utf-8")
    assert "changed in Obsidian, so it is yours" in problems
    vt(run, vault, "index")  # said once: the next render says nothing of it
    assert "so it is yours" not in (vault / "Index" / "Problems.md").read_text()
    assert path.read_text(encoding="utf-8") == mine
    reset = vt(run, vault, "index", "--reset-base")
    assert "wrote Index/People.base" in reset.stdout
    assert "name: Cards" in path.read_text(encoding="utf-8")


def test_init_writes_the_base(tmp_path: Path, run: Run) -> None:
    result = run("init", str(tmp_path / "v"))
    assert result.exit_code == 0 and "People.base" in result.stdout
    assert base(tmp_path / "v")["views"][0]["name"] == "Everyone"
