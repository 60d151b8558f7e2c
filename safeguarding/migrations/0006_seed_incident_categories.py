"""The incident categories and approved techniques every provider starts with; providers add
their own (or retire these) in Set-up."""

from django.db import migrations

CATEGORIES = [
    ("Physical intervention", "physical_intervention", 10),
    ("Self-harm", "", 20),
    ("Harm to others", "", 30),
    ("Damage to property", "", 40),
    ("Allegation against a member of staff", "allegation", 50),
    ("Police called", "", 60),
    ("Accident or injury", "", 70),
    ("Bullying", "", 80),
    ("Exploitation concern", "", 90),
    ("Other", "", 200),
]

# Generic names: a provider replaces them with the techniques of the scheme its staff are trained in.
TECHNIQUES = [
    ("Guide or escort (one adult)", "Open-handed guiding away from harm, the lightest touch that keeps everyone safe."),
    ("Two-person escort", "Two adults walking the child to a safer space."),
    ("Seated hold (two adults)", "A seated hold by two trained adults, the child's breathing never restricted."),
    ("Other approved technique", "Describe it in 'why a hold was needed'."),
]


def seed(apps, schema_editor):
    Category = apps.get_model("safeguarding", "IncidentCategory")
    for name, rule, order in CATEGORIES:
        Category.objects.get_or_create(name=name, defaults={"rule": rule, "order": order})
    Technique = apps.get_model("safeguarding", "ApprovedTechnique")
    for name, description in TECHNIQUES:
        Technique.objects.get_or_create(name=name, defaults={"description": description})


class Migration(migrations.Migration):
    dependencies = [("safeguarding", "0005_incidents")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
