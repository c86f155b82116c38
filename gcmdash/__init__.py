"""gcmdash: a dashboard for the implementation of the Global Compact for Migration (GCM)."""

__version__ = "0.1.0"
