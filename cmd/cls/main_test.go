package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/contrat-local-sante/cls/internal/source/sourcetest"
)

// TestMain lets the test binary stand in for cls: build --all runs the
// program itself (os.Executable) once per territory, which under go test is
// this binary, started with asCLS set.
func TestMain(m *testing.M) {
	if os.Getenv(asCLS) == "1" {
		testHook = faults
		os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
	}
	os.Setenv(asCLS, "1") // for the children of the tests
	os.Exit(m.Run())
}

// asCLS names the variable that makes the test binary act as cls.
const asCLS = "CLSTEST_AS_CLS"

func TestBuildCommand(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "c.pdf")
	var stdout, stderr bytes.Buffer
	code := run([]string{"build", "--config", filepath.Join("..", "..", "cls.yaml"), "--out", out}, &stdout, &stderr)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	if !strings.Contains(stdout.String(), "Contrat écrit : "+out) || !strings.Contains(stdout.String(), "SHA-256 : ") {
		t.Errorf("output: %s", stdout.String())
	}
	if b, err := os.ReadFile(out); err != nil || !bytes.HasPrefix(b, []byte("%PDF")) {
		t.Fatal("no PDF written")
	}
}

func TestCheckCommandReportsAllProblems(t *testing.T) {
	dir := t.TempDir()
	tr := sourcetest.Example()
	tr.Fiches[1].Rows[1][6] = "peut-être" // bad status
	tr.Contrat[5].Rows[1][3] = "beaucoup" // text in a number cell
	cfg := tr.Write(t, dir, filepath.Join("..", "..", "fonts"))
	var stdout, stderr bytes.Buffer
	code := run([]string{"check", "--config", cfg}, &stdout, &stderr)
	if code != 1 {
		t.Fatalf("exit %d, want 1", code)
	}
	msg := stderr.String()
	for _, want := range []string{"statut « peut-être » inconnu", "« beaucoup » n'est pas un nombre entier", "2 erreur(s)"} {
		if !strings.Contains(msg, want) {
			t.Errorf("stderr lacks %q:\n%s", want, msg)
		}
	}
}

func TestFailedBuildSaysThePreviousPDFIsIntact(t *testing.T) {
	dir := t.TempDir()
	tr := sourcetest.Example()
	tr.Fiches[1].Rows[2][1] = "9"
	cfg := tr.Write(t, dir, filepath.Join("..", "..", "fonts"))
	out := filepath.Join(dir, "output", "cls-val-exemple.pdf")
	os.MkdirAll(filepath.Dir(out), 0o755)
	os.WriteFile(out, []byte("previous"), 0o644)
	var stdout, stderr bytes.Buffer
	if code := run([]string{"build", "--config", cfg}, &stdout, &stderr); code != 1 {
		t.Fatalf("exit %d", code)
	}
	if !strings.Contains(stderr.String(), "le PDF précédent est intact") {
		t.Errorf("stderr: %s", stderr.String())
	}
	if b, _ := os.ReadFile(out); string(b) != "previous" {
		t.Error("previous PDF changed")
	}
}

func TestCheckCommandRunsTheTemplates(t *testing.T) {
	dir := t.TempDir()
	tr := sourcetest.Example()
	tr.Templates["01-preambule.md"] = "# Préambule\n\n{{ .Territoire.Nomm }}\n"
	cfg := tr.Write(t, dir, filepath.Join("..", "..", "fonts"))
	var stdout, stderr bytes.Buffer
	if code := run([]string{"check", "--config", cfg}, &stdout, &stderr); code != 1 {
		t.Fatalf("exit %d: %s", code, stdout.String())
	}
	if !strings.Contains(stderr.String(), "01-preambule.md, ligne 3 : champ « Nomm » inconnu") {
		t.Errorf("stderr: %s", stderr.String())
	}
}

func TestCheckCommandOnTheShippedSources(t *testing.T) {
	var stdout, stderr bytes.Buffer
	if code := run([]string{"check", "--config", filepath.Join("..", "..", "cls.yaml")}, &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	if !strings.Contains(stdout.String(), "aucune erreur") {
		t.Errorf("stdout: %s", stdout.String())
	}
}

func TestBuildAllTerritories(t *testing.T) {
	dir := t.TempDir()
	fonts := filepath.Join("..", "..", "fonts")
	sourcetest.Example().Write(t, filepath.Join(dir, "val-a"), fonts)
	bad := sourcetest.Example()
	bad.Fiches[1].Rows[1][6] = "peut-être"
	bad.Write(t, filepath.Join(dir, "val-b"), fonts)
	sourcetest.Example().Write(t, filepath.Join(dir, "val-c"), fonts)
	var stdout, stderr bytes.Buffer
	code := run([]string{"build", "--all", dir}, &stdout, &stderr)
	if code != 1 {
		t.Fatalf("exit %d, want 1 (one territory fails)", code)
	}
	out := stdout.String()
	for _, want := range []string{"OK    " + filepath.Join(dir, "val-a"), "ÉCHEC " + filepath.Join(dir, "val-b"), "statut « peut-être » inconnu", "OK    " + filepath.Join(dir, "val-c"), "3 territoire(s) : 2 réussi(s), 1 en échec."} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	for _, d := range []string{"val-a", "val-c"} {
		if _, err := os.Stat(filepath.Join(dir, d, "output", "cls-val-exemple.pdf")); err != nil {
			t.Errorf("%s: no PDF", d)
		}
	}
}

func TestSetOverridesAnyKey(t *testing.T) {
	dir := t.TempDir()
	cfg := sourcetest.Example().Write(t, dir, filepath.Join("..", "..", "fonts"))
	out := filepath.Join(dir, "c.pdf")
	var stdout, stderr bytes.Buffer
	if code := run([]string{"build", "--config", cfg, "--out", out, "--set", "sortie.fichier=autre.pdf", "--set", "signature.lieu=Ailleurs"}, &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	if !strings.Contains(stdout.String(), "Version initiale signée le 2 mars 2026") {
		t.Errorf("stdout: %s", stdout.String())
	}
	stdout.Reset()
	stderr.Reset()
	if code := run([]string{"check", "--config", cfg, "--set", "papier.taille_texte=grand"}, &stdout, &stderr); code != 1 {
		t.Errorf("a wrong type through --set was accepted: %s", stderr.String())
	}
}

func TestCheckReportsAnUnwritableOutput(t *testing.T) {
	dir := t.TempDir()
	cfg := sourcetest.Example().Write(t, dir, filepath.Join("..", "..", "fonts"))
	os.WriteFile(filepath.Join(dir, "output"), []byte("a file where the output folder should be"), 0o644)
	var stdout, stderr bytes.Buffer
	if code := run([]string{"check", "--config", cfg}, &stdout, &stderr); code != 1 {
		t.Fatalf("exit %d", code)
	}
	if !strings.Contains(stderr.String(), "sortie.dossier : « "+filepath.Join(dir, "output")+" » n'est pas un dossier") {
		t.Errorf("stderr: %s", stderr.String())
	}
}
