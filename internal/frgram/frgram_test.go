package frgram

import "testing"

func TestDecide(t *testing.T) {
	tests := []struct {
		name, article string
		gender        Gender
		the, of, to   string
		represented   string
		known         bool
	}{
		// the article the name starts with, never doubled
		{"La communauté d'Agglomération de Lisieux Normandie", "", Unknown, "la communauté d'Agglomération de Lisieux Normandie", "de la communauté d'Agglomération de Lisieux Normandie", "à la communauté d'Agglomération de Lisieux Normandie", "représentée", true},
		{"L'Agence Régionale de Santé de Normandie", "", Unknown, "l'Agence Régionale de Santé de Normandie", "de l'Agence Régionale de Santé de Normandie", "à l'Agence Régionale de Santé de Normandie", "représentée", true},
		{"Le Département du Calvados", "", Unknown, "le Département du Calvados", "du Département du Calvados", "au Département du Calvados", "représenté", true},
		{"Les Hôpitaux de Lisieux", "", Feminine, "les Hôpitaux de Lisieux", "des Hôpitaux de Lisieux", "aux Hôpitaux de Lisieux", "représentées", true},
		// the first word
		{"Intercom Bernay Terres de Normandie", "", Unknown, "l'Intercom Bernay Terres de Normandie", "de l'Intercom Bernay Terres de Normandie", "à l'Intercom Bernay Terres de Normandie", "représentée", true},
		{"Département de l'Eure", "", Unknown, "le Département de l'Eure", "du Département de l'Eure", "au Département de l'Eure", "représenté", true},
		{"Agence Régionale de Santé", "", Unknown, "l'Agence Régionale de Santé", "de l'Agence Régionale de Santé", "à l'Agence Régionale de Santé", "représentée", true},
		{"État", "", Unknown, "l'État", "de l'État", "à l'État", "représenté", true},
		{"Communauté d’Agglomération", "", Unknown, "la Communauté d’Agglomération", "de la Communauté d’Agglomération", "à la Communauté d’Agglomération", "représentée", true},
		{"Hôpital de Bernay", "", Unknown, "l'Hôpital de Bernay", "de l'Hôpital de Bernay", "à l'Hôpital de Bernay", "représenté", true},
		{"Haut Conseil de la santé publique", "", Unknown, "le Haut Conseil de la santé publique", "du Haut Conseil de la santé publique", "au Haut Conseil de la santé publique", "représenté", true},
		{"CPAM de l'Eure", "", Unknown, "la CPAM de l'Eure", "de la CPAM de l'Eure", "à la CPAM de l'Eure", "représentée", true},
		// the column decides, and elision still follows the sound
		{"Intercom Bernay", La, Unknown, "l'Intercom Bernay", "de l'Intercom Bernay", "à l'Intercom Bernay", "représentée", true},
		{"Ugecam", Elided, Feminine, "l'Ugecam", "de l'Ugecam", "à l'Ugecam", "représentée", true},
		{"Mutuelles de France", Les, Feminine, "les Mutuelles de France", "des Mutuelles de France", "aux Mutuelles de France", "représentées", true},
		{"Bernay", Bare, Unknown, "Bernay", "de Bernay", "à Bernay", "représenté", true},
		{"Évreux", Bare, Unknown, "Évreux", "d'Évreux", "à Évreux", "représenté", true},
		{"Le Havre", Bare, Unknown, "Le Havre", "de Le Havre", "à Le Havre", "représenté", true},
		{"CALN", Le, Unknown, "le CALN", "du CALN", "au CALN", "représenté", true},
		// undecided: written without article
		{"Sandwich Santé", "", Unknown, "Sandwich Santé", "de Sandwich Santé", "à Sandwich Santé", "représenté", false},
		{"Orbec", "", Unknown, "Orbec", "d'Orbec", "à Orbec", "représenté", false},
	}
	for _, tt := range tests {
		n := Decide(tt.name, tt.article, tt.gender)
		if got := n.The(); got != tt.the {
			t.Errorf("%q: The = %q, want %q", tt.name, got, tt.the)
		}
		if got := n.Of(); got != tt.of {
			t.Errorf("%q: Of = %q, want %q", tt.name, got, tt.of)
		}
		if got := n.To(); got != tt.to {
			t.Errorf("%q: To = %q, want %q", tt.name, got, tt.to)
		}
		if got := n.Agree("représenté"); got != tt.represented {
			t.Errorf("%q: Agree = %q, want %q", tt.name, got, tt.represented)
		}
		if n.ArticleKnown() != tt.known {
			t.Errorf("%q: ArticleKnown = %v, want %v", tt.name, n.ArticleKnown(), tt.known)
		}
	}
}

func TestElidedGenderUnknown(t *testing.T) {
	n := Decide("L'Ugecam", "", Unknown)
	if !n.ArticleKnown() || n.GenderKnown() {
		t.Errorf("L'Ugecam: article known %v, gender known %v; want true, false", n.ArticleKnown(), n.GenderKnown())
	}
	if n.The() != "l'Ugecam" {
		t.Errorf("The = %q", n.The())
	}
}

func TestAgreeForms(t *testing.T) {
	f, m := Decide("Agence", "", Unknown), Decide("Conseil", "", Unknown)
	fp, mp := Decide("Mutuelles", Les, Feminine), Decide("Services", Les, Masculine)
	for _, tt := range []struct {
		forms        []string
		f, m, fp, mp string
	}{
		{[]string{"représenté"}, "représentée", "représenté", "représentées", "représentés"},
		{[]string{"signataire"}, "signataire", "signataire", "signataires", "signataires"},
		{[]string{"son", "sa", "leurs"}, "sa", "son", "leurs", "leurs"},
		{[]string{"nouveau", "nouvelle", "nouveaux", "nouvelles"}, "nouvelle", "nouveau", "nouvelles", "nouveaux"},
	} {
		got := [4]string{f.Agree(tt.forms...), m.Agree(tt.forms...), fp.Agree(tt.forms...), mp.Agree(tt.forms...)}
		want := [4]string{tt.f, tt.m, tt.fp, tt.mp}
		if got != want {
			t.Errorf("Agree(%q) = %q, want %q", tt.forms, got, want)
		}
	}
}

func TestCapitalize(t *testing.T) {
	for in, want := range map[string]string{
		"à Bernay": "À Bernay", "état": "État", "l'État": "L'État", "de la Communauté": "De la Communauté",
		"": "", "« à bientôt »": "« À bientôt »", "3 rue": "3 rue", "Éric": "Éric",
	} {
		if got := Capitalize(in); got != want {
			t.Errorf("Capitalize(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestParse(t *testing.T) {
	for in, want := range map[string]string{"La": La, " le ": Le, "L'": Elided, "l’": Elided, "LES": Les, "aucun": Bare, "": ""} {
		if got, ok := ParseArticle(in); !ok || got != want {
			t.Errorf("ParseArticle(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
	for _, bad := range []string{"lo", "un", "de la"} {
		if _, ok := ParseArticle(bad); ok {
			t.Errorf("ParseArticle(%q) accepted", bad)
		}
	}
	for in, want := range map[string]Gender{"f": Feminine, "M": Masculine, "Féminin": Feminine, "": Unknown} {
		if got, ok := ParseGender(in); !ok || got != want {
			t.Errorf("ParseGender(%q) = %v, %v; want %v", in, got, ok, want)
		}
	}
	if _, ok := ParseGender("x"); ok {
		t.Error(`ParseGender("x") accepted`)
	}
}
