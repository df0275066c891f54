"""The outlet table: who publishes, what kind of outlet it is, whose state stands behind
it, and the Admiralty reliability our rules give it. Data, shared by every stage."""

from __future__ import annotations

from dataclasses import dataclass

from summariser.schema import Reliability


@dataclass(frozen=True)
class Outlet:
    name: str
    kind: str
    country: str | None
    reliability: Reliability
    reason: str
    patterns: tuple[str, ...]


_STATE = "state-owned outlets report their government's positions"
OUTLETS: tuple[Outlet, ...] = (
    Outlet("TASS", "state-owned news agency (wire service)", "Russia", Reliability.C,
           _STATE, (r"/TASS/", r"\bTASS\b")),
    Outlet("RIA Novosti", "state-owned news agency", "Russia", Reliability.C, _STATE,
           (r"\bRIA Novosti\b",)),
    Outlet("RT", "state-owned broadcaster", "Russia", Reliability.D,
           "state-owned broadcaster with a record of false reports", (r"\(RT\)",)),
    Outlet("SANA", "state-owned news agency", "Syria", Reliability.C, _STATE,
           (r"\(SANA\)\s*[-–—]", r"^SANA\b")),
    Outlet("Xinhua", "state-owned news agency", "China", Reliability.C, _STATE,
           (r"\(Xinhua\)",)),
    Outlet("Reuters", "wire service", None, Reliability.B,
           "established wire service with editorial standards and corrections",
           (r"\(Reuters\)", r"\bReuters\b")),
    Outlet("Associated Press", "wire service", None, Reliability.B,
           "established wire service with editorial standards and corrections",
           (r"\(AP\)", r"\bAssociated Press\b")),
    Outlet("AFP", "wire service", None, Reliability.B,
           "established wire service with editorial standards and corrections",
           (r"\(AFP\)", r"\bAgence France-Presse\b")),
    Outlet("BBC", "public broadcaster", None, Reliability.B,
           "established public broadcaster with editorial standards", (r"\bBBC\b",)),
    Outlet("CNN", "commercial broadcaster", None, Reliability.C,
           "commercial broadcaster", (r"\(CNN\)",)),
)  # fmt: skip
