package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/contrat-local-sante/cls/internal/embed"
	"github.com/contrat-local-sante/cls/internal/verify"
	"github.com/contrat-local-sante/cls/internal/verify/verifytest"
)

// buildShipped builds the shipped contract into dir; its path.
func buildShipped(t *testing.T, dir string) string {
	t.Helper()
	out := filepath.Join(dir, "contrat.pdf")
	if code, _, errOut := runAll(t, "build", "--config", filepath.Join("..", "..", "cls.yaml"), "--out", out); code != 0 {
		t.Fatalf("build: exit %d: %s", code, errOut)
	}
	return out
}

// A signed copy of the shipped contract: verifier names the build and
// the signer, extract and diff read what was signed; one byte changed
// in the build's part fails.
func TestVerifierOnASignedCopy(t *testing.T) {
	dir := t.TempDir()
	build := buildShipped(t, dir)
	pdf, err := os.ReadFile(build)
	if err != nil {
		t.Fatal(err)
	}
	// the build's first signature box, or a new field when it has none
	field := "Signature – Préfet du Calvados"
	if r, err := verify.Check("c.pdf", pdf, nil); err == nil && len(r.Signatures) > 0 {
		field = r.Signatures[0].Field
	}
	cp, err := verifytest.Sign(pdf, verifytest.Signer{Field: field, Name: "Préfet du Calvados", Date: "D:20250710143000+02'00'"})
	if err != nil {
		t.Fatal(err)
	}
	copie := filepath.Join(dir, "copie-signee.pdf")
	os.WriteFile(copie, cp, 0o644)

	code, out, errOut := runAll(t, "verifier", copie, "--empreinte", build+".sha256")
	if code != 0 || errOut != "" {
		t.Fatalf("verifier: exit %d\n%s%s", code, out, errOut)
	}
	wantLines(t, out, "1 signé\n",
		"Construction d'origine : intacte – les "+itoa(len(pdf))+" premiers octets (révision 1 sur 2) ont le SHA-256 "+embed.Sum(pdf)+" (celui de "+build+".sha256)",
		"« "+field+" » : signé par Préfet du Calvados, le 10 juillet 2025 à 14 h 30 (UTC+02:00)\n    couvre tout le document",
		"Sources jointes : ", "conformes au manifeste",
		"Résultat : la copie contient la construction d'origine intacte, avec ses sources.")

	// without --empreinte, from the territory folder: the builds in
	// output/ are tried
	os.Mkdir(filepath.Join(dir, "output"), 0o755)
	os.Rename(build+".sha256", filepath.Join(dir, "output", "contrat.pdf.sha256"))
	t.Chdir(dir)
	code, out, _ = runAll(t, "verifier", copie)
	if code != 0 {
		t.Errorf("verifier from the territory folder: exit %d\n%s", code, out)
	}
	wantLines(t, out, "(celui de "+filepath.Join("output", "contrat.pdf.sha256")+")")

	if code, out, errOut := runAll(t, "extract", copie, filepath.Join(dir, "x")); code != 0 || !strings.Contains(out, "fichiers extraits") {
		t.Errorf("extract of the signed copy: exit %d\n%s%s", code, out, errOut)
	}
	if code, out, errOut := runAll(t, "diff", build, copie); code != 0 || out != "Aucun changement.\n" {
		t.Errorf("diff build / signed copy: exit %d\n%s%s", code, out, errOut)
	}

	i := bytes.Index(cp, []byte("/MediaBox"))
	cp[i+1] = 'm'
	os.WriteFile(copie, cp, 0o644)
	code, out, _ = runAll(t, "verifier", copie, "--empreinte", embed.Sum(pdf))
	if code != 1 {
		t.Errorf("tampered copy: exit %d, want 1", code)
	}
	wantLines(t, out,
		"Construction d'origine : INTROUVABLE – aucun début de la copie n'a le SHA-256 attendu ("+embed.Sum(pdf)+", donné par --empreinte)",
		"Résultat : ÉCHEC de la vérification.")
}

// The build itself verifies, with the .sha256 written beside it.
func TestVerifierOnTheBuild(t *testing.T) {
	dir := t.TempDir()
	build := buildShipped(t, dir)
	code, out, errOut := runAll(t, "verifier", build)
	if code != 0 || errOut != "" {
		t.Fatalf("verifier: exit %d\n%s%s", code, out, errOut)
	}
	wantLines(t, out, "(révision 1 sur 1)", "(celui de "+build+".sha256)")
	if code, _, errOut := runAll(t, "verifier", filepath.Join(dir, "absente.pdf"), "--empreinte", embed.Sum(nil)); code != 1 || !strings.Contains(errOut, "absente.pdf : PDF introuvable ; attendu la copie du contrat à vérifier") {
		t.Errorf("absent copy: exit %d %s", code, errOut)
	}
}

// Signing with poppler's pdfsig, as a signatory office's tool would:
// every signature field of the build in turn (or two new fields when it
// has none), each reported valid by pdfsig, the last covering the whole
// document; then verifier names the build and every signer. Skipped
// without pdfsig and certutil (Debian: poppler-utils, libnss3-tools).
func TestVerifierAfterPdfsig(t *testing.T) {
	for _, tool := range []string{"pdfsig", "certutil"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s absent", tool)
		}
	}
	dir := t.TempDir()
	nss := "sql:" + filepath.Join(dir, "nss")
	os.Mkdir(filepath.Join(dir, "nss"), 0o700)
	os.WriteFile(filepath.Join(dir, "bruit"), bytes.Repeat([]byte("aléa pour la clé "), 8), 0o600)
	sh := func(name string, args ...string) string {
		t.Helper()
		out, err := exec.Command(name, args...).CombinedOutput()
		if err != nil {
			t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, out)
		}
		return string(out)
	}
	sh("certutil", "-N", "-d", nss, "--empty-password")
	sh("certutil", "-S", "-d", nss, "-n", "signataire", "-s", "CN=Prefet du Calvados,O=Prefecture,C=FR", "-x", "-t", "CT,C,C",
		"-k", "rsa", "-g", "2048", "-v", "12", "-z", filepath.Join(dir, "bruit"), "--keyUsage", "digitalSignature,nonRepudiation")

	build := buildShipped(t, dir)
	pdf, _ := os.ReadFile(build)
	r, err := verify.Check("c.pdf", pdf, nil)
	if err != nil {
		t.Fatal(err)
	}
	var steps [][]string
	for _, s := range r.Signatures {
		steps = append(steps, []string{"-sign", s.Field})
	}
	if len(steps) == 0 {
		steps = [][]string{{"-add-signature", "-new-signature-field-name", "Signature 1"}, {"-add-signature", "-new-signature-field-name", "Signature 2"}}
	}
	in := build
	for i, step := range steps {
		out := filepath.Join(dir, "signe-"+itoa(i+1)+".pdf")
		args := append([]string{"-nssdir", nss, "-nick", "signataire", "-reason", "Approbation"}, step...)
		sh("pdfsig", append(args, in, out)...)
		in = out
	}
	report := sh("pdfsig", "-nssdir", nss, in)
	if n := strings.Count(report, "Signature Validation: Signature is Valid."); n != len(steps) {
		t.Errorf("pdfsig: %d valid signatures, want %d\n%s", n, len(steps), report)
	}
	if last := report[strings.LastIndex(report, "Signature #"):]; !strings.Contains(last, "Total document signed") {
		t.Errorf("pdfsig: the last signature does not cover the whole document\n%s", report)
	}

	code, out, errOut := runAll(t, "verifier", in, "--empreinte", build+".sha256")
	if code != 0 || errOut != "" {
		t.Fatalf("verifier: exit %d\n%s%s", code, out, errOut)
	}
	wantLines(t, out, "premiers octets (révision 1 sur "+itoa(len(steps)+1)+") ont le SHA-256 "+embed.Sum(pdf), "couvre tout le document")
	if n := strings.Count(out, "signé par Prefet du Calvados"); n != len(steps) {
		t.Errorf("verifier names %d signers, want %d:\n%s", n, len(steps), out)
	}
}

func itoa(n int) string { return strconv.Itoa(n) }
