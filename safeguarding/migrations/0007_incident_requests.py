"""Incidents another app asks for (a medication error), and the category they are recorded under."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def seed(apps, schema_editor):
    Category = apps.get_model("safeguarding", "IncidentCategory")
    Category.objects.get_or_create(name="Medication error", defaults={"order": 75})


class Migration(migrations.Migration):

    dependencies = [
        ('children', '0008_child_date_of_death'),
        ('safeguarding', '0006_seed_incident_categories'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='IncidentRequest',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('occurred_at', models.DateTimeField()),
                ('kind', models.CharField(max_length=150)),
                ('summary', models.TextField()),
                ('requested_at', models.DateTimeField(auto_now_add=True)),
                ('source', models.CharField(max_length=60)),
                ('source_id', models.PositiveBigIntegerField()),
                ('child', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='incident_requests', to='children.child')),
                ('incident', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='requests', to='safeguarding.incident')),
                ('requested_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'ordering': ['-occurred_at', '-pk'],
                'constraints': [models.UniqueConstraint(fields=('source', 'source_id'), name='incident_request_once_per_source')],
            },
        ),
        migrations.RunPython(seed, migrations.RunPython.noop),
    ]
