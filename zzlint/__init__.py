"""zzlint: a proofreading linter for Chinese publications."""

__version__ = "0.1.0"
