"""Service functions are named for what they act on (`<thing>_<action>`), so a name says which
app's record it writes: provision's register line, a plan or risk assessment's version."""

import datetime

from children.models import ProvisionSession
from children.services import provision, versioning


def test_provision_services_say_they_are_provisions(child, staff, manager):
    arrangement = provision.provision_arrangement_create(
        child=child,
        created_by=manager,
        kind="psychotherapy",
        provider="Calder Valley Therapy Service",
        start_date=child.admission_date,
        frequency="weekly",
    )
    provision.provision_arrangement_update(arrangement=arrangement, provider="Calder Therapy")
    day = child.admission_date + datetime.timedelta(days=1)
    _, created = provision.provision_session_record(
        arrangement=arrangement, recorded_by=staff, date=day, status=ProvisionSession.Status.ATTENDED
    )
    _, again = provision.provision_session_record(
        arrangement=arrangement, recorded_by=staff, date=day, status=ProvisionSession.Status.DID_NOT_ATTEND
    )
    assert (created, again) == (True, False)
    assert arrangement.sessions.get().status == ProvisionSession.Status.DID_NOT_ATTEND
    arrangement.refresh_from_db()
    assert arrangement.provider == "Calder Therapy"


def test_the_shared_versioning_steps_say_they_are_about_versions():
    public = {name for name in dir(versioning) if callable(getattr(versioning, name)) and name.islower()}
    assert {"version_draft_start", "version_draft_save", "version_save_rows", "version_sign_off"} <= public
    assert not {"draft_start", "draft_save", "save_rows", "sign_off"} & public
