"""Logs an operator can search: one JSON object a line on stdout, one line for each request."""

import logging
import time

from django.dispatch import receiver
from pythonjsonlogger.core import RESERVED_ATTRS
from pythonjsonlogger.json import JsonFormatter as BaseJsonFormatter

request_log = logging.getLogger("emsou.request")
security_log = logging.getLogger("emsou.security")


class JsonFormatter(BaseJsonFormatter):
    """time, level, logger, message and the record's own fields; a traceback is one escaped string."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("rename_fields", {"asctime": "time", "levelname": "level", "name": "logger"})
        # Django attaches the request (and the socket) to some records: not data, and not for logs.
        kwargs.setdefault("reserved_attrs", [*RESERVED_ATTRS, "request", "server_time", "socket"])
        super().__init__("{asctime}{levelname}{name}{message}", *args, style="{", **kwargs)


class OneLineWarning(logging.Filter):
    """For failures that are expected and not ours to fix (a bad Host header, a cache outage ridden out):
    one WARNING line, not an error with a traceback."""

    def filter(self, record):
        record.exc_info = record.exc_text = None
        if record.levelno > logging.WARNING:
            record.levelno, record.levelname = logging.WARNING, "WARNING"
        return True


class Throttled(logging.Filter):
    """At most one line every `seconds` from this logger in this process, saying how many it held back: an outage
    is reported without one line for every cache call of every request."""

    def __init__(self, seconds=10):
        super().__init__()
        self.seconds, self.last, self.held_back = seconds, -float("inf"), 0

    def filter(self, record):
        now = time.monotonic()
        if now - self.last < self.seconds:
            self.held_back += 1
            return False
        record.held_back, self.last, self.held_back = self.held_back, now, 0
        return True


class RequestLogMiddleware:
    """Logs each request once: method, path (never the query string, which can hold what visitors typed),
    status, time taken and whether the page cache answered. Server errors are logged at ERROR."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        start = time.perf_counter()
        response = self.get_response(request)
        fields = {
            "event": "request",
            "method": request.method,
            "path": request.path,
            "status": response.status_code,
            "duration_ms": round((time.perf_counter() - start) * 1000, 2),
            "page_cache": getattr(request, "page_cache", None),
        }
        level = logging.ERROR if response.status_code >= 500 else logging.INFO
        request_log.log(level, "%s %s %s", request.method, request.path, response.status_code, extra=fields)
        return response


def log_lockout(sender, request, username, ip_address, **kwargs):
    security_log.warning(
        "Sign-in locked out after repeated failures",
        extra={"event": "lockout", "username": username, "ip": ip_address},
    )


def connect_lockout_log():
    from axes.signals import user_locked_out

    receiver(user_locked_out, dispatch_uid="emsou-lockout-log")(log_lockout)
