"""The editorial groups, made with their permissions by migration pages/0004_editors_and_publishers."""

EDITORS_GROUP = "Editors"
PUBLISHERS_GROUP = "Publishers"
