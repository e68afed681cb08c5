"""Lines a site prints on every page, learnt from its earlier pages in input order."""

from eventwire.clean import clean
from eventwire.clean.sitechrome import MIN_PAGES, SiteChrome, mark, site_of
from eventwire.read import RawDocument


def _page(n: int, url: str | None = "https://news.example.org/a") -> RawDocument:
    text = (
        f"Story number {n} makes the headline\n\n"
        f"The council met on day {n} to vote on the budget of the town and its schools, and the "
        "members agreed after a long debate that lasted well into the night.\n\n"
        # a sub-heading on one page, the site's own line when it is on every page
        "Get the weekend edition of the paper at home\n\n"
        "The mayor said the vote was a good result for the families of the town."
    )
    meta = {"url": f"{url}{n}"} if url else {}
    return RawDocument(source=f"pages/p{n}.txt", text=text, html=None, meta=meta)


def test_a_line_on_earlier_pages_of_the_site_is_chrome_from_then_on() -> None:
    pages = list(mark(_page(n) for n in range(MIN_PAGES + 2)))
    texts = [clean(p).text for p in pages]
    assert all("Get the weekend edition of the paper at home" in t for t in texts[:MIN_PAGES])
    assert all("Get the weekend edition of the paper at home" not in t for t in texts[MIN_PAGES:])
    # the story's own lines stay, though the closing sentence is on every page too: prose
    assert all("The mayor said the vote was a good result" in t for t in texts)


def test_sites_are_counted_apart() -> None:
    chrome = SiteChrome()
    for n in range(MIN_PAGES):
        chrome.observe(_page(n, "https://a.example/"))
    assert chrome.observe(_page(9, "https://b.example/")) == frozenset()
    assert "get the weekend edition of the paper at home" in chrome.observe(
        _page(10, "https://a.example/")
    )


def test_the_site_is_the_host_or_the_folder_or_the_file() -> None:
    assert site_of(_page(1, "https://www.example.org/x")) == "example.org"
    assert site_of(RawDocument(source="crawl/site/p1.txt", text="x", html=None)) == "crawl/site"
    assert site_of(RawDocument(source="feed.jsonl:12", text="x", html=None)) == "feed.jsonl"
