from django.urls import path

from shifts.views import daily_log, handover, home, language, shift_pattern

urlpatterns = [
    path("homes/<int:home_id>/shifts/", home.shifts_home, name="shifts_home"),
    path("homes/<int:home_id>/shift-pattern/", shift_pattern.shift_pattern, name="shift_pattern"),
    path(
        "homes/<int:home_id>/shift-pattern/usual/",
        shift_pattern.shift_pattern_start_usual,
        name="shift_pattern_start_usual",
    ),
    path("shift-pattern/<int:shift_id>/edit/", shift_pattern.shift_pattern_edit, name="shift_pattern_edit"),
    path("children/<int:child_id>/daily-log/", daily_log.daily_log_list, name="daily_log_list"),
    path("children/<int:child_id>/daily-log/new/", daily_log.daily_log_add, name="daily_log_add"),
    path("daily-log/<int:daily_log_id>/", daily_log.daily_log_detail, name="daily_log_detail"),
    path("daily-log/<int:daily_log_id>/edit/", daily_log.daily_log_edit, name="daily_log_edit"),
    path("homes/<int:home_id>/handovers/", handover.handover_list, name="handover_list"),
    path("handovers/<int:handover_id>/", handover.handover_detail, name="handover_detail"),
    path("handovers/<int:handover_id>/read/", handover.handover_mark_read, name="handover_mark_read"),
    path("homes/<int:home_id>/flags/new/", handover.handover_flag_add, name="handover_flag_add"),
    path("flags/<int:flag_id>/", handover.handover_flag_resolve, name="handover_flag_resolve"),
    path("language/", language.language_guide, name="language_guide"),
    path("language/phrases.json", language.language_phrases, name="language_phrases"),
]
