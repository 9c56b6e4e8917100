"""Rate limit of the sign-in page: guessing passwords is slowed down per address and per user name."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpResponse
from django.urls import Resolver404, resolve
from django.utils.translation import gettext as _
from django_ratelimit.core import is_ratelimited


def client_address(group, request) -> str:
    """The client's address (REMOTE_ADDR; behind a proxy, set it from X-Forwarded-For in the proxy)."""
    return request.META.get("REMOTE_ADDR") or "unknown"


def _username(group, request) -> str:
    return (request.POST.get("username") or "").strip().lower()[:150]


class LoginRateLimitMiddleware:
    """POSTs to the `login` view: at most JOSPAR_LOGIN_RATE per client address and per user name."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method == "POST" and self._is_login(request.path_info):
            rate = getattr(settings, "JOSPAR_LOGIN_RATE", "10/m")
            by_ip = is_ratelimited(request, group="jospar.login.ip", key=client_address, rate=rate, method=["POST"],
                                   increment=True)
            by_user = is_ratelimited(request, group="jospar.login.user", key=_username, rate=rate, method=["POST"],
                                     increment=True)
            if by_ip or by_user:
                return HttpResponse(_("Too many attempts: wait a minute and try again."), status=429,
                                    content_type="text/plain; charset=utf-8")
        return self.get_response(request)

    @staticmethod
    def _is_login(path: str) -> bool:
        try:
            return resolve(path).url_name == "login"
        except Resolver404:
            return False
