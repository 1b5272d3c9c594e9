"""The web door: webhooks into the inbox, the evidence upload page, download links."""
