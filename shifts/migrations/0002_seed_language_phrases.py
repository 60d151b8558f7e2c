from django.db import migrations


def seed(apps, schema_editor):
    from shifts.phrases import SEED_PHRASES

    LanguagePhrase = apps.get_model("shifts", "LanguagePhrase")
    for phrase, suggestion, why in SEED_PHRASES:
        LanguagePhrase.objects.get_or_create(phrase=phrase, defaults={"suggestion": suggestion, "why": why})


class Migration(migrations.Migration):
    dependencies = [("shifts", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
