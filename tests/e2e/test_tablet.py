"""The main pages on a tablet (768 x 1024, portrait): nothing runs off the right edge, so the page never
scrolls sideways; wide tables scroll inside their own box (issue 5: "pages that work on a laptop and a tablet")."""

from __future__ import annotations

import pytest

from jospar.interchange.services import do_import_document
from jospar.planning.corrections import do_start_correction

from ..conftest import member, small_payload
from .conftest import login

# the widest element inside <main> that sticks out of the viewport, or "" when none does
OVERFLOW = """() => {
  const width = document.documentElement.clientWidth;
  if (document.documentElement.scrollWidth <= width) return "";
  let worst = null;
  for (const el of document.querySelectorAll("main *, header *")) {
    const r = el.getBoundingClientRect();
    if (r.right > width + 1 && (!worst || r.right > worst.r)) worst = {r: r.right, el};
  }
  return worst ? `${worst.el.tagName.toLowerCase()}.${worst.el.className} ends at ${Math.round(worst.r)}px` : "?";
}"""


@pytest.fixture
def tablet(browser, live_server):
    context = browser.new_context(base_url=live_server.url, locale="kk-KZ", viewport={"width": 768, "height": 1024},
                                  has_touch=True)
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


@pytest.fixture
def data(reference, transactional_db):
    user = member("moh-planner", "moh")
    plan = do_import_document(small_payload()).document
    return do_start_correction(plan, acting_user=user, basis="The results of monitoring: 2025")


def test_the_main_pages_fit_a_tablet_in_portrait_without_sideways_scrolling(tablet, data):
    pages = ["/kk/", "/kk/documents/sbdp-test/", "/kk/documents/sbdp-test/indicators/TI-1/",
             "/kk/documents/sbdp-test/forms/"]
    for url in pages:
        tablet.goto(url)
        assert tablet.evaluate(OVERFLOW) == "", url
    login(tablet, "moh-planner")
    for url in ["/ru/", "/ru/documents/sbdp-test/", "/ru/documents/sbdp-test-correction/edit/",
                f"/ru/documents/sbdp-test-correction/edit/indicator/{data.indicators.get(code='TI-1').pk}/",
                "/ru/documents/sbdp-test/correction/", "/ru/inbox/", "/ru/calendar/", "/ru/jobs/"]:
        tablet.goto(url)
        assert tablet.evaluate(OVERFLOW) == "", url
