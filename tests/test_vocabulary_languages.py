"""The GCM vocabulary in the UN languages: the Hub's own labels with their source, English marked unofficial else."""

from __future__ import annotations

import pytest

from gcmdash.model import framework

#: A few labels as the Hub publishes them (gcm-facts.md, "The GCM vocabulary in other UN languages").
HUB = {
    (1, "fr"): "Données",
    (12, "fr"): "Contrôle, évaluation et orientation",
    (23, "fr"): "Coopération internationale",
    (1, "es"): "Datos",
    (12, "es"): "Verificación de antecedentes y derivación",
    (21, "es"): "Retorno y reintegración dignos",
}


@pytest.mark.parametrize(("key", "text"), HUB.items())
def test_objective_labels_are_the_hub_s(key, text):
    label = framework.objective_label(*key)
    assert (label.text, label.lang, label.official) == (text, key[1], True)
    assert "Hub" in label.source


@pytest.mark.parametrize("lang", ["fr", "es"])
def test_every_objective_and_principle_has_an_official_label_in_french_and_spanish(lang):
    objectives = [framework.objective_label(n, lang) for n in framework.OBJECTIVE_NUMBERS]
    principles = [framework.principle_label(n, lang) for n in range(1, 11)]
    assert all(label.official and label.lang == lang for label in objectives + principles)
    assert len({label.text for label in objectives}) == 23  # no two objectives share a label


def test_a_label_not_read_in_a_source_is_english_and_says_so():
    label = framework.objective_label(7, "ru")
    assert (label.text, label.lang, label.official) == ("Reduce vulnerabilities", "en", False)
    title = framework.objective_title(2, "fr")  # only objective 1's French title was read
    assert title.official is False and title.text.startswith("Minimize the adverse drivers")
    assert framework.objective_title(1, "fr").text.startswith("Collecter et utiliser des données")


def test_english_is_the_reference_itself_and_an_unknown_language_is_refused():
    assert framework.objective_label(5, "en") == framework.Label(
        "Regular pathways", "en", True, "UN Network on Migration Hub"
    )
    assert framework.principle_label(1, "es").text == "Centrada en las personas"
    with pytest.raises(KeyError, match="unknown language"):
        framework.objective_label(1, "de")
