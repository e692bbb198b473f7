"""`init`: make a folder a vault (the config, the folders, People.base; in git, the
merge driver; in an Obsidian vault, the types of vaulttools' properties)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import click

from vaulttools.cli.base import common_options, main, state
from vaulttools.words import counted


@main.command()
@common_options
@click.argument("path", required=False, type=click.Path(file_okay=False, path_type=Path))
@click.option("--contacts", "contacts_folder", default="People", show_default=True,
              help="Folder for contact notes.")
@click.option("--index", "index_folder", default="Index", show_default=True,
              help="Folder for generated index notes.")
@click.option("--git", is_flag=True,
              help="Also write .gitattributes lines and register the index notes' merge "
              "driver for a vault kept in git (also on an existing vault or a new clone).")
@click.option("--detect", is_flag=True,
              help="Read the notes already in the contacts folder, recognise the template "
              "they follow and write the field mapping into the config; on an existing "
              "vault, only print it.")
@click.option("--dry-run", is_flag=True,
              help="Say what would be written (the config, the folders, Obsidian's property "
              "types); write nothing.")
def init(path: Path | None, contacts_folder: str, index_folder: str, git: bool,
         detect: bool, dry_run: bool) -> None:
    """Make PATH a vault: write .vaulttools.toml and the folders.

    PATH defaults to --vault, then $VAULTTOOLS_VAULT, then the current folder.
    Works inside an existing Obsidian vault; no other file is touched. Refuses
    when .vaulttools.toml already exists (but for --git, and --detect, which
    then prints the mapping to add).
    """
    from vaulttools.config import CONFIG_NAME
    from vaulttools.edit.initvault import init_vault

    root = path or Path(state().vault_path or os.environ.get("VAULTTOOLS_VAULT") or Path.cwd())
    extra = ""
    if detect:
        from vaulttools.read.detect import detect as detect_template
        from vaulttools.read.detect import fields_table

        found = detect_template(root.expanduser(), contacts_folder)
        _print_detection(found)
        extra = fields_table(found)
        if (root / CONFIG_NAME).exists() and not git:
            click.echo(f"{root / CONFIG_NAME} exists already; add this to it:\n{extra}")
            _obsidian_types(root.expanduser(), dry_run)
            return
    if dry_run:
        _init_plan(root.expanduser(), contacts_folder, index_folder)
        return
    result = init_vault(root, contacts_folder, index_folder, git, extra)
    if result.changed:
        from vaulttools.config import load_settings
        from vaulttools.render.bases import BASE_NAME, write_base

        settings = load_settings(root.expanduser())
        if write_base(settings.root, settings).written:
            result.changed.append(settings.index_dir / BASE_NAME)
    for created in result.changed:
        click.echo(f"wrote {created}")
    if not result.changed:
        click.echo("nothing to change")
    if not detect and result.changed:
        from vaulttools.read.detect import detect as detect_template

        found = detect_template(root.expanduser(), contacts_folder)
        if found.notes and (found.template != "vaulttools' own field names"
                            or found.new_log_headings or found.group_key):
            click.echo(f"{contacts_folder}/ holds {counted(found.notes, 'note')} written from "
                       f"{found.template}: run `vaulttools init --detect` to see the "
                       "mapping that reads them, and add it to the config", err=True)
    for warning in result.warnings:
        click.echo(f"vaulttools: warning: {warning}", err=True)
    _obsidian_types(root.expanduser(), dry_run=False)


def _init_plan(root: Path, contacts_folder: str, index_folder: str) -> None:
    """What init would write in a new vault (--dry-run)."""
    from vaulttools.config import CONFIG_NAME

    if (root / CONFIG_NAME).exists():
        click.echo(f"{root / CONFIG_NAME} exists already: nothing to write but the git "
                   "files (--git) and Obsidian's property types")
        _obsidian_types(root, dry_run=True)
        return
    for wanted in (root / CONFIG_NAME, root / contacts_folder, root / index_folder,
                   root / index_folder / "People.base"):
        if not wanted.exists():
            click.echo(f"would write {wanted}")
    if (root / ".obsidian").is_dir():
        click.echo(f"would add the types of vaulttools' properties to {root}/.obsidian/"
                   "types.json (those it does not type already)")


def _obsidian_types(root: Path, dry_run: bool) -> None:
    """Add the types of vaulttools' properties to Obsidian's types.json (an Obsidian
    vault only); say what was added and what the user's own types keep."""
    from vaulttools.config import load_settings
    from vaulttools.edit.obsidiantypes import plan_types, write_types

    plan = plan_types(root, load_settings(root))
    if plan is None:
        return
    if plan.added:
        verb = "would type" if dry_run else "typed"
        click.echo(f"{verb} in {plan.path}: " + ", ".join(
            f"{key} ({kind})" for key, kind in plan.added.items()))
        if not dry_run:
            write_types(plan, root)
    for kept in plan.kept:
        click.echo(f"vaulttools: note: {kept}", err=True)


def _print_detection(found: Any) -> None:
    click.echo(f"{counted(found.notes, 'note')} in {found.folder}/, written from "
               f"{found.template}"
               + (f" ({found.unreadable} unreadable)" if found.unreadable else ""))
    for name, keys in sorted(found.mapped.items(), key=lambda kv: -sum(kv[1].values())):
        shown = ", ".join(f"{key} {count}" for key, count in keys.most_common())
        click.echo(f"  {name}: {shown}")
    if found.name_parts:
        click.echo("  name (where absent) from: " + ", ".join(sorted(found.name_parts)))
    if found.person_template:
        click.echo(f"  made from the template {found.person_template}: `new` will use it")
    if found.unmapped:
        left = ", ".join(f"{key} {count}" for key, count in found.unmapped.most_common(12))
        click.echo(f"keys left unmapped (kept as they are): {left}")
    if found.meetings:
        click.echo("meeting notes: " + ", ".join(found.meetings))
    if found.group_key:
        click.echo(f"  group: {found.group_key} {found.group_like[found.group_key]} (it sorts "
                   "contacts as a group does)")
    if found.log_headings:
        shown = ", ".join(f"{title} {count}" for title, count in found.log_headings.most_common())
        click.echo(f"history (dated lines) under: {shown}")
