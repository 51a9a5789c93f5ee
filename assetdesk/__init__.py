"""AssetDesk core: the whole application without a screen (never imports Qt)."""

__version__ = "0.1.0"
