from django.apps import AppConfig

from homes.dates import install_date_bounds

# Installed when Django reads the app list, before any app's models, admin or forms are imported:
# a form field takes its validators when it is created (at its form's import), so `ready()` would
# be too late for forms imported by another app's `ready()`.
install_date_bounds()


class HomesConfig(AppConfig):
    name = "homes"
    verbose_name = "Homes and people"

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from homes import security, session_limits  # noqa: F401 - connect their signal receivers
        from homes.models import Home, Membership, ProviderSettings, User

        auditlog.register(User, exclude_fields=["password", "last_login"])
        auditlog.register(Home)
        auditlog.register(Membership)
        auditlog.register(ProviderSettings)

        # The home's hub (issue 13): its register of children is the first tab; the other apps
        # add theirs (homes.extensions.register_home_section) in their own ready().
        from homes.extensions import register_home_section

        register_home_section("Children", "home_detail", order=10)
        # Subject access and retention (issue 15): everything this app holds about a person.
        from homes import subject_access
        from homes.extensions import SubjectAccessSection, register_subject_access_section

        register_subject_access_section(
            SubjectAccessSection(
                name="homes",
                label="Roles and sign-in security",
                staff_records=subject_access.staff_records,
                order=5,
            )
        )
