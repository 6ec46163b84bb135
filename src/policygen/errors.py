"""The one exception type that the command line turns into a one-line message and exit status 2."""


class PolicygenError(Exception):
    """A problem with the user's input: the message says what is wrong and where, on one line."""
