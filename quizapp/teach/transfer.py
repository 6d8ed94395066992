"""Sets in and out of the app: upload a file (all or nothing), generate a draft from a text, download a set.

Between "some questions cannot be represented" and the teacher's yes, the upload waits in a
signed, compressed hidden field of the confirmation page: nothing is stored on the server, and the
signature (bound to the teacher and valid for an hour) stops anyone from slipping in other content.
"""
import base64

from flask import abort, current_app, flash, redirect, render_template, url_for
from flask_babel import gettext as _, ngettext
from flask_login import current_user
from itsdangerous import BadSignature, URLSafeTimedSerializer

from quizapp import authoring, generation, jobs
from quizapp.auth.access import teacher_required
from quizapp.extensions import db
from quizapp.formats import FORMATS, FormatError
from quizapp.i18n import translated
from quizapp.teach.blueprint import (bp, editable_set_or_abort, flash_form_errors, max_upload_bytes,
                                     visible_set_or_404)
from quizapp.teach.forms import ConfirmImportForm, GenerateForm, ImportForm

TOKEN_MAX_AGE = 3600
# A confirmation page carrying more than this asks for the file again instead (the hidden field
# would otherwise come back larger than a request may be).
TOKEN_MAX_CHARS = 1_000_000


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.secret_key, salt="quizapp.teach.import")


@bp.route("/import", methods=["GET", "POST"])
@teacher_required
def import_file():
    """Upload a YAML, GIFT, Aiken or CSV file as a new draft; a file with any error is refused whole."""
    form = ImportForm()
    if form.validate_on_submit():
        upload = form.file.data
        content = upload.read(max_upload_bytes() + 1)
        return _import(content, filename=upload.filename, format=form.format.data or None,
                       title=form.title.data or None, accept_skipped=form.accept_skipped.data, into=None, form=form,
                       separator=form.separator.data or None, with_history=form.with_history.data,
                       decks=form.decks.data)
    return render_template("teach/import.html", form=form, problems=None)


@bp.route("/sets/<slug>/import", methods=["POST"])
@teacher_required
def import_into(slug: str):
    """Update a set from a file: questions are matched by id, so students keep their progress."""
    question_set = editable_set_or_abort(slug)
    form = ImportForm()
    if not form.validate_on_submit():
        flash_form_errors(form)
        return redirect(url_for("teach.edit_set", slug=slug))
    upload = form.file.data
    content = upload.read(max_upload_bytes() + 1)
    return _import(content, filename=upload.filename, format=form.format.data or None, title=None,
                   accept_skipped=form.accept_skipped.data, into=question_set, form=form,
                   with_history=form.with_history.data)


@bp.route("/import/confirm", methods=["POST"])
@teacher_required
def confirm_import():
    """The teacher agreed to leave out the questions we cannot represent: import the kept upload."""
    form = ConfirmImportForm()
    if not form.validate_on_submit():
        abort(400)
    try:
        if not form.token.data:
            raise BadSignature("no token")
        kept = _serializer().loads(form.token.data, max_age=TOKEN_MAX_AGE)
    except BadSignature:
        flash(_("This confirmation expired or was altered. Upload the file again."), "error")
        return redirect(url_for("teach.import_file"))
    if kept.get("user") != current_user.id:
        abort(403)
    into = editable_set_or_abort(kept["into"]) if kept.get("into") else None
    content = base64.b64decode(kept["content"])
    return _import(content, filename=kept["filename"], format=kept["format"], title=kept["title"],
                   accept_skipped=True, into=into, form=None, separator=kept.get("separator"),
                   with_history=kept.get("history", False), decks=kept.get("decks", "tags"))


def _import(content: bytes, *, filename, format, title, accept_skipped, into, form, separator=None,
            with_history=False, decks="tags"):
    try:
        result = authoring.import_upload(content, filename=filename, owner=current_user, format=format,
                                         title=title, accept_skipped=accept_skipped,
                                         max_bytes=max_upload_bytes(), into=into, separator=separator,
                                         with_history=with_history, decks=decks)
    except FormatError as error:
        db.session.rollback()
        return render_template("teach/import.html", form=form or ImportForm(formdata=None), problems=error,
                               into=into, filename=filename), 422
    except authoring.SkippedNeedConfirmation as pending:
        db.session.rollback()
        token = _serializer().dumps({
            "user": current_user.id, "filename": filename, "title": title, "into": into.slug if into else None,
            "format": format or None, "separator": separator, "history": bool(with_history), "decks": decks, "content": base64.b64encode(content).decode("ascii"),
        })
        confirm = ConfirmImportForm(token=token if len(token) <= TOKEN_MAX_CHARS else "")
        return render_template("teach/import_confirm.html", form=confirm, skipped=pending.skipped,
                               dropped=pending.dropped,
                               data=pending.data, filename=filename, into=into,
                               too_large=len(token) > TOKEN_MAX_CHARS)
    db.session.commit()
    if len(result.outcomes) > 1:
        return _imported_decks(result)
    outcome = result.outcome
    message = _("Imported “%(title)s”: %(added)d added, %(updated)d updated, %(removed)d removed.",
                title=outcome.question_set.title, added=outcome.added, updated=outcome.updated,
                removed=outcome.removed)
    if result.skipped:
        message += " " + _("%(num)d skipped.", num=len(result.skipped))
    if result.reviews:
        message += " " + _("%(num)d past reviews added to your history.", num=result.reviews)
    flash(message, "success")
    return redirect(url_for("teach.edit_set", slug=outcome.question_set.slug))


def _imported_decks(result):
    """The file's decks became sets: name them all and show the teacher's sets."""
    titles = ", ".join(f"“{outcome.question_set.title}”" for outcome in result.outcomes)
    message = _("Imported %(num)d sets, one per deck: %(titles)s.", num=len(result.outcomes), titles=titles)
    if result.skipped:
        message += " " + _("%(num)d skipped.", num=len(result.skipped))
    if result.reviews:
        message += " " + _("%(num)d past reviews added to your history.", num=result.reviews)
    flash(message, "success")
    return redirect(url_for("teach.index"))


@bp.route("/generate", methods=["GET", "POST"])
@teacher_required
def generate():
    """Paste a text or upload a file, get a draft set; every question shows the sentence it came from.

    A large input runs as a background job and the teacher is sent to its progress page.
    """
    form = GenerateForm()
    if form.validate_on_submit():
        sources = []
        if (form.text.data or "").strip():
            sources.append(generation.Source(form.title.data, text=form.text.data))
        if form.file.data:
            raw = form.file.data.read(max_upload_bytes() + 1)
            if len(raw) > max_upload_bytes():
                form.file.errors = [_("The file is larger than %(num)d bytes.", num=max_upload_bytes())]
                return render_template("teach/generate.html", form=form), 413
            sources.append(generation.Source(form.file.data.filename or "upload.txt", data=raw))
        if not sources:
            form.text.errors = [_("Paste a text or choose a file.")]
            return render_template("teach/generate.html", form=form), 422
        if generation.in_background(sources, current_app.config["QUIZAPP_BACKGROUND_BYTES"]):
            job_id = generation.submit(sources, title=form.title.data, language=form.language.data,
                                       owner=current_user)
            return redirect(url_for("teach.generation_job", job_id=job_id))
        from quizapp.generate.readers import UnreadableFile  # here: the generator loads only when it is used

        try:
            question_set, report = generation.draft(sources, title=form.title.data, language=form.language.data,
                                                    owner=current_user)
        except UnreadableFile as error:
            db.session.rollback()
            form.file.errors = [_("%(file)s: %(reason)s", file=error.filename, reason=translated(error.reason))]
            return render_template("teach/generate.html", form=form), 422
        except authoring.NothingToAsk as error:
            db.session.rollback()
            form.text.errors = [translated(error.message)]
            return render_template("teach/generate.html", form=form), 422
        db.session.commit()
        return _generated(question_set.slug, report.get("questions", len(question_set.questions)))
    return render_template("teach/generate.html", form=form)


def _generated(slug: str, count: int):
    flash(ngettext("Draft generated with %(num)d question. Keep, edit or drop it, then publish.",
                   "Draft generated with %(num)d questions. Keep, edit or drop each one, then publish.",
                   count), "success")
    return redirect(url_for("teach.edit_set", slug=slug))


def _own_job_or_404(job_id: str) -> jobs.JobState:
    job = jobs.runner().get(job_id)
    if job is None or job.owner_id != current_user.id:
        abort(404)
    return job


@bp.route("/generate/jobs/<job_id>")
@teacher_required
def generation_job(job_id: str):
    """A background generation: its progress bar while it runs, the draft (or why there is none) once done."""
    job = _own_job_or_404(job_id)
    if job.state == "finished" and "slug" in job.result:
        return _generated(job.result["slug"], job.result["questions"])
    if job.state == "finished":
        form = GenerateForm(formdata=None)
        form.text.errors = [translated(generation.message_from(job.result["error"]))]
        return render_template("teach/generate.html", form=form), 422
    return render_template("teach/generation_job.html", job=job)


@bp.route("/generate/jobs/<job_id>/status")
@teacher_required
def generation_job_status(job_id: str):
    """The job's state and progress as JSON, for the progress page's script."""
    job = _own_job_or_404(job_id)
    return {"state": job.state, "percent": job.percent,
            "url": url_for("teach.generation_job", job_id=job_id)}


@bp.route("/sets/<slug>/export/<format>")
@teacher_required
def export(slug: str, format: str):
    """Download a set the teacher can see, in any format the app writes (YAML, GIFT, Aiken, CSV, Anki)."""
    question_set = visible_set_or_404(slug)
    if format not in FORMATS or FORMATS[format].write is None:
        abort(404)
    exported = authoring.export_file(question_set, format)
    response = current_app.response_class(exported.content, content_type=exported.mimetype)
    response.headers["Content-Disposition"] = f'attachment; filename="{exported.filename}"'
    if exported.skipped:
        # Scripts learn what was left out; the set page lists the same before the download.
        response.headers["X-Quizapp-Skipped"] = str(len(exported.skipped))
    if exported.dropped:
        response.headers["X-Quizapp-Dropped"] = str(len(exported.dropped))
    return response
