"""The core: neutral messages, the form engine, one package per capability (see README, Layout)."""
