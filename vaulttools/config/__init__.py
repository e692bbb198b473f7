"""A vault's settings: `.vaulttools.toml` read into one typed, validated Settings.

settings.py holds the Settings and their defaults; load.py reads and checks the
file and finds the vault; dailyformat.py reads daily-note name formats.
"""

from vaulttools.config.load import (
    KNOWN_KEYS,
    find_vault,
    index_apart,
    load_settings,
    parse_settings,
)
from vaulttools.config.settings import (
    CONFIG_NAME,
    DEFAULT_GROUP_CADENCES,
    DEFAULT_GROUP_WEIGHTS,
    DEFAULT_LOG_HEADINGS,
    GroupRule,
    GroupSettings,
    Settings,
    heading_key,
)

__all__ = [
    "CONFIG_NAME", "DEFAULT_GROUP_CADENCES", "DEFAULT_GROUP_WEIGHTS", "DEFAULT_LOG_HEADINGS",
    "KNOWN_KEYS", "GroupRule", "GroupSettings", "Settings", "find_vault", "heading_key",
    "index_apart", "load_settings", "parse_settings",
]
