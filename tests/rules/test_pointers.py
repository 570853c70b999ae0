"""Sentences about a figure or a table, from reports, patents and papers of two sources."""

from rules.pointers import FIGURE_WORDS, about_a_figure

#: From the corpus: a CRS report and two patents (LEval), a paper (LEval), a PubMed article (Cohan et al.).
ABOUT = [
    "Figure 3 illustrates dependency status of enrolled undergraduate students by poverty bands in AY2015-2016.",
    "Table 1 displays the number of national emergencies in effect.",
    "FIG. 8 is a front view of a the dental flossing apparatus shown in FIG. 7.",
    "FIG. 1 is a simplified top view, not to scale, of a filter assembly made in accordance with the present invention.",
    "Table V presents the mean particle size diameter in nanometers (nm) and the filtration time in minutes (min):",
    "Figure 2 shows the training process of SVD-RND.",
    "table 4 also shows the mean of all anthropometric indices changed significantly after intervention.",
    "Abbildung 2 zeigt die Zahl der Einwohner seit 1950.",
    "Tableau 3 : répartition des votes par région.",
    "图3显示了模型的训练过程。",
]
#: Sentences that cite a figure but state their finding, or use the words otherwise.
PROSE = [
    "Rainfall in the hills doubled between 2010 and 2020 (Fig. 3).",
    "As Table 2 shows, the new model is faster.",
    "Figures from the ministry show a rise in enrolment.",
    "Tables were turned when the council voted again.",
    "The figure of 3 million is an estimate.",
]


def test_a_sentence_whose_subject_is_a_figure_or_table_is_about_it():
    for sentence in ABOUT:
        assert about_a_figure(sentence), sentence


def test_a_sentence_that_only_cites_a_figure_is_not():
    for sentence in PROSE:
        assert not about_a_figure(sentence), sentence
    assert {"en", "de", "fr", "zh", "ja"} <= set(FIGURE_WORDS), "the words are data, per language"
