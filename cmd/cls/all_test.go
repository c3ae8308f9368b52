package main

import (
	"bytes"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/contrat-local-sante/cls/internal/source/sourcetest"
)

// territories writes the example territory into each named folder of a
// fresh directory and returns the directory.
func territories(t *testing.T, names ...string) string {
	t.Helper()
	dir := t.TempDir()
	for _, n := range names {
		sourcetest.Example().Write(t, filepath.Join(dir, n), filepath.Join("..", "..", "fonts"))
	}
	return dir
}

func runAll(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code = run(args, &out, &errOut)
	return code, out.String(), errOut.String()
}

func wantLines(t *testing.T, got string, want ...string) {
	t.Helper()
	for _, w := range want {
		if !strings.Contains(got, w) {
			t.Errorf("output lacks %q:\n%s", w, got)
		}
	}
}

func TestBuildAllIsolatesAPanickingTerritory(t *testing.T) {
	dir := territories(t, "a-val", "panique", "plante", "z-val")
	code, out, _ := runAll(t, "build", "--all", dir)
	if code != 1 {
		t.Errorf("exit %d, want 1", code)
	}
	wantLines(t, out,
		"OK    "+filepath.Join(dir, "a-val")+" → "+filepath.Join(dir, "a-val", "output", "cls-val-exemple.pdf"),
		"ÉCHEC "+filepath.Join(dir, "panique")+" : arrêt inattendu (erreur interne)\n   erreur interne (détail technique : runtime error: index out of range [3] with length 0) ; le PDF précédent est intact.",
		"ÉCHEC "+filepath.Join(dir, "plante")+" : arrêt inattendu (erreur interne ; détail technique : boum dans une goroutine)\n   Merci de signaler ce problème avec les fichiers de ce territoire.\n",
		"OK    "+filepath.Join(dir, "z-val"),
		"4 territoire(s) : 2 réussi(s), 2 en échec.")
	if strings.Contains(out, "goroutine ") {
		t.Errorf("a Go stack trace reached the coordinator:\n%s", out)
	}
	// in folder order, whatever the order they finished in
	if strings.Index(out, "a-val") > strings.Index(out, "panique") || strings.Index(out, "plante") > strings.Index(out, "z-val") {
		t.Errorf("not in folder order:\n%s", out)
	}
}

func TestBuildAllInterruptsAHangingTerritory(t *testing.T) {
	// hanging territories only: a slow machine must not fail a good one
	dir := territories(t, "bloque-a", "bloque-b")
	code, out, _ := runAll(t, "build", "--all", dir, "--delai", "1")
	if code != 1 {
		t.Errorf("exit %d, want 1", code)
	}
	wantLines(t, out,
		"ÉCHEC "+filepath.Join(dir, "bloque-a")+" : délai de 1 s dépassé, construction interrompue\n",
		"ÉCHEC "+filepath.Join(dir, "bloque-b")+" : délai de 1 s dépassé, construction interrompue\n",
		"2 territoire(s) : 0 réussi(s), 2 en échec.")
}

func TestBuildAllReportsAKilledTerritory(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no signals on Windows")
	}
	dir := territories(t, "tue")
	code, out, _ := runAll(t, "build", "--all", dir)
	if code != 1 {
		t.Errorf("exit %d, want 1", code)
	}
	wantLines(t, out, "ÉCHEC "+filepath.Join(dir, "tue")+" : arrêt inattendu (tué par le système, sans doute faute de mémoire)\n")
}

func TestBuildAllFolders(t *testing.T) {
	dir := territories(t, "val\x1b[31mrouge")
	os.MkdirAll(filepath.Join(dir, "b-sans-config", "sources"), 0o755)
	os.MkdirAll(filepath.Join(dir, ".cache"), 0o755)
	os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("pas un territoire"), 0o644)
	elsewhere := territories(t, "c-lien")
	if err := os.Symlink(filepath.Join(elsewhere, "c-lien"), filepath.Join(dir, "c-lien")); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	os.Symlink(filepath.Join(dir, "nulle-part"), filepath.Join(dir, "d-lien-casse"))
	code, out, _ := runAll(t, "build", "--all", dir)
	if code != 0 {
		t.Errorf("exit %d, want 0:\n%s", code, out)
	}
	wantLines(t, out,
		"IGNORÉ "+filepath.Join(dir, "b-sans-config")+" : pas de fichier cls.yaml dans ce dossier\n",
		"OK    "+filepath.Join(dir, "c-lien")+" → "+filepath.Join(dir, "c-lien", "output", "cls-val-exemple.pdf"),
		"IGNORÉ "+filepath.Join(dir, "d-lien-casse")+" : lien symbolique vers un dossier introuvable\n",
		"OK    "+filepath.Join(dir, "val<U+001B>[31mrouge")+" → ",
		"2 territoire(s) : 2 réussi(s), 0 en échec ; 2 dossier(s) ignoré(s).")
	if strings.ContainsAny(out, "\x1b") || strings.Contains(out, ".cache") || strings.Contains(out, "notes.txt") {
		t.Errorf("escape character, hidden folder or file in the output:\n%s", out)
	}
}

func TestBuildAllPassesTheOverrides(t *testing.T) {
	dir := territories(t, "a-val")
	code, out, _ := runAll(t, "build", "--all", dir, "--set", "sortie.fichier=autre.pdf", "--lieu", "Ailleurs")
	if code != 0 {
		t.Fatalf("exit %d:\n%s", code, out)
	}
	wantLines(t, out, filepath.Join(dir, "a-val", "output", "autre.pdf"))
}

func TestBuildAllRefusesWhatItWouldIgnore(t *testing.T) {
	dir := territories(t, "a-val")
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"build", "--all", dir, "--out", "x.pdf"}, "erreur : --out ne peut pas servir avec --all : chaque territoire prend son cls.yaml, ses sources, ses modèles et sa sortie dans son propre dossier\n"},
		{[]string{"build", "--all", dir, "--config", "cls.yaml"}, "erreur : --config ne peut pas servir avec --all"},
		{[]string{"build", "--delai", "5"}, "erreur : --delai ne sert qu'avec --all DOSSIER\n"},
		{[]string{"build", "--all", dir, "--delai", "0"}, "erreur : --delai 0 : attendu un nombre de secondes, au moins 1\n"},
		{[]string{"build", "--all", filepath.Join(dir, "absent")}, "erreur : " + filepath.Join(dir, "absent") + " : dossier introuvable ; attendu un dossier contenant un dossier par territoire\n"},
		{[]string{"build", "--all", filepath.Join(dir, "a-val", "sources")}, "erreur : " + filepath.Join(dir, "a-val", "sources") + " : aucun dossier de territoire (avec cls.yaml) ; attendu un dossier par territoire\n"},
	} {
		code, out, errOut := runAll(t, tc.args...)
		if code != 1 || !strings.HasPrefix(errOut, tc.want) || out != "" {
			t.Errorf("%v: exit %d, stdout %q, stderr %q; want 1 and %q", tc.args, code, out, errOut, tc.want)
		}
	}
}

func TestPanicInACommandIsAFrenchMessage(t *testing.T) {
	testHook = faults
	defer func() { testHook = nil }()
	dir := territories(t, "panique")
	code, out, errOut := runAll(t, "build", "--config", filepath.Join(dir, "panique", "cls.yaml"))
	if code != 2 || out != "" {
		t.Errorf("exit %d, stdout %q; want 2 and nothing", code, out)
	}
	want := "erreur interne (détail technique : runtime error: index out of range [3] with length 0) ; le PDF précédent est intact. Merci de signaler ce problème avec le fichier qui l'a provoqué.\n"
	if errOut != want {
		t.Errorf("stderr:\n%s\nwant:\n%s", errOut, want)
	}
}
