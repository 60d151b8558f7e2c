from django.urls import path

from supervision.views import arrangement, compliance, mine, session, training, wellbeing

urlpatterns = [
    path("supervision/mine/", mine.my_supervision, name="my_supervision"),
    path("homes/<int:home_id>/supervision/", compliance.compliance, name="supervision_compliance"),
    path(
        "homes/<int:home_id>/supervision/compliance.csv",
        compliance.compliance_export,
        name="supervision_compliance_csv",
    ),
    path(
        "homes/<int:home_id>/supervision/compliance.pdf",
        compliance.compliance_export_pdf,
        name="supervision_compliance_pdf",
    ),
    path("homes/<int:home_id>/supervision/policy/", compliance.policy_edit, name="supervision_policy"),
    path("homes/<int:home_id>/supervision/supervisors/", arrangement.arrangements, name="supervision_arrangements"),
    path(
        "supervision/arrangements/<int:supervisor_arrangement_id>/end/",
        arrangement.arrangement_end,
        name="supervision_arrangement_end",
    ),
    path("homes/<int:home_id>/supervision/sessions/", session.session_list, name="supervision_sessions"),
    path("homes/<int:home_id>/supervision/record/", session.session_record, name="supervision_record"),
    path("supervision/sessions/<int:session_id>/", session.session_detail, name="supervision_session_detail"),
    path("supervision/sessions/<int:session_id>/edit/", session.session_edit, name="supervision_session_edit"),
    path(
        "supervision/sessions/<int:session_id>/history/",
        session.session_history,
        name="supervision_session_history",
    ),
    path("supervision/sessions/<int:session_id>/sign/", session.session_sign, name="supervision_session_sign"),
    path("supervision/sessions/<int:session_id>/actions/", session.action_add, name="supervision_action_add"),
    path("supervision/actions/<int:action_id>/done/", session.action_done, name="supervision_action_done"),
    path("homes/<int:home_id>/training/", training.training_matrix, name="training_matrix"),
    path("homes/<int:home_id>/training/record/", training.training_add, name="training_add"),
    path("training/<int:record_id>/evidence/", training.training_evidence, name="training_evidence"),
    path("wellbeing/check-in/", wellbeing.checkin, name="wellbeing_checkin"),
]
