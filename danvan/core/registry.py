"""Registries through which apps contribute to the product without being imported by it.

Each app registers its contributions in ``AppConfig.ready()``: deadline rules, indicators,
dashboard cards, public pages, navigation entries, demo-data seeders, exports. The apps on the
right (evaluation, portal, api) read the registries; they never import the contributing app.
This is the Django counterpart of a Decidim component manifest or a Wagtail hook.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any, TypeVar

T = TypeVar("T")


class Registry[T]:
    """An ordered set of contributions keyed by a stable id; registering a key twice fails."""

    def __init__(self, name: str) -> None:
        self.name = name
        self._items: dict[str, T] = {}

    def register(self, key: str, item: T) -> T:
        if key in self._items and self._items[key] is not item:
            raise ValueError(f"{self.name}: {key!r} is already registered")
        self._items[key] = item
        return item

    def get(self, key: str) -> T:
        try:
            return self._items[key]
        except KeyError:
            raise KeyError(f"{self.name}: nothing registered as {key!r}") from None

    def __contains__(self, key: object) -> bool:
        return key in self._items

    def __iter__(self) -> Iterator[T]:
        return iter(self._items.values())

    def __len__(self) -> int:
        return len(self._items)

    def keys(self) -> list[str]:
        return list(self._items)

    def items(self) -> list[tuple[str, T]]:
        return list(self._items.items())


@dataclass(frozen=True)
class NavItem:
    """A link in the officers' navigation, shown to users holding one of ``roles``.

    ``roles`` empty means every signed-in officer; ``public`` items appear in the citizens'
    navigation instead.
    """

    key: str
    url_name: str
    label: Any  # a lazy translation
    roles: frozenset[str] = frozenset()
    public: bool = False
    order: int = 100


@dataclass(frozen=True)
class DashboardCard:
    """A card on an officer's dashboard: ``render(request, units)`` returns a context dict
    for ``template``."""

    key: str
    title: Any
    template: str
    render: Callable[..., dict[str, Any]]
    roles: frozenset[str] = frozenset()
    order: int = 100


@dataclass(frozen=True)
class PublicPage:
    key: str
    url_name: str
    title: Any
    description: Any = ""
    order: int = 100


@dataclass(frozen=True)
class Indicator:
    """A measure of one of the six areas, computed per commune and month.

    ``compute(unit_ids, month_start, month_end)`` returns ``{unit_id: (numerator, denominator)}``
    over the app's own tables; the evaluation app materialises and aggregates the values.
    """

    key: str
    area: int
    name_vi: str
    name_en: str
    direction: str  # "higher" or "lower" is better
    target: float | None
    source: str
    compute: Callable[..., dict[int, tuple[float, float]]]
    unit_label: str = "%"
    # The unit in English ("days" for "ngày"); a page in English shows it (``unit_in``).
    unit_label_en: str = ""
    # Optional, for the evaluation (every registration above keeps working without them):
    # ``multiplier`` scales numerator ÷ denominator into ``value`` (None: 100 for a "%" rate,
    # 1 otherwise, e.g. days or a count over 1); ``goalposts`` are the (worst, best) values
    # that score 0 and 10 (None: 0–100 for a rate; other units need them to enter the index);
    # ``weight`` is the default weight inside its area; below ``min_denominator`` cases a
    # month is marked as a small sample; ``explain(unit_ids, month_start, month_end)``
    # returns the evidence behind the values, per commune, in one query: ``{unit_id:
    # {"cases": [case codes], "groups": {label: count}, "queue": {work-queue parameters}}}``.
    multiplier: float | None = None
    goalposts: tuple[float, float] | None = None
    weight: float = 1.0
    min_denominator: float = 5.0
    explain: Callable[..., dict[str, Any]] | None = None
    # ``intervals(unit_ids, month_start, month_end)`` returns ``{unit_id: (ci_low, ci_high)}``
    # on the value's scale, for indicators measured on a sample (surveys' bootstrap
    # intervals); the evaluation stores them in the values' ``ci_low``/``ci_high``.
    intervals: Callable[..., dict[int, tuple[float | None, float | None]]] | None = None

    @property
    def is_rate(self) -> bool:
        return self.unit_label == "%"

    def unit_in(self, english: bool) -> str:
        """The unit as a page in that language writes it ("%" is the same in both)."""
        return self.unit_label_en if english and self.unit_label_en else self.unit_label

    def value_of(self, numerator: float, denominator: float) -> float | None:
        """The value on the indicator's own scale: a rate's percentage 0–100."""
        if not denominator:
            return None
        factor = (
            self.multiplier if self.multiplier is not None else (100.0 if self.is_rate else 1.0)
        )
        return factor * numerator / denominator


@dataclass(frozen=True)
class DemoSeeder:
    """Creates an app's demo data; ``seed(stdout)`` must be idempotent."""

    key: str
    seed: Callable[..., None]
    order: int = 100


@dataclass(frozen=True)
class DeadlineRuleSource:
    """Deadline rules an app contributes, in either or both of two forms.

    * Computed rules (e.g. one-stop procedures' processing times, ids
      ``onestop.procedure.<CODE>``): ``resolve(rule_id)`` returns a rule definition the
      ``deadlines`` app understands, or None; it is asked only for ids starting with
      ``prefix``. ``rules()`` lists them all (for the public rules page and the API).
    * Rules of law the app ships (``shipped() -> [dict]``, one dict per version in the format
      of ``danvan/deadlines/data/rules.py``): the ``deadlines`` app seeds the missing
      (id, version) pairs into its table after ``migrate`` and ``seed_deadline_rules``, and
      from then on administrators correct them there, with history. ``areas`` names the
      areas those rules use: ``{area: (vi, en)}``."""

    key: str
    prefix: str = ""
    resolve: Callable[[str], Any] | None = None
    rules: Callable[[], Iterator[Any]] | None = None
    shipped: Callable[[], list[dict[str, Any]]] | None = None
    areas: dict[str, tuple[str, str]] = field(default_factory=dict)


@dataclass(frozen=True)
class UrlMount:
    """An app's URLs, mounted by the root URLconf at ``prefix`` (e.g. ``"mot-cua/"``).

    ``urlconf`` is the dotted path of the app's URL module, imported lazily by
    ``danvan.urls`` so that the root never names a domain app."""

    key: str
    prefix: str
    urlconf: str
    order: int = 100


@dataclass(frozen=True)
class ApiRouterMount:
    """An app's django-ninja router, mounted under ``/api/v1/`` by ``danvan.api``.

    ``router`` is the dotted path of the module holding a ``router`` attribute (the app's
    ``api.py``); it is imported when the API is built, after every app is ready."""

    key: str
    module: str
    order: int = 100


@dataclass(frozen=True)
class UnitPageSection:
    """A section of a commune's public page (``/dia-ban/xa/<code>/``).

    ``render(request, unit)`` returns ``(template_name, context)`` or ``None`` (nothing to
    show). Aggregates and public facts only: the page is public."""

    key: str
    render: Callable[..., tuple[str, dict[str, Any]] | None]
    order: int = 100


@dataclass(frozen=True)
class PeriodicJob:
    """A management command run every ``every_seconds`` by ``run_periodic`` (started by
    ``make run`` and ``make serve-prod``). The command must be safe to run from several
    machines at once (claim rows with a conditional UPDATE, as the clock scanner does)."""

    key: str
    command: str
    every_seconds: int
    args: tuple[str, ...] = ()


@dataclass
class Registries:
    nav: Registry[NavItem] = field(default_factory=lambda: Registry("nav"))
    dashboard_cards: Registry[DashboardCard] = field(
        default_factory=lambda: Registry("dashboard_cards")
    )
    public_pages: Registry[PublicPage] = field(default_factory=lambda: Registry("public_pages"))
    indicators: Registry[Indicator] = field(default_factory=lambda: Registry("indicators"))
    demo_seeders: Registry[DemoSeeder] = field(default_factory=lambda: Registry("demo_seeders"))
    deadline_rule_sources: Registry[DeadlineRuleSource] = field(
        default_factory=lambda: Registry("deadline_rule_sources")
    )
    url_mounts: Registry[UrlMount] = field(default_factory=lambda: Registry("url_mounts"))
    api_routers: Registry[ApiRouterMount] = field(default_factory=lambda: Registry("api_routers"))
    unit_page_sections: Registry[UnitPageSection] = field(
        default_factory=lambda: Registry("unit_page_sections")
    )
    periodic_jobs: Registry[PeriodicJob] = field(default_factory=lambda: Registry("periodic_jobs"))


registries = Registries()
