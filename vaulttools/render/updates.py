"""An update to many people at once ("I launched my blog"): who gets it (their first
email address, in a BCC line and a `mailto:` link), who cannot (no address), and the
message to start from (drafts/update.txt.j2, overridable from the vault).

Reads the vault, writes nothing: logging the update once sent is the editor's
(`Editor.log_each`, channel `update`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import quote

from vaulttools.model import Contact
from vaulttools.read.vault import Vault
from vaulttools.render.templates import environment, render

SUBJECT = "A quick update"


@dataclass(frozen=True)
class Update:
    """Who an update goes to, and the message."""

    recipients: list[tuple[Contact, str]]  # with the address it goes to
    without_email: list[Contact]
    subject: str
    text: str

    @property
    def bcc(self) -> str:
        return ", ".join(address for _, address in self.recipients)

    @property
    def mailto(self) -> str:
        """A `mailto:` link (RFC 6068) that opens the message with everyone in BCC."""
        addresses = ",".join(quote(address, safe="@") for _, address in self.recipients)
        return (f"mailto:?bcc={addresses}&subject={quote(self.subject, safe='')}"
                f"&body={quote(self.text, safe='')}")

    def as_dict(self) -> dict[str, object]:
        return {"recipients": [{"name": c.name, "path": c.relpath, "email": address}
                               for c, address in self.recipients],
                "without_email": [{"name": c.name, "path": c.relpath}
                                  for c in self.without_email],
                "bcc": self.bcc, "mailto": self.mailto, "subject": self.subject,
                "text": self.text}


def plan_update(vault: Vault, about: str, link: str | None = None,
                names: Sequence[str] = (), group: str | None = None,
                tag: str | None = None) -> Update:
    """The update about `about` for everyone named, in `group` or with `tag` (archived
    ones left out), by name. A name that finds nobody, or an unknown group or tag, is
    an error before anything else."""
    contacts = [*vault.find_all(names)] if names else []
    if group:
        contacts += vault.select(group=group)
    if tag:
        contacts += vault.select(tag=tag)
    chosen = sorted({id(c): c for c in contacts if c.status != "archived"}.values(),
                    key=lambda c: c.sort_key)
    recipients = [(c, address) for c in chosen if (address := _first_email(c))]
    without = [c for c in chosen if not _first_email(c)]
    text = render(environment(vault.settings), "drafts/update.txt.j2",
                  about=about.strip().rstrip("."), link=link)
    paragraphs = [" ".join(p.split()) for p in text.split("\n\n")]
    return Update(recipients, without, SUBJECT,
                  "\n\n".join(p for p in paragraphs if p) + "\n")


def _first_email(contact: Contact) -> str | None:
    for email in contact.emails:
        text = str(email).strip()
        if "@" in text:
            return text
    return None
