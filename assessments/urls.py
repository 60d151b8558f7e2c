from django.urls import path

from assessments.views import assessment, history, policy
from children.views.child import child_section

urlpatterns = [
    # The brain-map tab of the child's record: this app's panel on a page of the child's record.
    path("children/<int:child_id>/brain-map/", child_section, {"section": "brain-map"}, name="child_brain_map"),
    path("children/<int:child_id>/assessments/", assessment.assessment_list, name="assessment_list"),
    path("children/<int:child_id>/assessments/new/", assessment.assessment_new, name="assessment_new"),
    path("children/<int:child_id>/assessments/compare/", assessment.assessment_compare, name="assessment_compare"),
    path("assessments/<int:assessment_id>/", assessment.assessment_detail, name="assessment_detail"),
    path("assessments/<int:assessment_id>/entry/", assessment.assessment_entry, name="assessment_entry"),
    path("assessments/<int:assessment_id>/check/", assessment.assessment_check, name="assessment_check"),
    path("assessments/<int:assessment_id>/autosave/", assessment.assessment_autosave, name="assessment_autosave"),
    path("assessments/<int:assessment_id>/correct/", assessment.assessment_correct, name="assessment_correct"),
    path("children/<int:child_id>/developmental-history/", history.history_detail, name="history_detail"),
    path("children/<int:child_id>/developmental-history/edit/", history.history_edit, name="history_edit"),
    path(
        "children/<int:child_id>/adverse-experiences/add/",
        history.adverse_experience_add,
        name="adverse_experience_add",
    ),
    path(
        "adverse-experiences/<int:experience_id>/withdraw/",
        history.adverse_experience_withdraw,
        name="adverse_experience_withdraw",
    ),
    path("homes/<int:home_id>/assessment-interval/", policy.policy_edit, name="assessment_policy_edit"),
]
