"""Every event of the catalogue has its Qt signal on the bridge (a new event without one would be lost)."""
from assetdesk.events import EVENT_NAMES, AssetsChanged, EventBus
from ui.bridge import EventBridge


def test_every_event_has_a_signal():
    assert [name for name in EVENT_NAMES if not hasattr(EventBridge, name)] == []


def test_assets_changed_is_relayed(qtbot):
    bus = EventBus()
    bridge = EventBridge(bus)
    with qtbot.waitSignal(bridge.assets_changed, timeout=2000):
        bus.deliver(AssetsChanged())
