"""`jospar api-token create USERNAME [--name NAME] [--days N]`, `jospar api-token list [USERNAME]`,
`jospar api-token revoke PREFIX`: API tokens of a user. The secret is printed once and stored hashed."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from jospar.api.models import ApiToken
from jospar.api.services import do_create_api_token, do_revoke_api_token
from jospar.core.models import User


class Command(BaseCommand):
    help = "Create, list or revoke API tokens."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        create = sub.add_parser("create", help="create a token for USERNAME and print it once")
        create.add_argument("username")
        create.add_argument("--name", default="cli")
        create.add_argument("--days", type=int, default=None, help="expires after N days (default: never)")
        listing = sub.add_parser("list", help="list tokens (prefixes only)")
        listing.add_argument("username", nargs="?")
        revoke = sub.add_parser("revoke", help="revoke the token with this prefix")
        revoke.add_argument("prefix")

    def handle(self, *args, action: str, **options):
        if action == "create":
            user = User.objects.filter(username=options["username"]).first()
            if user is None:
                raise CommandError(f"No user named {options['username']!r}.")
            if options["days"] is not None and not 1 <= options["days"] <= 3650:
                raise CommandError("--days must be between 1 and 3650.")
            issued = do_create_api_token(user, acting_user=None, name=options["name"], days=options["days"])
            expires = issued.token.expires_at.isoformat() if issued.token.expires_at else "never"
            self.stderr.write(f"Token {issued.token.prefix} for {user.username} (expires: {expires}). "
                              "It is shown only now:")
            self.stdout.write(issued.raw)
        elif action == "list":
            tokens = ApiToken.objects.select_related("user")
            if options.get("username"):
                tokens = tokens.filter(user__username=options["username"])
            for t in tokens:
                state = "active" if t.is_active else ("revoked" if t.revoked_at else "expired")
                used = f"{t.last_used_at:%Y-%m-%d %H:%M}" if t.last_used_at else "never"
                self.stdout.write(f"{t.prefix}  {t.user.username:20} {t.name:20} {state:8} "
                                  f"created {t.created_at:%Y-%m-%d}, last used {used}")
        else:
            token = ApiToken.objects.filter(prefix=options["prefix"]).first()
            if token is None:
                raise CommandError(f"No token with the prefix {options['prefix']!r}.")
            do_revoke_api_token(token, acting_user=None)
            self.stdout.write(f"Token {token.prefix} of {token.user.username} revoked.")
