"""What a change to a partner makes stale (cms.cachetags): the one rule of partners.

PARTNERS: the lists of partners (the directory, the home page's carousel, search, the
sitemap, both APIs) and every partner's page. partner_tag(partner): the pages that show this
one partner (news and events about it) and what other apps add to its page (its news).
"""

from cms.cachetags import type_tag

PARTNERS = type_tag("partners.partner")


def partner_tag(partner):
    return f"partner:{getattr(partner, 'pk', partner)}"


def partner_changed(partner):
    return {PARTNERS, partner_tag(partner)}
