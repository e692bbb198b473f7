"""init, check, list and show through the CLI, on real vaults in tmp_path."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from vaulttools.cli import main

from conftest import EXAMPLE, REPO, Run, snapshot, write_vault

PEOPLE = {
    "Zoë Müller.md": "---\naliases: [Zoe]\ngroup: peer\ntags: [research]\n---\n",
    "Ann Lee.md": "---\ngroup: [mentor, close]\ntags: [ai]\nstatus: paused\n---\n",
    "Anna Bell.md": "---\ngroup: client\n---\n",
    "Old Friend.md": "---\nstatus: archived\n---\n",
}


@pytest.fixture
def vault(tmp_path: Path) -> Path:
    return write_vault(tmp_path / "vault", PEOPLE)


def test_init_writes_config_and_folders_and_nothing_else(tmp_path: Path, run: Run) -> None:
    root = tmp_path / "obsidian"
    (root / ".obsidian").mkdir(parents=True)
    (root / "Home.md").write_text("my notes\n")
    before = snapshot(root)
    result = run("init", str(root))
    assert result.exit_code == 0, result.output
    after = snapshot(root)
    # The config, the folders, the people's base, and (an Obsidian vault) the types of
    # vaulttools' properties: docs/obsidian.md.
    assert set(after) - set(before) == {".vaulttools.toml", "People", "Index",
                                        "Index/People.base", ".obsidian/types.json"}
    assert {k for k, v in before.items() if after[k] != v} == {".obsidian"}  # its folder
    config = (root / ".vaulttools.toml").read_text()
    assert config.startswith("# vaulttools settings")
    assert run("--vault", str(root), "check").exit_code == 0


def test_init_refuses_an_existing_config(tmp_path: Path, run: Run) -> None:
    root = write_vault(tmp_path / "v", {}, config="index = 'Mine'\n")
    result = run("init", str(root))
    assert result.exit_code == 1
    assert "already a vault" in result.stderr
    assert (root / ".vaulttools.toml").read_text() == "index = 'Mine'\n"


def test_list_filters_and_hides_archived(vault: Path, run: Run) -> None:
    names = lambda *a: [c["name"] for c in json.loads(  # noqa: E731
        run("--vault", str(vault), "list", "--json", *a).stdout)]
    assert names() == ["Ann Lee", "Anna Bell", "Zoë Müller"]
    assert names("--status", "all") == ["Ann Lee", "Anna Bell", "Old Friend", "Zoë Müller"]
    assert names("--status", "archived") == ["Old Friend"]
    assert names("--group", "CLOSE") == ["Ann Lee"]
    assert names("--tag", "#research") == ["Zoë Müller"]
    text = run("--vault", str(vault), "list").stdout
    assert text.splitlines()[0].split() == ["NAME", "GROUP", "STATUS", "LAST", "CONTACT",
                                             "NEXT", "DUE"]


@pytest.mark.parametrize("query", ["zoe", "ZOË", "Zoe\u0308 Mu\u0308ller", "zoë m", "mull"])
def test_show_finds_by_name_alias_accent_and_prefix(vault: Path, run: Run, query: str) -> None:
    result = run("--vault", str(vault), "show", query)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("Zoë Müller  (People/Zoë Müller.md)")


def test_show_ambiguous_lists_candidates(vault: Path, run: Run) -> None:
    result = run("--vault", str(vault), "show", "an")
    assert result.exit_code == 2  # a usage error (#31)
    assert "matches 2 contacts" in result.stderr
    assert "Ann Lee (People/Ann Lee.md)" in result.stderr
    assert "Anna Bell (People/Anna Bell.md)" in result.stderr


def test_show_exact_beats_prefix(vault: Path, run: Run) -> None:
    result = run("--vault", str(vault), "show", "ann lee")
    assert result.exit_code == 0
    assert result.stdout.startswith("Ann Lee")


def test_show_recent_log_has_no_dangling_colon_for_a_bare_channel(tmp_path: Path,
                                                                   run: Run) -> None:
    root = write_vault(tmp_path / "vault", {
        "Bob.md": "---\nname: Bob\n---\n## Log\n- 2026-01-01 coffee\n- 2026-02-01 call: plans\n"})
    result = run("--vault", str(root), "--today", "2026-03-01", "show", "Bob")
    assert "  2026-01-01 coffee\n" in result.stdout
    assert "  2026-02-01 call: plans\n" in result.stdout


def test_show_unknown_suggests(vault: Path, run: Run) -> None:
    result = run("--vault", str(vault), "show", "Anne Lee")
    assert result.exit_code == 2  # a usage error (#31)
    assert "no contact matches 'Anne Lee'" in result.stderr
    assert "did you mean: Ann Lee" in result.stderr


def test_vault_found_from_env_and_by_walking_up(
    vault: Path, run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("VAULTTOOLS_VAULT", str(vault))
    assert run("list", "--json").exit_code == 0
    monkeypatch.delenv("VAULTTOOLS_VAULT")
    deep = vault / "People" / "sub"
    deep.mkdir()
    monkeypatch.chdir(deep)
    result = run("list", "--json")
    assert result.exit_code == 0
    assert len(json.loads(result.stdout)) == 3


def test_no_vault_found_is_a_clear_error(
    tmp_path: Path, run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = run("list")
    assert result.exit_code == 2
    assert "no vault found" in result.stderr
    assert "vaulttools init" in result.stderr


def test_today_option_and_env(vault: Path, run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    note = "---\ngroup: client\nlast_contact: 2026-01-01\n---\n"
    (vault / "People" / "Anna Bell.md").write_text(note)
    due = lambda *a: json.loads(run("--vault", str(vault), *a).stdout)  # noqa: E731
    assert [i["status"] for i in due("--today", "2026-01-02", "due", "--json")
            if i["name"] == "Anna Bell"] == []
    assert [i["status"] for i in due("due", "--json", "--today", "2026-04-02")
            if i["name"] == "Anna Bell"] == ["due"]
    monkeypatch.setenv("VAULTTOOLS_TODAY", "2026-06-01")
    assert [i["status"] for i in due("due", "--json") if i["name"] == "Anna Bell"] == ["overdue"]
    bad = run("--vault", str(vault), "--today", "2026-02-30", "due")
    assert bad.exit_code == 2
    assert "not a date in YYYY-MM-DD form" in bad.stderr


@pytest.mark.parametrize(
    ("config", "message"),
    [
        ("default_cadense = '3m'\n",
         "unknown key 'default_cadense'; did you mean 'default_cadence'?"),
        ("default_cadence = 'often'\n", "default_cadence: bad cadence 'often'"),
        ("give_space_after = 'two'\n", "give_space_after: expected int"),
        ("[groups.mentor]\ncadense = '1m'\n", "unknown key groups.mentor.'cadense'"),
        ("contacts = ['../elsewhere']\n", "must be a folder inside the vault"),
        ("contacts = ['C:\\\\Users\\\\me\\\\People']\n", "must be a folder inside the vault"),
        ("contacts = ['Notes\\\\..\\\\..\\\\x']\n", "must be a folder inside the vault"),
        ("index = 'People'\n", "index: 'People' is the contacts folder 'People'"),
        ("index = 'people/'\n", "index: 'people' is the contacts folder 'People'"),
        ("index = 'People/Index'\n", "index: 'People/Index' is inside the contacts folder"),
        ("contacts = ['Notes/People']\nindex = 'Notes'\n",
         "index: 'Notes' contains the contacts folder 'Notes/People'"),
        ("contacts = ['Clients', 'Team']\nindex = 'Team/Index'\n",
         "index: 'Team/Index' is inside the contacts folder 'Team'"),
    ],
)
def test_bad_config_names_the_key(tmp_path: Path, run: Run, config: str, message: str) -> None:
    vault = write_vault(tmp_path / "v", {}, config=config)
    result = run("--vault", str(vault), "list")
    assert result.exit_code == 2
    assert message in result.stderr
    assert str(vault / ".vaulttools.toml") in result.stderr


def test_an_index_apart_from_the_contacts_or_inside_a_whole_vault_is_fine(
    tmp_path: Path, run: Run
) -> None:
    for config in ("index = 'Index'\n", "index = 'People Index'\n",
                   "contacts = ['']\nindex = 'Index'\n"):
        vault = write_vault(tmp_path / str(len(config)), {"Ann.md": "---\ngroup: peer\n---\n"},
                            config=config)
        result = run("--vault", str(vault), "index")
        assert result.exit_code == 0, (config, result.output)


def test_config_folders_take_either_separator(tmp_path: Path, run: Run) -> None:
    """A Windows user writes `Notes\\People`: the same folder as `Notes/People`."""
    vault = write_vault(tmp_path / "v", {"Notes/People/Ann.md": "---\ngroup: peer\n---\n"},
                        config="contacts = ['Notes\\People']\nindex = 'Meta\\Index'\n")
    listed = json.loads(run("--vault", str(vault), "list", "--json").stdout)
    assert [c["path"] for c in listed] == ["Notes/People/Ann.md"]
    assert run("--vault", str(vault), "index").exit_code == 0
    assert (vault / "Meta" / "Index" / "Due.md").exists()


def test_init_refuses_an_index_among_the_contacts_and_writes_nothing(
    tmp_path: Path, run: Run
) -> None:
    result = run("init", str(tmp_path / "v"), "--index", "People/Index")
    assert result.exit_code == 2
    assert "is inside the contacts folder 'People'" in result.stderr
    assert not (tmp_path / "v").exists()


def test_example_vault_checks_clean_and_lists(run: Run) -> None:
    before = snapshot(EXAMPLE)
    result = run("--vault", str(EXAMPLE), "check")
    assert result.exit_code == 0, result.stdout
    contacts = json.loads(run("--vault", str(EXAMPLE), "list", "--json", "--status", "all").stdout)
    assert len(contacts) >= 25
    groups = {g for c in contacts for g in c["groups"]}
    assert {"mentor", "peer", "client", "industry-leader", "aspirational", "classmate",
            "close"} <= groups
    assert snapshot(EXAMPLE) == before


def test_python_dash_m_runs(vault: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "vaulttools", "--vault", str(vault), "list"],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert "Zoë Müller" in result.stdout


def test_the_program_flushes_its_output_and_keeps_exit_codes(vault: Path, tmp_path: Path) -> None:
    """The program leaves without interpreter teardown (cli.run): nothing may be lost."""
    def program(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "vaulttools", "--vault", str(vault), *args],
                              capture_output=True, text=True, check=False)

    listed = program("list", "--json", "--status", "all")
    assert listed.returncode == 0, listed.stderr
    assert len(json.loads(listed.stdout)) >= 2  # the whole JSON document arrived
    unknown = program("show", "Nobody At All")
    assert unknown.returncode == 2
    assert "no contact matches 'Nobody At All'" in unknown.stderr
    usage = program("due", "--days", "soon")
    assert usage.returncode == 2 and "Invalid value" in usage.stderr
    missing = subprocess.run([sys.executable, "-m", "vaulttools", "--vault",
                              str(tmp_path / "nowhere"), "due"],
                             capture_output=True, text=True, check=False)
    assert missing.returncode == 2 and "Traceback" not in missing.stderr
    piped = subprocess.run(f"'{sys.executable}' -m vaulttools --vault '{vault}' list | head -1",
                           shell=True, capture_output=True, text=True, check=False)
    assert piped.stdout.strip() and "Traceback" not in piped.stderr
    # A reader that leaves early is not an error, nor an internal one.
    for command in ("list", "stats", "due --all"):
        piped = subprocess.run(
            f"'{sys.executable}' -m vaulttools --vault '{EXAMPLE}' --today 2026-11-21 {command}"
            " | true",
            shell=True, capture_output=True, text=True, check=False)
        assert "error" not in piped.stderr and "Traceback" not in piped.stderr, piped.stderr


def test_an_internal_error_is_one_line_and_exit_70(
    tmp_path: Path, run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    from vaulttools.read.vault import Vault

    def broken(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("a bug")

    vault = write_vault(tmp_path / "v", {"Ada.md": "---\ngroup: peer\n---\n"})
    monkeypatch.setattr(Vault, "agenda", broken)
    monkeypatch.delenv("VAULTTOOLS_DEBUG")
    result = run("--vault", str(vault), "due")
    assert result.exit_code == 70
    assert result.stderr == ("vaulttools: internal error: RuntimeError: a bug; run with --debug "
                             "for details\n")
    with pytest.raises(RuntimeError, match="a bug"):
        run("--debug", "--vault", str(vault), "due")
    monkeypatch.setenv("VAULTTOOLS_DEBUG", "1")
    with pytest.raises(RuntimeError, match="a bug"):
        run("--vault", str(vault), "due")


def test_an_internal_error_in_a_real_process(tmp_path: Path) -> None:
    vault = write_vault(tmp_path / "v", {"Ada.md": "---\ngroup: peer\n---\n"})
    code = ("import sys; from vaulttools.read.vault import Vault; "
            "Vault.agenda = lambda *a, **k: 1 / 0; "
            "from vaulttools.cli import run; sys.argv = ['vaulttools'] + sys.argv[1:]; run()")
    env = {k: v for k, v in os.environ.items() if k != "VAULTTOOLS_DEBUG"}
    plain = subprocess.run([sys.executable, "-c", code, "--vault", str(vault), "due"],
                           capture_output=True, text=True, env=env)
    assert plain.returncode == 70
    assert "Traceback" not in plain.stderr
    assert "internal error: ZeroDivisionError" in plain.stderr
    debug = subprocess.run([sys.executable, "-c", code, "--debug", "--vault", str(vault), "due"],
                           capture_output=True, text=True, env=env)
    assert debug.returncode == 1 and "Traceback" in debug.stderr


@pytest.mark.parametrize("args", [
    ["draft", "jane", "--occasion", "checkin"], ["plan", "--week"], ["index", "--dry-run"],
    ["import", "linkedin", str(REPO / "tests/fixtures/import/linkedin_connections.csv"),
     "--dry-run"],
    ["log", "jane", "hello", "--dry-run"], ["set", "cadence=2m", "jane", "--dry-run"],
    ["review", "jane", "--done", "--dry-run"], ["stats"], ["review"], ["due"],
])
def test_json_output_parses(tmp_path: Path, run: Run, args: list[str]) -> None:
    vault = tmp_path / "ex"
    shutil.copytree(EXAMPLE, vault)
    before = snapshot(vault)
    result = run("--vault", str(vault), "--today", "2026-11-21", *args, "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data or data == []
    assert snapshot(vault) == before  # dry runs and reports write nothing


@pytest.mark.parametrize(("args", "message"), [
    (["list", "--group", "mentr"], "no contact has the group 'mentr'; did you mean 'mentor'?"),
    (["list", "--tag", "#climte"], "no contact has the tag 'climte'; did you mean 'climate'?"),
    (["set", "cadence=2m", "--group", "mentr"], "did you mean 'mentor'?"),
    (["export", "vcard", "--group", "zzz"], "no contact has the group 'zzz'; the groups are: "),
])
def test_an_unknown_filter_is_an_error_with_the_nearest(
    tmp_path: Path, run: Run, args: list[str], message: str
) -> None:
    vault = tmp_path / "ex"
    shutil.copytree(EXAMPLE, vault)
    before = snapshot(vault)
    result = run("--vault", str(vault), "--today", "2026-11-21", *args)
    assert result.exit_code == 2
    assert message in result.stderr
    assert snapshot(vault) == before
    # A known group in another case, or a configured one nobody has, is no error.
    assert run("--vault", str(vault), "list", "--group", "MENTOR").exit_code == 0


def test_a_mistyped_command_suggests_the_nearest(run: Run) -> None:
    result = CliRunner().invoke(main, ["deu"])
    assert result.exit_code == 2
    assert "no such command 'deu'; did you mean 'due'" in result.output


def test_shell_completion_offers_contact_names_and_groups(tmp_path: Path) -> None:
    def complete(*words: str) -> list[str]:
        env = {**os.environ, "COMP_WORDS": " ".join(["vaulttools", *words]),
               "COMP_CWORD": str(len(words)), "_VAULTTOOLS_COMPLETE": "bash_complete"}
        out = subprocess.run([sys.executable, "-m", "vaulttools"], env=env, cwd=tmp_path,
                             capture_output=True, text=True, check=True).stdout
        return [line.split(",", 1)[1] for line in out.splitlines() if line]

    vault = ("--vault", str(EXAMPLE))
    assert complete(*vault, "show", "ja") == ["Jane", "Jane Doe"]
    assert complete(*vault, "log", "zo") == ["Zoe", "Zoë Müller"]  # accents folded
    assert complete(*vault, "list", "--group", "m") == ["mentor"]
    assert complete(*vault, "set", "cadence=1m", "--group", "cl") == ["classmate", "client",
                                                                      "close"]
    assert complete("--vault", str(tmp_path), "show", "ja") == []  # not a vault: nothing


def test_an_exact_first_name_wins_and_typos_get_did_you_mean(tmp_path: Path, run: Run) -> None:
    vault = write_vault(tmp_path / "v", {
        "Nils Berg.md": "---\ngroup: peer\n---\n", "Nilsson Carl.md": "---\ngroup: peer\n---\n",
        "Ana Silva.md": "---\ngroup: peer\n---\n", "Ana Costa.md": "---\ngroup: peer\n---\n"})
    shown = run("--vault", str(vault), "show", "nils")
    assert shown.exit_code == 0 and shown.stdout.startswith("Nils Berg")
    both = run("--vault", str(vault), "show", "ana")  # two people with that first name
    assert both.exit_code == 2
    assert "Ana Costa (People/Ana Costa.md); Ana Silva (People/Ana Silva.md)" in both.stderr
    typo = run("--vault", str(vault), "show", "nisl")
    assert typo.exit_code == 2
    assert "no contact matches 'nisl'; did you mean: Nils Berg (People/Nils Berg.md)" \
        in typo.stderr
