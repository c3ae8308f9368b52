package textnorm

import "testing"

func TestClean(t *testing.T) {
	for in, want := range map[string]string{
		"plain ASCII":             "plain ASCII",
		"Pre\u0301sents":          "Présents", // NFD é, as macOS writes it
		"zero\u200bwidth":         "zerowidth",
		"\ufeffBOM":               "BOM",
		"bell\x07 and\x1b[31mred": "bell and[31mred",
		"a\r\nb\rc\u2028d":        "a\nb\nc\nd",
		"soft\u00adhyphen":        "softhyphen",
		"tab\tstays":              "tab\tstays",
	} {
		if got := Clean(in); got != want {
			t.Errorf("Clean(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestEscapeAndQuote(t *testing.T) {
	if got := Escape("a\x1b[2Jb\u202e"); got != "a<U+001B>[2Jb<U+202E>" {
		t.Errorf("Escape: %q", got)
	}
	if got := Quote('🏥'); got != "« 🏥 » (U+1F3E5)" {
		t.Errorf("Quote: %q", got)
	}
	if got := Quote('\u200b'); got != "U+200B" {
		t.Errorf("Quote invisible: %q", got)
	}
	if got := Invisibles("a\u200bb\u200bc\x00"); len(got) != 2 {
		t.Errorf("Invisibles: %q", got)
	}
}

func TestSlug(t *testing.T) {
	for in, want := range map[string]string{
		"Communauté de communes du Pays d'Auge": "communaute-de-communes-du-pays-d-auge",
		"Œuvrer pour l'Été":                     "oeuvrer-pour-l-ete",
		"Avenant n° 2 — 2026":                   "avenant-n-2-2026",
		"« »":                                   "",
	} {
		if got := Slug(in); got != want {
			t.Errorf("Slug(%q) = %q, want %q", in, got, want)
		}
	}
}
