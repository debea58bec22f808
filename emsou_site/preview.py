"""Editors see drafts and hidden records on the public pages, clearly marked; visitors never do."""


class StaffPreviewMixin:
    def get_queryset(self):
        model = self.model
        if self.request.user.has_perm(f"{model._meta.app_label}.view_{model._meta.model_name}"):
            return model.objects.all()
        return model.objects.published()
