"""schema.org ClaimReview JSON-LD for a checked report.

Ratings run from 1 (False) to 4 (True); an undecidable claim gets no numeric rating, only
its name, as the ClaimReview guidelines allow for claims that cannot be rated.
"""

from __future__ import annotations

from ._report import CheckReport, Verdict, about_text

__all__ = ["to_claimreview"]

_RATING = {Verdict.TRUE: 4, Verdict.PARTLY: 2, Verdict.FALSE: 1}


def to_claimreview(
    report: CheckReport,
    *,
    url: str | None = None,
    author: str = "csto_timeline",
    reviewed: str | None = None,
) -> list[dict[str, object]]:
    """One schema.org ClaimReview object per claim, JSON-ready.

    ``url`` is where the checked text appeared; ``reviewed`` the review's date (ISO text),
    left out when None so that the output depends only on its inputs.

    >>> import csto_timeline
    >>> from csto_timeline._check import check
    >>> report = check("Uzbekistan rejoined the CSTO in 2005.", published="2014-12-23", timeline=csto_timeline.load())
    >>> review = to_claimreview(report)[0]
    >>> review["@type"], review["reviewRating"]["alternateName"], review["reviewRating"]["ratingValue"]
    ('ClaimReview', 'False', 1)
    """
    reviews: list[dict[str, object]] = []
    for item in report.items:
        appearance: dict[str, object] = {"@type": "CreativeWork", "datePublished": str(report.published)}
        if url is not None:
            appearance["url"] = url
        rating: dict[str, object] = {
            "@type": "Rating",
            "alternateName": item.verdict.label,
            "bestRating": 4,
            "worstRating": 1,
        }
        if item.verdict in _RATING:
            rating["ratingValue"] = _RATING[item.verdict]
        review: dict[str, object] = {
            "@context": "https://schema.org",
            "@type": "ClaimReview",
            "claimReviewed": item.quote,
            "itemReviewed": {
                "@type": "Claim",
                "appearance": appearance,
                "temporalCoverage": about_text(item.about),
                "about": [
                    {"@type": "Country", "name": state.name, "identifier": state.alpha3} for state in item.states
                ],
            },
            "author": {"@type": "Organization", "name": author},
            "reviewRating": rating,
            "reviewBody": item.why,
            "citation": list(item.sources),
        }
        if reviewed is not None:
            review["datePublished"] = reviewed
        reviews.append(review)
    return reviews
