"""Role checks for views: who may open what."""
from functools import wraps

from flask import abort
from flask_login import current_user, login_required


def role_required(*roles: str):
    """Only signed-in users with one of ``roles`` (admins always pass); others get 403."""

    def decorator(view):
        @wraps(view)
        @login_required
        def wrapped(*args, **kwargs):
            if current_user.role not in roles and not current_user.is_admin:
                abort(403)
            return view(*args, **kwargs)

        return wrapped

    return decorator


teacher_required = role_required("teacher")
admin_required = role_required("admin")
