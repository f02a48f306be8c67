"""A job states its insurance in structured fields (kind, insurer, cover, or what "other" is)
beside the old free-text field; 0012 reads the old text into them, 0013 drops it."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("jobs", "0010_employer_credit_code_message"),
    ]

    operations = [
        migrations.AddField(
            model_name="job",
            name="insurance_cover",
            field=models.CharField(
                blank=True,
                help_text="For example: 500,000 yuan for death or disability, 50,000 for medical costs.",
                max_length=100,
                verbose_name="cover",
            ),
        ),
        migrations.AddField(
            model_name="job",
            name="insurance_kind",
            field=models.CharField(
                choices=[
                    ("none", "No insurance"),
                    ("employer_accident", "Employer buys accident insurance"),
                    ("platform_injury", "Occupational-injury protection (platform work)"),
                    ("other", "Other"),
                ],
                default="none",
                help_text="Accident cover for the people doing the work.",
                max_length=20,
                verbose_name="insurance",
            ),
        ),
        migrations.AddField(
            model_name="job",
            name="insurance_note",
            field=models.CharField(
                blank=True,
                help_text="Say what it is when the insurance is “other”.",
                max_length=60,
                verbose_name="other insurance",
            ),
        ),
        migrations.AddField(
            model_name="job",
            name="insurer",
            field=models.CharField(blank=True, max_length=60, verbose_name="insurer"),
        ),
    ]
