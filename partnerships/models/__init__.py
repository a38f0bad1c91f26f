"""The domain model, one module per concept."""

from .case_study import (
    NARRATIVE_SECTIONS,
    CaseStudy,
    CaseStudyStage,
    KeyFigure,
    ParticipantRole,
    Participation,
)
from .collection import Collection, CollectionItem, CollectionKind
from .contribution import Contribution, ContributionKind, ContributionStatus
from .partner import Partner
from .publication import PublicationStatus
from .resource import Resource, ResourceLanguage
from .search import SearchTerm
from .taxonomy import ActorType, CoConstructionForm, PartnershipType, ResourceFormat, Theme
from .territory import Territory, TerritoryLevel, TerritoryLink
from .workflow import Transition

__all__ = [
    "NARRATIVE_SECTIONS",
    "ActorType",
    "CaseStudy",
    "CaseStudyStage",
    "CoConstructionForm",
    "Collection",
    "CollectionItem",
    "CollectionKind",
    "Contribution",
    "ContributionKind",
    "ContributionStatus",
    "KeyFigure",
    "ParticipantRole",
    "Participation",
    "Partner",
    "PartnershipType",
    "PublicationStatus",
    "Resource",
    "SearchTerm",
    "ResourceFormat",
    "ResourceLanguage",
    "Territory",
    "TerritoryLevel",
    "TerritoryLink",
    "Theme",
    "Transition",
]
