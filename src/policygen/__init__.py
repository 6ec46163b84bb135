"""policygen: Japanese local governments' information security basic policies, generated and compared."""

__version__ = "0.1.0"
