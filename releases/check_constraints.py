"""A model's constraints validated as Django does (Model.validate_constraints), but its
CheckConstraints asked of the database in one statement.

Django asks one CheckConstraint at a time, each in a savepoint (three statements): a release,
with five, cost fifteen statements to validate, twice when the workflow validates it again
before saving. Here they are one SELECT of one boolean each, in one savepoint; the unique
constraints are validated by Django's own code, and the errors are the same.
"""

import logging
from contextlib import nullcontext

from django.core.exceptions import FieldError, ValidationError
from django.db import DatabaseError, connections, models, router, transaction
from django.db.models import BooleanField, Q, Value
from django.db.models.functions import Coalesce
from django.db.models.sql import Query
from django.db.models.sql.constants import SINGLE

logger = logging.getLogger(__name__)


def validate_constraints(instance: models.Model, exclude=None) -> None:
    """Raise the ValidationError Model.validate_constraints() would."""
    using = router.db_for_write(type(instance), instance=instance)
    errors, checks = {}, []
    for model_class, constraints in instance.get_constraints():
        for constraint in constraints:
            if isinstance(constraint, models.CheckConstraint):
                checks.append((model_class, constraint))
                continue
            try:
                constraint.validate(model_class, instance, exclude=exclude, using=using)
            except ValidationError as error:
                if getattr(error, "code", None) == "unique" and len(constraint.fields) == 1:
                    errors.setdefault(constraint.fields[0], []).append(error)
                else:
                    errors = error.update_error_dict(errors)
    for constraint in failed_checks(instance, checks, exclude, using):
        error = ValidationError(
            constraint.get_violation_error_message(), code=constraint.violation_error_code
        )
        errors = error.update_error_dict(errors)
    if errors:
        raise ValidationError(errors)


def failed_checks(instance, checks, exclude, using) -> list[models.CheckConstraint]:
    """The CheckConstraints the instance's values break, asked in one statement. As Django's
    CheckConstraint.validate(): one naming an excluded field is skipped, and a database error
    passes them all (the database itself still refuses the row)."""
    if not checks:
        return []
    connection = connections[using]
    if not connection.features.supports_comparing_boolean_expr:  # not SQLite nor PostgreSQL
        return [c for model, c in checks if not passes_alone(c, model, instance, exclude, using)]
    query = Query(None)
    against = instance._get_field_expression_map(meta=type(instance)._meta, exclude=exclude)
    for name, value in against.items():
        query.add_annotation(
            value if hasattr(value, "resolve_expression") else Value(value), name, select=False
        )
    asked = []
    for _model, constraint in checks:
        try:  # named by position: a constraint's name need not be a valid alias
            holds = Coalesce(Q(constraint.condition), True, output_field=BooleanField())
            query.add_annotation(holds, f"check_{len(asked)}")
        except FieldError:  # it names a field excluded from the validation
            continue
        asked.append(constraint)
    if not asked:
        return []
    try:
        with transaction.atomic(using=using) if connection.in_atomic_block else nullcontext():
            row = query.get_compiler(using=using).execute_sql(SINGLE)
    except DatabaseError as error:
        logger.warning("Got a database error checking %s's constraints: %s", type(instance).__name__, error)
        return []
    return [constraint for constraint, holds in zip(asked, row, strict=True) if not holds]


def passes_alone(constraint, model, instance, exclude, using) -> bool:
    try:
        constraint.validate(model, instance, exclude=exclude, using=using)
    except ValidationError:
        return False
    return True
