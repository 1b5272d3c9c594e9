"""Unit and ward status: the figures, their views and charts."""
