"""Views the site needs whatever its content: the health check and the page for a failed CSRF check."""

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.crypto import get_random_string
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe


@never_cache
@require_safe
def healthz(request):
    """For the load balancer: 200 when the database and the cache both answer, 503 when either does not."""
    checks = {"database": _database_answers(), "cache": _cache_answers()}
    return JsonResponse(
        {name: "ok" if ok else "unavailable" for name, ok in checks.items()},
        status=200 if all(checks.values()) else 503,
    )


def _database_answers():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except DatabaseError:
        return False


def _cache_answers():
    key, value = f"healthz:{get_random_string(12)}", get_random_string(12)
    try:
        cache.set(key, value, timeout=10)
        answered = cache.get(key) == value
        cache.delete(key)
    except Exception:
        return False
    return answered


def csrf_failure(request, reason=""):
    """Our own page for a form that failed its CSRF check: branded, plain words, nothing inline."""
    return render(request, "403_csrf.html", status=403)


def lockout(request, original_response=None, credentials=None):
    """django-axes' answer once sign-in is paused: the same page whichever username was tried."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return render(request, "lockout.html", {"minutes": minutes}, status=429)
