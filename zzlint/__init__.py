"""zzlint: a proofreading linter for Chinese publications."""

__version__ = "0.1.0"
#: What ``zzlint --version`` prints.
VERSION_LINE = f"zzlint {__version__}"
