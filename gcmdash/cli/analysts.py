"""The command managing who may publish: local analyst accounts and their passwords."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from gcmdash.cli.reporting import EXIT_INVALID, EXIT_UNREADABLE, EXIT_VALID


def cmd_add_analyst(args: argparse.Namespace) -> int:
    """Add a local analyst account, or set its password; prints neither the password nor its hash."""
    import getpass

    from gcmdash.store import auth

    path = Path(args.secrets) if args.secrets else auth.secrets_path()
    try:
        email = auth.check_email(args.email)
        if args.password_stdin:
            password = sys.stdin.readline().removesuffix("\n").removesuffix("\r")
        else:
            password = getpass.getpass(f"Password for {email}: ")
            auth.check_strength(password)
            if getpass.getpass("The same password again: ") != password:
                raise ValueError("The two passwords differ; nothing was changed.")
        added = auth.add_analyst(path, email, password)
    except auth.SecretsFileError as exc:
        print(exc, file=sys.stderr)
        return EXIT_UNREADABLE
    except (ValueError, EOFError) as exc:
        print(str(exc) or "No password given; nothing was changed.", file=sys.stderr)
        return EXIT_INVALID
    print(f"{'Added analyst' if added else 'Changed the password of analyst'} {email} in {path}.")
    if auth.mode(auth.load_secrets(path)) is auth.Mode.OIDC:
        print(
            "Note: single sign-on ([auth]) is configured, so the app uses it instead of local accounts; "
            "list analysts' e-mails in [gcmdash] analysts."
        )
    return EXIT_VALID
