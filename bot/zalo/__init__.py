"""The Zalo Bot Platform channel: a thin API client, updates in, plain-text replies out."""
