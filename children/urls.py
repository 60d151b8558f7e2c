from django.urls import path

from children.views import before_shift, chronology, daily_care, key_working, provision
from children.views import care_plan as plans
from children.views import child as views
from children.views import risk_assessment as risks

urlpatterns = [
    path("homes/<int:home_id>/admit/", views.child_admit, name="child_admit"),
    path("homes/<int:home_id>/before-shift/", before_shift.before_shift, name="before_shift"),
    path("children/<int:child_id>/", views.child_detail, name="child_detail"),
    path("children/<int:child_id>/details/", views.child_details, name="child_details"),
    path("children/<int:child_id>/plan/", plans.child_plan, name="child_plan"),
    path("children/<int:child_id>/risk/", risks.child_risk, name="child_risk"),
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
    path("children/<int:child_id>/chronology/", chronology.child_chronology, name="child_chronology"),
    # Key working
    path("children/<int:child_id>/key-working/", key_working.key_working_list, name="key_working_list"),
    path("children/<int:child_id>/key-working/new/", key_working.key_working_add, name="key_working_add"),
    path("key-working/<int:key_working_id>/", key_working.key_working_detail, name="key_working_detail"),
    path("key-working/<int:key_working_id>/edit/", key_working.key_working_edit, name="key_working_edit"),
    path("key-working/<int:key_working_id>/amend/", key_working.key_working_amend, name="key_working_amend"),
    # Daily care and enrichment
    path("children/<int:child_id>/activities/", daily_care.activity_log, name="activity_log"),
    path("activities/<int:activity_id>/archive/", daily_care.activity_archive, name="activity_archive"),
    # Education and therapy provision
    path("children/<int:child_id>/provision/", provision.provision_overview, name="provision_overview"),
    path(
        "children/<int:child_id>/provision/new/", provision.provision_arrangement_add, name="provision_arrangement_add"
    ),
    path("provision/<int:arrangement_id>/", provision.provision_arrangement, name="provision_arrangement"),
    path(
        "provision/<int:arrangement_id>/edit/", provision.provision_arrangement_edit, name="provision_arrangement_edit"
    ),
]
