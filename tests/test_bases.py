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


def test_init_types_the_properties_in_an_obsidian_vault(tmp_path: Path, run: Run) -> None:
    """Added to the types the user has, none changed, the rest of the file kept."""
    import json

    vault = tmp_path / "v"
    (vault / ".obsidian").mkdir(parents=True)
    types = vault / ".obsidian" / "types.json"
    types.write_text(json.dumps({"types": {"last_contact": "text", "rating": "number"},
                                 "other": True}, indent=2))
    dry = run("init", str(vault), "--dry-run")
    assert dry.exit_code == 0 and "would add the types" in dry.stdout
    assert not (vault / ".vaulttools.toml").exists()
    result = run("init", str(vault))
    assert result.exit_code == 0, result.output
    data = json.loads(types.read_text())
    assert data["other"] is True and data["types"]["rating"] == "number"
    assert data["types"]["last_contact"] == "text"  # the user's type stays
    assert "last_contact: Obsidian types it text; vaulttools reads it as a date" \
        in result.stderr
    assert data["types"]["met"] == "date" and data["types"]["tags"] == "tags"
    assert data["types"]["email"] == "multitext" and data["types"]["birthday"] == "text"
    assert types.read_text().startswith('{\n  "types": {\n')  # as Obsidian writes it


def test_init_detect_types_the_keys_the_notes_use(tmp_path: Path, run: Run) -> None:
    import json

    vault = write_vault(tmp_path / "v", {"Ann.md": "---\nE-mail: ann@example.org\n---\n"},
                        config='[fields]\nemail = ["E-mail"]\nmet = ["First met"]\n')
    (vault / ".obsidian").mkdir()
    result = run("init", str(vault), "--detect")
    assert result.exit_code == 0, result.output
    data = json.loads((vault / ".obsidian" / "types.json").read_text())
    assert data["types"]["E-mail"] == "multitext" and data["types"]["First met"] == "date"
    again = run("init", str(vault), "--detect")
    assert "typed in" not in again.stdout  # nothing more to add
