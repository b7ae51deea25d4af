"""A demo commune with believable dossiers, for first starts with --demo and for benchmarks."""

from __future__ import annotations

import datetime as dt
import random

from desk import accounts, events, intake, roles, settings, setup
from desk.citizen_id import PROVINCE_CODES
from desk.clock import VN_TZ, Now
from desk.context import DeskContext, load_context
from desk.errors import DomainError
from models import Procedure

SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng",
            "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý"]
MIDDLE = ["Văn", "Thị", "Hữu", "Đức", "Minh", "Thanh", "Ngọc", "Quang", "Thu", "Xuân"]
GIVEN = ["An", "Bình", "Cường", "Dũng", "Đức", "Giang", "Hà", "Hải", "Hạnh", "Hoa", "Hùng",
         "Hương", "Khánh", "Lan", "Linh", "Long", "Mai", "Nam", "Nga", "Phúc", "Quân", "Sơn",
         "Tâm", "Thảo", "Trang", "Tuấn", "Vân", "Yến"]
HAMLETS = ["Thôn Đông", "Thôn Đoài", "Thôn Trung", "Xóm Mới", "Ấp Bình Minh", "Thôn Hạ"]
MOBILE_PREFIXES = ["090", "091", "093", "094", "096", "097", "098", "086", "088", "032", "035",
                   "038", "070", "077", "081", "085"]
DEMO_COMMUNE = ("26734", "Xã Tân Phú", "000.00.12.H12", "UBND TỈNH ĐỒNG NAI")
# The demo desk's one account, named on its login screen so a demo opens in one command.
DEMO_LOGIN = DEMO_PASSWORD = "demo"
DEMO_CLERK = "Trần Thị Hồng"


def ensure_demo_office(*, now: Now) -> DeskContext:
    """Initialise the demo commune unless this desk already has one.

    Only a desk set up here gets the demo account; demo dossiers added to a desk that already
    exists create none."""
    try:
        return load_context(now=now)
    except DomainError:
        code, name, agency, body = DEMO_COMMUNE
        setup.initialize(code, name, agency, province_name="Đồng Nai", governing_body=body,
                         clerk_name=DEMO_CLERK, now=now)
        if not accounts.exist():
            accounts.add(DEMO_LOGIN, DEMO_CLERK, roles.ADMIN, DEMO_PASSWORD, by="", now=now,
                         check_password=False)
            settings.put("demo.login", DEMO_LOGIN)
        return load_context(now=now)


def demo_login() -> str:
    """The demo account a demo desk's login screen names, or "" on a real desk."""
    return str(settings.get("demo.login"))


def seed(ctx: DeskContext, count: int, seed_value: int = 2026, days: int = 60, *,
         now: Now, by: str = "") -> int:
    """Receive ``count`` dossiers spread over the ``days`` days before ``now()`` and move them
    along (all of it as of that one instant, so a seed is reproducible from its clock)."""
    rng = random.Random(seed_value)
    procedures = list(Procedure.select().where(Procedure.active))
    moment = now()

    def frozen() -> dt.datetime:
        return moment

    for _ in range(count):
        around = moment - dt.timedelta(days=rng.uniform(0, days))
        received = _working_instant(ctx, rng, around, moment)
        procedure = rng.choice(procedures)
        dossier = intake.receive(ctx, _request(rng, procedure.code, received), now=frozen,
                                 by=by)
        _progress(ctx, rng, dossier.code, received, dossier.due_at, frozen, by)
    return count


def _request(
    rng: random.Random, procedure_code: str, received: dt.datetime
) -> intake.IntakeRequest:
    province = rng.choice(list(PROVINCE_CODES))
    year = rng.randint(1950, 2005)
    id_number = f"{province}{rng.choice('01')}{year % 100:02d}{rng.randint(0, 999999):06d}"
    person = intake.ApplicantInput(
        name=f"{rng.choice(SURNAMES)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}",
        id_number=id_number,
        phone=f"{rng.choice(MOBILE_PREFIXES)}{rng.randint(0, 9_999_999):07d}",
        address=f"{rng.choice(HAMLETS)}, xã Tân Phú, tỉnh Đồng Nai",
    )
    return intake.IntakeRequest(procedure_code, person, received_at=received, clerk="Trần Thị Hồng")


def _working_instant(
    ctx: DeskContext, rng: random.Random, around: dt.datetime, moment: dt.datetime
) -> dt.datetime:
    day = around.astimezone(VN_TZ).date()
    if not ctx.calendar.is_working_day(day):
        day = ctx.calendar.next_working_day(day)
    minutes = rng.randint(0, 7 * 60)
    local = dt.datetime.combine(day, dt.time(7, 35), VN_TZ) + dt.timedelta(minutes=minutes)
    return min(local.astimezone(dt.UTC), moment - dt.timedelta(minutes=10))


def _progress(
    ctx: DeskContext, rng: random.Random, code: str, received: dt.datetime,
    due: dt.datetime, now: Now, by: str,
) -> None:
    """Walk the dossier through a plausible life, never past the present."""
    span = max((due - received).total_seconds(), 3600.0)

    def later(fraction: float) -> dt.datetime | None:
        moment = received + dt.timedelta(seconds=span * fraction)
        return moment if moment < now() else None

    steps = [("assigned", 0.05)]
    roll = rng.random()
    if roll < 0.1:
        steps.append(("supplement_requested", 0.2))
    elif roll < 0.15:
        steps.append(("refused", 0.5))
    else:
        steps += [("result_ready", rng.choice([0.5, 0.9, 1.2])), ("returned", 1.4)]
    for kind, fraction in steps:
        at = later(fraction)
        if at is None:
            return
        events.record(ctx, code, kind, at=at, actor=DEMO_CLERK, now=now, by=by)
    if steps[-1][0] == "returned" and rng.random() < 0.7:
        events.record(ctx, code, "rated", at=later(1.4), data={"rating": rng.choice([3, 3, 2, 1])},
                      now=now, by=by)
