"""The serious events regulation 40 of the Children's Homes (England) Regulations 2015 asks a
home to notify, with whom each is told beyond Ofsted. Providers may correct or extend them in the
admin (the rule's wording is theirs to check against the current regulation)."""

from django.db import migrations

CATEGORIES = [
    # code, name, regulation, about a child, allegation, recipients beyond Ofsted
    (
        "death",
        "The death of a child",
        "Regulation 40(1)",
        True,
        False,
        "placing_authority,social_worker,secretary_of_state,home_authority,icb",
    ),
    (
        "barring-referral",
        "A referral of someone working at the home to the Disclosure and Barring Service",
        "Regulation 40(3)",
        False,
        False,
        "placing_authority",
    ),
    (
        "sexual-exploitation",
        "A child involved in, or suspected of being involved in, sexual exploitation",
        "Regulation 40(4)(a)",
        True,
        False,
        "placing_authority,social_worker,home_authority",
    ),
    (
        "police-serious",
        "A serious incident involving the police",
        "Regulation 40(4)(b)",
        True,
        False,
        "placing_authority,social_worker",
    ),
    (
        "allegation",
        "An allegation of abuse against the home or someone working there",
        "Regulation 40(4)(c)",
        False,
        True,
        "placing_authority,home_authority",
    ),
    (
        "child-protection-enquiry",
        "A child protection enquiry involving a child (begun, or its outcome)",
        "Regulation 40(4)(d)",
        True,
        False,
        "placing_authority,social_worker",
    ),
    (
        "serious-illness-or-accident",
        "A serious illness or serious accident of a child",
        "Regulation 40(4)",
        True,
        False,
        "placing_authority,social_worker",
    ),
]


def seed(apps, schema_editor):
    NotificationCategory = apps.get_model("safeguarding", "NotificationCategory")
    for order, (code, name, regulation, about_a_child, allegation, recipients) in enumerate(CATEGORIES, start=1):
        NotificationCategory.objects.update_or_create(
            code=code,
            defaults={
                "name": name,
                "regulation": regulation,
                "about_a_child": about_a_child,
                "is_allegation": allegation,
                "recipients": recipients,
                "order": order * 10,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("safeguarding", "0003_prohibited_measures")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
