"""Stage 4: from a world and its corpus settings to DocPlans, streamed."""

from worldspec.plan.planner import Assignment, DocPlan, PlannedFact, Planner
from worldspec.plan.settings import (
    CorpusSettings,
    GenreFit,
    PlanError,
    corpus_settings,
    renderer_options,
)

__all__ = [
    "Assignment",
    "CorpusSettings",
    "DocPlan",
    "GenreFit",
    "PlanError",
    "PlannedFact",
    "Planner",
    "corpus_settings",
    "renderer_options",
]
