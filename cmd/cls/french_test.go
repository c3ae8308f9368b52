package main

import (
	"strings"
	"testing"
)

// cobraEnglish are fragments of cobra's and pflag's own English, none of
// which may reach the coordinator.
var cobraEnglish = []string{"Usage", "Available", "Flags", "flag", "unknown", "accepts", "required", "invalid argument",
	"help for", "Help about", "Use \"", "for more information", "Did you mean", "default", "stringArray", "[command]", "Error"}

func TestCommandLineSpeaksFrench(t *testing.T) {
	// no arguments at all is no longer the help but the welcome page
	// (serve_test.go)
	help := [][]string{{"--help"}, {"-h"}, {"help"}, {"help", "build"}, {"build", "--help"}, {"evaluation", "template", "-h"}}
	bad := [][]string{
		{"help", "nope"}, {"nope"}, {"biuld"}, {"completion", "bash"}, {"build", "x"}, {"diff", "a"}, {"diff", "a", "b", "c"}, {"avenant"}, {"extract", "x.pdf"},
		{"evaluation"}, {"build", "--nope"}, {"build", "-x"}, {"--nope", "build"}, {"build", "--out"}, {"avenant", "1", "--avant"},
		{"build", "--delai", "abc"}, {"evaluation", "2025", "--append=peut-être"}, {"build", "---x"},
		{"build", "--set", "cle"}, {"check", "--set", "=valeur"}, {"check", "--set", "papier.couleur=rouge"},
	}
	for i, line := range append(help, bad...) {
		code, out, errOut := runAll(t, line...)
		for _, en := range cobraEnglish {
			if strings.Contains(out, en) || strings.Contains(errOut, en) {
				t.Errorf("cls %s: English %q in\n%s%s", strings.Join(line, " "), en, out, errOut)
			}
		}
		if want := map[bool]int{true: 0, false: 1}[i < len(help)]; code != want {
			t.Errorf("cls %s: exit %d, want %d", strings.Join(line, " "), code, want)
		}
	}
}

func TestCommandLineErrors(t *testing.T) {
	for _, tc := range []struct {
		line []string
		want string
	}{
		{[]string{"nope"}, "erreur : commande inconnue « nope » ; commandes possibles : avenant, build, check, diff, evaluation, extract, help, init, serve, verifier\n"},
		{[]string{"help", "nope"}, "erreur : commande inconnue « nope » ; commandes possibles : avenant, build, check, diff, evaluation, extract, help, init, serve, verifier\n"},
		{[]string{"build", "x"}, "erreur : cls build : argument inattendu « x » ; cette commande n'en prend aucun (voir « cls build --help »)\n"},
		{[]string{"diff", "a"}, "erreur : cls diff : 1 argument reçu (« a ») ; attendu 2 arguments : ANCIEN NOUVEAU (voir « cls diff --help »)\n"},
		{[]string{"extract", "a", "b", "c"}, "erreur : cls extract : 3 arguments reçus (« a » « b » « c ») ; attendu 2 arguments : FICHIER.pdf DOSSIER (voir « cls extract --help »)\n"},
		{[]string{"avenant"}, "erreur : cls avenant : aucun argument reçu ; attendu 1 argument : N (voir « cls avenant --help »)\n"},
		{[]string{"build", "--nope"}, "erreur : option inconnue « --nope » pour « cls build » ; options possibles : --all, --config, --date, --delai, --fonts, --help, --lieu, --out, --set, --sources, --templates\n"},
		{[]string{"build", "--out"}, "erreur : l'option --out attend une valeur : FICHIER\n"},
		{[]string{"build", "--delai", "abc"}, "erreur : l'option --delai : « abc » n'est pas une valeur possible ; attendu un nombre entier\n"},
		{[]string{"build", "--set", "cle"}, "erreur : --set « cle » : attendu section.cle=valeur (par exemple --set signature.lieu=Lisieux)\n"},
		{[]string{"check", "--set", " =valeur"}, "erreur : --set «  =valeur » : attendu section.cle=valeur (par exemple --set signature.lieu=Lisieux)\n"},
		{[]string{"check", "--set", "papier.couleur=rouge"}, "erreur : --set « papier.couleur=rouge » : clé « papier.couleur » inconnue ; clés possibles : territoire.nom, "},
	} {
		code, out, errOut := runAll(t, tc.line...)
		if code != 1 || out != "" || !strings.HasPrefix(errOut, tc.want) {
			t.Errorf("cls %s: exit %d, stdout %q, stderr %q; want 1 and %q", strings.Join(tc.line, " "), code, out, errOut, tc.want)
		}
	}
}

func TestHelpInFrench(t *testing.T) {
	code, out, _ := runAll(t, "build", "--help")
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	for _, want := range []string{"Construit le contrat en PDF\n\nUtilisation :\n  cls build [options]\n\nOptions :\n",
		"  -h, --help            affiche l'aide\n", "      --delai SECONDES  ", "(par défaut : 120)",
		"\nOptions globales :\n      --config FICHIER          fichier de configuration (par défaut : cls.yaml)\n"} {
		if !strings.Contains(out, want) {
			t.Errorf("help lacks %q:\n%s", want, out)
		}
	}
	_, out, _ = runAll(t, "--help")
	for _, want := range []string{"Commandes disponibles :\n", "  help        Affiche l'aide d'une commande\n", "Utilisez « cls [commande] --help » pour en savoir plus sur une commande.\n"} {
		if !strings.Contains(out, want) {
			t.Errorf("help lacks %q:\n%s", want, out)
		}
	}
}
