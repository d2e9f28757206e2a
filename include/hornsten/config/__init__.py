"""The process configuration: one YAML file per dialogue process (processes/<name>.yml).

Import what you need from here (``from hornsten.config import ProcessConfig, load_process``);
the modules hold one part each: ``survey``, ``phases``, ``dialogue``, ``remiss``,
``dialogue_plan``, ``priorities`` (the residents' ranking round),
``site``, ``goals``, ``reports``, ``retention``, ``process`` (the whole,
and the cornerstone rule) and
``loader`` (finding, reading and validating the files).
"""

from hornsten.config.base import CODE_PATTERN, EMAIL_PATTERN
from hornsten.config.dialogue import Dialogue, Forum, TargetGroup
from hornsten.config.dialogue_plan import INFLUENCE_LEVELS, DialoguePlan, FeedbackPromise, PoliticalDecision
from hornsten.config.goals import METRICS, Goals, Measure, Purpose
from hornsten.config.loader import (
    ConfigError,
    available_processes,
    default_process_name,
    load_process,
    process_dir,
    resolve_process_path,
)
from hornsten.config.phases import Milestone, Phase
from hornsten.config.priorities import CornerstoneWeights, PriorityLayout, PriorityRound
from hornsten.config.process import CornerstoneRule, ProcessConfig
from hornsten.config.remiss import Remiss, RemissBody, RemissRound, RemissSection
from hornsten.config.reports import REPORT_NAMES, Alerts, Reports, ReportSchedule
from hornsten.config.retention import Retention
from hornsten.config.site import Site
from hornsten.config.survey import (
    REQUIRED_FIELDS,
    RESPONSE_FIELDS,
    ExportLayout,
    Option,
    Question,
    Survey,
    normalise_value,
)

__all__ = [
    "CornerstoneWeights",
    "PriorityLayout",
    "PriorityRound",
    "CODE_PATTERN",
    "EMAIL_PATTERN",
    "INFLUENCE_LEVELS",
    "METRICS",
    "REPORT_NAMES",
    "REQUIRED_FIELDS",
    "RESPONSE_FIELDS",
    "Alerts",
    "ConfigError",
    "CornerstoneRule",
    "Dialogue",
    "DialoguePlan",
    "ExportLayout",
    "FeedbackPromise",
    "Forum",
    "Goals",
    "Measure",
    "Milestone",
    "Option",
    "Phase",
    "PoliticalDecision",
    "ProcessConfig",
    "Purpose",
    "Question",
    "Remiss",
    "RemissBody",
    "RemissRound",
    "RemissSection",
    "ReportSchedule",
    "Reports",
    "Retention",
    "Site",
    "Survey",
    "TargetGroup",
    "available_processes",
    "default_process_name",
    "load_process",
    "normalise_value",
    "process_dir",
    "resolve_process_path",
]
