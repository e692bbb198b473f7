"""The words of the due list: which statuses `due` shows, and how reports count them.

Apart from the scheduling itself, so that the command line can name them (its
option choices) without importing the scheduler.
"""

from __future__ import annotations

# `due` shows DEFAULT_STATUSES unless --all.
DEFAULT_STATUSES = frozenset({"reminder", "congratulate", "thank", "follow-up", "promise",
                              "overdue", "due", "never", "retry", "upcoming", "birthday",
                              "reconnect", "unsorted", "event"})
ALL_STATUSES = DEFAULT_STATUSES | {"give-space", "snoozed"}
# Every status a contact's standing can have, in the order reports list them
# (archived contacts are not counted at all).
TALLY_STATUSES = ("overdue", "due", "never", "retry", "upcoming", "ok", "reconnect",
                  "give-space", "snoozed", "paused", "unsorted")
TALLY_WORDS = {"overdue": "overdue", "due": "due", "never": "never contacted",
               "retry": "to try once more", "upcoming": "upcoming", "ok": "on schedule",
               "reconnect": "dormant",
               "give-space": "giving space", "snoozed": "snoozed", "paused": "paused",
               "unsorted": "to sort"}
