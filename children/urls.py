from django.urls import path

from children.views import before_shift
from children.views import care_plan as plans
from children.views import child as views
from children.views import risk_assessment as risks

urlpatterns = [
    path("homes/<int:home_id>/admit/", views.child_admit, name="child_admit"),
    path("homes/<int:home_id>/before-shift/", before_shift.before_shift, name="before_shift"),
    path("children/<int:child_id>/", views.child_detail, name="child_detail"),
    path("children/<int:child_id>/edit/", views.child_edit, name="child_edit"),
    path("children/<int:child_id>/discharge/", views.child_discharge, name="child_discharge"),
    path("children/<int:child_id>/history/", views.child_history, name="child_history"),
    # Care plans ("my plan") and risk assessments: versions, drafts, sign-off.
    path("children/<int:child_id>/plans/", plans.care_plan_list, name="care_plan_list"),
    path("children/<int:child_id>/plans/start/", plans.care_plan_start, name="care_plan_start"),
    path("plans/<int:plan_id>/", plans.care_plan_detail, name="care_plan_detail"),
    path("plans/<int:plan_id>/edit/", plans.care_plan_edit, name="care_plan_edit"),
    path("plans/<int:plan_id>/sign-off/", plans.care_plan_sign_off, name="care_plan_sign_off"),
    path("plans/<int:plan_id>/history/", plans.care_plan_history, name="care_plan_history"),
    path("children/<int:child_id>/risk-assessments/", risks.risk_assessment_list, name="risk_assessment_list"),
    path("children/<int:child_id>/risk-assessments/start/", risks.risk_assessment_start, name="risk_assessment_start"),
    path("risk-assessments/<int:risk_assessment_id>/", risks.risk_assessment_detail, name="risk_assessment_detail"),
    path("risk-assessments/<int:risk_assessment_id>/edit/", risks.risk_assessment_edit, name="risk_assessment_edit"),
    path(
        "risk-assessments/<int:risk_assessment_id>/sign-off/",
        risks.risk_assessment_sign_off,
        name="risk_assessment_sign_off",
    ),
    path(
        "risk-assessments/<int:risk_assessment_id>/history/",
        risks.risk_assessment_history,
        name="risk_assessment_history",
    ),
]
