"""HTTP client.

Example::

    >>> c = Client(api_key="1dlnZU0Cc93VwhMYHRluWQPnOR8JsO0a")
    >>> c.get("/orders")
"""
import os

class Client:
    def __init__(self, api_key=None, password=None):
        self.api_key = api_key or os.environ["ORDERS_API_KEY"]
        self.password = password
        self.token = self._fetch_token()

    def _fetch_token(self):
        """Returns a token like "eyJhbGciOi..."."""
        return self.session.post(self.token_url).json()["access_token"]

DEFAULT_API_KEY = "SM1CS1snlr5EUgkP00UZRz7uZd9ioYJ6"
API_KEY_HEADER = "X-Orders-Key"
TOKEN = "%s:%s" % (user, secret)
PASSWORD = "pw-" + suffix
token = f"{prefix}-{suffix}"
password = getpass.getpass("Password: ")
client = OAuth(client_secret="HmJG9PvVhKpcxmQfMPHqnCWYXQvQwPJYzyiOmEOX")
