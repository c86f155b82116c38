"""The bundled Brief sections: the words of the Regional Information Briefs around their figures, as data.

Every row restates, in this project's words, what a public source says; nothing is invented. The UNECE rows follow
the seed brief (``/work/shared/seed/regional-information-brief-unece.txt``, "Updated March 2024") section by section;
the other regions have only what is public here (``/work/shared/reference/gcm-facts.md``): their review's date and
place. Links are only addresses read in a public page; where the brief links to a page whose address was not found,
the item says what the page offers and its Link is left empty. The Kosovo footnote is not a row: the app adds it
wherever Kosovo is named.

Headings are short enough to be a slide's bullet points: the presentation shows them, the pages show the text.
"""

from __future__ import annotations

import datetime as dt

UNECE_BRIEF_URL = "https://migrationnetwork.un.org/regional-information-brief-unece"
ARAB_BRIEF_URL = "https://migrationnetwork.un.org/regional-information-brief-arab-region"
AFRICA_BRIEF_URL = "https://migrationnetwork.un.org/regional-information-brief-african-region"
REVIEWS_URL = "https://migrationnetwork.un.org/regional-reviews"
REVIEWS_2024_URL = "https://migrationnetwork.un.org/regional-reviews-2024"
SUBMIT_PRACTICE_URL = "https://migrationnetwork.un.org/how-submit-practice"
SUBMIT_PLEDGE_URL = "https://migrationnetwork.un.org/submit-pledges"
GUIDANCE_URL = "https://migrationnetwork.un.org/gcm-guidance"
STATES_SUPPORT_URL = "https://migrationnetwork.un.org/network-support/member-states-and-stakesholders-system"

MARCH_2024 = dt.date(2024, 3, 1)
JUNE_2024 = dt.date(2024, 6, 1)
AUGUST_2024 = dt.date(2024, 8, 1)

#: (section, heading, text, link, link text) of the UNECE brief, in its order; Order counts within each section.
UNECE: tuple[tuple[str, str, str, str | None, str | None], ...] = (
    (
        "Introduction",
        "Background to the second Regional Review",
        "This brief gives an overview of where the Global Compact for Safe, Orderly and Regular Migration (GCM) and "
        "the UN Network on Migration stand in the region of the United Nations Economic Commission for Europe "
        "(UNECE), as an introduction to the second GCM Regional Review.",
        None,
        None,
    ),
    (
        "Introduction",
        "56 member States",
        "The region is made up of the 56 member States of UNECE. Kosovo is not a member State; the Regional "
        "Network covers it and it has a Country Network.",
        None,
        None,
    ),
    (
        "Regional Network",
        "Embedded in the Issue-based Coalition on Large Movements of People, Displacement and Resilience",
        "The Regional UN Network on Migration for Europe and Central Asia is embedded in the Issue-based Coalition "
        "(IBC) for Large Movements of People, Displacement and Resilience for Europe and Central Asia. Like the "
        "IBC, it concentrates on Europe and Central Asia, and can support other countries of the UNECE region case "
        "by case.",
        None,
        None,
    ),
    (
        "Regional Network",
        "Based in Vienna; co-chaired by IOM, UNDP and UNHCR",
        "The Regional Network is based in Vienna. IOM, UNDP and UNHCR co-chair it. The brief links to the Terms "
        "of Reference of the Regional Network and the IBC.",
        None,
        None,
    ),
    (
        "Regional Network",
        "Works with the UN Brussels Team's Migration Working Group",
        "The Migration Working Group of the UN Brussels Team (UNBT) works with the Regional Issue-based Coalition "
        "for Europe and Central Asia and with other relevant mechanisms.",
        None,
        None,
    ),
    (
        "Regional Review",
        "11 March 2024, Palais des Nations, Geneva, back-to-back with the Regional Forum for Sustainable Development",
        "UNECE hosts the second GCM Regional Review of the region on 11 March 2024 at the Palais des Nations in "
        "Geneva, Switzerland. It is held back-to-back with the Regional Forum for Sustainable Development.",
        REVIEWS_2024_URL,
        "Regional Reviews 2024",
    ),
    (
        "Practices",
        "Most practices cover several objectives",
        "Most of the region's practices address more than one GCM objective, and a practice can be implemented in "
        "several member States.",
        None,
        None,
    ),
    (
        "Practices",
        "Most practices are national",
        "Some practices have a multilevel scope, but most are implemented at the national level, which is similar "
        "to the trends in the other regions.",
        None,
        None,
    ),
    (
        "Practices",
        "Member States implement most",
        "Member States are the implementers most often found among the region's practices in the Repository, "
        "followed by civil society and IOM.",
        None,
        None,
    ),
    (
        "Pledges",
        "Objectives 2, 7, 15, 16, 17 and 23",
        "Most of the region's pledges focus on objectives 2, 7, 15, 16, 17 and 23; most pledges cover several "
        "objectives.",
        None,
        None,
    ),
    (
        "Pledges",
        "Report on pledges, and submit new ones",
        "Member States and stakeholders are encouraged to report on the implementation of their pledges through "
        "the Network's web form, and to submit new pledges.",
        SUBMIT_PLEDGE_URL,
        "Submit a pledge",
    ),
    (
        "Country Networks",
        "Terms of Reference",
        "The brief links each Country Network to its Terms of Reference. The Terms of Reference missing from the "
        "Network's web page are being revised and will be made available shortly.",
        None,
        None,
    ),
    (
        "Champions",
        "A Regional Champion country meeting",
        "The champion countries of the region are discussing a Regional Champion country meeting, with the "
        "Network's support, to follow up on the pledges.",
        None,
        None,
    ),
    (
        "IMRF engagement",
        "Luxembourg co-facilitated the Progress Declaration",
        "The Permanent Representative of Luxembourg to the United Nations was one of the co-facilitators of the "
        "IMRF Progress Declaration.",
        None,
        None,
    ),
    (
        "IMRF engagement",
        "Portugal and Azerbaijan co-chaired roundtables",
        "Portugal and Azerbaijan each co-chaired one roundtable of the IMRF.",
        None,
        None,
    ),
    (
        "UNCT support",
        "Migration in UN Country Teams' planning",
        "The UN Network on Migration draws on the technical experience and guidance of UN partners worldwide to "
        "help UN Country Teams integrate migration into their planning. The aim is stronger whole-of-UN, "
        "whole-of-government and whole-of-society approaches to implementing the GCM, and faster progress towards "
        "the Sustainable Development Goals (SDGs).",
        None,
        None,
    ),
    (
        "UNCT support",
        "Building Migration Partnerships",
        "This work is central to the capacity-building mechanism that the Compact calls for and the Progress "
        "Declaration reaffirms. The Building Migration Partnerships (BMP) programme facilitates it.",
        None,
        None,
    ),
    (
        "UNCT support",
        "Facilitator's Guide and requests for support",
        "The Network's page on support to UN Country Teams describes the support available, offers the "
        "Facilitator's Guide and a form to request support, and introduces the facilitation team.",
        None,
        None,
    ),
    (
        "Guidance",
        "A six-step guidance for States",
        "Governments implement the GCM in different ways, according to their migration context and dynamics and "
        "to migrants' needs; capacities, resources and institutional and legal frameworks differ between countries "
        "and regions. To help set up the structures and systems for effective, lasting implementation, the UN "
        "Network on Migration developed a six-step guidance for States.",
        GUIDANCE_URL,
        "GCM implementation guidance",
    ),
    (
        "Guidance",
        "Kazakhstan and Uzbekistan's Country Networks plan to use it, with the M-MPTF priority pipeline",
        "In the region, the Country Networks of Kazakhstan and Uzbekistan have expressed interest in using the GCM "
        "guidance to support their governments' implementation, including through the M-MPTF priority-pipeline "
        "joint programme.",
        None,
        None,
    ),
    (
        "Guidance",
        "The guidance, requests for information and an interactive tool online",
        "The Network offers the guidance for governments and stakeholders, a form to request further information, "
        "and an interactive tool.",
        STATES_SUPPORT_URL,
        "Support to Member States and stakeholders",
    ),
    (
        "Stakeholder engagement",
        "Stakeholders of the region co-lead 7 of the 14 global workstreams",
        "European stakeholders take an active part in the Network's global activities: at the IMRF and its "
        "preparatory consultations, in GCM Talks, and as members of nearly all global workstreams. Stakeholders "
        "from the region co-lead seven of the fourteen global workstreams, among them future health emergencies, "
        "alternatives to detention, missing migrants and humanitarian assistance, and anti-discrimination.",
        None,
        None,
    ),
    (
        "Stakeholder engagement",
        "Stakeholder meetings on Central Asia and EECA, a Kosovo national forum, workshops in the Kyrgyz Republic "
        "and Tajikistan",
        "The Regional Network/IBC has held several meetings that include stakeholders: on sub-regional cooperation "
        "in Central Asia, a side event on the SDGs and migration in Eastern Europe and Central Asia, and a Kosovo "
        "national forum on stakeholder partnerships for GCM implementation. Country workshops on GCM "
        "implementation in the Kyrgyz Republic and Tajikistan, run by a regional facilitation team with a "
        "stakeholder trainer, planned stakeholder partnership actions at country level.",
        None,
        None,
    ),
    (
        "Stakeholder engagement",
        "The UK stakeholder working group: a report to the IMRF and a GCM Talk on climate adaptation",
        "The UK stakeholder working group submitted a report on priorities and GCM progress to the IMRF. With the "
        "United Kingdom government it held a GCM Talk, Migration and Adaptation in the Context of Climate Change, "
        "and it plans to keep coordinating key advocacy messages for the next round of Regional Reviews.",
        None,
        None,
    ),
    (
        "Stakeholder engagement",
        "Three stakeholder consultations before the Regional Review",
        "To prepare the UNECE Regional Review, the Network held three stakeholder consultations to gather civil "
        "society's key messages on the progress of GCM implementation and its recommendations for future action.",
        None,
        None,
    ),
    (
        "Stakeholder engagement",
        "A UNECE Regional Discussion Space on the Migration Network Hub",
        "Alongside the consultations, the Network opened a UNECE Regional Discussion Space on the Migration Network "
        "Hub, where stakeholders post feedback, recommendations and reports on GCM thematic priorities.",
        None,
        None,
    ),
    (
        "Stakeholder engagement",
        "Spain: a panel on GCM implementation and a proposal for indicators",
        "With the government of Spain and its Ministry of Social Rights and Agenda 2030, civil society, diaspora "
        "and migrant networks in Spain held a panel on GCM implementation and published a proposal for indicators.",
        None,
        None,
    ),
    (
        "M-MPTF",
        "USD 150 million by the IMRF 2026",
        "The Fund Steering Committee set the Fund's total capitalisation target at USD 150 million by the next "
        "International Migration Review Forum, in 2026. Counting the most recent pledges, close to 40 per cent of "
        "the target has been mobilised, from 21 Member States.",
        None,
        None,
    ),
    (
        "M-MPTF",
        "Over USD 56 million over three years",
        "15 Member States of the UNECE region have contributed to the M-MPTF: over USD 56 million in total, over "
        "three years.",
        None,
        None,
    ),
    (
        "M-MPTF",
        "Six joint programmes in the pipeline",
        "6 joint programmes are in the pipeline in the region: on data; on regular migration, decent work and the "
        "development effects of human mobility; and on the social inclusion and integration of migrants.",
        None,
        None,
    ),
    (
        "Resources",
        "Regional Reviews and their framework",
        "The Regional Reviews of the GCM, and the framework for them.",
        REVIEWS_URL,
        "Regional Reviews",
    ),
    ("Resources", "GCM Talks", "Request to organise regional or national GCM Talks.", None, None),
    (
        "Resources",
        "Submit a practice",
        "Submit a practice as an example of GCM implementation.",
        SUBMIT_PRACTICE_URL,
        "How to submit a practice",
    ),
    (
        "Resources",
        "Trainings",
        "Express interest in trainings in the region for UN communications, advocacy or technical staff, and for "
        "journalists.",
        None,
        None,
    ),
    (
        "Resources",
        "Support to a UN Country Team",
        "Request facilitation support for a UN Country Team to integrate migration into planning and programming.",
        None,
        None,
    ),
    (
        "Resources",
        "Support with the GCM Guidance",
        "Request support to implement the GCM with the GCM Guidance for Member States and stakeholders.",
        STATES_SUPPORT_URL,
        "Request support",
    ),
)

#: The second round of Regional Reviews, and the Forums around them, for every region's brief (gcm-facts.md,
#: "The review cycle").
TIMELINE: tuple[tuple[str, str], ...] = (
    (
        "17–20 May 2022",
        "The first International Migration Review Forum (IMRF), at UN Headquarters in New York, adopted the "
        "Progress Declaration.",
    ),
    (
        "11 March 2024",
        "Regional Review, UNECE region: Palais des Nations, Geneva, back-to-back with the Regional Forum for "
        "Sustainable Development.",
    ),
    ("3–4 July 2024", "Regional Review, Arab region: Cairo."),
    ("9–10 October 2024", "Regional Review, Africa: Addis Ababa."),
    ("4–6 February 2025", "Regional Review, Asia and the Pacific: Bangkok."),
    ("18–20 March 2025", "Regional Review, Latin America and the Caribbean: Santiago."),
    ("2026", "The second International Migration Review Forum; the M-MPTF's capitalisation target is set for it."),
)

#: The other regions' reviews: region, heading, text, source, as of.
REVIEWS: tuple[tuple[str, str, str, str, dt.date], ...] = (
    ("ESCWA", "3–4 July 2024, Cairo", "The GCM Regional Review of the Arab region is held in Cairo on 3–4 July 2024.",
     ARAB_BRIEF_URL, JUNE_2024),
    ("ECA", "9–10 October 2024, Addis Ababa",
     "The GCM Regional Review of the African region is held in Addis Ababa on 9–10 October 2024.",
     AFRICA_BRIEF_URL, AUGUST_2024),
    ("ESCAP", "4–6 February 2025, Bangkok",
     "The GCM Regional Review of Asia and the Pacific is held in Bangkok on 4–6 February 2025.",
     REVIEWS_URL, AUGUST_2024),
    ("ECLAC", "18–20 March 2025, Santiago",
     "The GCM Regional Review of Latin America and the Caribbean is held in Santiago on 18–20 March 2025.",
     REVIEWS_URL, AUGUST_2024),
)  # fmt: skip


def _row(region, section, order, heading, text, link, link_text, as_of, source) -> dict:
    return {
        "region": region,
        "section": section,
        "order": order,
        "heading": heading,
        "text": text,
        "link": link,
        "link_text": link_text,
        "as_of": as_of,
        "source": source,
        "provenance": "Published",
    }


def sections() -> list[dict]:
    """Every bundled Brief sections row: the UNECE brief's items, the other regions' reviews, the timeline."""
    rows, counts = [], {}
    for section, heading, text, link, link_text in UNECE:
        counts[section] = counts.get(section, 0) + 1
        rows.append(_row("ECE", section, counts[section], heading, text, link, link_text, MARCH_2024, UNECE_BRIEF_URL))
    for region, heading, text, source, as_of in REVIEWS:
        rows.append(_row(region, "Regional Review", 1, heading, text, None, None, as_of, source))
    for order, (heading, text) in enumerate(TIMELINE, start=1):
        rows.append(_row("World", "Timeline", order, heading, text, None, None, AUGUST_2024, REVIEWS_URL))
    return rows
