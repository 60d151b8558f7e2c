from django import forms
from django.core.exceptions import ValidationError

from children.forms.child import DateInput
from homes.form_errors import ClearErrorsMixin
from records.models import Document
from records.services.documents import document_check_file, size_limit_text

ACCEPT = ".pdf,.jpg,.jpeg,.png,.gif,.webp,.docx,.xlsx,.odt,.ods,application/pdf,image/*"


class DocumentForm(ClearErrorsMixin, forms.ModelForm):
    """Add a document, or something for the memory box. The file is checked here (for a clear
    message beside the field) and again by the service."""

    file = forms.FileField(
        label="File",
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT}),
        error_messages={"required": "Choose the file to add (a PDF, a photo, or an office document)"},
    )

    class Meta:
        model = Document
        fields = ["file", "kind", "title", "dated", "description", "in_memory_box", "with_child", "sensitive"]
        widgets = {
            "dated": DateInput(),
            "description": forms.Textarea(attrs={"rows": 3}),
        }
        error_messages = {
            "kind": {"required": "Choose what kind of document it is"},
            "title": {"required": "Enter a title, a few words that say what it is"},
            "dated": {"required": "Enter the date it was written, taken or awarded"},
        }

    def __init__(self, *args, may_mark_sensitive: bool, memory_box: bool = False, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = (
            f"A PDF, a photo or picture (JPEG, PNG, GIF, WebP) or a Word, Excel or OpenDocument file, "
            f"up to {size_limit_text()}."
        )
        kinds = dict(Document.Kind.choices)
        if memory_box:
            # The child's part first: what goes in a memory box.
            first = [(value, kinds[value]) for value in Document.MEMORY_BOX_KINDS]
            rest = [(value, label) for value, label in Document.Kind.choices if value not in Document.MEMORY_BOX_KINDS]
            self.fields["kind"].choices = [("", "Choose the kind"), *first, *rest]
        if not may_mark_sensitive:
            # Someone who may not read sensitive documents cannot make one (it would vanish from them).
            del self.fields["sensitive"]

    def clean_file(self):
        upload = self.cleaned_data["file"]
        try:
            document_check_file(upload=upload, name=upload.name or "", size=upload.size or 0)
        except ValidationError as error:
            raise ValidationError(error.message_dict["file"]) from None
        return upload


class ArchiveDocumentForm(ClearErrorsMixin, forms.Form):
    reason = forms.CharField(
        label="Why is it being taken off the record?",
        max_length=280,
        error_messages={"required": "Say why the document is being taken off the record"},
    )
